"""Ranking the call sheet: callbacks first, then heat, fit, client targets, staleness, closing window."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class SheetCandidate:
    urgency: int
    opportunity: int
    is_target: bool
    skills_matched: int
    skills_wanted: int
    seniority_gap: int | None
    miles: float | None
    #: Days since the person's last touch; None when never touched.
    days_since_touch: float | None
    callback_due: bool


def sheet_points(c: SheetCandidate) -> float:
    """The score alone (higher first): cheap enough to rank a whole pipeline."""
    score = 1000.0 if c.callback_due else 0.0
    score += c.urgency * c.opportunity * 2 + (20 if c.is_target else 0)
    if c.skills_wanted:
        score += 30 * c.skills_matched / c.skills_wanted
    if c.seniority_gap is not None:
        score -= 5 * abs(c.seniority_gap)
    if c.miles is not None:
        score -= (c.miles if c.miles < 100 else 100) / 10
    days = c.days_since_touch
    if days is None:
        return score + 15
    return score + (0.0 if days < 0 else days if days < 30 else 30.0) / 2


def sheet_reasons(c: SheetCandidate) -> list[str]:
    """Why the row is on the sheet, in the words a recruiter reads."""
    why: list[str] = []
    if c.callback_due:
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
    if c.days_since_touch is None:
        why.append("Never called")
    else:
        why.append(f"Last touched {max(0.0, c.days_since_touch):.0f} days ago")
    return why


def sheet_score(c: SheetCandidate) -> tuple[float, list[str]]:
    """A score (higher first) and the reasons a recruiter reads beside the row.

    >>> score, why = sheet_score(SheetCandidate(5, 4, True, 3, 4, 0, 10.0, None, False))
    >>> why[:2]
    ['Hot job: urgency 5 × opportunity 4', 'Client-named target']
    """
    return sheet_points(c), sheet_reasons(c)
