"""The call sheet as one hand-written SQL statement per dialect: the same answer as the service.

`sheet_rows(connection, owner, now, rules, limit)` returns the rows of
`callsheet.services.calling.sheet.call_sheet` — (person_id, job_id, score rounded to cents) in the sheet's
order — from one statement (bench/sheet_sql_sqlite.py, bench/sheet_sql_postgres.py), written as a
recruiter's DBA would: CTEs, window functions, LATERAL on PostgreSQL, the indexes the store has.
The work follows the recruiter's open jobs: their pipelines, and the touches of the people in them.
Like the service, it scores every open candidacy but asks the policy (index look-ups in the touches)
only row by row, best first, until the sheet is full: PostgreSQL filters a sorted subquery under a
LIMIT, SQLite walks the ranked rows with a recursive CTE.

What it computes, rule by rule, as the service does:
  * the owner's open jobs; their open candidacies of people not suppressed;
  * domain.scoring.sheet_points, term by term in the same order (1000 for a callback due, heat,
    client target, skill overlap, seniority gap, haversine miles, staleness), so the doubles agree;
  * the policy (domain.policy.decide): a usable phone (status ok, never a wrong number), hung up in
    the last 30 days, the latest dial's hold (busy an hour; no answer one business day, voicemail
    two, at the same local time, skipping weekends and holidays), declined on the job, a callback
    asked for later (the job's latest touch), the voicemail cap (2 in 14 days), a 90-day rest after
    6 unanswered attempts in a row, the state's 3-calls-in-24-hours cap, and the window today in the
    callee's zone (the desk's window narrowed to 08:00-21:00 and to the state's rule);
  * one row per person (their best candidacy the policy allows), the best `limit` people by score,
    in the sheet's order: callbacks first, 5-point bands (Python's round: ties to even), the window
    that closes soonest, the score in cents, then the rank order.

Time zones: PostgreSQL converts with AT TIME ZONE. SQLite has no zone database: `sqlite_desk` passes,
as one JSON parameter, each zone's UTC offsets over the last 40 days and the next 20 (one or two rows
a zone), the holidays, and the desk's window; every row's local times are computed in SQL.

What it does not reproduce:
  * A person without a zone of their own: the service takes their phones' prefix zones
    (phonenumbers, not stored); the statement takes the desk's zone. The demo desk gives everyone a
    zone.
  * SQLite knows the offsets of the zones it is given: by default those the places lookup can assign
    (the zipcodes data) and the desk's; a person in another zone is never callable there.
  * SQLite compares a no-answer or voicemail hold with the moment in local time, and takes the
    window's closing time with the zone's offset now: both exact unless a DST change falls on a
    business day or between the moment and the window's close (never in US zones, which change at
    02:00 on a Sunday). PostgreSQL converts both with AT TIME ZONE.
  * Holds older than 40 days are not looked at (none of those rules holds anyone that long).
  * A mark set or lifted after the moment asked about: the statement takes the person's mark as it
    is now, where the service reads the audit trail as of that moment.
  * The `why` texts, the phone to dial and the `also` list are not computed.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from bench import sheet_sql_postgres, sheet_sql_sqlite
from bench.sheet_common import OWNER
from callsheet.domain.policy import PolicySettings
from callsheet.store.raw import RawStatement, utc_text

#: (dialect, for one owner) -> the statement.
STATEMENTS: dict[tuple[str, bool], RawStatement] = {
    (dialect, owned): RawStatement(sql.replace("{owner}", OWNER if owned else ""))
    for dialect, sql in (("sqlite", sheet_sql_sqlite.SQLITE), ("postgresql", sheet_sql_postgres.POSTGRES))
    for owned in (False, True)
}

#: The days around the moment whose offsets SQLite is given (the calendar in the SQL spans the same).
_BEFORE, _AFTER = 40, 20


@lru_cache(maxsize=1)
def known_zones() -> tuple[str, ...]:
    """The zones the places lookup can give a person (and so SQLite's default list)."""
    from callsheet.lookup import places

    zones = set()
    for row in places._cities().values():  # noqa: SLF001 - the lookup's own index, read-only
        try:
            ZoneInfo(str(row[5]))
        except (ValueError, KeyError, OSError):
            continue  # the data holds a few names that are no zone
        zones.add(str(row[5]))
    return tuple(sorted(zones))


def _spans(zone: str, first: datetime, last: datetime) -> list[list[Any]]:
    """The zone's UTC offset over [first, last): a row per stretch of one offset, found hour by hour
    and narrowed to the second (zone changes fall on whole seconds)."""
    tz = ZoneInfo(zone)

    def offset(moment: datetime) -> int:
        delta = moment.astimezone(tz).utcoffset()
        return int(delta.total_seconds()) if delta is not None else 0

    rows: list[list[Any]] = []
    start, current, probe = first, offset(first), first
    while probe < last:
        step = min(probe + timedelta(hours=1), last)
        if offset(step) != current:
            lo, hi = probe, step  # offset(lo) == current != offset(hi)
            while hi - lo > timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                lo, hi = (mid, hi) if offset(mid) == current else (lo, mid)
            rows.append([zone, start, hi, current])
            start, current = hi, offset(hi)
        probe = step
    rows.append([zone, start, last, current])
    return rows



@lru_cache(maxsize=16)
def _sqlite_desk(day: date, desk_zone: str, start: str, end: str, days: tuple[int, ...],
                 holidays: tuple[date, ...], zones: tuple[str, ...]) -> str:
    # Keyed by the day: a moving clock reuses it all day.
    first = datetime.combine(day - timedelta(days=_BEFORE), datetime.min.time(), UTC)
    last = datetime.combine(day + timedelta(days=_AFTER), datetime.min.time(), UTC)
    offsets = [[z, utc_text(a), utc_text(b), s] for zone in sorted(set(zones) | {desk_zone})
               for z, a, b, s in _spans(zone, first, last)]
    return json.dumps({"zone": desk_zone, "start": start, "end": end, "days": list(days),
                       "holidays": [d.isoformat() for d in holidays], "offsets": offsets})


def sqlite_desk(now: datetime, rules: PolicySettings, zones: tuple[str, ...] | None = None) -> str:
    """The JSON parameter of the SQLite statement: what SQLite cannot know, per zone and per day."""
    window = rules.window
    near = tuple(sorted(d for d in rules.holidays if abs((d - now.date()).days) <= _BEFORE + 10))
    return _sqlite_desk(now.astimezone(UTC).date(), rules.desk_zone, window.start.strftime("%H:%M:%S"),
                        window.end.strftime("%H:%M:%S"), tuple(sorted(window.days)), near,
                        zones if zones is not None else known_zones())


def sheet_params(dialect: str, owner: str | None, now: datetime, rules: PolicySettings, limit: int,
                 zones: tuple[str, ...] | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"limit": limit}
    if owner:
        params["owner"] = owner
    if dialect == "sqlite":
        params["now"] = utc_text(now)
        params["desk"] = sqlite_desk(now, rules, zones)
    else:
        params.update(now=now, desk_zone=rules.desk_zone, win_start=rules.window.start.strftime("%H:%M:%S"),
                      win_end=rules.window.end.strftime("%H:%M:%S"), win_days=sorted(rules.window.days),
                      holidays=sorted(rules.holidays))
    return params


def sheet_rows(connection: Connection, owner: str | None, now: datetime, rules: PolicySettings,
               limit: int = 25, zones: tuple[str, ...] | None = None) -> list[tuple[int, int, float]]:
    """The call sheet's rows (person_id, job_id, score) for `owner` (None: every recruiter) at `now`."""
    dialect = connection.dialect.name
    statement = STATEMENTS[(dialect, bool(owner))]
    return [(int(r[0]), int(r[1]), float(r[2]))
            for r in statement.rows(connection, sheet_params(dialect, owner, now, rules, limit, zones))]
