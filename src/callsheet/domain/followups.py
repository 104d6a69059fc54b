"""The job seeker's follow-up rule: follow up on an application once, after a decent wait.

`business_days_after` is re-exported from `domain/business_days.py`, where business days are counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from callsheet.domain.business_days import SATURDAY_SUNDAY, business_days_after, business_days_between

__all__ = ["Application", "FollowUpRule", "FollowUpState", "business_days_after", "followup_state"]

from callsheet.domain.words import counted


@dataclass(frozen=True)
class Application:
    """A job seeker's application, with the moments of its follow-up calls so far."""

    id: int
    company_id: int
    company: str
    role: str
    posting_url: str
    applied_on: date
    channel: str
    contact_person_id: int | None
    status: str
    notes: str
    followups: tuple[datetime, ...] = ()


@dataclass(frozen=True)
class FollowUpRule:
    wait_business_days: int = 5
    max_followups: int = 1


@dataclass(frozen=True)
class FollowUpState:
    due: bool
    reason: str
    due_on: date | None


def followup_state(applied_on: date, followups: list[datetime], today: date, holidays: frozenset[date],
                   rule: FollowUpRule = FollowUpRule(), weekend: frozenset[int] = SATURDAY_SUNDAY) -> FollowUpState:
    """Is the one follow-up call due today? Every answer says why.

    >>> followup_state(date(2026, 11, 16), [], date(2026, 11, 19), frozenset()).reason
    'Applied 2026-11-16: 3 business days ago; the follow-up call is due on 2026-11-23'
    """
    if len(followups) >= rule.max_followups:
        last = max(followups)
        return FollowUpState(False, f"Followed up on {last.date().isoformat()} — now wait; "
                                    "one follow-up call per application", None)
    due_on = business_days_after(applied_on, rule.wait_business_days, holidays, weekend)
    elapsed = business_days_between(applied_on, today, holidays, weekend)
    ago = f"Applied {applied_on.isoformat()}: {counted(elapsed, 'business day')} ago"
    if today < due_on:
        return FollowUpState(False, f"{ago}; "
                                    f"the follow-up call is due on {due_on.isoformat()}", due_on)
    return FollowUpState(True, f"{ago} — call once to "
                               "confirm it arrived and whether the role is still open", due_on)
