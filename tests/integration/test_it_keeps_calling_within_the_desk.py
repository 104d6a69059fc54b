"""Two desks in one store: what one desk logs never shows in the other's calling, reports or decisions.

Each desk is laid down row by row in the store (every row names its desk), with the same recruiter login,
client, job, person and number in both; desk 2 then calls, promises callbacks, reaches rungs, rehearses
and marks its people. Desk 1's sheet, history, stats, reports and callbacks read the same before and after.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert

from callsheet.clock import FixedClock
from callsheet.services.calling.callbacks import open_callbacks
from callsheet.services.calling.policy import why
from callsheet.services.calling.sheet import call_sheet
from callsheet.services.people.cards import person_card
from callsheet.services.reports.analytics import make_scope, outreach_stats
from callsheet.services.reports.wins import wins
from callsheet.settings import Settings
from callsheet.store.calls_repo import desk_of_call
from callsheet.store.tables import (
    candidacies,
    companies,
    desks,
    jobs,
    people,
    phones,
    rehearsals,
    suppression_events,
    touches,
    users,
)
from callsheet.store.uow import UnitOfWork
from tests.conftest import DESK_ZONE, NOW

SETTINGS = Settings(timezone=DESK_ZONE)
CLOCK = FixedClock(datetime.fromisoformat(NOW))
NUMBER = "+14145550101"
#: Desk 2's rows are numbered apart from desk 1's (SQLite numbers every row of a table once, across desks).
SECOND = 100


def _desk(engine: Engine, desk: int) -> None:
    """A recruiter, a client's open job and a candidate for it, with one call made three days ago."""
    n, at = SECOND if desk == 2 else 0, CLOCK.now()
    with engine.begin() as conn:
        if desk == 2:
            conn.execute(insert(desks).values(id=2, name="Second", created_at=at))
        conn.execute(insert(users).values(desk_id=desk, id=n + 1, login="andrew", name="Andrew", created_at=at))
        conn.execute(insert(companies).values(desk_id=desk, id=n + 1, name="Acme", name_key="acme", created_at=at))
        conn.execute(insert(jobs).values(desk_id=desk, id=n + 1, title="DBA", company_id=n + 1, owner_id=n + 1,
                                         urgency=5, created_at=at))
        conn.execute(insert(people).values(desk_id=desk, id=n + 1, name="Ann Lee", timezone=DESK_ZONE,
                                           created_at=at, updated_at=at))
        conn.execute(insert(phones).values(desk_id=desk, id=n + 1, person_id=n + 1, e164=NUMBER, position=0))
        conn.execute(insert(candidacies).values(desk_id=desk, id=n + 1, job_id=n + 1, person_id=n + 1,
                                                created_at=at, updated_at=at))
        conn.execute(insert(touches).values(_touch(desk, n + 1, at - timedelta(days=3), "no_answer")))


def _touch(desk: int, person_id: int, at: datetime, outcome: str, **more: Any) -> dict[str, Any]:
    n = SECOND if desk == 2 else 0
    return {"desk_id": desk, "person_id": person_id, "job_id": n + 1, "phone": NUMBER, "kind": "call",
            "direction": "out", "at": at, "outcome": outcome, "user_id": n + 1, "created_at": at, "rung": "",
            "callback_at": None, "notes": "", **more}


def _desk_two_calls(engine: Engine) -> None:
    """Desk 2 works its Ann hard: a voicemail, a rung reached, a promised callback now due, a rehearsal,
    and a do-not-call mark made and lifted."""
    at = CLOCK.now()
    person = SECOND + 1
    with engine.begin() as conn:
        conn.execute(insert(touches), [
            _touch(2, person, at - timedelta(days=2), "voicemail", kind="voicemail"),
            _touch(2, person, at - timedelta(days=1, hours=2), "interested", rung="ask"),
            _touch(2, person, at - timedelta(days=1), "callback", callback_at=at - timedelta(hours=1),
                   notes="call back after lunch"),
        ])
        conn.execute(insert(rehearsals).values(desk_id=2, user_id=SECOND + 1, kind="cold", person_id=person,
                                               seed=1, share=True, ask=True, close=False, rung="ask",
                                               transcript="[]", at=at - timedelta(hours=3)))
        conn.execute(insert(suppression_events).values(desk_id=2, person_id=person, action="set",
                                                       suppression="do_not_call", reason="asked once",
                                                       user_id=SECOND + 1, user_name="andrew",
                                                       at=at - timedelta(days=5)))
        conn.execute(insert(suppression_events).values(desk_id=2, person_id=person, action="lift",
                                                       suppression="do_not_call", reason="changed her mind",
                                                       user_id=SECOND + 1, user_name="andrew",
                                                       at=at - timedelta(days=4)))


