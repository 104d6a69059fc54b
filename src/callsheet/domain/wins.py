"""The win column of a job seeker's calls: every rung of the ladder reached counts, week by week."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from callsheet.domain.scripts import RUNG_LABELS, RUNGS


def week_start(day: date) -> date:
    """The Monday of a day's ISO week.

    >>> week_start(date(2026, 11, 19)).isoformat()
    '2026-11-16'
    """
    return day - timedelta(days=day.weekday())


def win_column(wins: Iterable[tuple[datetime, str]], now: datetime, zone: str, weeks: int = 8) -> dict[str, Any]:
    """Rungs reached per ISO week in the desk's zone, this week first, and by rung over those weeks.

    >>> from datetime import UTC
    >>> column = win_column([(datetime(2026, 11, 17, 15, tzinfo=UTC), "referral")],
    ...                     datetime(2026, 11, 18, 15, tzinfo=UTC), "America/Chicago", weeks=2)
    >>> column["this_week"]["week"], column["this_week"]["total"], column["weeks"][1]["total"]
    ('2026-W47', 1, 0)
    """
    tz = ZoneInfo(zone)
    this_monday = week_start(now.astimezone(tz).date())
    mondays = [this_monday - timedelta(weeks=i) for i in range(max(weeks, 1))]
    per_week: dict[date, Counter[str]] = {m: Counter() for m in mondays}
    for at, rung in wins:
        if at > now or not rung:
            continue
        monday = week_start(at.astimezone(tz).date())
        if monday in per_week:
            per_week[monday][rung] += 1
    order = {r: i for i, r in enumerate(RUNGS)}
    rows = []
    for monday in mondays:
        counts = per_week[monday]
        iso = monday.isocalendar()
        rows.append({"week": f"{iso.year}-W{iso.week:02d}", "start": monday.isoformat(),
                     "total": sum(counts.values()),
                     "by_rung": {r: counts[r] for r in sorted(counts, key=lambda r: order.get(r, len(order)))}})
    overall: Counter[str] = Counter()
    for counts in per_week.values():
        overall.update(counts)
    return {
        "this_week": rows[0],
        "weeks": rows,
        "by_rung": [{"rung": r, "label": RUNG_LABELS.get(r, r), "count": overall[r]}
                    for r in sorted(overall, key=lambda r: order.get(r, len(order)))],
        "total": sum(overall.values()),
    }
