"""The rejects file of an import started from the web desk or the API is kept in the store: it stops at
its cap, in whole rows, and counts the rows it leaves out."""

import csv
from pathlib import Path

from callsheet.services.imports.rejects import RejectsFile


def test_a_rejects_file_stops_at_its_cap_in_whole_rows_and_counts_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "people.csv.rejects.csv"
    rejects = RejectsFile(path, ["Full Name", "Cell #"], max_bytes=200)
    for row in range(2, 52):
        rejects.write(row, "phone: '12345' is not a valid phone number", [f"Bo Badphone {row}", "=12345"])
    rejects.close()
    with path.open(newline="", encoding="utf-8") as f:
        kept = list(csv.DictReader(f))
    assert 1 <= len(kept) < 50 and all(r["Full Name"].startswith("Bo Badphone") for r in kept)
    assert kept[0]["Cell #"] == "'=12345"  # formula-safe, as every file the product writes
    assert rejects.count == len(kept) and rejects.left_out == 50 - len(kept)
    assert path.stat().st_size < 200 + 100


def test_a_rejects_file_without_a_cap_keeps_every_row(tmp_path: Path) -> None:
    rejects = RejectsFile(tmp_path / "r.csv", ["Full Name"])
    for row in range(2, 1002):
        rejects.write(row, "no name", [""])
    rejects.close()
    assert (rejects.count, rejects.left_out) == (1000, 0)
