"""The contact policy: one pure function that says whether a person may be called now, and why.

The call sheet, the CLI, the web desk and the API all ask `decide`. It sees only the history up to
the moment it is asked about, so `--at` in the past answers "what did the policy say then".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from callsheet.domain.business_days import SATURDAY_SUNDAY, business_days_after, business_days_before
from callsheet.domain.model import NumberMark, Person, Phone, PhoneStatus, Suppression
from callsheet.domain.outcomes import Outcome, Touch
from callsheet.domain.windows import Window, common_open, window_for
from callsheet.domain.words import counted

ATTEMPTS = frozenset({Outcome.NO_ANSWER, Outcome.BUSY, Outcome.VOICEMAIL})
DIALS = frozenset({Outcome.NO_ANSWER, Outcome.BUSY, Outcome.VOICEMAIL, Outcome.WRONG_NUMBER, Outcome.CONNECTED,
                   Outcome.INTERESTED, Outcome.DECLINED, Outcome.CALLBACK, Outcome.REFERRAL, Outcome.HUNG_UP,
                   Outcome.DO_NOT_CALL, Outcome.DECEASED})


@dataclass(frozen=True)
class PolicySettings:
    window: Window = Window(time(8, 0), time(20, 0), frozenset(range(5)))
    holidays: frozenset[date] = frozenset()
    #: The holiday calendar's weekend, Monday=0: no business days are counted on it.
    weekend: frozenset[int] = SATURDAY_SUNDAY
    no_answer_business_days: int = 1
    busy_hours: int = 1
    voicemail_business_days: int = 2
    voicemail_cap: int = 2
    voicemail_cap_days: int = 14
    max_attempts: int = 6
    rest_days: int = 90
    hung_up_days: int = 30
    desk_zone: str = "UTC"


@dataclass(frozen=True)
class Decision:
    callable: bool
    reasons: tuple[str, ...] = ()
    next_ok_at: datetime | None = None
    #: When today's window closes for this callee (for ranking: soonest first).
    closes_at: datetime | None = None
    zones: tuple[str, ...] = field(default=())


def add_business_days(start: datetime, days: int, holidays: frozenset[date], zone: str,
                      weekend: frozenset[int] = SATURDAY_SUNDAY) -> datetime:
    """The same local time `days` business days later, skipping the weekend and holidays.

    >>> from datetime import UTC
    >>> add_business_days(datetime(2026, 11, 20, 15, tzinfo=UTC), 1, frozenset(), "UTC").isoformat()
    '2026-11-23T15:00:00+00:00'
    """
    local = start.astimezone(ZoneInfo(zone))
    day = business_days_after(local.date(), days, holidays, weekend)
    return datetime.combine(day, local.timetz()).astimezone(start.tzinfo)


def sway_since(now: datetime, s: PolicySettings) -> datetime:
    """The oldest moment at which a touch about no job, other than a wrong number, can still sway `decide`.

    Such a touch counts only as the latest hang-up (held `hung_up_days`), the latest dial (held an hour
    or a few business days) or a dial of the last 24 hours (state caps); a hold that ended before `now`
    changes nothing. Going back one business day more than the longest hold, and two calendar days for
    the callee's zone, puts every older hold in the past. Touches about a job and wrong numbers count
    at any age.
    """
    business = max(s.no_answer_business_days, s.voicemail_business_days) + 1
    day = business_days_before(now.date(), business, s.holidays, s.weekend)
    span = max(timedelta(days=s.hung_up_days), timedelta(hours=s.busy_hours), timedelta(days=1),
               timedelta(days=(now.date() - day).days + 2))
    return now - span


def swaying_touches(history: Sequence[Touch], now: datetime, s: PolicySettings) -> list[Touch]:
    """The touches of a history that `decide` can act on at `now`: it decides the same on these alone.

    The store reads only these for the call sheet (its policy loader, given `since`), which saves reading
    years of old background calls.
    """
    since = sway_since(now, s)
    return [t for t in history if t.at <= now and (t.job_id is not None or t.outcome is Outcome.WRONG_NUMBER
                                                   or (t.outcome in DIALS and t.at > since))]


def _when(moment: datetime, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone)).strftime("%a %Y-%m-%d %H:%M %Z")


def _by(t: Touch) -> str:
    return f" by {t.user}" if t.user else ""


def suppression_reason(person: Person, zone: str) -> str:
    when = f" on {person.suppressed_at.astimezone(ZoneInfo(zone)).date().isoformat()}" if person.suppressed_at else ""
    by = f" by {person.suppressed_by}" if person.suppressed_by else ""
    why = f" ({person.suppression_reason})" if person.suppression_reason else ""
    if person.suppression is Suppression.DECEASED:
        return f"Marked deceased{when}{by}{why} — all outreach stopped, for everyone"
    if person.suppression is Suppression.DO_NOT_CALL:
        return f"Do not call: marked{when}{by}{why} — never call again, any job, any recruiter"
    return f"Personal data erased{when}{by} — never contact"


def number_mark_reason(mark: NumberMark, zone: str) -> str:
    """Why a number is not dialled for anyone: the mark of a person who held it, or the do-not-call list
    it is on, with when and by whom."""
    day = mark.at.astimezone(ZoneInfo(zone)).date().isoformat() if mark.at else ""
    by = f" by {mark.by}" if mark.by else ""
    if mark.list_name:
        imported = f" imported {day}" if day else ""
        return f"On the list '{mark.list_name}'{imported}{by} — never called"
    when = f" on {day}" if day else ""
    if mark.suppression is Suppression.ERASED:
        return f"This number belonged to someone whose personal data was erased{when}{by} — never called"
    what = "deceased" if mark.suppression is Suppression.DECEASED else "do not call"
    return f"This number belongs to someone marked {what}{when}{by} — never called"


def marked_numbers(phones: Sequence[Phone], marks: Sequence[NumberMark], now: datetime) -> dict[str, NumberMark]:
    """The numbers among `phones` that another person's mark held at `now`, each with its oldest mark."""
    held: dict[str, NumberMark] = {}
    wanted = {p.e164 for p in phones}
    for mark in marks:
        if mark.e164 in wanted and mark.e164 not in held and mark.in_force(now):
            held[mark.e164] = mark
    return held


