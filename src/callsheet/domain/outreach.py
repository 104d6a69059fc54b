"""What outreach analytics count: dials, conversations, submissions, and the aggregates they are built from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from callsheet.domain.outcomes import REACHED

DIAL_KINDS = ("call", "voicemail")
REACHED_VALUES = tuple(sorted(o.value for o in REACHED))
SUBMITTED_OR_LATER = ("submitted", "interviewing", "offered", "placed")
INTERESTED_OR_LATER = ("interested", *SUBMITTED_OR_LATER)
#: A voicemail counts as returned when the person calls in within this many days.
CALLBACK_DAYS = 7


@dataclass(frozen=True)
class OutreachCounts:
    """The aggregated rows of one scope, as counted by the store: a few thousand at most."""

    #: (seniority, kind, outcome, reason, touches) per group.
    counted: list[tuple[Any, ...]]
    #: (weekday 0-6, hour, dials, conversations) by the callee's local time.
    hourly: list[tuple[int, int, int, int]]
    #: (voicemails left, voicemails returned within CALLBACK_DAYS).
    voicemails: tuple[int, int]
    #: (people referred, of them in a pipeline, of them interested or further).
    referrals: tuple[int, int, int]
    #: (first call, submission) of each submitted candidacy that was called.
    submissions: list[tuple[datetime, datetime]]
    placements: int
