"""Calls placed or taken through a telephony provider, keyed by the provider's call id."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from callsheet.domain.desks import CALL
from callsheet.domain.model import Role
from callsheet.store.desks_repo import DeskRepository
from callsheet.store.tables import calls, desk_keys, touches, users
from callsheet.store.tenancy import desk_of


def desk_of_call(engine_or_conn: Engine | Connection, provider_call_id: str) -> int | None:
    """The desk holding the call of this provider id, or None: what a provider's webhook opens."""
    if isinstance(engine_or_conn, Engine):
        with engine_or_conn.connect() as conn:
            return DeskRepository(conn).desk_of(CALL, provider_call_id)
    return DeskRepository(engine_or_conn).desk_of(CALL, provider_call_id)


class CallRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    def add(self, provider_call_id: str, *, direction: str, state: str, rank: int, now: datetime,
            touch_id: int | None = None, person_id: int | None = None, user_id: int | None = None,
            phone: str = "", job_id: int | None = None) -> bool:
        """Store a call, and its provider's id as the desk's for the provider's later reports; False if
        the provider's id is already stored (a repeated webhook)."""
        try:
            with self.c.begin_nested():
                self.c.execute(insert(desk_keys).values(kind=CALL, key=provider_call_id, desk_id=self.desk))
                self.c.execute(insert(calls).values(
                    provider_call_id=provider_call_id, touch_id=touch_id, person_id=person_id, user_id=user_id,
                    phone=phone, job_id=job_id, direction=direction, state=state, state_rank=rank,
                    duration_s=None, created_at=now, updated_at=now))
        except IntegrityError:
            return False
        return True

    def set_touch_once(self, call_id: int, touch_id: int) -> None:
        self.c.execute(update(calls).where(calls.c.desk_id == self.desk, calls.c.id == call_id,
                                           calls.c.touch_id.is_(None)).values(touch_id=touch_id))

    def advance(self, provider_call_id: str, state: str, rank: int, duration_s: int | None,
                now: datetime) -> Any | None:
        """Move a call forward, in one guarded statement: only from a lower rank, so a repeated or late
        report changes nothing. A duration is kept once known. Returns the call as moved, or None."""
        moved = self.c.execute(
            update(calls)
            .where(calls.c.desk_id == self.desk, calls.c.provider_call_id == provider_call_id,
                   calls.c.state_rank < rank)
            .values(state=state, state_rank=rank, duration_s=func.coalesce(duration_s, calls.c.duration_s),
                    updated_at=now)
            .returning(calls.c.id, calls.c.touch_id, calls.c.person_id, calls.c.user_id, calls.c.job_id,
                       calls.c.phone, calls.c.direction, calls.c.state, calls.c.duration_s)).first()
        if moved is None and duration_s is not None:
            # The end was heard before without a duration (the other leg's report): fill it in, once.
            moved = self.c.execute(
                update(calls)
                .where(calls.c.desk_id == self.desk, calls.c.provider_call_id == provider_call_id,
                       calls.c.state == state,
                       calls.c.duration_s.is_(None))
                .values(duration_s=duration_s, updated_at=now)
                .returning(calls.c.id, calls.c.touch_id, calls.c.person_id, calls.c.user_id, calls.c.job_id,
                           calls.c.phone, calls.c.direction, calls.c.state, calls.c.duration_s)).first()
        return moved

    def progress_of(self, provider_call_id: str) -> tuple[int, str, int | None] | None:
        """How far a call has come: (rank, state, duration), or None for a call not stored."""
        row = self.c.execute(select(calls.c.state_rank, calls.c.state, calls.c.duration_s)
                             .where(calls.c.desk_id == self.desk,
                                    calls.c.provider_call_id == provider_call_id)).first()
        return (int(row.state_rank), str(row.state), row.duration_s) if row else None

    def get(self, provider_call_id: str) -> Any | None:
        return self.c.execute(select(calls).where(calls.c.desk_id == self.desk,
                                                       calls.c.provider_call_id == provider_call_id)).first()

    def latest_for_person(self, person_id: int) -> Any | None:
        """The person's newest call, with its touch's outcome (what the card offers to settle)."""
        return self.c.execute(
            select(calls, touches.c.outcome)
            .select_from(calls.outerjoin(touches, and_(touches.c.desk_id == calls.c.desk_id,
                                                       touches.c.desk_id == self.desk,
                                                       touches.c.id == calls.c.touch_id)))
            .where(calls.c.desk_id == self.desk, calls.c.person_id == person_id)
            .order_by(calls.c.id.desc()).limit(1)).first()

    def inbound_after(self, user_id: int, after_id: int, since: datetime | None = None,
                      limit: int = 20) -> Sequence[Any]:
        """Inbound calls ringing this user, newer than `after_id` (and made since `since`), oldest first."""
        query = (select(calls.c.id, calls.c.person_id, calls.c.phone, calls.c.state, calls.c.created_at)
                 .where(calls.c.desk_id == self.desk, calls.c.user_id == user_id, calls.c.id > after_id,
                        calls.c.direction == "in"))
        if since is not None:
            query = query.where(calls.c.created_at >= since)
        return self.c.execute(query.order_by(calls.c.id).limit(limit)).all()

    def newest_id(self, user_id: int) -> int:
        found = self.c.execute(select(func.max(calls.c.id)).where(calls.c.desk_id == self.desk,
                                                                 calls.c.user_id == user_id)).scalar()
        return int(found or 0)

    def user_to_ring(self, person_ids: Sequence[int]) -> Any | None:
        """Whom an inbound call rings: the user who last touched the caller and has a phone, else the
        first active recruiter or admin with one. Rows carry id and phone."""
        with_phone = and_(users.c.desk_id == self.desk, users.c.active.is_(True), users.c.phone != "")
        if person_ids:
            last = self.c.execute(
                select(users.c.id, users.c.phone)
                .select_from(touches.join(users, and_(users.c.desk_id == touches.c.desk_id,
                                                      users.c.id == touches.c.user_id)))
                .where(touches.c.desk_id == self.desk, touches.c.person_id.in_(list(person_ids)), with_phone)
                .order_by(touches.c.at.desc(), touches.c.id.desc()).limit(1)).first()
            if last is not None:
                return last
        desk = or_(users.c.role == Role.RECRUITER.value, users.c.role == Role.ADMIN.value)
        return self.c.execute(select(users.c.id, users.c.phone).where(with_phone, desk)
                              .order_by(users.c.id).limit(1)).first()
