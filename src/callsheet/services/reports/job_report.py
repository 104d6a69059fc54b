"""The client status report for one job: what happened, who is where, what comes next.

One model (`JobReport`), built here from the store; renderers in `report_render` turn it into HTML,
CSV and PDF. The model is client-safe by construction: it never carries a touch's notes, and a
suppressed person is reduced to "no longer being contacted" before any renderer sees them, so no
format can leak a suppression's kind or reason.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from callsheet.clock import Clock
from callsheet.domain.errors import NotFound
from callsheet.domain.model import Candidacy, NumberMark, Person, Stage, Suppression
from callsheet.domain.outcomes import REACHED, DeclineReason, Outcome, Touch, TouchKind
from callsheet.domain.policy import PolicySettings, decide
from callsheet.services.calling.policy import loaded_as_of, policy_settings
from callsheet.services.unit import UnitOfWork
from callsheet.settings import Settings

FUNNEL = ("sourced", "called", "reached", "interested", "submitted", "interviewing", "offered", "placed")
CALL_KINDS = frozenset({TouchKind.CALL, TouchKind.VOICEMAIL})
#: Stages at or past each funnel step (a placed candidate was also submitted, interviewed, offered).
AT_OR_PAST = {
    "interested": frozenset({Stage.INTERESTED, Stage.SUBMITTED, Stage.INTERVIEWING, Stage.OFFERED, Stage.PLACED}),
    "submitted": frozenset({Stage.SUBMITTED, Stage.INTERVIEWING, Stage.OFFERED, Stage.PLACED}),
    "interviewing": frozenset({Stage.INTERVIEWING, Stage.OFFERED, Stage.PLACED}),
    "offered": frozenset({Stage.OFFERED, Stage.PLACED}),
    "placed": frozenset({Stage.PLACED}),
}
NO_LONGER_CONTACTED = "No longer being contacted"

STAGE_WORDS = {
    Stage.SOURCED: "Identified", Stage.CONTACTED: "Contacted", Stage.INTERESTED: "Interested",
    Stage.SUBMITTED: "Submitted to you", Stage.INTERVIEWING: "Interviewing", Stage.OFFERED: "Offer made",
    Stage.PLACED: "Placed", Stage.DECLINED: "Declined", Stage.NOT_A_FIT: "Not a fit",
}
# Words a hiring manager can read; the person-wide marks are never named.
OUTCOME_WORDS = {
    Outcome.NO_ANSWER: "No answer yet", Outcome.BUSY: "Line busy", Outcome.VOICEMAIL: "Left a voicemail",
    Outcome.WRONG_NUMBER: "Number out of date", Outcome.INTERESTED: "Interested",
    Outcome.DECLINED: "Declined", Outcome.CALLBACK: "Asked us to call back",
    Outcome.REFERRAL: "Referred a colleague", Outcome.HUNG_UP: "Ended the call",
    Outcome.DO_NOT_CALL: NO_LONGER_CONTACTED, Outcome.DECEASED: NO_LONGER_CONTACTED,
    Outcome.CONNECTED: "Spoke with them", Outcome.SENT: "Message sent",
}
REASON_WORDS = {
    DeclineReason.HAPPY_WHERE_I_AM: "Happy in current role",
    DeclineReason.PROMISED_PROMOTION: "Expecting a promotion",
    DeclineReason.MID_PROJECT: "In the middle of a project",
    DeclineReason.LOYAL: "Loyal to current employer",
    DeclineReason.FOLLOWS_BOSS: "Would follow their manager",
    DeclineReason.COMPENSATION: "Compensation",
    DeclineReason.LOCATION: "Location or commute",
    DeclineReason.TIMING: "Timing",
    DeclineReason.NOT_A_FIT: "Not a fit for the role",
    DeclineReason.OTHER: "Other",
}
NEXT_STEPS = {
    Stage.INTERESTED: "Prepare submission",
    Stage.SUBMITTED: "Awaiting your feedback",
    Stage.INTERVIEWING: "Interview process",
    Stage.OFFERED: "Awaiting decision on offer",
}


def reason_words(reason: str) -> str:
    """A decline reason in the client's words.

    >>> reason_words("promised_promotion")
    'Expecting a promotion'
    """
    try:
        return REASON_WORDS[DeclineReason(reason)]
    except ValueError:
        return REASON_WORDS[DeclineReason.OTHER] if reason else ""


@dataclass(frozen=True)
class CandidateLine:
    person_id: int
    name: str
    stage: str
    last_outcome: str = ""
    last_contact: date | None = None
    decline_reason: str = ""
    next_step: str = ""
    next_date: date | None = None
    named_by_client: bool = False


@dataclass(frozen=True)
class CallCounts:
    calls: int = 0
    reached: int = 0
    voicemails: int = 0
    hang_ups: int = 0
    #: (client-safe reason, count), most frequent first.
    declines: list[tuple[str, int]] = field(default_factory=list)

    @property
    def declined(self) -> int:
        return sum(n for _, n in self.declines)


@dataclass(frozen=True)
class JobReport:
    job_id: int
    title: str
    client: str
    place: str
    recruiter: str
    prepared_at: datetime
    funnel: list[tuple[str, int]]
    candidates: list[CandidateLine]
    counts: CallCounts


def build_report(uow: UnitOfWork, clock: Clock, settings: Settings, job_id: int) -> JobReport:
    """The status report of one job as of the clock's now (dates in the desk's zone)."""
    now = clock.now()
    desk_zone = ZoneInfo(settings.timezone)
    with uow:
        job = uow.jobs.get(job_id)
        if job is None:
            raise NotFound("job", job_id)
        pipeline = uow.jobs.pipeline(job_id)
        people = {p.id or 0: p for p in uow.people.get_many((c.person_id for c in pipeline), zones_when_unplaced=True)}
        on_job = [t for t in uow.touches.for_job(job_id) if t.at <= now]
        # Who each person was at `now` (marks and lifts included), their history, and other people's
        # marks on their numbers: what decide reads.
        stood, histories, marks = loaded_as_of(uow, list(people), now)
        owner = uow.users.by_login(job.owner) if job.owner else None
    rules = policy_settings(settings, now.year)
    by_person: dict[int, list[Touch]] = {pid: [] for pid in people}
    for t in on_job:
        by_person.setdefault(t.person_id, []).append(t)
    lines = []
    for c in pipeline:
        person = stood.get(c.person_id, people[c.person_id])
        touches = by_person.get(c.person_id, [])
        lines.append(_line(c, person, touches, histories.get(c.person_id, []), now, rules, desk_zone,
                           marks.get(c.person_id, [])))
    stages = {c.person_id: c.stage for c in pipeline}
    lines.sort(key=lambda line: (_order(line, stages[line.person_id]), line.name))
    # A marked person counts only as no longer being contacted: in no interest, decline or reason.
    marked = {pid for pid in people if stood.get(pid, people[pid]).suppression is not Suppression.NONE}
    return JobReport(
        job_id=job_id, title=job.title, client=job.company,
        place=f"{job.city}, {job.state}" if job.city else "",
        recruiter=(owner.name if owner and owner.name else job.owner),
        prepared_at=now.astimezone(desk_zone), funnel=_funnel(pipeline, by_person, marked), candidates=lines,
        counts=_counts(on_job, marked))


# Furthest along first: what the client cares about most is at the top.
RANKS = {s: i for i, s in enumerate((Stage.PLACED, Stage.OFFERED, Stage.INTERVIEWING, Stage.SUBMITTED,
                                     Stage.INTERESTED, Stage.CONTACTED, Stage.SOURCED, Stage.DECLINED,
                                     Stage.NOT_A_FIT))}


def _order(line: CandidateLine, stage: Stage) -> int:
    return len(RANKS) if line.stage == NO_LONGER_CONTACTED else RANKS[stage]


def _funnel(pipeline: list[Candidacy], by_person: dict[int, list[Touch]], marked: set[int]) -> list[tuple[str, int]]:
    counts = Counter[str]()
    for c in pipeline:
        touches = by_person.get(c.person_id, [])
        counts["sourced"] += 1
        counts["called"] += any(t.kind in CALL_KINDS for t in touches)
        counts["reached"] += any(t.outcome in REACHED for t in touches) or c.stage in AT_OR_PAST["interested"]
        if c.person_id in marked:
            continue  # called and reached, as it happened; never counted as interested or further
        interested = any(t.outcome is Outcome.INTERESTED for t in touches)
        counts["interested"] += interested or c.stage in AT_OR_PAST["interested"]
        for step in ("submitted", "interviewing", "offered", "placed"):
            counts[step] += c.stage in AT_OR_PAST[step]
    return [(step, counts[step]) for step in FUNNEL]


def _counts(on_job: list[Touch], marked: set[int]) -> CallCounts:
    declines = Counter(reason_words(t.reason) or reason_words("other")
                       for t in on_job if t.outcome is Outcome.DECLINED and t.person_id not in marked)
    return CallCounts(
        calls=sum(t.kind in CALL_KINDS for t in on_job),
        reached=sum(t.outcome in REACHED for t in on_job),
        voicemails=sum(t.outcome is Outcome.VOICEMAIL for t in on_job),
        hang_ups=sum(t.outcome is Outcome.HUNG_UP for t in on_job),
        declines=sorted(declines.items(), key=lambda kv: (-kv[1], kv[0])),
    )


def _line(c: Candidacy, person: Person, touches: list[Touch], history: list[Touch], now: datetime,
          rules: PolicySettings, desk_zone: ZoneInfo, marks: list[NumberMark]) -> CandidateLine:
    name = person.name
    if person.suppression is not Suppression.NONE:
        # Only the fact, never the kind or the reason, and nothing of the history.
        return CandidateLine(c.person_id, name, NO_LONGER_CONTACTED, named_by_client=c.is_target)
    last = touches[-1] if touches else None
    declined = [t for t in touches if t.outcome is Outcome.DECLINED]
    reason = reason_words(declined[-1].reason) if declined and c.stage is Stage.DECLINED else ""
    step, when = _next_step(c, person, touches, history, now, rules, marks)
    return CandidateLine(
        person_id=c.person_id, name=name, stage=STAGE_WORDS[c.stage],
        last_outcome=OUTCOME_WORDS[last.outcome] if last else "Not yet called",
        last_contact=last.at.astimezone(desk_zone).date() if last else None,
        decline_reason=reason, next_step=step,
        next_date=when.astimezone(desk_zone).date() if when else None, named_by_client=c.is_target)


def _next_step(c: Candidacy, person: Person, touches: list[Touch], history: list[Touch], now: datetime,
               rules: PolicySettings, marks: list[NumberMark]) -> tuple[str, datetime | None]:
    if c.stage in (Stage.DECLINED, Stage.NOT_A_FIT, Stage.PLACED):
        return "", None
    if c.stage in NEXT_STEPS:
        return NEXT_STEPS[c.stage], None
    last = touches[-1] if touches else None
    if last is not None and last.outcome is Outcome.CALLBACK and last.callback_at and last.callback_at > now:
        return "Call back as they asked", last.callback_at
    decision = decide(person, None, history, now, rules, c.job_id, marks)
    if decision.callable:
        return ("First call" if not touches else "Follow-up call"), now
    if decision.next_ok_at is not None:
        return ("First call" if not touches else "Follow-up call"), decision.next_ok_at
    return "No further calls planned", None
