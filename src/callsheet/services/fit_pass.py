"""domain.fit over a whole desk at once: numpy arrays in, a score per person out.

It mirrors callsheet.domain.fit (same weights, same curves) so the people it ranks first are the
people fit() ranks first; match then runs the exact fit(), with its `why`, on those few only.
"""

from __future__ import annotations

import numpy as np

from callsheet.domain.fit import FULL_COMMUTE_MILES, MAX_COMMUTE_MILES, WEIGHTS, canonical_skill
from callsheet.domain.model import Job
from callsheet.store.search.arrays import Arrays
from callsheet.store.search.common import bounding_box

EARTH_MILES = 3958.8


def wanted_skills(job: Job) -> list[str]:
    return list(dict.fromkeys(canonical_skill(s) for s in job.skills if s.strip()))


def candidates_and_scores(arrays: Arrays, job: Job, radius: float | None,
                          leave_out: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """(row numbers of the people a match may propose, their approximate fit scores).

    Proposed: alive, not suppressed, not in the job's pipeline, sharing at least one of the job's
    skills (when it lists any), and within `radius` miles of a located job. The cheap tests (skill
    bits, a lat/lon box) narrow the desk first; distances and scores are computed for those only.
    """
    wanted = wanted_skills(job)
    mask = arrays.alive & arrays.ok
    count = None
    if wanted:
        count = np.zeros(len(arrays.ids), dtype=np.uint8)
        for s in wanted:
            count += arrays.has_skill(s)
        mask &= count > 0
    located = job.lat is not None and job.lon is not None
    if located and radius is not None:
        lat0, lat1, lon0, lon1 = (np.radians(v) for v in bounding_box(job.lat or 0.0, job.lon or 0.0, radius))
        with np.errstate(invalid="ignore"):  # NaN (no place) compares False: left out
            mask &= (arrays.lat >= lat0) & (arrays.lat <= lat1) & (arrays.lon >= lon0) & (arrays.lon <= lon1)
    idx = np.flatnonzero(mask)
    if leave_out:
        idx = idx[~np.isin(arrays.ids[idx], np.array(leave_out, dtype=np.int64))]
    skill = count[idx] / len(wanted) if count is not None else np.full(len(idx), 0.5)
    seniority = arrays.seniority[idx]
    if job.seniority is None:
        level = np.full(len(idx), 0.5)
    else:
        gap = seniority.astype(np.float64) - job.seniority
        level = np.where(seniority < 0, 0.5, np.clip(1.0 - np.abs(gap) * np.where(gap > 0, 0.3, 0.4), 0.0, 1.0))
    if not located:
        commute = np.full(len(idx), 0.3)
    else:
        lat, lon = arrays.lat[idx], arrays.lon[idx]
        la, lo = np.radians(job.lat or 0.0), np.radians(job.lon or 0.0)
        with np.errstate(invalid="ignore"):
            a = np.sin((lat - la) / 2) ** 2 + np.cos(la) * np.cos(lat) * np.sin((lon - lo) / 2) ** 2
            miles = 2 * EARTH_MILES * np.arcsin(np.sqrt(np.minimum(1.0, a)))
        known = ~np.isnan(miles)
        span = MAX_COMMUTE_MILES - FULL_COMMUTE_MILES
        commute = np.where(known, 1.0 - np.clip((miles - FULL_COMMUTE_MILES) / span, 0.0, 1.0), 0.3)
        if radius is not None:
            with np.errstate(invalid="ignore"):
                inside = known & (miles <= radius + 0.01)  # the exact check on the few follows
            idx, skill, level, commute = idx[inside], skill[inside], level[inside], commute[inside]
    score = (WEIGHTS["skills"] * skill + WEIGHTS["seniority"] * level + WEIGHTS["commute"] * commute
             + WEIGHTS["active"] * np.where(arrays.active[idx], 1.0, 0.4))
    return idx, score


def top_ids(arrays: Arrays, idx: np.ndarray, score: np.ndarray, k: int) -> list[int]:
    """The ids of the best `k` proposed people, plus any scoring within 0.1 of the k-th (rounding in
    fit() could reorder those), so the exact ranking of the few is the exact ranking of everyone."""
    if len(idx) > k:
        kth = np.partition(score, len(score) - k)[len(score) - k]
        keep = score >= kth - 0.1
        idx, score = idx[keep], score[keep]
        if len(idx) > 5 * k + 1000:  # a wall of ties: the lowest ids among them come first anyway
            idx = idx[np.lexsort((arrays.ids[idx], -score))[: 5 * k + 1000]]
    return [int(i) for i in arrays.ids[idx]]
