"""Ranking the call sheet: callbacks first, then heat, fit, client targets, staleness, closing window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SheetCandidate:
    urgency: int
    opportunity: int
    is_target: bool
    skills_matched: int
    skills_wanted: int
    seniority_gap: int | None
    miles: float | None
    last_touch_at: datetime | None
    callback_due_at: datetime | None


def sheet_points(c: SheetCandidate, now: datetime) -> float:
    """The score alone (higher first): cheap enough to rank a whole pipeline."""
    score = 1000.0 if c.callback_due_at is not None and c.callback_due_at <= now else 0.0
    score += c.urgency * c.opportunity * 2 + (20 if c.is_target else 0)
    if c.skills_wanted:
        score += 30 * c.skills_matched / c.skills_wanted
    if c.seniority_gap is not None:
        score -= 5 * abs(c.seniority_gap)
    if c.miles is not None:
        score -= min(c.miles, 100) / 10
    if c.last_touch_at is None:
        score += 15
    else:
        score += min(max(0.0, (now - c.last_touch_at).total_seconds() / 86400), 30) / 2
    return score


def sheet_reasons(c: SheetCandidate, now: datetime) -> list[str]:
    """Why the row is on the sheet, in the words a recruiter reads."""
    why: list[str] = []
    if c.callback_due_at is not None and c.callback_due_at <= now:
        why.append("Promised callback is due")
    heat = c.urgency * c.opportunity
    if heat >= 15:
        why.append(f"Hot job: urgency {c.urgency} × opportunity {c.opportunity}")
    else:
        why.append(f"Job heat {heat} (urgency {c.urgency} × opportunity {c.opportunity})")
    if c.is_target:
        why.append("Client-named target")
    if c.skills_wanted:
        why.append(f"{c.skills_matched} of {c.skills_wanted} skills")
    if c.seniority_gap:
        levels = "level" if abs(c.seniority_gap) == 1 else "levels"
        why.append(f"{abs(c.seniority_gap)} {levels} {'junior' if c.seniority_gap < 0 else 'senior'}")
    if c.miles is not None:
        why.append(f"{c.miles:.0f} miles from the client")
    if c.last_touch_at is None:
        why.append("Never called")
    else:
        why.append(f"Last touched {max(0.0, (now - c.last_touch_at).total_seconds() / 86400):.0f} days ago")
    return why


def sheet_score(c: SheetCandidate, now: datetime) -> tuple[float, list[str]]:
    """A score (higher first) and the reasons a recruiter reads beside the row.

    >>> from datetime import UTC
    >>> now = datetime(2026, 11, 17, 16, tzinfo=UTC)
    >>> score, why = sheet_score(SheetCandidate(5, 4, True, 3, 4, 0, 10.0, None, None), now)
    >>> why[:2]
    ['Hot job: urgency 5 × opportunity 4', 'Client-named target']
    """
    return sheet_points(c, now), sheet_reasons(c, now)
