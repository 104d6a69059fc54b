"""Outreach analytics for the desk, a recruiter, a client or a job over a date range: what works.

The store does the counting (GROUP BY over touches, which can be millions of rows); Python only
turns a few thousand aggregated rows into rates, local hours and medians.

Scope rules: touches are filtered by when they happened, who logged them (--owner), and the job
they were about (--client, --job). Submissions and placements are candidacies, filtered by their
job (owner = the job's owner); a candidacy's last stage change stands for its submission time,
since stage history is not kept.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Interval, and_, case, distinct, func, literal, select
from sqlalchemy.sql import ColumnElement

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.outcomes import REACHED, Outcome
from callsheet.settings import Settings
from callsheet.store.jobs_repo import company_key
from callsheet.store.tables import candidacies, companies, jobs, people, touches
from callsheet.store.uow import UnitOfWork

DIAL_KINDS = ("call", "voicemail")
REACHED_VALUES = tuple(sorted(o.value for o in REACHED))
SUBMITTED_OR_LATER = ("submitted", "interviewing", "offered", "placed")
INTERESTED_OR_LATER = ("interested", *SUBMITTED_OR_LATER)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: A voicemail counts as returned when the person calls in within this many days.
CALLBACK_DAYS = 7
DEFAULT_DAYS = 90


@dataclass(frozen=True)
class StatsScope:
    start: datetime
    end: datetime
    owner: str | None = None
    client: str | None = None
    job_id: int | None = None
    #: The same range as the desk's own days, both ends included (for people to read).
    first_day: date | None = None
    last_day: date | None = None


def make_scope(clock: Clock, settings: Settings, start: date | None = None, end: date | None = None,
               owner: str | None = None, client: str | None = None, job_id: int | None = None) -> StatsScope:
    """Days in the desk's zone, both ends included; by default the last 90 days up to now."""
    desk = ZoneInfo(settings.timezone)
    now = clock.now()
    last = end or now.astimezone(desk).date()
    first = start or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise BadInput("from", f"{first} is after --to {last}")
    return StatsScope(datetime.combine(first, time(0), desk).astimezone(UTC),
                      datetime.combine(last + timedelta(days=1), time(0), desk).astimezone(UTC),
                      owner or None, client or None, job_id, first, last)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _day(day: date | None, moment: datetime) -> str:
    return day.isoformat() if day else moment.date().isoformat()


def _hourly(conn: Any, f: _Filters, dialect: str, desk_zone: str) -> list[tuple[int, int, int, int]]:
    """Dials and conversations by the callee's local (weekday, hour), DST-exact on both stores.

    Both group by the callee's zone and the UTC hour; PostgreSQL then converts each group to local
    time itself and returns at most 168 rows, SQLite (which knows no zones) leaves that to Python.
    """
    reached_flag = case((touches.c.outcome.in_(REACHED_VALUES), 1), else_=0)
    joined = touches.join(people, people.c.id == touches.c.person_id)
    dials = touches.c.kind.in_(DIAL_KINDS)
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


def _within_days(dialect: str, later: Any, earlier: Any, days: int) -> ColumnElement[bool]:
    if dialect == "postgresql":
        return and_(later > earlier, later <= earlier + literal(timedelta(days=days), Interval()))
    return and_(later > earlier, later <= func.datetime(earlier, f"+{days} days"))


