"""A phone call placed or taken through a provider, and the order its states come in.

Providers report a call's progress by callbacks that may repeat or arrive out of order; a call only
ever moves forward in `RANK`, so a late or repeated report changes nothing.
"""

from __future__ import annotations

from enum import StrEnum

from callsheet.domain.outcomes import Outcome


class CallState(StrEnum):
    PLACED = "placed"
    RINGING = "ringing"
    ANSWERED = "answered"
    COMPLETED = "completed"
    BUSY = "busy"
    NO_ANSWER = "no_answer"
    FAILED = "failed"
    CANCELED = "canceled"


#: How far along each state is: a call moves only to a higher rank. The ends share the top rank, so
#: the first end heard is the one kept.
RANK: dict[CallState, int] = {
    CallState.PLACED: 0,
    CallState.RINGING: 1,
    CallState.ANSWERED: 2,
    CallState.COMPLETED: 3,
    CallState.BUSY: 3,
    CallState.NO_ANSWER: 3,
    CallState.FAILED: 3,
    CallState.CANCELED: 3,
}

#: The outcome a call's state gives its touch by itself. A call placed counts as an attempt not
#: answered until it is; an answered call is "connected" until the recruiter says what came of it.
OUTCOME_OF: dict[CallState, Outcome] = {
    CallState.PLACED: Outcome.NO_ANSWER,
    CallState.RINGING: Outcome.NO_ANSWER,
    CallState.ANSWERED: Outcome.CONNECTED,
    CallState.COMPLETED: Outcome.CONNECTED,
    CallState.BUSY: Outcome.BUSY,
    CallState.NO_ANSWER: Outcome.NO_ANSWER,
    CallState.FAILED: Outcome.NO_ANSWER,
    CallState.CANCELED: Outcome.NO_ANSWER,
}

#: Outcomes a call's progress may overwrite: its own. One the recruiter chose is never overwritten.
AUTOMATIC = frozenset({Outcome.NO_ANSWER, Outcome.CONNECTED, Outcome.BUSY})

#: States that end a call without anyone speaking.
MISSED = frozenset({CallState.BUSY, CallState.NO_ANSWER, CallState.FAILED, CallState.CANCELED})


def moves_forward(old: CallState, new: CallState) -> bool:
    """Whether a report of `new` may follow `old`.

    >>> moves_forward(CallState.ANSWERED, CallState.RINGING), moves_forward(CallState.RINGING, CallState.COMPLETED)
    (False, True)
    """
    return RANK[new] > RANK[old]
