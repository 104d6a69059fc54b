"""Likely duplicates: similar names at the same company, flagged for a person to review.

Same phone, email or LinkedIn URL is the same person and imports merge those on their own; a
similar name is only a hint (two Jon Smiths can work at one bank), so it is never merged silently.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rapidfuzz import fuzz, process, utils

from callsheet.domain.errors import BadInput
from callsheet.services.unit import UnitOfWork


def likely_duplicates(uow: UnitOfWork, threshold: int = 88) -> list[dict[str, Any]]:
    """Pairs of people at one company whose names score at least `threshold` (0-100), best first."""
    if not 50 <= threshold <= 100:
        raise BadInput("threshold", "must be between 50 and 100")
    by_company: dict[int, list[tuple[int, str]]] = defaultdict(list)
    with uow:
        for pid, name, company_id in uow.people_queries.named_at_companies():
            by_company[company_id].append((pid, name))
        names = uow.people_queries.company_names()
    pairs: list[dict[str, Any]] = []
    for company_id, members in by_company.items():
        if len(members) < 2:
            continue
        choices = [utils.default_process(name) for _, name in members]
        for i, (pid, name) in enumerate(members):
            # Only later members, so each pair is reported once.
            for _match, score, j in process.extract(choices[i], choices[i + 1:], scorer=fuzz.token_sort_ratio,
                                                    score_cutoff=threshold, limit=None, processor=None):
                other_id, other_name = members[i + 1 + j]
                pairs.append({"a": pid, "b": other_id, "a_name": name, "b_name": other_name,
                              "company": names.get(company_id, ""), "score": round(float(score), 1)})
    return sorted(pairs, key=lambda p: (-p["score"], p["a"], p["b"]))
