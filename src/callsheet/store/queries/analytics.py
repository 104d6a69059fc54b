"""The counting behind outreach analytics: touches counted by group, whole UTC days from the roll-ups kept
by the store (store/queries/rollups.py, migration 0135), the parts of days at a range's ends from touches.
`OutreachQueries.counts_from_touches` counts the same over touches alone: the reference for the roll-ups.

Scope rules: touches are filtered by when they happened, who logged them, and the job they were
about (or that job's client). Submissions and placements are candidacies, filtered by their job
(the owner is the job's owner); a candidacy's last stage change stands for its submission time,
since stage history is not kept.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Interval, and_, case, distinct, func, literal, literal_column, select
from sqlalchemy.sql import ColumnElement

from callsheet.domain.outcomes import Outcome
from callsheet.domain.outreach import (
    CALLBACK_DAYS,
    DIAL_KINDS,
    INTERESTED_OR_LATER,
    REACHED_VALUES,
    SUBMITTED_OR_LATER,
    OutreachCounts,
)
from callsheet.store.queries import rollups
from callsheet.store.tables import candidacies, jobs, people, touches
from callsheet.store.tenancy import desk_of


def _same(joined: Any, to: Any, on: ColumnElement[bool]) -> ColumnElement[bool]:
    """A join's condition within one desk: the rows joined share the desk of the rows they join."""
    return and_(joined.c.desk_id == to.c.desk_id, on)


class _Filters:
    """The WHERE clauses of one scope."""

    def __init__(self, desk: int, start: datetime, end: datetime, user_id: int | None, job_id: int | None,
                 company_id: int | None) -> None:
        self.desk, self.start, self.end = desk, start, end
        self.user_id, self.job_id, self.company_id = user_id, job_id, company_id

    def touches(self, t: Any = touches) -> list[ColumnElement[bool]]:
        return [*rollups.scoped(t, self.desk, self.user_id, self.job_id, self.company_id),
                t.c.at >= self.start, t.c.at < self.end]

    def candidacies(self) -> list[ColumnElement[bool]]:
        where = [candidacies.c.desk_id == self.desk, jobs.c.desk_id == self.desk,
                 candidacies.c.updated_at >= self.start, candidacies.c.updated_at < self.end]
        if self.user_id is not None:
            where.append(jobs.c.owner_id == self.user_id)
        if self.job_id is not None:
            where.append(candidacies.c.job_id == self.job_id)
        if self.company_id is not None:
            where.append(jobs.c.company_id == self.company_id)
        return where


class OutreachQueries:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    def counts(self, start: datetime, end: datetime, desk_zone: str, user_id: int | None = None,
               job_id: int | None = None, company_id: int | None = None) -> OutreachCounts:
        """Every aggregate of the analytics page for touches in [start, end), optionally of one user,
        job or client (by id): whole UTC days from the roll-ups, the parts of days at either end from
        touches. Equal to `counts_from_touches`."""
        f = _Filters(self.desk, start, end, user_id, job_id, company_id)
        first, last = _whole_days(start, end)
        edges = [(start, end)]
        counted: Counter[tuple[Any, ...]] = Counter()
        hours: list[tuple[int, int, int, int]] = []
        if first < last:
            scope = rollups.RollupScope(self.desk, first, last, user_id, job_id, company_id)
            for *group, n in rollups.counted(self.c, scope):
                counted[tuple(group)] += n
            hours += rollups.hourly(self.c, scope, desk_zone)
            edges = [(start, _midnight(first)), (_midnight(last), end)]
        for edge_start, edge_end in edges:
            if edge_start < edge_end:
                edge = _Filters(self.desk, edge_start, edge_end, user_id, job_id, company_id)
                for *group, n in _counted(self.c, edge):
                    counted[tuple(group)] += n
                hours += _hourly(self.c, edge, self.c.dialect.name, desk_zone)
        return self._with_candidacies(f, [(*g, n) for g, n in counted.items() if n], _summed(hours))

    def counts_from_touches(self, start: datetime, end: datetime, desk_zone: str, user_id: int | None = None,
                            job_id: int | None = None, company_id: int | None = None) -> OutreachCounts:
        """`counts` by grouping the touches themselves: the reference the roll-ups are held to."""
        f = _Filters(self.desk, start, end, user_id, job_id, company_id)
        return self._with_candidacies(f, [tuple(row) for row in _counted(self.c, f)],
                                      _summed(_hourly(self.c, f, self.c.dialect.name, desk_zone)))

    def _with_candidacies(self, f: _Filters, counted: list[tuple[Any, ...]],
                          hourly: list[tuple[int, int, int, int]]) -> OutreachCounts:
        conn, dialect = self.c, self.c.dialect.name
        left = sum(row[-1] for row in counted if row[2] == Outcome.VOICEMAIL.value)
        voicemails = (left, _returned(conn, f, dialect))
        referrals = _referrals(conn, f)
        submissions = _submissions(conn, f)
        placements = conn.execute(select(func.count()).select_from(
            candidacies.join(jobs, _same(jobs, candidacies, jobs.c.id == candidacies.c.job_id)))
            .where(candidacies.c.stage == "placed", *f.candidacies())).scalar_one()
        return OutreachCounts(sorted(counted, key=repr), hourly, voicemails, referrals, submissions,
                              int(placements))


