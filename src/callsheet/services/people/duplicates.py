"""Likely duplicates: similar names at the same company, flagged for a person to review.

Same phone, email or LinkedIn URL is the same person and imports merge those on their own; a
similar name is only a hint (two Jon Smiths can work at one bank), so it is never merged silently.

Two names are proposed when they read alike ("Jack Kowalski" / "Kowalski, Jack"), or when they share
a last name and their first names are one given name ("Bob" and "Robert", "Liz" and "Elizabeth": the
`nicknames` data set, through `lookup.names.given_names`). The nickname match puts each person in one
bucket per given name their first name stands for, so its cost grows with the people, not their pairs.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

from rapidfuzz import fuzz, process, utils

from callsheet.domain.errors import BadInput
from callsheet.lookup.names import given_names
from callsheet.services.unit import UnitOfWork

#: What made a pair likely duplicates, as `match` says it.
SIMILAR, NICKNAME = "similar name", "nickname"


def likely_duplicates(uow: UnitOfWork, threshold: int = 88) -> list[dict[str, Any]]:
    """Pairs of people at one company whose names score at least `threshold` (0-100), or whose first
    names are nicknames of one given name with the same last name; best score first."""
    if not 50 <= threshold <= 100:
        raise BadInput("threshold", "must be between 50 and 100")
    by_company: dict[int, list[tuple[int, str, str, str]]] = defaultdict(list)
    with uow:
        for pid, name, first, last, company_id in uow.people_queries.named_at_companies():
            by_company[company_id].append((pid, name, first, last))
        names = uow.people_queries.company_names()
    pairs: dict[tuple[int, int], dict[str, Any]] = {}
    for company_id, members in by_company.items():
        if len(members) < 2:
            continue
        company = names.get(company_id, "")
        choices = [utils.default_process(name) for _, name, _, _ in members]
        for i, (pid, name, _, _) in enumerate(members):
            # Only later members, so each pair is reported once.
            for _match, score, j in process.extract(choices[i], choices[i + 1:], scorer=fuzz.token_sort_ratio,
                                                    score_cutoff=threshold, limit=None, processor=None):
                other_id, other_name = members[i + 1 + j][:2]
                pairs[(pid, other_id)] = _pair(pid, other_id, name, other_name, company, score, SIMILAR)
        for i, j in _same_given_name(members):
            (a, a_name), (b, b_name) = members[i][:2], members[j][:2]
            if (a, b) not in pairs:
                score = fuzz.token_sort_ratio(choices[i], choices[j], processor=None)
                pairs[(a, b)] = _pair(a, b, a_name, b_name, company, score, NICKNAME)
    return sorted(pairs.values(), key=lambda p: (-p["score"], p["a"], p["b"]))


def _same_given_name(members: list[tuple[int, str, str, str]]) -> set[tuple[int, int]]:
    """Positions (i < j) of members with one last name whose first names stand for one given name."""
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, (_, _, first, last) in enumerate(members):
        last_key = " ".join(last.split()).lower()
        if last_key:
            for given in given_names(first):
                buckets[(last_key, given)].append(position)
    return {pair for bucket in buckets.values() if len(bucket) > 1 for pair in combinations(bucket, 2)}


def _pair(a: int, b: int, a_name: str, b_name: str, company: str, score: float, match: str) -> dict[str, Any]:
    return {"a": a, "b": b, "a_name": a_name, "b_name": b_name, "company": company,
            "score": round(float(score), 1), "match": match}
