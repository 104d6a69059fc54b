"""`callsheet report` writes HTML, a PDF a reader opens, and a CSV a spreadsheet opens, one row per candidate."""

import csv
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import Engine

from callsheet.services.reports.render import CSV_FIELDS
from tests import fixture_desk
from tests.e2e.cli import run


def test_the_pdf_opens_and_holds_the_job_and_its_candidates(engine: Engine, desk_env: dict[str, str],
                                                            tmp_path: Path) -> None:
    fx = fixture_desk.build(engine)
    out = tmp_path / "acme.pdf"
    assert run("report", str(fx.dba), "--format", "pdf", "--out", str(out)).exit_code == 0
    reader = PdfReader(out)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Senior Database Administrator" in text and "Acme Foods" in text
    for name in ("Ann Tester", "Ben Tester", "Jo Tester", "Ida Referral"):
        assert name in text
    assert "Compensation" in text


def test_the_csv_has_a_header_and_one_row_per_candidate(engine: Engine, desk_env: dict[str, str],
                                                        tmp_path: Path) -> None:
    fx = fixture_desk.build(engine)
    out = tmp_path / "acme.csv"
    assert run("report", str(fx.dba), "--format", "csv", "--out", str(out)).exit_code == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames or ()) == CSV_FIELDS
    assert len(rows) == 10
    assert len({r["candidate"] for r in rows}) == 10
    # A name that looks like a formula stays text in a spreadsheet.
    assert "'" + fixture_desk.RISKY_NAME in {r["candidate"] for r in rows}
    assert all(not r[k].startswith(("=", "+", "-", "@")) for r in rows for k in CSV_FIELDS)


def test_the_html_escapes_what_people_typed(engine: Engine, desk_env: dict[str, str], tmp_path: Path) -> None:
    fx = fixture_desk.build(engine)
    out = tmp_path / "acme.html"
    assert run("report", str(fx.dba), "--format", "html", "--out", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<i>Mallory</i>" not in html and "&lt;i&gt;Mallory&lt;/i&gt;" in html
    assert "Senior Database Administrator" in html


def test_a_missing_job_or_an_unknown_format_is_bad_input(engine: Engine, desk_env: dict[str, str],
                                                        tmp_path: Path) -> None:
    fx = fixture_desk.build(engine)
    missing = run("report", "999", "--format", "pdf", "--out", str(tmp_path / "x.pdf"))
    assert missing.exit_code == 2 and "job" in missing.stderr
    odd = run("report", str(fx.dba), "--format", "docx", "--out", str(tmp_path / "x.docx"))
    assert odd.exit_code == 2 and "format" in odd.stderr
    assert not (tmp_path / "x.docx").exists()
