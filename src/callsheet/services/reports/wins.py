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
    """Rungs reached per ISO week (this week first) and by rung, optionally for one user only."""
    if not 1 <= weeks <= 520:
        raise BadInput("weeks", "must be between 1 and 520")
    now = clock.now()
    since = now - timedelta(weeks=weeks + 1)  # generous: the week boundary is settled in the desk's zone
    with uow:
        rows = uow.reports.rungs(since, now, login)
    column = win_column(rows, now, settings.timezone, weeks)
    column["user"] = login
    return column
