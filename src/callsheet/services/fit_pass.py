"""domain.fit over a whole desk at once: numpy arrays in, a score per person out.

It mirrors callsheet.domain.fit (same weights, same curves) so the people it ranks first are the
people fit() ranks first; match then runs the exact fit(), with its `why`, on those few only.
"""

from __future__ import annotations

import numpy as np

from callsheet.domain.fit import FULL_COMMUTE_MILES, MAX_COMMUTE_MILES, WEIGHTS, canonical_skill
from callsheet.domain.model import Job
from callsheet.store.search.arrays import Arrays

EARTH_MILES = 3958.8


def wanted_skills(job: Job) -> list[str]:
    return list(dict.fromkeys(canonical_skill(s) for s in job.skills if s.strip()))


def candidates_and_scores(arrays: Arrays, job: Job, radius: float | None,
                          leave_out: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """(mask of people a match may propose, their approximate fit scores).

    Proposed: alive, not suppressed, not in the job's pipeline, sharing at least one of the job's
    skills (when it lists any), and within `radius` miles of a located job.
    """
    wanted = wanted_skills(job)
    mask = arrays.alive & arrays.ok
    if wanted:
        count = np.zeros(len(arrays.ids), dtype=np.uint8)
        for s in wanted:
            count += arrays.has_skill(s)
        skill = count / len(wanted)
        mask &= count > 0
    else:
        skill = np.full(len(arrays.ids), 0.5)
    if job.seniority is None:
        level = np.full(len(arrays.ids), 0.5)
    else:
        gap = arrays.seniority.astype(np.float64) - job.seniority
        level = np.clip(1.0 - np.abs(gap) * np.where(gap > 0, 0.3, 0.4), 0.0, 1.0)
        level[arrays.seniority < 0] = 0.5
    if job.lat is None or job.lon is None:
        commute = np.full(len(arrays.ids), 0.3)
    else:
        la, lo = np.radians(job.lat), np.radians(job.lon)
        with np.errstate(invalid="ignore"):
            a = (np.sin((arrays.lat - la) / 2) ** 2
                 + np.cos(la) * np.cos(arrays.lat) * np.sin((arrays.lon - lo) / 2) ** 2)
            miles = 2 * EARTH_MILES * np.arcsin(np.sqrt(np.minimum(1.0, a)))
        located = ~np.isnan(miles)
        span = MAX_COMMUTE_MILES - FULL_COMMUTE_MILES
        commute = np.where(located, 1.0 - np.clip((miles - FULL_COMMUTE_MILES) / span, 0.0, 1.0), 0.3)
        if radius is not None:
            with np.errstate(invalid="ignore"):
                mask &= located & (miles <= radius + 0.01)  # the exact check on the few follows
    if leave_out:
        mask &= ~np.isin(arrays.ids, np.array(leave_out, dtype=np.int64))
    score = (WEIGHTS["skills"] * skill + WEIGHTS["seniority"] * level + WEIGHTS["commute"] * commute
             + WEIGHTS["active"] * np.where(arrays.active, 1.0, 0.4))
    return mask, score


def top_ids(arrays: Arrays, mask: np.ndarray, score: np.ndarray, k: int) -> list[int]:
    """The ids of the best `k` proposed people, plus any scoring within 0.1 of the k-th (rounding in
    fit() could reorder those), so the exact ranking of the few is the exact ranking of everyone."""
    idx = np.flatnonzero(mask)
    if len(idx) > k:
        s = score[idx]
        kth = np.partition(s, len(s) - k)[len(s) - k]
        idx = idx[s >= kth - 0.1]
        if len(idx) > 5 * k + 1000:  # a wall of ties: the lowest ids among them come first anyway
            idx = idx[np.lexsort((arrays.ids[idx], -score[idx]))[: 5 * k + 1000]]
    return [int(i) for i in arrays.ids[idx]]
