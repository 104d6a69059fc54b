"""Rehearsing a call: a simulated listener, and the scorecard of what the caller said.

The listener answers as people on the phone do: some hang up within seconds, some want a résumé or the
details by email, some have no time, some decline for a reason, some ask about the job, some are
interested. How often each happens is the desk's own experience (its decline reasons and its hang-up
rate), given as a `Listener`. A rehearsal is a pure function of the listener, the seed and the caller's
lines: replaying the same lines with the same seed gives the same conversation.

The scorecard judges the caller's lines against the three objectives of every script (domain/scripts.py)
and names the rung of the ladder reached: each objection moves the listener one rung down.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from callsheet.domain.outcomes import DeclineReason
from callsheet.domain.scripts import OBJECTIVES, CallKind, is_seeker, ladder_for

#: Decline reasons of a desk without history, with how often each is heard.
DEFAULT_DECLINES: tuple[tuple[str, int], ...] = (
    (DeclineReason.HAPPY_WHERE_I_AM.value, 30), (DeclineReason.TIMING.value, 20),
    (DeclineReason.COMPENSATION.value, 15), (DeclineReason.NOT_A_FIT.value, 15),
    (DeclineReason.LOCATION.value, 10), (DeclineReason.MID_PROJECT.value, 10))
#: How often a listener of a desk without history hangs up within seconds.
DEFAULT_HANG_UP_RATE = 0.1
#: How many of the desk's decline reasons the listener uses, most frequent first.
TOP_REASONS = 5
#: What the caller types to end a rehearsal (an empty line ends it too).
END_WORDS = frozenset({"", "bye"})
#: Who speaks in a transcript.
CALLER, LISTENER = "you", "listener"

OBJECTIONS = ("send_resume", "not_a_good_time", "not_hiring", "decline")

DECLINE_LINES: dict[str, str] = {
    DeclineReason.HAPPY_WHERE_I_AM.value: "Thanks, but I'm happy where I am.",
    DeclineReason.PROMISED_PROMOTION.value: "I've been promised a promotion here, so no.",
    DeclineReason.MID_PROJECT.value: "I'm in the middle of a big project; I can't think about anything else.",
    DeclineReason.LOYAL.value: "I owe a lot to this company; I'm staying.",
    DeclineReason.FOLLOWS_BOSS.value: "I go where my boss goes, and she isn't moving.",
    DeclineReason.COMPENSATION.value: "Honestly, the money wouldn't work for me.",
    DeclineReason.LOCATION.value: "That's too far from home for me.",
    DeclineReason.TIMING.value: "The timing is wrong; maybe next year.",
    DeclineReason.NOT_A_FIT.value: "I don't think that's a fit for me.",
    DeclineReason.OTHER.value: "No, thank you.",
}


@dataclass(frozen=True)
class Listener:
    """Who picks up: the desk's decline reasons with their counts, its hang-up rate, and the call's facts."""

    declines: tuple[tuple[str, int], ...] = DEFAULT_DECLINES
    hang_up_rate: float = DEFAULT_HANG_UP_RATE
    job_title: str = ""
    company: str = ""
    location: str = ""


def listener_from(reasons: list[tuple[str, int]], hang_up_rate: float | None, job_title: str = "",
                  company: str = "", location: str = "") -> Listener:
    """A listener weighted by a desk's decline reasons (most frequent kept) and hang-up rate; defaults
    where the desk has no history.

    >>> listener_from([], None).hang_up_rate, listener_from([("timing", 3)], 0.25).declines
    (0.1, (('timing', 3),))
    """
    known = {r.value for r in DeclineReason}
    counted = sorted(((r if r in known else DeclineReason.OTHER.value, n) for r, n in reasons if n > 0),
                     key=lambda rn: -rn[1])[:TOP_REASONS]
    rate = DEFAULT_HANG_UP_RATE if hang_up_rate is None else min(max(hang_up_rate, 0.0), 0.9)
    return Listener(tuple(counted) or DEFAULT_DECLINES, rate, job_title, company, location)


# -- judging the caller's lines ----------------------------------------------------------------------
_WHO = re.compile(r"\b(this is|my name is|my name's|i am|i'm|it's)\b")
_WHY = re.compile(r"\b(calling|call(ed)? (you )?(about|because)|because|reason|reaching out|role|job|position|"
                  r"opening|opportunity|search|looking for|hiring|team|follow(ing)? up|applied|application)\b")
_ASK = re.compile(r"\b(would you|are you|do you|could you|can you|have you|is it|is this|interested|open to|"
                  r"available|availability|a minute|two minutes|free)\b")
_BUSY_TIME = re.compile(r"\b(good|bad|right|wrong|busy|ok|okay)\s+(time|moment)\b")
_CLOSE = re.compile(r"\b(time|tomorrow|next week|monday|tuesday|wednesday|thursday|"
                    r"friday|saturday|sunday|morning|afternoon|send|sending|email|e-mail|meet|meeting|coffee|"
                    r"call (you )?back|check back|schedule|calendar|connect|linkedin|introduce|"
                    r"\d{1,2}(:\d\d)?\s*(am|pm)|\d{1,2}:\d\d)\b")


def judge_line(text: str) -> frozenset[str]:
    """The objectives one line of the caller meets.

    >>> sorted(judge_line("Hi Ann, this is Andrew; I'm calling about a DBA role."))
    ['share']
    >>> sorted(judge_line("Would you be open to hearing more?")), sorted(judge_line("Coffee on Thursday at 10am?"))
    (['ask'], ['ask', 'close'])
    >>> sorted(judge_line("Is this a good time")), sorted(judge_line("Nice weather today, huh"))
    (['ask'], [])
    """
    said = text.lower().replace("’", "'")
    met = set()
    if _WHO.search(said) and _WHY.search(said):
        met.add("share")
    if "?" in said or _ASK.search(said):
        met.add("ask")
    if _CLOSE.search(_BUSY_TIME.sub(" ", said)):
        met.add("close")
    return frozenset(met)


def score(lines: list[str]) -> dict[str, bool]:
    """Each objective, met by at least one line: share needs who you are and why you call in one line.

    >>> score(["This is Ann, calling about the analyst role.", "Are you free for a call back Friday?"])
    {'share': True, 'ask': True, 'close': True}
    """
    met: set[str] = set()
    for line in lines:
        met |= judge_line(line)
    return {key: key in met for key, _ in OBJECTIVES}


# -- the conversation ----------------------------------------------------------------------------------
@dataclass
class Rehearsal:
    """One rehearsal in progress: `hear` the caller's line, get the listener's answer (None once over)."""

    kind: CallKind
    listener: Listener
    seed: int
    transcript: list[tuple[str, str]] = field(default_factory=list)
    reactions: list[str] = field(default_factory=list)
    declines: list[str] = field(default_factory=list)
    step: int = 0
    agreed: bool = False
    hung_up: bool = False
    over: bool = False

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    @property
    def ladder(self) -> tuple[tuple[str, str], ...]:
        return ladder_for(self.kind)

    @property
    def lines(self) -> list[str]:
        return [text for speaker, text in self.transcript if speaker == CALLER]

    def rung(self) -> str | None:
        """The rung the listener agreed to, or None when the call closed on nothing."""
        return self.ladder[self.step][0] if self.agreed else None

    def objectives(self) -> dict[str, bool]:
        return score(self.lines)

    def hear(self, line: str) -> str | None:
        """The listener's answer to one line; an empty line or "bye" ends the rehearsal (None)."""
        text = " ".join(line.split())
        if self.over:
            return None
        if text.lower().strip(" .!") in END_WORDS:
            self.over = True
            return None
        self.transcript.append((CALLER, text))
        reaction = self._react(judge_line(text), len(self.transcript) == 1)
        answer = self._say(reaction)
        self.reactions.append(reaction)
        self.transcript.append((LISTENER, answer))
        return answer

    def _react(self, said: frozenset[str], first: bool) -> str:
        r = self._random
        if first and r.random() < self.listener.hang_up_rate:
            self.hung_up = self.over = True
            return "hang_up"
        if "close" in said:
            if r.random() < 0.3 and self.step < len(self.ladder) - 1:
                return self._object()
            self.agreed = self.over = True
            return "agree"
        weights = {"interest": 2.0, "question": 2.0, "send_resume": 1.0, "not_a_good_time": 1.0,
                   "not_hiring": 1.0 if is_seeker(self.kind) else 0.0, "decline": 2.0}
        if not said:  # off the script: the listener loses patience
            weights = {k: (w * 2 if k in OBJECTIONS else w / 2) for k, w in weights.items()}
        if "share" in said or "ask" in said:
            weights["interest"] *= 1.5
            weights["question"] *= 1.5
        if self.reactions and self.reactions[-1] in weights and self.reactions[-1] != "decline":
            weights[self.reactions[-1]] = 0.0  # a listener says "not a good time" once, then moves on
        reaction = r.choices(list(weights), weights=list(weights.values()))[0]
        return self._object(reaction) if reaction in OBJECTIONS else reaction

    def _object(self, reaction: str = "") -> str:
        """An objection: the listener moves one rung down the ladder."""
        reaction = reaction or self._random.choice(
            ("send_resume", "not_a_good_time", "not_hiring", "decline") if is_seeker(self.kind)
            else ("send_resume", "not_a_good_time", "decline"))
        if reaction == "decline":
            reasons, counts = zip(*self.listener.declines, strict=True)
            self.declines.append(self._random.choices(reasons, weights=counts)[0])
        self.step = min(self.step + 1, len(self.ladder) - 1)
        return reaction

    def _say(self, reaction: str) -> str:
        facts, seeker = self.listener, is_seeker(self.kind)
        if reaction == "hang_up":
            return "(click: they hung up within seconds)"
        if reaction == "agree":
            return f"All right: {self.ladder[self.step][1].lower()}. Let's do that."
        if reaction == "decline":
            return DECLINE_LINES.get(self.declines[-1], DECLINE_LINES[DeclineReason.OTHER.value])
        if reaction == "send_resume":
            return "Just send me your résumé." if seeker else "Just send me the details by email."
        if reaction == "not_a_good_time":
            return "It's not a good time; I'm about to walk into a meeting."
        if reaction == "not_hiring":
            return "We are not hiring right now."
        if reaction == "interest":
            return "That sounds interesting. Go on."
        return self._question(facts, seeker)

    def _question(self, facts: Listener, seeker: bool) -> str:
        topic = self._random.choice(("pay", "location", "remote", "company"))
        role = facts.job_title or ("the role you want" if seeker else "the job")
        if topic == "pay":
            return f"What salary are you after for {role}?" if seeker else f"What does {role} pay?"
        if topic == "location":
            place = f" {facts.location}" if facts.location else ""
            return "Where are you based?" if seeker else f"Where would I work? Is it{place or ' nearby'}?"
        if topic == "remote":
            return "Would you come to the office, or do you want remote?" if seeker else "Is it remote?"
        who = facts.company or "the company"
        return f"Why {who}?" if seeker else f"What is it like at {who}?"


