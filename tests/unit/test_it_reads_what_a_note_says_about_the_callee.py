"""A note that says the callee died or asked never to be called is noticed; other people's news is not.

The labelled notes in tests/fixtures/notes.csv were written as recruiters write them: deaths and
requests not to be called in English and Spanish, near misses (someone else died, a don't-call limited to
a time or a number, negations, "dead end", "deadline") and plain notes. The held-out notes were written
after the reader was done and are only reported.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from callsheet.domain.notes import note_says, weaker_than_note
from callsheet.domain.outcomes import Outcome

FIXTURES = Path(__file__).parent.parent / "fixtures"


def figures(name: str) -> dict[str, float]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    said = [(row["says"], (note_says(row["note"]) or "none")) for row in rows]

    def recall(label: str) -> float:
        wanted = [got for expected, got in said if expected == label]
        return sum(got == label for got in wanted) / len(wanted)

    plain = [got for expected, got in said if expected == "none"]
    return {"notes": len(rows), "deceased recall": recall("deceased"), "do_not_call recall": recall("do_not_call"),
            "false prompts": sum(got != "none" for got in plain) / len(plain)}


def test_it_notices_deaths_and_requests_not_to_be_called_and_seldom_asks_for_nothing() -> None:
    found = figures("notes.csv")
    print("labelled set:", {k: round(v, 3) for k, v in found.items()})
    assert found["notes"] >= 300
    assert found["deceased recall"] >= 0.95 and found["do_not_call recall"] >= 0.95
    assert found["false prompts"] <= 0.05


def test_it_reports_its_figures_on_notes_written_after_it() -> None:
    found = figures("notes_held_out.csv")
    print("held-out set:", {k: round(v, 3) for k, v in found.items()})
    assert found["notes"] >= 40


@pytest.mark.parametrize(("note", "says"), [
    ("Not deceased, moved to Denver", None),
    ("His old boss passed away", None),
    ("Her father died last year, she is back at work", None),
    ("Said don't call before 10", None),
    ("Don't call on Fridays", None),
    ("Call back, don't call mobile", None),
    ("Funeral was last week", Outcome.DECEASED),
    ("His widow answered", Outcome.DECEASED),
    ("Su viuda contestó; murió en junio", Outcome.DECEASED),
    ("Take me off your list", Outcome.DO_NOT_CALL),
    ("No me llame más", Outcome.DO_NOT_CALL),
    ("His widow asked us to stop calling", Outcome.DECEASED),
])
def test_a_note_says_what_a_recruiter_reads_in_it(note: str, says: Outcome | None) -> None:
    assert note_says(note) == says


def test_only_an_outcome_weaker_than_the_note_is_asked_about() -> None:
    assert weaker_than_note(Outcome.NO_ANSWER, "passed away last month") is Outcome.DECEASED
    assert weaker_than_note(Outcome.DO_NOT_CALL, "passed away last month") is Outcome.DECEASED
    assert weaker_than_note(Outcome.DECEASED, "stop calling me") is None
    assert weaker_than_note(Outcome.DO_NOT_CALL, "stop calling me") is None
    assert weaker_than_note(Outcome.HUNG_UP, "stop calling me") is Outcome.DO_NOT_CALL
    assert weaker_than_note(Outcome.VOICEMAIL, "") is None
