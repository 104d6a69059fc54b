"""Ranking the call sheet: callbacks first, then heat, fit, client targets, staleness, closing window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from callsheet.domain.words import counted

# The weights of the score: the sheet's ranking (and its bounds) and the bench's statements use these.
#: A promised callback that is due tops every other row.
CALLBACK_DUE_POINTS = 1000.0
#: Points per unit of job heat (urgency × opportunity).
HEAT_WEIGHT = 2
#: A person the client named.
TARGET_POINTS = 20
#: Every wanted skill matched; fewer in proportion.
SKILL_POINTS = 30
#: Taken away per level of seniority between the person and the job.
SENIORITY_POINTS = 5
#: Distance takes a point per MILES_PER_POINT miles, counted up to MILES_CAP.
MILES_CAP = 100
MILES_PER_POINT = 10
#: Someone never called scores as if not called for NEVER_CALLED_POINTS * STALE_DIVISOR days.
NEVER_CALLED_POINTS = 15
#: Staleness adds days since the last touch, up to STALE_CAP_DAYS, divided by STALE_DIVISOR.
STALE_CAP_DAYS = 30.0
STALE_DIVISOR = 2
#: Rows whose scores fall in the same band are ordered by the window that closes soonest.
SCORE_BAND = 5


@dataclass(frozen=True)
class SheetJob:
    """An open job as the sheet scores it."""

    title: str
    company: str
    urgency: int
    opportunity: int
    skills: frozenset[str]
    seniority: int | None
    lat: float | None
    lon: float | None

    @property
    def heat_points(self) -> float:
        return float(self.urgency * self.opportunity * HEAT_WEIGHT)

    @property
    def fit_ceiling(self) -> float:
        """The most fit can add to a score: every wanted skill (seniority and distance only subtract)."""
        return float(SKILL_POINTS) if self.skills else 0.0


@dataclass
class SheetPipelines:
    """What the sheet ranks: the open jobs, their open candidacies, and the callbacks due on them."""

    jobs: dict[int, SheetJob]
    #: (job_id, person_id, is_target, skills, seniority, lat, lon, days since last touch)
    candidates: list[tuple[Any, ...]]
    #: (job_id, person_id) -> when the latest callback promised on it fell due
    due: dict[tuple[int, int], datetime]


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
    score = CALLBACK_DUE_POINTS if c.callback_due else 0.0
    score += c.urgency * c.opportunity * HEAT_WEIGHT + (TARGET_POINTS if c.is_target else 0)
    if c.skills_wanted:
        score += SKILL_POINTS * c.skills_matched / c.skills_wanted
    if c.seniority_gap is not None:
        score -= SENIORITY_POINTS * abs(c.seniority_gap)
    if c.miles is not None:
        score -= (c.miles if c.miles < MILES_CAP else MILES_CAP) / MILES_PER_POINT
    days = c.days_since_touch
    if days is None:
        return score + NEVER_CALLED_POINTS
    return score + (0.0 if days < 0 else days if days < STALE_CAP_DAYS else STALE_CAP_DAYS) / STALE_DIVISOR


def sheet_order(callback_due: bool, score: float, closes_at: datetime | None,
                now: datetime) -> tuple[int, int, datetime, float]:
    """The sheet's sort key (smallest first): due callbacks, then score bands, within a band the window
    that closes soonest, then the score."""
    return (-int(callback_due), -round(score / SCORE_BAND), closes_at or now, -score)


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
        why.append(f"Last touched {counted(max(0.0, c.days_since_touch), 'day')} ago")
    return why


def sheet_score(c: SheetCandidate) -> tuple[float, list[str]]:
    """A score (higher first) and the reasons a recruiter reads beside the row.

    >>> score, why = sheet_score(SheetCandidate(5, 4, True, 3, 4, 0, 10.0, None, False))
    >>> why[:2]
    ['Hot job: urgency 5 × opportunity 4', 'Client-named target']
    """
    return sheet_points(c), sheet_reasons(c)