def replay(kind: CallKind, listener: Listener, seed: int, lines: list[str]) -> Rehearsal:
    """The rehearsal these lines make with this seed, as if said one after another."""
    rehearsal = Rehearsal(kind, listener, seed)
    for line in lines:
        if rehearsal.over:
            break
        rehearsal.hear(line)
    return rehearsal


# -- the script's lines that would have helped ------------------------------------------------------
_HEADING = re.compile(r"^([A-Z][A-Z ]+)\b")
_QUOTED = re.compile(r"\"([^\"]+)\"")


def helpful_lines(script: str, objectives: dict[str, bool], step: int) -> dict[str, str]:
    """For each objective missed, the first line of the script's part for it (the close at the rung reached).

    >>> text = ('OPEN\\n  "Hi."\\nSHARE (you)\\n  "I do SQL."\\nASK\\n  "What matters?"\\n'
    ...         'CLOSE\\n  1. A: "Meet?"\\n  2. B: "Refer?"')
    >>> helpful_lines(text, {"share": True, "ask": False, "close": False}, 1)
    {'ask': 'What matters?', 'close': 'Refer?'}
    """
    parts: dict[str, list[str]] = {}
    current = ""
    for raw in script.splitlines():
        heading = _HEADING.match(raw)
        if heading:
            current = heading.group(1).split()[0].lower()
        parts.setdefault(current, []).extend(_QUOTED.findall(raw))
    found = {}
    for key, met in objectives.items():
        lines = parts.get(key) or []
        if not met and lines:
            found[key] = lines[min(step, len(lines) - 1)] if key == "close" else lines[0]
    return found
