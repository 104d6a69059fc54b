"""A hostile tester's inputs through the command line: a huge id, a moment in year 1 or 9999, a note
too long or holding control characters, a file nobody can write. Each is refused with exit 2 and a
message naming the field, never a traceback, and nothing stored changes, on either store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from callsheet.domain.bounds import NOTE_MAX
from tests.e2e.cli import Result, run

HUGE = "99999999999999999999"


def _said(result: Result) -> str:
    """What the command said, with the frame Typer draws round a usage error taken off."""
    return re.sub(r"[\s│╭╮╰╯─]+", " ", result.stdout + result.stderr)


def _refused(result: Result, field: str) -> None:
    said = _said(result)
    assert result.exit_code == 2, said
    assert "Traceback" not in said
    assert field.lower() in said.lower(), said


@pytest.fixture
def ann(desk_env: dict[str, str]) -> dict[str, object]:
    person = run("person", "add", "--name", "Ann Lee", "--phone", "414-555-0177", "--city", "Milwaukee",
                 "--state", "WI", "--json")
    assert person.exit_code == 0, person.stderr
    job = run("job", "add", "--title", "SRE", "--client", "Initech", "--city", "Milwaukee", "--state", "WI",
              "--json")
    assert job.exit_code == 0, job.stderr
    assert run("pipeline", "add", str(job.json()["id"]), str(person.json()["id"])).exit_code == 0
    return {"person": person.json()["id"], "job": job.json()["id"]}


def _card(person_id: object) -> str:
    shown = run("person", "show", str(person_id), "--json")
    assert shown.exit_code == 0, shown.stderr
    return shown.stdout


@pytest.mark.parametrize(("args", "field"), [
    (("person", "show", HUGE), "PERSON_ID"),
    (("job", "show", HUGE), "JOB_ID"),
    (("report", HUGE, "--out", "/tmp/never.pdf"), "JOB_ID"),
    (("why", HUGE), "PERSON_ID"),
    (("log", HUGE, "--outcome", "no_answer"), "PERSON_ID"),
    (("merge", HUGE, "1"), "KEEP"),
    (("merge", "1", HUGE), "OTHER"),
    (("person", "erase", HUGE, "--yes"), "PERSON_ID"),
    (("log", "1", "--outcome", "no_answer", "--job", HUGE), "--job"),
])
def test_it_refuses_an_id_beyond_the_stores_range(ann: dict[str, object], args: tuple[str, ...],
                                                   field: str) -> None:
    before = _card(ann["person"])
    _refused(run(*args), field)
    assert _card(ann["person"]) == before


@pytest.mark.parametrize(("args", "field"), [
    (("queue", "--at", "9999-12-31T23:59"), "at"),
    (("why", "{person}", "--at", "9999-12-31T23:59"), "at"),
    (("stats", "--from", "0001-01-01"), "from"),
    (("log", "{person}", "--outcome", "no_answer", "--at", "0001-01-01T10:00"), "at"),
    (("log", "{person}", "--outcome", "no_answer", "--at", "1969-12-31T10:00"), "at"),
])
def test_it_refuses_a_moment_out_of_range(ann: dict[str, object], args: tuple[str, ...], field: str) -> None:
    before = _card(ann["person"])
    _refused(run(*(a.format(**ann) for a in args)), field)
    assert _card(ann["person"]) == before


@pytest.mark.parametrize("note", ["x" * (NOTE_MAX + 1), "said\x00call back", "bell\x07here"])
def test_it_refuses_a_note_too_long_or_holding_control_characters(ann: dict[str, object], note: str) -> None:
    before = _card(ann["person"])
    _refused(run("log", str(ann["person"]), "--outcome", "no_answer", "--note", note), "note")
    assert _card(ann["person"]) == before


def test_it_keeps_a_note_at_the_cap_with_tabs_and_new_lines(ann: dict[str, object]) -> None:
    note = "line one\tand\r\nline two " + "x" * (NOTE_MAX - 30)
    logged = run("log", str(ann["person"]), "--outcome", "no_answer", "--note", note[:NOTE_MAX])
    assert logged.exit_code == 0, logged.stderr


@pytest.mark.parametrize("command", [("export", "ics"), ("export", "csv"), ("report", "{job}")])
def test_it_says_plainly_when_the_out_file_cannot_be_written(ann: dict[str, object], tmp_path: Path,
                                                            command: tuple[str, ...]) -> None:
    out = tmp_path / "nonexistent" / "x.out"
    _refused(run(*(a.format(**ann) for a in command), "--out", str(out)), "out")
    assert "cannot write" in _said(run(*(a.format(**ann) for a in command), "--out", str(out)))
    assert not out.parent.exists()
