"""Touches (the history of every call) and the audit trail of suppressions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, case, func, insert, select, update

from callsheet.domain.model import SuppressionEvent as SuppressionEvent  # where the calling wing reads it
from callsheet.domain.outcomes import Outcome, Touch, TouchKind
from callsheet.store.raw import RawStatement, time_param
from callsheet.store.tables import suppression_events, touches, users
from callsheet.store.tenancy import desk_of


def touch_row(t: Touch, user_id: int | None, now: datetime) -> dict[str, Any]:
    return {
        "person_id": t.person_id, "job_id": t.job_id, "phone": t.phone, "kind": t.kind.value,
        "direction": t.direction, "at": t.at, "duration_s": t.duration_s, "outcome": t.outcome.value,
        "reason": t.reason, "notes": t.notes, "rung": t.rung, "callback_at": t.callback_at,
        "user_id": user_id, "referral_person_id": t.referral_person_id, "created_at": now,
    }


_COLUMNS = ("desk_id", "person_id", "job_id", "phone", "kind", "direction", "at", "duration_s", "outcome", "reason",
            "notes", "rung", "callback_at", "user_id", "referral_person_id", "created_at")
_TIMES = ("at", "callback_at", "created_at")
# One statement, prepared once per connection on PostgreSQL. people.last_touch_at (what the call sheet
# reads for staleness) follows from the store's own triggers on touches (migration 0121), inside the
# same statement: no second round trip, and no writer of touches keeps it by hand.
_ADD = RawStatement(f"INSERT INTO touches ({', '.join(_COLUMNS)}) VALUES ({', '.join(':' + c for c in _COLUMNS)}) "
                    "RETURNING id")


class TouchRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    def add(self, touch: Touch, user_id: int | None, now: datetime) -> int:
        """Store a touch; the one way a touch is written. Returns its id."""
        row = touch_row(touch, user_id, now)
        row["desk_id"] = self.desk
        for name in _TIMES:
            if row[name] is not None:
                row[name] = time_param(self.c, row[name])
        new_id: int = _ADD.rows(self.c, row)[0][0]
        return new_id

    def settle(self, touch_id: int, outcome: Outcome | None, duration_s: int | None,
               replaceable: Iterable[Outcome] = ()) -> None:
        """What a call's progress tells of its touch: the outcome, unless someone already chose one (only
        outcomes in `replaceable` give way), and the duration once known."""
        values: dict[str, Any] = {"duration_s": func.coalesce(duration_s, touches.c.duration_s)}
        if outcome is not None:
            values["outcome"] = case((touches.c.outcome.in_([o.value for o in replaceable]), outcome.value),
                                     else_=touches.c.outcome)
        self.c.execute(update(touches).where(touches.c.desk_id == self.desk, touches.c.id == touch_id).values(**values))

    def replace(self, touch_id: int, touch: Touch) -> bool:
        """A call's touch, now that the recruiter says what came of it: its outcome and what goes with it.
        False if the person has no such touch."""
        done = self.c.execute(update(touches).where(touches.c.desk_id == self.desk, touches.c.id == touch_id,
                                                     touches.c.person_id == touch.person_id)
                              .values(outcome=touch.outcome.value, reason=touch.reason, notes=touch.notes,
                                      rung=touch.rung, callback_at=touch.callback_at, job_id=touch.job_id,
                                      duration_s=func.coalesce(touch.duration_s, touches.c.duration_s)))
        return bool(done.rowcount)

    @staticmethod
    def _touch(r: Any) -> Touch:
        return Touch(
            id=r.id, person_id=r.person_id, job_id=r.job_id, phone=r.phone, kind=TouchKind(r.kind),
            direction=r.direction, at=r.at, duration_s=r.duration_s, outcome=Outcome(r.outcome),
            reason=r.reason, notes=r.notes, rung=r.rung, callback_at=r.callback_at,
            user=r.user_name or "", referral_person_id=r.referral_person_id,
        )

    def _select(self) -> Any:
        # The user is looked up in the touch's own desk; a touch of no one's keeps its row.
        return select(touches, users.c.name.label("user_name")).select_from(
            touches.outerjoin(users, and_(users.c.desk_id == touches.c.desk_id, users.c.desk_id == self.desk,
                                          users.c.id == touches.c.user_id))).where(touches.c.desk_id == self.desk)

    def get(self, touch_id: int) -> Touch | None:
        row = self.c.execute(self._select().where(touches.c.id == touch_id)).first()
        return self._touch(row) if row else None

    def for_person(self, person_id: int, until: datetime | None = None) -> list[Touch]:
        """A person's history, oldest first, up to a moment (for --at)."""
        query = self._select().where(touches.c.person_id == person_id)
        if until is not None:
            query = query.where(touches.c.at <= until)
        return [self._touch(r) for r in self.c.execute(query.order_by(touches.c.at, touches.c.id))]

    def for_people(self, person_ids: Iterable[int], until: datetime | None = None) -> dict[int, list[Touch]]:
        ids = list(person_ids)
        found: dict[int, list[Touch]] = {pid: [] for pid in ids}
        for start in range(0, len(ids), 900):
            query = self._select().where(touches.c.person_id.in_(ids[start:start + 900]))
            if until is not None:
                query = query.where(touches.c.at <= until)
            for r in self.c.execute(query.order_by(touches.c.at, touches.c.id)):
                found[r.person_id].append(self._touch(r))
        return found

    def for_job(self, job_id: int) -> list[Touch]:
        query = self._select().where(touches.c.job_id == job_id).order_by(touches.c.at, touches.c.id)
        return [self._touch(r) for r in self.c.execute(query)]

    # -- suppressions --------------------------------------------------------------------------
    def add_suppression_event(self, event: SuppressionEvent, user_id: int | None) -> int:
        new_id = self.c.execute(insert(suppression_events).values(
            person_id=event.person_id, action=event.action, suppression=event.suppression,
            reason=event.reason, user_id=user_id, user_name=event.user, at=event.at,
        ).returning(suppression_events.c.id)).scalar_one()
        return int(new_id)

    def suppression_events(self, person_id: int, until: datetime | None = None) -> list[SuppressionEvent]:
        query = select(suppression_events).where(suppression_events.c.desk_id == self.desk,
                                         suppression_events.c.person_id == person_id)
        if until is not None:
            query = query.where(suppression_events.c.at <= until)
        rows = self.c.execute(query.order_by(suppression_events.c.at, suppression_events.c.id))
        return [SuppressionEvent(r.person_id, r.action, r.suppression, r.reason, r.user_name, r.at, r.id)
                for r in rows]