def cooloff(history: Sequence[Touch], job_id: int | None, now: datetime, s: PolicySettings,
            zone: str) -> tuple[datetime | None, list[str], bool]:
    """Cool-offs and caps from the outcome table: (not before, reasons, blocked for good)."""
    reasons: list[str] = []
    until: datetime | None = None
    forever = False

    def hold(moment: datetime, reason: str) -> None:
        nonlocal until
        if moment > now:
            until = moment if until is None else max(until, moment)
            reasons.append(f"{reason}; OK again {_when(moment, zone)}")

    for t in reversed(history):
        if t.outcome is Outcome.HUNG_UP:
            hold(t.at + timedelta(days=s.hung_up_days),
                 f"Hung up on {_when(t.at, zone)}{_by(t)} — no calls for {counted(s.hung_up_days, 'day')}, any job")
            break
    attempts = [t for t in history if t.outcome in DIALS]
    if attempts:
        last = attempts[-1]
        if last.outcome is Outcome.NO_ANSWER:
            hold(add_business_days(last.at, s.no_answer_business_days, s.holidays, zone, s.weekend),
                 f"No answer {_when(last.at, zone)} — retry after {s.no_answer_business_days} business day")
        elif last.outcome is Outcome.BUSY:
            hold(last.at + timedelta(hours=s.busy_hours), f"Busy at {_when(last.at, zone)} — retry after an hour")
        elif last.outcome is Outcome.VOICEMAIL:
            hold(add_business_days(last.at, s.voicemail_business_days, s.holidays, zone, s.weekend),
                 f"Voicemail left {_when(last.at, zone)} — give them "
                 f"{counted(s.voicemail_business_days, 'business day')}")
    if job_id is None:
        return until, reasons, forever
    on_job = [t for t in history if t.job_id == job_id]
    decided = [t for t in on_job if t.outcome is Outcome.DECLINED]
    if decided:
        t = decided[-1]
        reason = f" ({t.reason})" if t.reason else ""
        reasons.append(f"Declined this job on {_when(t.at, zone)}{_by(t)}{reason} — no more calls about it")
        return until, reasons, True
    callbacks = [t for t in on_job if t.outcome is Outcome.CALLBACK and t.callback_at is not None]
    if callbacks and callbacks[-1].callback_at is not None and callbacks[-1] is on_job[-1]:
        hold(callbacks[-1].callback_at, "Asked for a callback")
    since = now - timedelta(days=s.voicemail_cap_days)
    recent_vm = [t for t in on_job if t.outcome is Outcome.VOICEMAIL and t.at > since]
    if len(recent_vm) >= s.voicemail_cap:
        hold(recent_vm[-s.voicemail_cap].at + timedelta(days=s.voicemail_cap_days),
             f"{counted(len(recent_vm), 'voicemail')} about this job in {counted(s.voicemail_cap_days, 'day')}")
    streak = 0
    for t in reversed(on_job):
        if t.outcome not in ATTEMPTS:
            break
        streak += 1
    if streak >= s.max_attempts:
        last_attempt = on_job[-1]
        hold(last_attempt.at + timedelta(days=s.rest_days),
             f"{streak} unanswered attempts on this job — resting it {counted(s.rest_days, 'day')}")
    return until, reasons, forever


