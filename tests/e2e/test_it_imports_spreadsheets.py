from pathlib import Path

from tests.e2e.cli import run
from tests.e2e.imports import by_name, everyone, fixture, import_json, rejects


def test_it_recognises_common_headers_and_ignores_extra_columns(desk_env: dict[str, str], tmp_path: Path) -> None:
    summary = import_json("csv", fixture("people.csv", tmp_path))
    assert (summary["created"], summary["merged"], summary["suppressed"], summary["rejected"]) == (7, 0, 0, 1)
    jack = by_name("Kowalski, Jack")
    assert (jack["phones"], jack["emails"], jack["company"], jack["city"]) == (
        ["+14145550142"], ["jack@example.com"], "Acme, Inc.", "Milwaukee")
    ann = by_name("Ann Nowak")
    assert ann["title"] == "Developer, Senior" and ann["zip"] == "53202" and ann["city"] == "Milwaukee"
    assert by_name("Li Wei")["phones"] == ["+442079460958"]


def test_it_writes_rejected_rows_and_dropped_values_with_row_numbers(desk_env: dict[str, str], tmp_path: Path) -> None:
    path = fixture("people.csv", tmp_path)
    summary = import_json("csv", path)
    assert summary["rejects_file"] == str(tmp_path / "people.csv.rejects.csv")
    found = rejects(Path(summary["rejects_file"]))
    assert [(r["row"], r["reason"]) for r in found] == [
        ("4", "phone: '12345' is not a valid phone number"),
        ("7", "name: a name is required"),
        ("8", "place: 'London' not found; kept as text"),
        ("9", "phone: '555-12' is not a valid phone number"),
        ("9", "email: 'not-an-email' is not an email address"),
    ]
    # The rest of a row with a bad number is kept.
    assert by_name("Ann Nowak")["phones"] == ["+14145550100"]
    assert found[0]["Full Name"] == "Ann Nowak" and found[0]["Owner"] == "andrew"


def test_it_maps_unknown_headers_when_told(desk_env: dict[str, str], tmp_path: Path) -> None:
    path = fixture("other-ats.csv", tmp_path)
    refused = run("import", "csv", str(path), "--json")
    assert refused.exit_code == 2 and "--map" in refused.stderr and "Traceback" not in refused.stderr
    summary = import_json("csv", path, "--map", "Candidate Name=name", "--map", "Handy=mobile",
                          "--map", "Firma=company", "--map", "Headline=title")
    assert summary["created"] == 1
    tomasz = by_name("Tomasz Wójcik")
    assert (tomasz["phones"], tomasz["company"], tomasz["title"]) == (["+12625550166"], "Harley-Davidson",
                                                                      "Network Engineer")
    bad = run("import", "csv", str(path), "--map", "Handy=shoe_size")
    assert bad.exit_code == 2 and "shoe_size" in bad.stderr


def test_it_shows_what_a_dry_run_would_do_and_stores_nothing(desk_env: dict[str, str], tmp_path: Path) -> None:
    summary = import_json("csv", fixture("people.csv", tmp_path), "--dry-run")
    assert (summary["created"], summary["rejected"], summary["dry_run"]) == (7, 1, True)
    assert everyone() == []


def test_it_imports_the_same_spreadsheet_twice_without_changes(desk_env: dict[str, str], tmp_path: Path) -> None:
    path = fixture("people.csv", tmp_path)
    import_json("csv", path)
    before = everyone()
    again = import_json("csv", path)
    assert (again["created"], again["merged"], again["rejected"]) == (0, 7, 1)
    assert everyone() == before


def test_it_refuses_a_missing_file_with_exit_two(desk_env: dict[str, str], tmp_path: Path) -> None:
    result = run("import", "csv", str(tmp_path / "nope.csv"))
    assert result.exit_code == 2 and "nope.csv" in result.stderr
