// Calls on the web desk: inbound calls pop the caller's card; a tel: call asks for its outcome on return.
(function () {
  "use strict";
  // Inbound calls ringing this user, from the desk's stream (server-sent events).
  function showPop(pops, pop) {
    var item = document.createElement("section");
    item.className = "pop" + (pop.warning ? " marked" : "");
    item.id = "pop-" + pop.id;
    item.setAttribute("role", "alert");
    var title = document.createElement("h2");
    title.textContent = "Calling now: ";
    if (pop.person_id) {
      var link = document.createElement("a");
      link.href = "/people/" + pop.person_id;
      link.textContent = pop.name;
      title.appendChild(link);
    } else {
      title.appendChild(document.createTextNode(pop.name));
    }
    item.appendChild(title);
    var phone = document.createElement("p");
    phone.textContent = pop.phone;
    item.appendChild(phone);
    if (pop.warning) {
      var warning = document.createElement("p");
      warning.className = "no";
      warning.textContent = pop.warning;
      item.appendChild(warning);
    }
    pops.prepend(item);
  }
  function listen() {
    var pops = document.getElementById("pops");
    if (!pops || !window.EventSource) { return; }
    var source = new EventSource(pops.dataset.events);
    source.addEventListener("pop", function (event) {
      var pop = JSON.parse(event.data);
      if (!document.getElementById("pop-" + pop.id)) { showPop(pops, pop); }
    });
  }
  // A call dialled by hand: remember when the tel: link was followed; back on the page, offer the log form
  // with the call's length filled in.
  var dialledAt = null;
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var tel = target.closest('a[href^="tel:"]');
    var form = document.getElementById("log-call");
    if (!tel || !form) { return; }
    dialledAt = Date.now();
    form.querySelector('input[name="phone"]').value = tel.getAttribute("href").slice(4);
  });
  function offerLog() {
    var form = document.getElementById("log-call");
    if (!form || dialledAt === null) { return; }
    form.querySelector('input[name="duration_s"]').value = String(Math.round((Date.now() - dialledAt) / 1000));
    dialledAt = null;
    form.hidden = false;
    var first = form.querySelector("button");
    if (first) { first.focus(); }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { offerLog(); }
  });
  window.addEventListener("focus", offerLog);
  document.addEventListener("DOMContentLoaded", listen);
})();
