"""Spreadsheets as Excel writes them across Europe and as "Unicode text", and files that are not contacts at all."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.e2e.cli import run
from tests.e2e.imports import by_name, everyone, import_json, rejects

HEADER = ["Full Name", "Mobile", "Company"]
PEOPLE = [["Anna Müller", "(414) 555-0142", "Acme, Inc."], ["Renée Dubois", "(414) 555-0143", "Café; Bar"],
          ["Jack Kowalski", "(414) 555-0144", "Harley-Davidson"]]


def _write(path: Path, encoding: str, delimiter: str, rows: list[list[str]] | None = None, bom: str = "") -> Path:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows([HEADER, *(rows or PEOPLE)])
    path.write_bytes((bom + out.getvalue()).encode(encoding))
    return path


def _names_and_companies() -> list[tuple[str, str]]:
    return sorted((p["name"], p["company"]) for p in everyone())


EXPECTED = sorted((name, company) for name, _, company in PEOPLE)


def test_it_imports_every_row_of_a_semicolon_separated_file_from_excel(desk_env: dict[str, str],
                                                                        tmp_path: Path) -> None:
    path = _write(tmp_path / "people.csv", "utf-8", ";", bom="\ufeff")
    summary = import_json("csv", path)
    assert (summary["created"], summary["rejected"]) == (3, 0)
    assert _names_and_companies() == EXPECTED
    assert by_name("Anna Müller")["phones"] == ["+14145550142"]


def test_it_imports_every_row_of_a_tab_separated_file(desk_env: dict[str, str], tmp_path: Path) -> None:
    summary = import_json("csv", _write(tmp_path / "people.txt", "utf-8", "\t"))
    assert (summary["created"], summary["rejected"]) == (3, 0)
    assert _names_and_companies() == EXPECTED


def test_it_imports_every_row_of_excels_unicode_text_in_utf_16(desk_env: dict[str, str], tmp_path: Path) -> None:
    path = _write(tmp_path / "people.txt", "utf-16-le", "\t", bom="\ufeff")
    assert path.read_bytes()[:2] == b"\xff\xfe"
    summary = import_json("csv", path)
    assert (summary["created"], summary["rejected"]) == (3, 0)
    assert _names_and_companies() == EXPECTED


def test_it_imports_every_row_of_a_windows_1252_file_with_its_accents(desk_env: dict[str, str],
                                                                       tmp_path: Path) -> None:
    path = _write(tmp_path / "people.csv", "cp1252", ",")
    assert "Müller".encode("cp1252") in path.read_bytes()
    summary = import_json("csv", path)
    assert (summary["created"], summary["rejected"]) == (3, 0)
    assert _names_and_companies() == EXPECTED


def test_it_takes_the_delimiter_and_encoding_told_over_its_own_guess(desk_env: dict[str, str],
                                                                      tmp_path: Path) -> None:
    piped = _write(tmp_path / "piped.csv", "utf-8", "|")
    refused = run("import", "csv", str(piped))
    assert refused.exit_code == 2 and "no name column" in refused.stderr
    assert import_json("csv", piped, "--delimiter", "|")["created"] == 3
    # UTF-16 without a byte-order mark reads as binary to the guess; told, it imports.
    bare = _write(tmp_path / "bare.txt", "utf-16-le", "\t",
                  rows=[["Zoë Novák", "(414) 555-0150", "Acme, Inc."]])
    refused = run("import", "csv", str(bare))
    assert refused.exit_code == 2 and "bare.txt" in refused.stderr and "not a text file" in refused.stderr
    assert import_json("csv", bare, "--encoding", "utf-16-le", "--delimiter", "tab")["created"] == 1
    assert by_name("Zoë Novák")["phones"] == ["+14145550150"]
    wrong = run("import", "csv", str(bare), "--encoding", "klingon")
    assert wrong.exit_code == 2 and "klingon" in wrong.stderr and "Traceback" not in wrong.stderr


def test_it_refuses_a_binary_file_given_as_a_vcard_and_names_it(desk_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    result = run("import", "vcard", str(path))
    assert result.exit_code == 2 and "contacts.vcf" in result.stderr and "not a text file" in result.stderr
    path.write_text("Name,Phone\nAnn Lee,414-555-0100\n", encoding="utf-8")  # text, but no card in it
    result = run("import", "vcard", str(path))
    assert result.exit_code == 2 and "BEGIN:VCARD" in result.stderr, result.stderr
    assert everyone() == []


def test_it_refuses_an_empty_file_and_names_it(desk_env: dict[str, str], tmp_path: Path) -> None:
    for name, kind, content in (("empty.csv", "csv", b""), ("blank.csv", "csv", b"\xef\xbb\xbf\r\n  \r\n"),
                                ("empty.vcf", "vcard", b"")):
        path = tmp_path / name
        path.write_bytes(content)
        result = run("import", kind, str(path))
        assert result.exit_code == 2 and name in result.stderr and "empty" in result.stderr, result.stderr


def test_it_rejects_only_the_row_with_a_200_kb_value(desk_env: dict[str, str], tmp_path: Path) -> None:
    huge = "x" * 200_000
    path = _write(tmp_path / "people.csv", "utf-8", ",", rows=[PEOPLE[0], ["Big Notes", "(414) 555-0160", huge],
                                                                PEOPLE[2]])
    summary = import_json("csv", path)
    assert (summary["created"], summary["rejected"]) == (2, 1)
    [found] = rejects(Path(summary["rejects_file"]))
    assert found["row"] == "3"
    assert found["reason"] == "Company: a value of 200,000 characters is over the limit of 65,536"
    assert found["Full Name"] == "Big Notes" and len(found["Company"]) < 1000


def test_it_writes_a_rejected_formula_row_formula_safe_and_reads_it_back(desk_env: dict[str, str],
                                                                         tmp_path: Path) -> None:
    path = _write(tmp_path / "people.csv", "utf-8", ",", rows=[["", "+14145550170", "=1+1"], PEOPLE[0]])
    summary = import_json("csv", path)
    assert (summary["created"], summary["rejected"]) == (1, 1)
    rejected = Path(summary["rejects_file"])
    [found] = rejects(rejected)
    assert (found["reason"], found["Mobile"], found["Company"]) == ("name: a name is required", "+14145550170",
                                                                     "'=1+1")
    # Fixed in a spreadsheet and imported again: the cells read as they were.
    fixed = rejected.read_text(encoding="utf-8").replace("name: a name is required,,", "fixed,Eve Formula,")
    (tmp_path / "fixed.csv").write_text(fixed, encoding="utf-8")
    assert import_json("csv", tmp_path / "fixed.csv")["created"] == 1
    eve = by_name("Eve Formula")
    assert (eve["phones"], eve["company"]) == (["+14145550170"], "=1+1")
