import csv
from pathlib import Path

from sqlalchemy import delete

from callsheet.store.engine import make_engine
from callsheet.store.tables import DESK_ID, metadata
from callsheet.store.uow import DEFAULT_DESK
from tests.e2e.cli import run
from tests.e2e.imports import by_name, everyone, fixture, import_json, set_suppression


def _export(kind: str, out: Path, *extra: str) -> dict[str, object]:
    result = run("export", kind, "--out", str(out), *extra, "--json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = result.json()
    return data


def test_it_leaves_suppressed_people_out_and_neutralises_formulas(
        desk_env: dict[str, str], database_url: str, tmp_path: Path) -> None:
    import_json("csv", fixture("people.csv", tmp_path))
    set_suppression(database_url, by_name("Dana Nevercall")["id"], "do_not_call")
    out = tmp_path / "out.csv"
    assert _export("csv", out)["people"] == 6
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    names = [r["Name"] for r in rows]
    assert "Dana Nevercall" not in names
    assert "'=HYPERLINK(\"http://x\")" in names
    jack = next(r for r in rows if r["Name"] == "Kowalski, Jack")
    assert jack["Phones"] == "+14145550142" and jack["Company"] == "Acme, Inc."


def test_it_exports_a_selection_by_words_or_by_job(desk_env: dict[str, str], tmp_path: Path) -> None:
    import_json("csv", fixture("people.csv", tmp_path))
    out = tmp_path / "dev.csv"
    assert _export("csv", out, "--query", "developer acme")["people"] == 2
    job = run("job", "add", "--title", "DBA", "--client", "Acme", "--json").json()
    run("pipeline", "add", str(job["id"]), str(by_name("Li Wei")["id"]))
    assert _export("vcard", tmp_path / "job.vcf", "--job", str(job["id"]))["people"] == 1
    assert "FN:Li Wei" in (tmp_path / "job.vcf").read_text(encoding="utf-8")
    assert run("export", "csv", "--out", str(out), "--job", "999").exit_code == 2


def test_it_round_trips_people_and_numbers_through_vcard(
        desk_env: dict[str, str], database_url: str, tmp_path: Path) -> None:
    for name in ("iphone.vcf", "google.vcf", "android-2.1.vcf", "contacts-4.0.vcf"):
        import_json("vcard", fixture(name, tmp_path))
    import_json("csv", fixture("people.csv", tmp_path))
    first = tmp_path / "first.vcf"
    _export("vcard", first)
    before = sorted((p["name"], p["phones"], p["emails"]) for p in everyone())
    empty_the_desk(database_url)
    assert everyone() == []
    summary = import_json("vcard", first)
    assert summary["rejected"] == 0 and summary["created"] == len(before)
    assert sorted((p["name"], p["phones"], p["emails"]) for p in everyone()) == before
    second = tmp_path / "second.vcf"
    _export("vcard", second)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def empty_the_desk(database_url: str) -> None:
    """Every record of the desk gone; the desk itself stays (its name, its settings)."""
    engine = make_engine(database_url)
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            if DESK_ID in table.c:
                conn.execute(delete(table).where(table.c[DESK_ID] == DEFAULT_DESK))
    engine.dispose()
