"""Applications and weekly plans of a job seeker."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from callsheet.domain.followups import Application
from callsheet.store.tables import (
    application_touches,
    applications,
    companies,
    person_links,
    seeker_plans,
    touches,
)
from callsheet.store.tenancy import desk_of


class SeekerRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    def add(self, values: dict[str, Any]) -> int:
        new_id: int = self.c.execute(insert(applications).values(**values)).inserted_primary_key.id  # type: ignore[union-attr]
        return new_id

    def _select(self) -> Any:
        return (select(applications, companies.c.name.label("company"))
                .select_from(applications.join(companies, (companies.c.desk_id == applications.c.desk_id)
                                               & (companies.c.id == applications.c.company_id)))
                .where(applications.c.desk_id == self.desk, companies.c.desk_id == self.desk))

    def _followups(self, ids: list[int], until: datetime) -> dict[int, list[datetime]]:
        found: dict[int, list[datetime]] = {i: [] for i in ids}
        if not ids:
            return found
        rows = self.c.execute(
            select(application_touches.c.application_id, touches.c.at)
            .select_from(self._touches_joined())
            .where(application_touches.c.desk_id == self.desk, touches.c.desk_id == self.desk,
                   application_touches.c.application_id.in_(ids), application_touches.c.is_followup,
                   touches.c.at <= until))
        for app_id, at in rows:
            found[app_id].append(at)
        return found

    @staticmethod
    def _touches_joined() -> Any:
        return application_touches.join(touches, (touches.c.desk_id == application_touches.c.desk_id)
                                        & (touches.c.id == application_touches.c.touch_id))

    def _build(self, rows: list[Any], until: datetime) -> list[Application]:
        followups = self._followups([r.id for r in rows], until)
        return [Application(r.id, r.company_id, r.company, r.role, r.posting_url, r.applied_on, r.channel,
                            r.contact_person_id, r.status, r.notes, tuple(sorted(followups[r.id])))
                for r in rows]

    def get(self, app_id: int, until: datetime) -> Application | None:
        rows = list(self.c.execute(self._select().where(applications.c.id == app_id)))
        return self._build(rows, until)[0] if rows else None

    def for_user(self, user_id: int, until: datetime) -> list[Application]:
        query = self._select().where(applications.c.user_id == user_id).order_by(applications.c.applied_on,
                                                                                 applications.c.id)
        return self._build(list(self.c.execute(query)), until)

    def link_touch(self, touch_id: int, app_id: int, is_followup: bool) -> None:
        self.c.execute(insert(application_touches).values(touch_id=touch_id, application_id=app_id,
                                                          is_followup=is_followup))

    def set_status(self, app_id: int, status: str) -> None:
        self.c.execute(update(applications).where(applications.c.desk_id == self.desk,
                                                          applications.c.id == app_id).values(status=status))

    # -- plans -----------------------------------------------------------------------------------
    def week_counts(self, user_id: int, start: datetime, end: datetime, now: datetime) -> dict[str, int]:
        """What a user did in [start, end): calls made (up to now), follow-ups, contacts added, applications."""
        calls = self.c.execute(select(func.count()).where(
            touches.c.desk_id == self.desk, touches.c.user_id == user_id, touches.c.kind.in_(("call", "voicemail")),
            touches.c.direction == "out",
            touches.c.at >= start, touches.c.at < end, touches.c.at <= now)).scalar_one()
        followups = self.c.execute(select(func.count()).select_from(self._touches_joined()).where(
            application_touches.c.desk_id == self.desk, touches.c.desk_id == self.desk,
            touches.c.user_id == user_id, touches.c.at >= start, touches.c.at < end)).scalar_one()
        contacts = self.c.execute(select(func.count()).where(
            person_links.c.desk_id == self.desk, person_links.c.user_id == user_id, person_links.c.kind == "knows",
            person_links.c.created_at >= start,
            person_links.c.created_at < end)).scalar_one()
        applied = self.c.execute(select(func.count()).where(
            applications.c.desk_id == self.desk, applications.c.user_id == user_id,
            applications.c.applied_on >= start.date(),
            applications.c.applied_on < end.date())).scalar_one()
        return {"weekly_calls": int(calls), "weekly_followups": int(followups), "weekly_contacts": int(contacts),
                "weekly_applications": int(applied)}

    def plan(self, user_id: int) -> dict[str, Any] | None:
        row = self.c.execute(select(seeker_plans).where(seeker_plans.c.desk_id == self.desk,
                                                         seeker_plans.c.user_id == user_id)).first()
        return dict(row._mapping) if row else None

    def save_plan(self, user_id: int, values: dict[str, Any]) -> None:
        if self.plan(user_id) is None:
            self.c.execute(insert(seeker_plans).values(user_id=user_id, **values))
        else:
            self.c.execute(update(seeker_plans).where(seeker_plans.c.desk_id == self.desk,
                                                               seeker_plans.c.user_id == user_id).values(**values))
