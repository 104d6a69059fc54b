from datetime import UTC, datetime
from pathlib import Path

from callsheet.domain.outcomes import Outcome, Touch
from callsheet.store.engine import make_engine
from callsheet.store.tables import emails, erased_keys, phones, suppression_events, touches
from callsheet.store.uow import UnitOfWork
from tests.e2e.cli import run
from tests.e2e.imports import by_name, fixture, import_json, rows_of


def test_it_erases_data_and_history_and_keeps_only_salted_hashes(
        desk_env: dict[str, str], database_url: str, tmp_path: Path) -> None:
    import_json("vcard", fixture("iphone.vcf", tmp_path))
    jack = by_name("Jack Kowalski")
    engine = make_engine(database_url)
    with UnitOfWork(engine) as uow:
        at = datetime(2026, 11, 10, 15, tzinfo=UTC)
        uow.touches.add(Touch(person_id=jack["id"], at=at, outcome=Outcome.NO_ANSWER), None, at)
    engine.dispose()
    result = run("person", "erase", str(jack["id"]), "--yes", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["hashes_kept"] == 3  # two phones, one email
    card = run("person", "show", str(jack["id"]), "--json").json()
    assert card["name"] == "Erased person" and card["suppression"] == "erased"
    assert card["phones"] == [] and card["emails"] == [] and card["history"] == [] and card["company"] == ""
    assert [(e["action"], e["suppression"], e["user"]) for e in card["suppression_audit"]] == [
        ("set", "erased", "andrew")]
    assert [r for r in rows_of(database_url, touches) if r.person_id == jack["id"]] == []
    assert all(r.person_id != jack["id"] for r in rows_of(database_url, phones) + rows_of(database_url, emails))
    kept = rows_of(database_url, erased_keys)
    assert len(kept) == 3 and all("+1414" not in r.digest and len(r.digest) == 64 for r in kept)
    assert len(rows_of(database_url, suppression_events)) == 1


def test_it_never_imports_an_erased_person_as_callable_again(desk_env: dict[str, str], tmp_path: Path) -> None:
    import_json("vcard", fixture("iphone.vcf", tmp_path))
    jack = by_name("Jack Kowalski")
    assert run("person", "erase", str(jack["id"]), "--yes").exit_code == 0
    again = import_json("vcard", fixture("iphone.vcf", tmp_path))
    assert (again["created"], again["merged"], again["suppressed"]) == (0, 1, 1)
    # The spreadsheet knows him by the same mobile under another spelling of his name.
    sheet = import_json("csv", fixture("people.csv", tmp_path))
    assert sheet["suppressed"] == 1
    assert all("Kowalski" not in p["name"] for p in run("person", "list", "--json").json())
    zoe = by_name("Zoë Ørsted-Nowak")
    refused = run("merge", str(jack["id"]), str(zoe["id"]))
    assert refused.exit_code == 2 and "erased" in refused.stderr


def test_it_asks_before_erasing_and_says_when_the_person_is_unknown(desk_env: dict[str, str]) -> None:
    added = run("person", "add", "--name", "Ann", "--phone", "414-555-0100", "--json").json()
    refused = run("person", "erase", str(added["id"]), input="n\n")
    assert refused.exit_code == 1 and by_name("Ann")["phones"] == ["+14145550100"]
    assert run("person", "erase", "999", "--yes").exit_code == 2