def decide(person: Person, phone: Phone | None, history: Sequence[Touch], now: datetime,
           settings: PolicySettings, job_id: int | None = None, marks: Sequence[NumberMark] = ()) -> Decision:
    """May we call this person (on this phone, about this job) at `now`? Every "no" says why.

    `person.suppression` must be the suppression in force at `now`; `history` may hold later touches,
    which are ignored. `marks` are other people's marks on this person's numbers: a number a
    do-not-call, deceased or erased person held stays undialled whoever holds it now.
    """
    zone_of_desk = settings.desk_zone
    if person.suppression is not Suppression.NONE:
        return Decision(False, (suppression_reason(person, zone_of_desk),), None)
    past = [t for t in history if t.at <= now]
    wrong = {t.phone for t in past if t.outcome is Outcome.WRONG_NUMBER and t.phone}
    phones = [phone] if phone is not None else list(person.phones)
    held = marked_numbers(phones, marks, now) if marks else {}
    usable = [p for p in phones if p.status is PhoneStatus.OK and p.e164 not in wrong and p.e164 not in held]
    if not usable:
        if held:
            return Decision(False, tuple(number_mark_reason(m, zone_of_desk) for m in held.values()), None)
        if phone is not None:
            return Decision(False, (f"{phone.e164} is a wrong number — never dialled again",), None)
        return Decision(False, ("No usable phone number",), None)
    zone_hint = person.timezone or (usable[0].timezones[0] if usable[0].timezones else zone_of_desk)
    until, reasons, forever = cooloff(past, job_id, now, settings, zone_hint)
    if forever:
        return Decision(False, tuple(reasons), None)
    window, rule = window_for(settings.window, person.state)
    if rule is not None and rule.max_calls_per_day is not None:
        day_calls = [t for t in past if t.outcome in DIALS and t.at > now - timedelta(hours=24)]
        if len(day_calls) >= rule.max_calls_per_day:
            moment = day_calls[-rule.max_calls_per_day].at + timedelta(hours=24)
            until = moment if until is None else max(until, moment)
            reasons.append(f"{rule.note}; {counted(len(day_calls), 'call')} in the last 24 hours")
    best: Decision | None = None
    for p in usable:
        zones = (person.timezone,) if person.timezone else (p.timezones or (zone_of_desk,))
        candidate = _window_decision(window, zones, now, until, reasons, rule is not None and rule.note or "")
        if candidate.callable:
            return candidate
        sooner = candidate.next_ok_at and (best is None or best.next_ok_at is None
                                           or candidate.next_ok_at < best.next_ok_at)
        if best is None or sooner:
            best = candidate
    assert best is not None
    return best


# The call sheet asks about one moment for every row, in a handful of zones: each text is made once.
@lru_cache(maxsize=512)
def _local_clocks(now: datetime, zones: tuple[str, ...]) -> str:
    return " / ".join(now.astimezone(ZoneInfo(z)).strftime("%a %H:%M") for z in zones)


@lru_cache(maxsize=64)
def _span(window: Window) -> str:
    return f"{window.start:%H:%M}-{window.end:%H:%M}"


def _window_decision(window: Window, zones: tuple[str, ...], now: datetime, until: datetime | None,
                     reasons: list[str], state_note: str) -> Decision:
    earliest = max(now, until) if until else now
    is_open, next_open, closes = common_open(window, zones, earliest)
    zone_text = " and ".join(zones)
    local_now = _local_clocks(now, zones)
    span = _span(window)
    if until is None and is_open:
        why = [f"Within calling hours: {local_now} in {zone_text} (window {span})"]
        return Decision(True, tuple(why + reasons), None, closes, zones)
    out = list(reasons)
    if until is None:
        note = f"; {state_note}" if state_note else ""
        out.append(f"Outside calling hours: {local_now} in {zone_text} (window {span} on weekdays{note})")
    next_ok = earliest if is_open else next_open
    return Decision(False, tuple(out), next_ok, None, zones)
