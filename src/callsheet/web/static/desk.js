// The call sheet's keyboard: j/k (or arrows) pick a row, a letter logs its outcome or opens its questions.
(function () {
  "use strict";
  function rows() { return Array.from(document.querySelectorAll(".sheet-row")); }
  function current() { return document.querySelector(".sheet-row.current") || rows()[0] || null; }
  function setCurrent(row) {
    rows().forEach(function (r) { r.classList.toggle("current", r === row); });
    if (row) { row.scrollIntoView({ block: "nearest" }); }
  }
  function openFollowUp(button) {
    var form = button.closest("form");
    var fieldset = form && form.querySelector('fieldset[data-for="' + button.dataset.follow + '"]');
    if (!fieldset) { return; }
    fieldset.hidden = false;
    var first = fieldset.querySelector("select, input, button");
    if (first) { first.focus(); }
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var follow = target.closest("[data-follow]");
    if (follow) { openFollowUp(follow); }
    var row = target.closest(".sheet-row");
    if (row) { setCurrent(row); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    if (target instanceof Element && target.closest("input, select, textarea")) { return; }
    var list = rows();
    var row = current();
    if (!row) { return; }
    var index = list.indexOf(row);
    if (event.key === "j" || event.key === "ArrowDown") {
      setCurrent(list[Math.min(index + 1, list.length - 1)]); event.preventDefault(); return;
    }
    if (event.key === "k" || event.key === "ArrowUp") {
      setCurrent(list[Math.max(index - 1, 0)]); event.preventDefault(); return;
    }
    var button = row.querySelector('[data-key="' + event.key + '"]');
    if (button) { event.preventDefault(); setCurrent(row); button.click(); }
  });
  // After a row is logged, the next row becomes the current one.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var old = event.detail.target;
    if (old && old.classList && old.classList.contains("sheet-row")) {
      var list = rows();
      var next = list[list.indexOf(old) + 1] || list[list.indexOf(old) - 1] || null;
      document.addEventListener("htmx:afterSettle", function () { if (next && next.isConnected) { setCurrent(next); } },
        { once: true });
    }
  });
  document.addEventListener("DOMContentLoaded", function () { setCurrent(current()); });
})();

// Files dropped on a form marked data-drop (the import page, a person's card) are its files: it is sent at once.
(function () {
  "use strict";
  document.querySelectorAll("form[data-drop]").forEach(function (form) {
    var input = form.querySelector('input[type="file"]');
    if (!input) { return; }
    form.addEventListener("dragover", function (event) { event.preventDefault(); form.classList.add("dropping"); });
    form.addEventListener("dragleave", function () { form.classList.remove("dropping"); });
    form.addEventListener("drop", function (event) {
      event.preventDefault();
      form.classList.remove("dropping");
      if (!event.dataTransfer || !event.dataTransfer.files.length) { return; }
      input.files = event.dataTransfer.files;
      form.requestSubmit();
    });
  });
}());
