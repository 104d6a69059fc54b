"""Ranking the call sheet's candidacies lazily: exact scores only for rows that can reach the sheet.

Every score is the sum of the job's heat, the client-target bonus, staleness (all known as the rows
arrive) and fit (skill overlap, seniority gap and distance), which costs a set intersection and a
haversine. Fit adds at most 30 points (all skills) and otherwise only takes points away, so a row's
score is at most its known part plus 30. Rows are taken in order of that bound; a row is scored
exactly only while its bound can still beat the best exactly-scored row not yet handed out. The
order handed out is exactly the order of sorting every row by (score desc, person, job).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from callsheet.domain.scoring import SheetCandidate, sheet_points
from callsheet.lookup.places import miles_between
from callsheet.services.sheet_queries import Job

#: Floating-point sums may differ in the last bit between the bound and the exact score.
_SLACK = 1e-6


@dataclass(slots=True)
class Candidate:
    job_id: int
    person_id: int
    bound: float
    row: tuple[Any, ...]
    job: Job
    due: bool
    score: float = 0.0
    scored: SheetCandidate = field(default=None)  # type: ignore[assignment]

    def key(self) -> tuple[float, int, int]:
        return (-self.score, self.person_id, self.job_id)


def _skills(text: str) -> frozenset[str]:
    return frozenset(s for s in text.split(",") if s)


class Ranking:
    """Hands out candidacies best first (`next`), scoring each exactly only when it must."""

    def __init__(self, by_bound: list[Candidate], by_person: dict[int, list[Candidate]]) -> None:
        self._by_bound = by_bound
        self._position = 0
        self._heap: list[tuple[float, int, int, int, Candidate]] = []
        self._by_person = by_person
        # Skill lists repeat across a big pipeline: each distinct one is split once.
        self._skill_sets: dict[str, frozenset[str]] = {}
        self._count = 0

    def _score(self, c: Candidate) -> None:
        if c.scored is not None:
            return
        _, _, is_target, skills, seniority, lat, lon, stale = c.row
        job = c.job
        have = self._skill_sets.get(skills)
        if have is None:
            have = self._skill_sets[skills] = _skills(skills)
        c.scored = SheetCandidate(
            job.urgency, job.opportunity, bool(is_target), len(job.skills & have), len(job.skills),
            (seniority - job.seniority) if seniority and job.seniority else None,
            miles_between(lat, lon, job.lat, job.lon) if lat is not None and job.lat is not None
            and job.lon is not None else None,
            None if stale is None else float(stale), c.due)
        c.score = sheet_points(c.scored)

    def next(self) -> Candidate | None:
        heap, by_bound = self._heap, self._by_bound
        while self._position < len(by_bound) and (not heap or by_bound[self._position].bound + _SLACK >= -heap[0][0]):
            c = by_bound[self._position]
            self._position += 1
            self._score(c)
            self._count += 1
            heapq.heappush(heap, (-c.score, c.person_id, c.job_id, self._count, c))
        if not heap:
            return None
        return heapq.heappop(heap)[-1]

    def later_jobs(self, chosen: Candidate) -> list[int]:
        """The person's other open candidacies that rank below the chosen one, best first."""
        later = []
        for c in self._by_person.get(chosen.person_id, ()):
            if c is chosen:
                continue
            self._score(c)
            if c.key() > chosen.key():
                later.append(c)
        return [c.job_id for c in sorted(later, key=Candidate.key)]


def rank_candidates(rows: Sequence[tuple[Any, ...]], open_jobs: dict[int, Job],
                    due: dict[tuple[int, int], datetime]) -> Ranking:
    """Rows are (job_id, person_id, is_target, skills, seniority, lat, lon, days since last touch)."""
    candidates = []
    by_person: dict[int, list[Candidate]] = {}
    for row in rows:
        job_id, person_id, is_target, stale = row[0], row[1], row[2], row[7]
        job = open_jobs[job_id]
        is_due = (job_id, person_id) in due
        known = job.heat_points + (20 if is_target else 0) + (1000.0 if is_due else 0.0)
        if stale is None:
            known += 15
        elif stale > 0:
            known += (stale if stale < 30 else 30.0) / 2
        c = Candidate(job_id, person_id, known + job.fit_ceiling, row, job, is_due)
        candidates.append(c)
        by_person.setdefault(person_id, []).append(c)
    candidates.sort(key=lambda c: -c.bound)
    return Ranking(candidates, by_person)
