"""What to say on a call: kinds of call, the three objectives and the fallback ladders.

Each kind of call has a voicemail and a conversation; a conversation shares, asks and closes on a next
step, and ends on the best rung of its ladder it can reach.

Pure data and pure checks; rendering the templates lives in services/scripts/catalog.py.
"""

from __future__ import annotations

import re
from enum import StrEnum

from callsheet.domain.errors import BadInput


class CallKind(StrEnum):
    RECRUITER_COLD = "recruiter_cold"
    RECRUITER_FOLLOWUP = "recruiter_followup"
    SEEKER_HIRING_MANAGER = "seeker_hiring_manager"
    SEEKER_FOLLOWUP = "seeker_followup"


class Part(StrEnum):
    VOICEMAIL = "voicemail"
    CONVERSATION = "conversation"


KIND_TITLES: dict[CallKind, str] = {
    CallKind.RECRUITER_COLD: "Recruiter: first call about a role",
    CallKind.RECRUITER_FOLLOWUP: "Recruiter: following up an earlier call",
    CallKind.SEEKER_HIRING_MANAGER: "Job seeker: calling a hiring manager",
    CallKind.SEEKER_FOLLOWUP: "Job seeker: following up an application",
}

#: The three objectives of every conversation, in the order they are pursued.
OBJECTIVES: tuple[tuple[str, str], ...] = (
    ("share", "Share something about you or the opportunity"),
    ("ask", "Ask about them, their team or the role"),
    ("close", "Close on a next step: the best rung of the ladder you can reach"),
)

#: Fallback ladders, best first: when the top rung is out of reach, ask for the next one down.
RECRUITER_LADDER: tuple[tuple[str, str], ...] = (
    ("interested", "Interested in the role"),
    ("referral", "A referral to someone who might be"),
    ("stay_in_touch", "Stay in touch"),
)
SEEKER_LADDER: tuple[tuple[str, str], ...] = (
    ("interview", "An interview"),
    ("informal_meeting", "An informal meeting or call"),
    ("opening_on_horizon", "Word of an opening on the horizon"),
    ("referral", "A referral to someone who is hiring"),
    ("stay_in_touch", "Stay in touch / connect online"),
)

#: Every rung either ladder knows, once each, best first across both ladders.
RUNGS: tuple[str, ...] = ("interview", "interested", "informal_meeting", "opening_on_horizon", "referral",
                          "stay_in_touch")
RUNG_LABELS: dict[str, str] = dict(RECRUITER_LADDER + SEEKER_LADDER)

_WORD = re.compile(r"[\w'’-]*\w[\w'’-]*")

#: About 30 seconds spoken at a calm pace.
VOICEMAIL_WORDS = 75

#: The fields a script may use, per object. A template naming anything else is refused.
FIELDS: dict[str, frozenset[str]] = {
    "person": frozenset({"id", "name", "first_name", "last_name", "title", "company", "city", "state", "location",
                         "skills", "seniority"}),
    "job": frozenset({"id", "title", "company", "city", "state", "location", "skills", "seniority",
                      "applied_on"}),
    "company": frozenset({"name", "city", "state", "location"}),
    "caller": frozenset({"name", "first_name", "company", "phone", "strengths", "target_role"}),
}


def is_seeker(kind: CallKind) -> bool:
    return kind in (CallKind.SEEKER_HIRING_MANAGER, CallKind.SEEKER_FOLLOWUP)


def ladder_for(kind: CallKind) -> tuple[tuple[str, str], ...]:
    """The fallback ladder of a kind of call, best rung first.

    >>> [r for r, _ in ladder_for(CallKind.RECRUITER_COLD)]
    ['interested', 'referral', 'stay_in_touch']
    """
    return SEEKER_LADDER if is_seeker(kind) else RECRUITER_LADDER


def check_kind(value: str) -> CallKind:
    text = value.strip().lower()
    if text not in {k.value for k in CallKind}:
        raise BadInput("kind", f"{value!r} is not one of: {', '.join(k.value for k in CallKind)}")
    return CallKind(text)


def check_part(value: str) -> Part:
    text = value.strip().lower()
    if text not in {p.value for p in Part}:
        raise BadInput("part", f"{value!r} is not one of: {', '.join(p.value for p in Part)}")
    return Part(text)


def check_rung(value: str) -> str:
    """A rung one of the ladders knows, lower-cased; anything else is bad input.

    >>> check_rung(" Informal_Meeting ")
    'informal_meeting'
    """
    text = value.strip().lower()
    if text not in RUNGS:
        raise BadInput("rung", f"{value!r} is not a rung of a ladder: {', '.join(RUNGS)}")
    return text


def word_count(text: str) -> int:
    """Spoken words: numbers and names count, punctuation does not.

    >>> word_count("Hi Ann, this is Andrew -- call me at 414-555-0100.")
    9
    """
    return len(_WORD.findall(text))


def voicemail_warning(text: str, limit: int = VOICEMAIL_WORDS) -> str | None:
    """A warning when a voicemail would run over about 30 seconds, else None.

    >>> voicemail_warning("word " * 80)
    'voicemail runs 80 words (about 32 seconds); keep it under 75 words, about 30 seconds'
    """
    words = word_count(text)
    if words <= limit:
        return None
    return (f"voicemail runs {words} words (about {round(words * 30 / limit)} seconds); "
            f"keep it under {limit} words, about 30 seconds")
