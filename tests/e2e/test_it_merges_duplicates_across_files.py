from datetime import UTC, datetime
from pathlib import Path

from callsheet.domain.outcomes import Outcome, Touch
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork
from tests.e2e.cli import run
from tests.e2e.imports import by_name, everyone, fixture, import_json, set_suppression


def test_it_merges_the_same_person_from_three_files_without_losing_a_number(
        desk_env: dict[str, str], tmp_path: Path) -> None:
    import_json("linkedin", fixture("Connections.csv", tmp_path))
    import_json("vcard", fixture("iphone.vcf", tmp_path))
    summary = import_json("csv", fixture("people.csv", tmp_path))
    # The spreadsheet's "Kowalski, Jack" has the iPhone card's mobile and email: one person.
    assert summary["merged"] == 1
    jacks = [p for p in everyone() if "Kowalski" in p["name"]]
    # LinkedIn's Jack has only a URL, so nothing proves he is the same man: two records, flagged below.
    assert len(jacks) == 2
    phone_jack = next(p for p in jacks if p["phones"])
    assert phone_jack["phones"] == ["+14145550142", "+12625550187"]
    assert phone_jack["emails"] == ["jack@example.com"]
    pairs = run("duplicates", "--json").json()
    assert any({p["a"], p["b"]} == {j["id"] for j in jacks} for p in pairs)
    ann_pair = [p for p in pairs if p["a_name"].startswith("Ann")]
    # The spreadsheet's "Acme" is LinkedIn's "Acme, Inc.": one company, named as first seen.
    assert ann_pair and ann_pair[0]["company"] == "Acme, Inc."
    # Flagged, never merged: both Anns are still there.
    assert len([p for p in everyone() if p["name"].replace("  ", " ") == "Ann Nowak"]) == 2


def test_it_merges_by_hand_keeping_history_pipelines_and_the_stricter_suppression(
        desk_env: dict[str, str], database_url: str, tmp_path: Path) -> None:
    import_json("csv", fixture("people.csv", tmp_path))
    anns = [p for p in everyone() if p["name"] == "Ann Nowak"]
    keep, other = anns[0]["id"], anns[1]["id"]
    job = run("job", "add", "--title", "DBA", "--client", "Acme", "--json").json()
    assert run("pipeline", "add", str(job["id"]), str(other)).exit_code == 0
    engine = make_engine(database_url)
    with UnitOfWork(engine) as uow:
        uow.touches.add(Touch(person_id=other, at=datetime(2026, 11, 10, 15, tzinfo=UTC), outcome=Outcome.VOICEMAIL,
                              notes="left a message"), None, datetime(2026, 11, 10, 15, tzinfo=UTC))
    engine.dispose()
    set_suppression(database_url, other, "do_not_call")
    merged = run("merge", str(keep), str(other), "--json")
    assert merged.exit_code == 0, merged.stderr
    card = run("person", "show", str(keep), "--json").json()
    assert card["emails"] == ["ann@example.com", "ann.nowak@example.com"]
    assert card["phones"] == ["+14145550100"]
    assert [t["notes"] for t in card["history"]] == ["left a message"]
    assert [c["job_id"] for c in card["candidacies"]] == [job["id"]]
    assert card["suppression"] == "do_not_call"
    assert run("person", "show", str(other)).exit_code == 2
    assert run("merge", str(keep), str(keep)).exit_code == 2
    assert by_name("Ann Nowak")["id"] == keep