def _whole_days(start: datetime, end: datetime) -> tuple[date, date]:
    """The UTC days wholly inside [start, end), as [first, last)."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    first = start.date() + timedelta(days=0 if start.timetz() == time(0, tzinfo=UTC) else 1)
    return first, end.date()


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), UTC)


def _summed(hours: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """(weekday, hour, dials, conversations), one row per local weekday and hour."""
    total: dict[tuple[int, int], list[int]] = {}
    for weekday, hour, n, hits in hours:
        slot = total.setdefault((weekday, hour), [0, 0])
        slot[0] += n
        slot[1] += hits
    return [(d, h, n, hits) for (d, h), (n, hits) in sorted(total.items()) if n or hits]


def _counted(conn: Any, f: _Filters) -> list[Any]:
    """(seniority, kind, outcome, reason, touches) grouped over the touches of the scope."""
    seniority = func.coalesce(jobs.c.seniority, people.c.seniority)
    return list(conn.execute(
        select(seniority, touches.c.kind, touches.c.outcome, touches.c.reason, func.count())
        .select_from(touches.join(people, _same(people, touches, people.c.id == touches.c.person_id))
                     .outerjoin(jobs, and_(_same(jobs, touches, jobs.c.id == touches.c.job_id),
                                           jobs.c.desk_id == f.desk)))
        .where(*f.touches(), people.c.desk_id == f.desk)
        .group_by(seniority, touches.c.kind, touches.c.outcome, touches.c.reason)).all())


def _hourly(conn: Any, f: _Filters, dialect: str, desk_zone: str) -> list[tuple[int, int, int, int]]:
    """Dials and conversations by the callee's local (weekday, hour), DST-exact on both stores.

    Both group by the callee's zone and the UTC hour; PostgreSQL then converts each group to local
    time itself and returns at most 168 rows, SQLite (which knows no zones) leaves that to Python.
    """
    reached_flag = case((touches.c.outcome.in_(REACHED_VALUES), 1), else_=0)
    joined = touches.join(people, _same(people, touches, people.c.id == touches.c.person_id))
    dials = and_(touches.c.kind.in_(DIAL_KINDS), people.c.desk_id == f.desk)
    if dialect == "postgresql":
        # Group by zone and UTC hour first, then convert each group (not each touch) to local time:
        # a zone conversion per row is what made a two-year range slow.
        utc_hour = func.date_trunc("hour", func.timezone("UTC", touches.c.at))
        zone = func.coalesce(func.nullif(people.c.timezone, ""), desk_zone)
        groups = (select(zone.label("zone"), utc_hour.label("bucket"), func.count().label("n"),
                         func.sum(reached_flag).label("hits")).select_from(joined)
                  .where(*f.touches(), dials).group_by(zone, utc_hour).subquery())
        local = func.timezone(groups.c.zone, func.timezone("UTC", groups.c.bucket))
        weekday = func.extract("isodow", local) - 1
        hour = func.extract("hour", local)
        rows = conn.execute(select(weekday, hour, func.sum(groups.c.n), func.sum(groups.c.hits))
                            .group_by(weekday, hour)).all()
        return [(int(d), int(h), int(n), int(hits or 0)) for d, h, n, hits in rows]
    bucket = func.strftime("%Y-%m-%d %H", touches.c.at)
    rows = conn.execute(select(people.c.timezone, bucket, func.count(), func.sum(reached_flag)).select_from(joined)
                        .where(*f.touches(), dials).group_by(people.c.timezone, bucket)).all()
    zones: dict[str, ZoneInfo] = {}
    return [(*_local_hour(zone_name or desk_zone, at, zones), int(n), int(hits or 0))
            for zone_name, at, n, hits in rows]


def _local_hour(zone_name: str, bucket: str, zones: dict[str, ZoneInfo]) -> tuple[int, int]:
    if zone_name not in zones:
        zones[zone_name] = ZoneInfo(zone_name)
    utc = datetime.strptime(bucket, "%Y-%m-%d %H").replace(tzinfo=UTC)
    local = utc.astimezone(zones[zone_name])
    return local.weekday(), local.hour


def _within_days(dialect: str, later: Any, earlier: Any, days: int) -> ColumnElement[bool]:
    if dialect == "postgresql":
        return and_(later > earlier, later <= earlier + literal(timedelta(days=days), Interval()))
    return and_(later > earlier, later <= func.datetime(earlier, f"+{days} days"))


def _returned(conn: Any, f: _Filters, dialect: str) -> int:
    """Voicemails of the scope whose person called in within CALLBACK_DAYS after, found from the calls
    that came in (a few per thousand touches, a partial index of their own), each probing that person's
    voicemails by time, never from every voicemail of a two-year range."""
    left = touches.alias("left_vm")
    back = touches.alias("called_back")
    returned = conn.execute(
        select(func.count(distinct(left.c.id)))
        .select_from(back.join(left, and_(_same(left, back, left.c.person_id == back.c.person_id),
                                          _within_days(dialect, back.c.at, left.c.at, CALLBACK_DAYS))))
        .where(back.c.desk_id == f.desk, back.c.direction == literal_column("'in'"), back.c.at > f.start,
               back.c.at <= f.end + timedelta(days=CALLBACK_DAYS),
               left.c.outcome == Outcome.VOICEMAIL.value, *f.touches(left))).scalar_one()
    return int(returned or 0)


def _referrals(conn: Any, f: _Filters) -> tuple[int, int, int]:
    referred = touches.c.referral_person_id
    row = conn.execute(
        select(func.count(distinct(referred)),
               func.count(distinct(case((candidacies.c.id.is_not(None), referred)))),
               func.count(distinct(case((candidacies.c.stage.in_(INTERESTED_OR_LATER), referred)))))
        .select_from(touches.outerjoin(candidacies, and_(
            _same(candidacies, touches, candidacies.c.person_id == referred), candidacies.c.desk_id == f.desk)))
        .where(referred.is_not(None), *f.touches())).one()
    return int(row[0]), int(row[1]), int(row[2])


def _submissions(conn: Any, f: _Filters) -> list[tuple[datetime, datetime]]:
    # A correlated MIN per submitted candidacy (few rows, each an index range on person and time)
    # rather than grouping every touch of the desk first.
    first_at = (select(func.min(touches.c.at))
                .where(touches.c.desk_id == f.desk, touches.c.desk_id == candidacies.c.desk_id,
                       touches.c.person_id == candidacies.c.person_id, touches.c.job_id == candidacies.c.job_id,
                       touches.c.kind.in_(DIAL_KINDS))
                .correlate(candidacies).scalar_subquery())
    rows = conn.execute(
        select(first_at, candidacies.c.updated_at)
        .select_from(candidacies.join(jobs, _same(jobs, candidacies, jobs.c.id == candidacies.c.job_id)))
        .where(candidacies.c.stage.in_(SUBMITTED_OR_LATER), *f.candidacies())).all()
    return [(a, b) for a, b in rows if a is not None]
