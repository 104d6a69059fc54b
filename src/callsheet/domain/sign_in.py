"""How long sign-in attempts are refused after failures: growing delays, then a temporary lock.

Counted per account and per client address. An account is slowed after a few failures and locked after
ten; an address (which may stand for a whole office) is allowed more before the same treatment.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from callsheet.domain.words import counted

LOCK = timedelta(minutes=15)
#: A count whose last failure is this old starts again.
FORGET_AFTER = timedelta(hours=1)
MAX_DELAY = timedelta(minutes=1)


@dataclass(frozen=True)
class Allowance:
    free: int  # failures heard without any delay
    lock_at: int  # failures after which attempts are refused for LOCK


ACCOUNT = Allowance(free=3, lock_at=10)
ADDRESS = Allowance(free=10, lock_at=50)


def refusal(failures: int, allowance: Allowance) -> timedelta:
    """How long after the latest failure no attempt is heard: nothing, then 1 s, 2 s, 4 s ... (at most a
    minute), then the lock."""
    if failures >= allowance.lock_at:
        return LOCK
    if failures < allowance.free:
        return timedelta(0)
    return min(timedelta(seconds=2 ** (failures - allowance.free)), MAX_DELAY)


def wait_words(until: datetime, now: datetime) -> str:
    """'2 minutes', '1 minute', '5 seconds': how long until attempts are heard again, rounded up."""
    seconds = max(1, math.ceil((until - now).total_seconds()))
    if seconds < 60:
        return counted(seconds, "second")
    minutes = math.ceil(seconds / 60)
    return counted(minutes, "minute")
