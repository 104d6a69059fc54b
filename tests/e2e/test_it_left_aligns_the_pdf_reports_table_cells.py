"""The PDF report's table cells are left-aligned: a narrow cell never spreads a short line's words apart."""

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.e2e.cli import run


@pytest.fixture
def demo_desk(desk_env: dict[str, str]) -> dict[str, str]:
    assert run("demo", "--people", "400", "--no-serve").exit_code == 0
    return desk_env


def test_it_left_aligns_the_pdf_reports_table_cells(demo_desk: dict[str, str], tmp_path: Path) -> None:
    for job in ("1", "2", "3"):
        out = tmp_path / f"job{job}.pdf"
        assert run("report", job, "--format", "pdf", "--out", str(out)).exit_code == 0
        drawn = b"".join(page.get_contents().get_data() for page in PdfReader(out).pages)
        # Justified lines are drawn with word spacing: a TJ array of gaps, or a non-zero Tw.
        assert not re.search(rb"\) -?\d+(\.\d+)?\(", drawn)
        assert not re.search(rb"(?<![\d.])(?!0 )-?\d+(\.\d+)? Tw", drawn)
