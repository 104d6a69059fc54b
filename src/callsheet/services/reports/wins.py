"""The win column from the touches log: every rung reached, per week."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput
from callsheet.domain.wins import win_column
from callsheet.services.unit import UnitOfWork
from callsheet.settings import Settings


def wins(uow: UnitOfWork, clock: Clock, settings: Settings, weeks: int = 8, login: str | None = None
         ) -> dict[str, Any]:
    """Rungs reached per ISO week (this week first) and by rung, optionally for one user only; rehearsals
    counted apart as practice."""
    if not 1 <= weeks <= 520:
        raise BadInput("weeks", "must be between 1 and 520")
    now = clock.now()
    since = now - timedelta(weeks=weeks + 1)  # generous: the week boundary is settled in the desk's zone
    with uow:
        rows = uow.reports.rungs(since, now, login)
        practice = uow.practice.rungs(since, now, login)
    column = win_column(rows, now, settings.timezone, weeks)
    # Rehearsals are practice, never wins: counted beside the column, each week and in all.
    rehearsed = win_column([(at, rung or "none") for at, rung in practice], now, settings.timezone, weeks)
    column["practice"] = {"this_week": rehearsed["this_week"]["total"], "total": rehearsed["total"],
                          "by_rung": {r["rung"]: r["count"] for r in rehearsed["by_rung"] if r["rung"] != "none"}}
    column["user"] = login
    return column
