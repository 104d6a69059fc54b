"""Ranking the call sheet's candidacies lazily: exact scores only for rows that can reach the sheet.

Every score is the sum of the job's heat, the client-target bonus, staleness, the seniority gap (all
known as the rows arrive) and the rest of fit (skill overlap and distance), which costs a set
intersection and a haversine. Skills add at most SKILL_POINTS and distance only takes points away,
so a row's score is at most its known part plus SKILL_POINTS (every weight is domain/scoring.py's).
Rows are taken in order of that bound; a row is scored exactly only while its bound can still beat
the best exactly-scored row not yet handed out. The order handed out is exactly the order of sorting
every row by (score desc, person, job).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from callsheet.domain.geo import miles_between
from callsheet.domain.scoring import (
    CALLBACK_DUE_POINTS,
    NEVER_CALLED_POINTS,
    SENIORITY_POINTS,
    STALE_CAP_DAYS,
    STALE_DIVISOR,
    TARGET_POINTS,
    SheetCandidate,
    SheetJob,
    sheet_points,
)

#: Floating-point sums may differ in the last bit between the bound and the exact score.
_SLACK = 1e-6


@dataclass(slots=True)
class Candidate:
    job_id: int
    person_id: int
    bound: float
    row: tuple[Any, ...]
    job: SheetJob
    due: bool
    score: float = 0.0
    scored: SheetCandidate = field(default=None)  # type: ignore[assignment]

    def key(self) -> tuple[float, int, int]:
        return (-self.score, self.person_id, self.job_id)


def _skills(text: str) -> frozenset[str]:
    return frozenset(s for s in text.split(",") if s)


class Ranking:
    """Hands out candidacies best first (`next`), scoring each exactly only when it must.

    Rows become Candidates only when the ranking reaches them (or a chosen person's other jobs are
    asked for): most of a big pipeline is never more than a bound in a list.
    """

    def __init__(self, rows: Sequence[tuple[Any, ...]], bounds: list[float], open_jobs: dict[int, SheetJob],
                 due: dict[tuple[int, int], datetime]) -> None:
        self._rows, self._bounds, self._jobs, self._due = rows, bounds, open_jobs, due
        self._order = sorted(range(len(rows)), key=bounds.__getitem__, reverse=True)
        self._position = 0
        self._heap: list[tuple[float, int, int, int, Candidate]] = []
        self._made: dict[int, Candidate] = {}
        # Skill lists repeat across a big pipeline: each distinct one is split once.
        self._skill_sets: dict[str, frozenset[str]] = {}

    def _candidate(self, index: int) -> Candidate:
        c = self._made.get(index)
        if c is None:
            row = self._rows[index]
            job_id, person_id = row[0], row[1]
            c = self._made[index] = Candidate(job_id, person_id, self._bounds[index], row, self._jobs[job_id],
                                              (job_id, person_id) in self._due)
        return c

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
        heap, order, bounds = self._heap, self._order, self._bounds
        while self._position < len(order) and (not heap or bounds[order[self._position]] + _SLACK >= -heap[0][0]):
            index = order[self._position]
            self._position += 1
            c = self._candidate(index)
            self._score(c)
            heapq.heappush(heap, (-c.score, c.person_id, c.job_id, index, c))
        if not heap:
            return None
        return heapq.heappop(heap)[-1]

    def later_jobs(self, chosen: Sequence[Candidate]) -> list[list[int]]:
        """For each chosen candidacy, the person's other open candidacies that rank below it, best first.

        One pass over the rows finds the chosen people's other rows (most people sit in one pipeline)."""
        mine: dict[int, list[int]] = {c.person_id: [] for c in chosen}
        for index, row in enumerate(self._rows):
            rows_of_person = mine.get(row[1])
            if rows_of_person is not None:
                rows_of_person.append(index)
        answers = []
        for picked in chosen:
            later = []
            for index in mine[picked.person_id]:
                c = self._candidate(index)
                if c is picked:
                    continue
                self._score(c)
                if c.key() > picked.key():
                    later.append(c)
            answers.append([c.job_id for c in sorted(later, key=Candidate.key)])
        return answers


def rank_candidates(rows: Sequence[tuple[Any, ...]], open_jobs: dict[int, SheetJob],
                    due: dict[tuple[int, int], datetime]) -> Ranking:
    """Rows are (job_id, person_id, is_target, skills, seniority, lat, lon, days since last touch).

    A row's bound is its exact score but for skills (counted as all matched) and distance (counted
    as none): both cost a set or a haversine, and the rest is a few additions.
    """
    base = {job_id: job.heat_points + job.fit_ceiling for job_id, job in open_jobs.items()}
    seniority_of = {job_id: job.seniority for job_id, job in open_jobs.items()}
    bounds = []
    for job_id, person_id, is_target, _, seniority, _, _, stale in rows:
        known = base[job_id]
        if is_target:
            known += TARGET_POINTS
        if due and (job_id, person_id) in due:
            known += CALLBACK_DUE_POINTS
        if stale is None:
            known += NEVER_CALLED_POINTS
        elif stale > 0:
            known += (stale if stale < STALE_CAP_DAYS else STALE_CAP_DAYS) / STALE_DIVISOR
        wanted = seniority_of[job_id]
        if seniority and wanted:
            known -= SENIORITY_POINTS * abs(seniority - wanted)
        bounds.append(known)
    return Ranking(rows, bounds, open_jobs, due)
