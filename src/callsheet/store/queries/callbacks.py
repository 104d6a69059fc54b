"""Promised callbacks still standing (`uow.callbacks`): no later touch on the same person and job."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, exists, select
from sqlalchemy.orm import aliased

from callsheet.store.tables import companies, jobs, people, touches
from callsheet.store.tenancy import desk_of

_later = aliased(touches)


class CallbackQueries:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    def open(self, now: datetime, owner_user_id: int | None = None) -> Sequence[Any]:
        """Callbacks asked for up to `now` (of one recruiter, or everyone's) whose promise still
        stands, of people not marked; rows carry id, person_id, job_id, callback_at, notes, phone,
        name, title and company, the soonest due first."""
        newer = exists().where(
            _later.c.desk_id == self.desk, _later.c.desk_id == touches.c.desk_id,
            _later.c.person_id == touches.c.person_id,
            # The same job, or both about no job.
            (_later.c.job_id == touches.c.job_id) | and_(_later.c.job_id.is_(None), touches.c.job_id.is_(None)),
            _later.c.at > touches.c.at, _later.c.at <= now)
        query = (
            select(touches.c.id, touches.c.person_id, touches.c.job_id, touches.c.callback_at, touches.c.notes,
                   touches.c.phone, people.c.name, jobs.c.title, companies.c.name.label("company"))
            .select_from(touches.join(people, and_(people.c.desk_id == touches.c.desk_id,
                                                   people.c.id == touches.c.person_id))
                         .outerjoin(jobs, and_(jobs.c.desk_id == touches.c.desk_id, jobs.c.desk_id == self.desk,
                                               jobs.c.id == touches.c.job_id))
                         .outerjoin(companies, and_(companies.c.desk_id == jobs.c.desk_id,
                                                    companies.c.desk_id == self.desk,
                                                    companies.c.id == jobs.c.company_id)))
            .where(touches.c.desk_id == self.desk, people.c.desk_id == self.desk, touches.c.outcome == "callback",
                   touches.c.at <= now, people.c.suppression == "none", ~newer)
            .order_by(touches.c.callback_at, touches.c.id)
        )
        if owner_user_id is not None:
            query = query.where(touches.c.user_id == owner_user_id)
        return self.c.execute(query).all()