class _Filters:
    """The WHERE clauses of one scope, resolved to ids once."""

    def __init__(self, uow: UnitOfWork, scope: StatsScope) -> None:
        self.scope = scope
        self.user_id: int | None = None
        self.company_id: int | None = None
        if scope.owner:
            user = uow.users.by_login(scope.owner)
            if user is None:
                raise NotFound("recruiter", scope.owner)
            self.user_id = user.id
        if scope.client:
            row = uow.connection.execute(select(companies.c.id).where(
                companies.c.name_key == company_key(scope.client))).first()
            if row is None:
                raise NotFound("client", scope.client)
            self.company_id = row[0]
        if scope.job_id is not None and uow.jobs.get(scope.job_id) is None:
            raise NotFound("job", scope.job_id)

    def touches(self, t: Any = touches) -> list[ColumnElement[bool]]:
        where = [t.c.at >= self.scope.start, t.c.at < self.scope.end]
        if self.user_id is not None:
            where.append(t.c.user_id == self.user_id)
        if self.scope.job_id is not None:
            where.append(t.c.job_id == self.scope.job_id)
        if self.company_id is not None:
            where.append(t.c.job_id.in_(select(jobs.c.id).where(jobs.c.company_id == self.company_id)))
        return where

    def candidacies(self) -> list[ColumnElement[bool]]:
        where = [candidacies.c.updated_at >= self.scope.start, candidacies.c.updated_at < self.scope.end]
        if self.user_id is not None:
            where.append(jobs.c.owner_id == self.user_id)
        if self.scope.job_id is not None:
            where.append(candidacies.c.job_id == self.scope.job_id)
        if self.company_id is not None:
            where.append(jobs.c.company_id == self.company_id)
        return where


def outreach_stats(uow: UnitOfWork, clock: Clock, settings: Settings, scope: StatsScope) -> dict[str, Any]:
    """Every figure of the analytics page, as one JSON-ready dict."""
    desk_zone = settings.timezone
    with uow:
        f = _Filters(uow, scope)
        dialect = uow.dialect
        conn = uow.connection
        seniority = func.coalesce(jobs.c.seniority, people.c.seniority)
        counted = conn.execute(
            select(seniority, touches.c.kind, touches.c.outcome, touches.c.reason, func.count())
            .select_from(touches.join(people, people.c.id == touches.c.person_id)
                         .outerjoin(jobs, jobs.c.id == touches.c.job_id))
            .where(*f.touches()).group_by(seniority, touches.c.kind, touches.c.outcome, touches.c.reason)).all()
        hourly = _hourly(conn, f, dialect, desk_zone)
        voicemails = _voicemails(conn, f, dialect)
        referrals = _referrals(conn, f)
        submissions = _submissions(conn, f)
        placements = conn.execute(select(func.count()).select_from(
            candidacies.join(jobs, jobs.c.id == candidacies.c.job_id))
            .where(candidacies.c.stage == "placed", *f.candidacies())).scalar_one()
    return _assemble(scope, desk_zone, counted, hourly, voicemails, referrals, submissions, int(placements))


def _voicemails(conn: Any, f: _Filters, dialect: str) -> tuple[int, int]:
    left = touches.alias("left_vm")
    back = touches.alias("called_back")
    left_where = [left.c.outcome == Outcome.VOICEMAIL.value, *f.touches(left)]
    left_count = conn.execute(select(func.count()).select_from(left).where(*left_where)).scalar_one()
    # A join from the calls that came in (a few per thousand touches), not an EXISTS probed once per
    # voicemail: on a two-year range that was hundreds of thousands of index probes.
    returned = conn.execute(
        select(func.count(distinct(left.c.id)))
        .select_from(left.join(back, and_(back.c.person_id == left.c.person_id, back.c.direction == "in",
                                          _within_days(dialect, back.c.at, left.c.at, CALLBACK_DAYS))))
        .where(*left_where)).scalar_one()
    return int(left_count), int(returned or 0)


def _referrals(conn: Any, f: _Filters) -> tuple[int, int, int]:
    referred = touches.c.referral_person_id
    row = conn.execute(
        select(func.count(distinct(referred)),
               func.count(distinct(case((candidacies.c.id.is_not(None), referred)))),
               func.count(distinct(case((candidacies.c.stage.in_(INTERESTED_OR_LATER), referred)))))
        .select_from(touches.outerjoin(candidacies, candidacies.c.person_id == referred))
        .where(referred.is_not(None), *f.touches())).one()
    return int(row[0]), int(row[1]), int(row[2])


def _submissions(conn: Any, f: _Filters) -> list[tuple[datetime, datetime]]:
    # A correlated MIN per submitted candidacy (few rows, each an index range on person and time)
    # rather than grouping every touch of the desk first.
    first_at = (select(func.min(touches.c.at))
                .where(touches.c.person_id == candidacies.c.person_id, touches.c.job_id == candidacies.c.job_id,
                       touches.c.kind.in_(DIAL_KINDS))
                .correlate(candidacies).scalar_subquery())
    rows = conn.execute(
        select(first_at, candidacies.c.updated_at)
        .select_from(candidacies.join(jobs, jobs.c.id == candidacies.c.job_id))
        .where(candidacies.c.stage.in_(SUBMITTED_OR_LATER), *f.candidacies())).all()
    return [(a, b) for a, b in rows if a is not None]


