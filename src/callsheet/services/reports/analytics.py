"""Outreach analytics for the desk, a recruiter, a client or a job over a date range: what works.

The store does the counting (from roll-ups of touches by day that it keeps on every write, exact for
any range); Python only turns a few thousand aggregated rows into rates, local hours and medians. Which
touches and candidacies a scope counts is said in store/queries/analytics.py.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.outcomes import Outcome
from callsheet.domain.outreach import DIAL_KINDS, REACHED_VALUES, OutreachCounts
from callsheet.services.unit import UnitOfWork
from callsheet.settings import Settings

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
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


def _resolve(uow: UnitOfWork, scope: StatsScope) -> tuple[int | None, int | None]:
    """The ids of the scope's recruiter and client; NotFound for a recruiter, client or job the desk lacks."""
    user_id = company_id = None
    if scope.owner:
        user = uow.users.by_login(scope.owner)
        if user is None:
            raise NotFound("recruiter", scope.owner)
        user_id = user.id
    if scope.client:
        company = uow.jobs.company_by_name(scope.client)
        if company is None:
            raise NotFound("client", scope.client)
        company_id = company.id
    if scope.job_id is not None and uow.jobs.get(scope.job_id) is None:
        raise NotFound("job", scope.job_id)
    return user_id, company_id


def outreach_stats(uow: UnitOfWork, clock: Clock, settings: Settings, scope: StatsScope) -> dict[str, Any]:
    """Every figure of the analytics page, as one JSON-ready dict."""
    desk_zone = settings.timezone
    with uow:
        user_id, company_id = _resolve(uow, scope)
        counts = uow.analytics.counts(scope.start, scope.end, desk_zone, user_id, scope.job_id, company_id)
    return _assemble(scope, counts)


def _assemble(scope: StatsScope, counts: OutreachCounts) -> dict[str, Any]:
    counted, hourly, voicemails = counts.counted, counts.hourly, counts.voicemails
    referrals, submissions, placements = counts.referrals, counts.submissions, counts.placements
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
