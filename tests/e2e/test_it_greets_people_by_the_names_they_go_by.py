"""Names as people write them: scripts greet by the stored first name, the parts are editable, and
nicknames of one given name at one company are proposed as duplicates."""

from pathlib import Path

from callsheet.domain.scripts import CallKind
from tests.e2e.cli import run


def _add(name: str, company: str = "") -> dict:  # type: ignore[type-arg]
    added = run("person", "add", "--name", name, "--phone", "414-555-0100", "--company", company, "--json")
    assert added.exit_code == 0, added.stderr
    return added.json()  # type: ignore[no-any-return]


def _scripts(person_id: int) -> list[str]:
    texts = []
    for kind in CallKind:
        shown = run("script", "show", kind.value, "--person", str(person_id), "--json")
        assert shown.exit_code == 0, shown.stderr
        texts += [shown.json()["conversation"]["text"], shown.json()["voicemail"]["text"]]
    return texts


def test_dr_ann_van_der_berg_is_greeted_hi_ann_in_every_script(desk_env: dict[str, str]) -> None:
    ann = _add("Dr. Ann van der Berg")
    assert (ann["first_name"], ann["last_name"]) == ("Ann", "van der Berg")
    for text in _scripts(ann["id"]):
        assert "Hi Ann," in text and "Hi Dr." not in text, text
    printed = run("script", "show", "recruiter_cold", "--person", str(ann["id"]))
    assert printed.exit_code == 0 and "Hi Ann," in printed.stdout
    guided = run("call", str(ann["id"]), input="")  # the guided call shows its script before asking anything
    assert "Hi Ann," in guided.stdout and "Hi Dr." not in guided.stdout


def test_editing_the_first_name_changes_the_greeting(desk_env: dict[str, str]) -> None:
    ann = _add("Dr. Ann van der Berg")
    edited = run("person", "edit", str(ann["id"]), "--first-name", "Annie", "--json")
    assert edited.exit_code == 0, edited.stderr
    assert edited.json()["first_name"] == "Annie" and edited.json()["name"] == "Dr. Ann van der Berg"
    for text in _scripts(ann["id"]):
        assert "Hi Annie," in text, text
    said = run("person", "edit", str(ann["id"]), "--last-name", "Van der Berg")
    assert said.exit_code == 0 and "first name Annie, last name Van der Berg" in said.stdout


def test_a_new_full_name_is_read_again_unless_its_parts_are_given(desk_env: dict[str, str]) -> None:
    person = _add("Ann Nowak")
    renamed = run("person", "edit", str(person["id"]), "--name", "Prof. Bea de la Cruz PhD", "--json").json()
    assert (renamed["first_name"], renamed["last_name"]) == ("Bea", "de la Cruz")
    told = run("person", "edit", str(person["id"]), "--name", "Bea Cruz-Lopez", "--first-name", "Beatriz",
               "--json").json()
    assert (told["name"], told["first_name"], told["last_name"]) == ("Bea Cruz-Lopez", "Beatriz", "Cruz-Lopez")
    card = run("person", "show", str(person["id"]), "--json").json()
    assert (card["first_name"], card["last_name"]) == ("Beatriz", "Cruz-Lopez")


def test_a_one_word_name_or_a_title_and_surname_keeps_a_sensible_greeting(desk_env: dict[str, str]) -> None:
    for name, greeting in (("Cher", "Hi Cher,"), ("Dr. Smith", "Hi Dr. Smith,")):
        person = _add(name)
        for text in _scripts(person["id"]):
            assert greeting in text, text


def test_a_name_edit_with_nothing_to_change_or_a_bad_part_is_refused_naming_the_field(
        desk_env: dict[str, str]) -> None:
    person = _add("Ann Nowak")
    nothing = run("person", "edit", str(person["id"]))
    assert nothing.exit_code == 2 and "name" in nothing.stderr and "Traceback" not in nothing.stderr
    blank = run("person", "edit", str(person["id"]), "--name", "   ")
    assert blank.exit_code == 2 and "name" in blank.stderr
    nul = run("person", "edit", str(person["id"]), "--first-name", "An\x00n")
    assert nul.exit_code == 2 and "first_name" in nul.stderr
    missing = run("person", "edit", "999999", "--first-name", "Ann")
    assert missing.exit_code != 0 and "Traceback" not in missing.stderr
    card = run("person", "show", str(person["id"]), "--json").json()
    assert (card["name"], card["first_name"], card["last_name"]) == ("Ann Nowak", "Ann", "Nowak")


def test_bob_and_robert_smith_at_one_company_are_proposed_as_duplicates(desk_env: dict[str, str]) -> None:
    bob, robert = _add("Bob Smith", "Acme"), _add("Robert Smith", "Acme")
    rob_jones = _add("Rob Jones", "Acme")
    liz, elizabeth = _add("Liz Taylor", "Acme"), _add("Dr. Elizabeth Taylor", "Acme")
    bill, william = _add("Bill Brown", "Acme"), _add("William Brown", "Acme")
    elsewhere = _add("Bobby Smith", "Globex")
    pairs = run("duplicates", "--json").json()
    found = {frozenset((p["a"], p["b"])): p for p in pairs}
    for a, b in ((bob, robert), (liz, elizabeth), (bill, william)):
        pair = found[frozenset((a["id"], b["id"]))]
        assert pair["match"] == "nickname" and pair["company"] == "Acme"
    assert frozenset((bob["id"], rob_jones["id"])) not in found
    assert not any(elsewhere["id"] in key for key in found)
    table = run("duplicates")
    assert "Bob Smith / Robert Smith" in table.stdout and "nickname" in table.stdout


def test_a_vcard_export_names_the_stored_first_and_last_name(desk_env: dict[str, str], tmp_path: Path) -> None:
    _add("Dr. Ann van der Berg")
    out = tmp_path / "people.vcf"
    assert run("export", "vcard", "--out", str(out)).exit_code == 0
    assert "N:van der Berg;Ann;;;" in out.read_text(encoding="utf-8")


def test_an_erased_person_keeps_no_name_parts_and_their_name_cannot_be_edited(desk_env: dict[str, str]) -> None:
    ann = _add("Dr. Ann van der Berg")
    assert run("person", "erase", str(ann["id"]), "--yes").exit_code == 0
    card = run("person", "show", str(ann["id"]), "--json").json()
    assert (card["first_name"], card["last_name"]) == ("", "") and "Ann" not in card["name"]
    refused = run("person", "edit", str(ann["id"]), "--first-name", "Ann")
    assert refused.exit_code == 2 and "erased" in refused.stderr