def _desk_two_marks_the_number(engine: Engine) -> None:
    """In desk 2 the shared number is also Bo's, marked do-not-call yesterday."""
    at = CLOCK.now()
    with engine.begin() as conn:
        conn.execute(insert(people).values(desk_id=2, id=SECOND + 2, name="Bo Lee", suppression="do_not_call",
                                           suppressed_at=at - timedelta(days=1), suppressed_by="andrew",
                                           suppression_reason="asked", created_at=at, updated_at=at))
        conn.execute(insert(phones).values(desk_id=2, id=SECOND + 2, person_id=SECOND + 2, e164=NUMBER,
                                           position=0))
        conn.execute(insert(suppression_events).values(desk_id=2, person_id=SECOND + 2, action="set",
                                                       suppression="do_not_call", reason="asked",
                                                       user_id=SECOND + 1, user_name="andrew",
                                                       at=at - timedelta(days=1)))


def _views(engine: Engine, desk: int) -> dict[str, Any]:
    """What a desk's recruiter reads of the desk's calling."""
    person = (SECOND if desk == 2 else 0) + 1
    uow = UnitOfWork(engine, desk_id=desk)  # each service below opens its own block
    card = person_card(uow, CLOCK, person, SETTINGS)
    return {
        "sheet": [(r.person_id, r.job_id) for r in call_sheet(uow, CLOCK, SETTINGS, "andrew")],
        "history": [(t.outcome, t.at) for t in _history(uow, person)],
        "card": card["history"],
        "stats": outreach_stats(uow, CLOCK, SETTINGS, make_scope(CLOCK, SETTINGS)),
        "wins": wins(uow, CLOCK, SETTINGS),
        "callbacks": [(c.person_id, c.due_at) for c in open_callbacks(uow, CLOCK)],
    }


def _history(uow: UnitOfWork, person_id: int) -> list[Any]:
    with uow.reading():
        return uow.touches.for_person(person_id)


def test_another_desks_calls_never_show_in_this_desks_sheet_history_stats_reports_or_callbacks(
        engine: Engine) -> None:
    _desk(engine, 1)
    before = _views(engine, 1)
    assert before["sheet"] == [(1, 1)] and len(before["history"]) == 1 and before["callbacks"] == []
    _desk(engine, 2)
    _desk_two_calls(engine)
    assert _views(engine, 1) == before
    theirs = _views(engine, 2)
    assert theirs["callbacks"] == [(SECOND + 1, CLOCK.now() - timedelta(hours=1))]
    assert len(theirs["history"]) == 4
    assert theirs["wins"] != before["wins"] and theirs["stats"] != before["stats"]


def test_a_decision_in_one_desk_ignores_the_marks_and_calls_of_another(engine: Engine) -> None:
    _desk(engine, 1)
    before = why(UnitOfWork(engine, desk_id=1), CLOCK, SETTINGS, 1)
    assert before.callable
    _desk(engine, 2)
    _desk_two_calls(engine)
    assert why(UnitOfWork(engine, desk_id=1), CLOCK, SETTINGS, 1) == before
    _desk_two_marks_the_number(engine)
    assert why(UnitOfWork(engine, desk_id=1), CLOCK, SETTINGS, 1) == before
    # In desk 2 the same number is another's do-not-call.
    assert not why(UnitOfWork(engine, desk_id=2), CLOCK, SETTINGS, SECOND + 1).callable


def test_a_providers_call_id_names_the_desk_that_placed_the_call(engine: Engine) -> None:
    _desk(engine, 1)
    _desk(engine, 2)
    at = CLOCK.now()
    for desk, call_id in ((1, "CA-one"), (2, "CA-two")):
        with UnitOfWork(engine, desk_id=desk) as uow:
            assert uow.calls.add(call_id, direction="out", state="placed", rank=0, now=at)
    assert (desk_of_call(engine, "CA-one"), desk_of_call(engine, "CA-two"), desk_of_call(engine, "CA-none")) == (
        1, 2, None)
    with UnitOfWork(engine, desk_id=1) as uow:
        assert uow.calls.get("CA-two") is None and uow.calls.progress_of("CA-one") is not None
        assert desk_of_call(uow.connection, "CA-two") == 2
