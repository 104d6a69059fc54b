"""domain.fit over a whole desk at once: numpy arrays in, the ids of the best-fitting people out.

It mirrors callsheet.domain.fit (same weights, same curves) so the people it ranks first are the
people fit() ranks first; match then runs the exact fit(), with its `why`, on those few only.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from callsheet.domain.fit import FULL_COMMUTE_MILES, MAX_COMMUTE_MILES, WEIGHTS, canonical_skill
from callsheet.domain.geo import EARTH_RADIUS_MILES
from callsheet.domain.model import Job
from callsheet.domain.search import bounding_box

UNLOCATED_COMMUTE = 0.3  # fit()'s commute value when either place is unknown
TIE_MARGIN = 0.1  # fit() rounds its score: people this close to the k-th could change places in it
FIRST_LOOK = 256  # people whose distance is computed first, to learn how good the k-th must be


class Arrays(Protocol):
    """Everyone's fit features, one row per person id (the store keeps them beside the search index)."""

    ids: np.ndarray
    alive: np.ndarray
    ok: np.ndarray  # not suppressed
    seniority: np.ndarray  # -1: unknown
    lat: np.ndarray  # radians; NaN: unknown
    lon: np.ndarray
    active: np.ndarray

    def has_any(self, skills: list[str]) -> np.ndarray: ...

    def skill_count(self, skills: list[str], rows: np.ndarray) -> np.ndarray: ...


def wanted_skills(job: Job) -> list[str]:
    return list(dict.fromkeys(canonical_skill(s) for s in job.skills if s.strip()))


def best_ids(arrays: Arrays, job: Job, radius: float | None, leave_out: list[int], k: int) -> list[int]:
    """The ids of the best `k` people a match may propose, plus any scoring within TIE_MARGIN of the k-th.

    Proposed: alive, not suppressed, not in the job's pipeline, sharing at least one of the job's
    skills (when it lists any), and within `radius` miles of a located job. The commute is the only
    part that needs a distance, and it adds at most its weight: distances are computed for the people
    whose best case can still reach the k-th score, which a first look at the most promising sets.
    """
    wanted = wanted_skills(job)
    rows = _proposed(arrays, job, wanted, radius, leave_out)
    partial = _without_commute(arrays, job, wanted, rows)
    if job.lat is None or job.lon is None:
        return top_ids(arrays, rows, partial + WEIGHTS["commute"] * UNLOCATED_COMMUTE, k)
    best_case = partial + WEIGHTS["commute"] + 1e-9  # the sums below may round differently
    floor = -np.inf
    if len(rows) > FIRST_LOOK + k:
        first = np.argpartition(-best_case, FIRST_LOOK + k)[: FIRST_LOOK + k]
        _, scores = _with_commute(arrays, job, radius, rows[first], partial[first])
        if len(scores) >= k:  # the true k-th score is at least this one's
            floor = np.partition(scores, len(scores) - k)[len(scores) - k] - TIE_MARGIN
    reach = best_case >= floor
    found, scores = _with_commute(arrays, job, radius, rows[reach], partial[reach])
    return top_ids(arrays, found, scores, k)


def _proposed(arrays: Arrays, job: Job, wanted: list[str], radius: float | None,
              leave_out: list[int]) -> np.ndarray:
    """Row numbers passing the cheap tests: alive, not suppressed, a shared skill, the lat/lon box."""
    mask = arrays.alive & arrays.ok
    if wanted:
        mask &= arrays.has_any(wanted)
    if job.lat is not None and job.lon is not None and radius is not None:
        lat0, lat1, lon0, lon1 = (np.radians(v) for v in bounding_box(job.lat, job.lon, radius))
        with np.errstate(invalid="ignore"):  # NaN (no place) compares False: left out
            mask &= (arrays.lat >= lat0) & (arrays.lat <= lat1) & (arrays.lon >= lon0) & (arrays.lon <= lon1)
    rows = np.flatnonzero(mask)
    if leave_out:
        rows = rows[~np.isin(arrays.ids[rows], np.array(leave_out, dtype=np.int64))]
    return rows


def _without_commute(arrays: Arrays, job: Job, wanted: list[str], rows: np.ndarray) -> np.ndarray:
    """Each row's score from skills, seniority and availability: fit() without the commute."""
    skill = arrays.skill_count(wanted, rows) / len(wanted) if wanted else np.full(len(rows), 0.5)
    seniority = arrays.seniority[rows]
    if job.seniority is None:
        level = np.full(len(rows), 0.5)
    else:
        gap = seniority.astype(np.float64) - job.seniority
        level = np.where(seniority < 0, 0.5, np.clip(1.0 - np.abs(gap) * np.where(gap > 0, 0.3, 0.4), 0.0, 1.0))
    return (WEIGHTS["skills"] * skill + WEIGHTS["seniority"] * level
            + WEIGHTS["active"] * np.where(arrays.active[rows], 1.0, 0.4))


def _with_commute(arrays: Arrays, job: Job, radius: float | None, rows: np.ndarray,
                  partial: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the rows within `radius` miles of the located job, their full scores)."""
    miles = miles_from(arrays.lat[rows], arrays.lon[rows], job.lat or 0.0, job.lon or 0.0)
    known = ~np.isnan(miles)
    span = MAX_COMMUTE_MILES - FULL_COMMUTE_MILES
    commute = np.where(known, 1.0 - np.clip((miles - FULL_COMMUTE_MILES) / span, 0.0, 1.0), UNLOCATED_COMMUTE)
    score = partial + WEIGHTS["commute"] * commute
    if radius is None:
        return rows, score
    with np.errstate(invalid="ignore"):
        inside = known & (miles <= radius + 0.01)  # the exact check on the few follows
    return rows[inside], score[inside]


def miles_from(lat: np.ndarray, lon: np.ndarray, lat0: float, lon0: float) -> np.ndarray:
    """domain.geo.miles_between over arrays: from each point (in radians; NaN where unknown, which stays
    NaN) to one point in degrees. The same radius and the same haversine, written for numpy."""
    la, lo = np.radians(lat0), np.radians(lon0)
    with np.errstate(invalid="ignore"):
        a = np.sin((lat - la) / 2) ** 2 + np.cos(la) * np.cos(lat) * np.sin((lon - lo) / 2) ** 2
        miles: np.ndarray = 2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.minimum(1.0, a)))
    return miles


def top_ids(arrays: Arrays, idx: np.ndarray, score: np.ndarray, k: int) -> list[int]:
    """The ids of the best `k` proposed people, plus any scoring within TIE_MARGIN of the k-th (rounding
    in fit() could reorder those), so the exact ranking of the few is the exact ranking of everyone."""
    if len(idx) > k:
        kth = np.partition(score, len(score) - k)[len(score) - k]
        keep = score >= kth - TIE_MARGIN
        idx, score = idx[keep], score[keep]
        if len(idx) > 5 * k + 1000:  # a wall of ties: the lowest ids among them come first anyway
            idx = idx[np.lexsort((arrays.ids[idx], -score))[: 5 * k + 1000]]
    return [int(i) for i in arrays.ids[idx]]