def _local_hour(zone_name: str, bucket: str, zones: dict[str, ZoneInfo]) -> tuple[int, int]:
    if zone_name not in zones:
        zones[zone_name] = ZoneInfo(zone_name)
    utc = datetime.strptime(bucket, "%Y-%m-%d %H").replace(tzinfo=UTC)
    local = utc.astimezone(zones[zone_name])
    return local.weekday(), local.hour


def _assemble(scope: StatsScope, desk_zone: str, counted: Sequence[Any], hourly: list[tuple[int, int, int, int]],
              voicemails: tuple[int, int], referrals: tuple[int, int, int],
              submissions: list[tuple[datetime, datetime]], placements: int) -> dict[str, Any]:
    reached = set(REACHED_VALUES)
    totals: Counter[str] = Counter()
    by_seniority: dict[int | None, Counter[str]] = defaultdict(Counter)
    reasons: Counter[str] = Counter()
    for sen, kind, outcome, reason, n in counted:
        totals["touches"] += n
        if kind in DIAL_KINDS:
            totals["dials"] += n
            totals["connects"] += n if outcome in reached else 0
        totals[outcome] += n
        by_seniority[sen]["connects"] += n if outcome in reached else 0
        by_seniority[sen]["hang_ups"] += n if outcome == Outcome.HUNG_UP.value else 0
        if outcome == Outcome.DECLINED.value:
            reasons[reason or "other"] += n
    hours: dict[int, Counter[str]] = defaultdict(Counter)
    days: dict[int, Counter[str]] = defaultdict(Counter)
    for weekday, hour, n, hits in hourly:
        for table, key in ((hours, hour), (days, weekday)):
            table[key]["dials"] += n
            table[key]["connects"] += hits
    waits = [(b - a).total_seconds() / 86400 for a, b in submissions if b >= a]
    vm_left, vm_returned = voicemails
    return {
        "range": {"from": _day(scope.first_day, scope.start), "to": _day(scope.last_day, scope.end),
                  "start": scope.start.isoformat(), "end": scope.end.isoformat()},
        "scope": {"owner": scope.owner, "client": scope.client, "job_id": scope.job_id},
        "touches": totals["touches"], "dials": totals["dials"], "connects": totals["connects"],
        "connect_rate": _rate(totals["connects"], totals["dials"]),
        "voicemails": vm_left, "voicemails_returned": vm_returned,
        "voicemail_callback_rate": _rate(vm_returned, vm_left),
        "hang_ups": totals[Outcome.HUNG_UP.value], "declines": totals[Outcome.DECLINED.value],
        "hang_up_rate_by_seniority": [
            {"seniority": sen, "connects": c["connects"], "hang_ups": c["hang_ups"],
             "rate": _rate(c["hang_ups"], c["connects"])}
            for sen, c in sorted(by_seniority.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))],
        "decline_reasons": [{"reason": r, "count": n} for r, n in sorted(reasons.items(), key=lambda kv: (-kv[1],
                                                                                                        kv[0]))],
        "reach_by_hour": [{"hour": h, "dials": c["dials"], "connects": c["connects"],
                           "rate": _rate(c["connects"], c["dials"])} for h, c in sorted(hours.items())],
        "reach_by_weekday": [{"weekday": WEEKDAYS[d], "dials": c["dials"], "connects": c["connects"],
                              "rate": _rate(c["connects"], c["dials"])} for d, c in sorted(days.items())],
        "referrals": {"obtained": referrals[0], "in_pipeline": referrals[1], "became_candidates": referrals[2]},
        "first_call_to_submission_days": {
            "count": len(waits), "median": round(statistics.median(waits), 1) if waits else None,
            "mean": round(statistics.fmean(waits), 1) if waits else None},
        "placements": placements,
        "touches_per_placement": round(totals["touches"] / placements, 1) if placements else None,
    }
