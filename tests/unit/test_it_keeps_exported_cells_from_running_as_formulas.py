"""Both CSV exports (people for outreach, a job's client report) pass every cell through one guard."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from callsheet.domain.cells import from_spreadsheet, spreadsheet_safe
from callsheet.domain.model import Person, Phone
from callsheet.services.people.exports import write_csv
from callsheet.services.reports.job_report import CallCounts, CandidateLine, JobReport
from callsheet.services.reports.render import to_csv

FORMULAS = ["=1+1", "+A1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)"]
GUARDED = ["'=1+1", "'+A1", "'-2+3+cmd|' /C calc'!A0", "'@SUM(A1)"]


def _people_export(names: list[str], phone: str) -> list[dict[str, str]]:
    out = io.StringIO()
    write_csv(iter([Person(name=n, phones=[Phone(phone)]) for n in names]), out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def _report_export(names: list[str]) -> list[dict[str, str]]:
    report = JobReport(job_id=1, title="DBA", client="Acme", place="Milwaukee, WI", recruiter="Dana",
                       prepared_at=datetime(2026, 11, 20, tzinfo=UTC), funnel=[],
                       candidates=[CandidateLine(person_id=i, name=n, stage="sourced") for i, n in enumerate(names)],
                       counts=CallCounts())
    return list(csv.DictReader(io.StringIO(to_csv(report))))


def test_it_prefixes_an_apostrophe_to_a_cell_a_spreadsheet_would_run() -> None:
    assert [spreadsheet_safe(x) for x in [*FORMULAS, "Ann"]] == [*GUARDED, "Ann"]


def test_it_neutralises_formulas_in_the_people_export() -> None:
    rows = _people_export(FORMULAS, "+14145550142")
    assert [r["Name"] for r in rows] == GUARDED


def test_it_neutralises_formulas_in_the_client_report() -> None:
    rows = _report_export(FORMULAS)
    assert [r["candidate"] for r in rows] == GUARDED


def test_it_writes_a_phone_number_readable_with_every_digit() -> None:
    [row] = _people_export(["Jack Kowalski"], "+14145550142")
    assert row["Phones"] == "+14145550142"  # digits and a sign name no function: nothing to guard


@pytest.mark.parametrize("cell", ["+1 (414) 555-0142; +44 20 7946 0000", "-3", "+1"])
def test_it_leaves_numbers_and_phone_numbers_unguarded(cell: str) -> None:
    assert spreadsheet_safe(cell) == cell


def test_it_reads_back_an_older_guarded_phone_whole() -> None:
    assert from_spreadsheet("'+14145550142") == "+14145550142"


@pytest.mark.parametrize("cell", ["Ann Lee", "'twas", "'", ""])
def test_it_reads_back_a_cell_it_never_guarded_unchanged(cell: str) -> None:
    assert from_spreadsheet(cell) == cell
