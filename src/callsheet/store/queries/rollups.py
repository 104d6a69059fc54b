"""Outreach counts of whole UTC days, read from the roll-ups the triggers on touches keep (migration 0135).

A scope with a job or a client reads the `_by_job` tables (touches about a job, the job in the key); the
desk and a recruiter read the smaller ones without the job. Groups show seniority 0 for "unknown" and a
callee's zone '' for "none" (the desk's zone stands in, as for the count over touches).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, DateTime, cast, func, select
from sqlalchemy.sql import ColumnElement

from callsheet.store.tables import jobs, touch_counts, touch_counts_by_job, touch_hours, touch_hours_by_job


def scoped(table: Any, desk: int, user_id: int | None, job_id: int | None,
           company_id: int | None) -> list[ColumnElement[bool]]:
    """The conditions of one scope on a table of touches or of their roll-ups: the desk, and the user, job
    or client (the client's jobs) when given. The caller adds its own range of time."""
    where = [table.c.desk_id == desk]
    if user_id is not None:
        where.append(table.c.user_id == user_id)
    if job_id is not None:
        where.append(table.c.job_id == job_id)
    if company_id is not None:
        where.append(table.c.job_id.in_(select(jobs.c.id).where(jobs.c.desk_id == desk,
                                                                 jobs.c.company_id == company_id)))
    return where


class RollupScope:
    """Whole days [first, last) of one desk, optionally of one user, job or client (by id)."""

    def __init__(self, desk: int, first: date, last: date, user_id: int | None, job_id: int | None,
                 company_id: int | None) -> None:
        self.desk, self.first, self.last = desk, first, last
        self.user_id, self.job_id, self.company_id = user_id, job_id, company_id

    @property
    def by_job(self) -> bool:
        return self.job_id is not None or self.company_id is not None

    def where(self, table: Any) -> list[ColumnElement[bool]]:
        return [*scoped(table, self.desk, self.user_id, self.job_id, self.company_id),
                table.c.day >= self.first, table.c.day < self.last]


def counted(conn: Connection, scope: RollupScope) -> list[tuple[int | None, str, str, str, int]]:
    """(seniority, kind, outcome, reason, touches) of the scope's days."""
    t = touch_counts_by_job if scope.by_job else touch_counts
    n = func.sum(t.c.n)
    rows = conn.execute(select(t.c.seniority, t.c.kind, t.c.outcome, t.c.reason, n).where(*scope.where(t))
                        .group_by(t.c.seniority, t.c.kind, t.c.outcome, t.c.reason).having(n != 0)).all()
    return [(sen or None, kind, outcome, reason, int(count)) for sen, kind, outcome, reason, count in rows]


def hourly(conn: Connection, scope: RollupScope, desk_zone: str) -> list[tuple[int, int, int, int]]:
    """(callee's local weekday, local hour, dials, conversations) of the scope's days, DST-exact: each
    (zone, day, UTC hour) group is converted, on PostgreSQL by the database, on SQLite in Python."""
    t = touch_hours_by_job if scope.by_job else touch_hours
    zone = func.coalesce(func.nullif(t.c.zone, ""), desk_zone)
    groups = (select(zone.label("zone"), t.c.day, t.c.hour, func.sum(t.c.dials).label("dials"),
                     func.sum(t.c.reached).label("reached"))
              .where(*scope.where(t)).group_by(zone, t.c.day, t.c.hour))
    if conn.dialect.name == "postgresql":
        g = groups.subquery()
        utc = func.timezone("UTC", cast(g.c.day, DateTime) + func.make_interval(0, 0, 0, 0, g.c.hour))
        local = func.timezone(g.c.zone, utc)
        weekday, hour = func.extract("isodow", local) - 1, func.extract("hour", local)
        rows: Iterable[Any] = conn.execute(select(weekday, hour, func.sum(g.c.dials), func.sum(g.c.reached))
                                           .group_by(weekday, hour)).all()
        return [(int(d), int(h), int(n), int(hits)) for d, h, n, hits in rows]
    zones: dict[str, ZoneInfo] = {}
    out = []
    for zone_name, day, hour, n, hits in conn.execute(groups):
        if zone_name not in zones:
            zones[zone_name] = ZoneInfo(zone_name)
        moment = datetime(day.year, day.month, day.day, hour, tzinfo=UTC).astimezone(zones[zone_name])
        out.append((moment.weekday(), moment.hour, int(n), int(hits)))
    return out
