"""Merging two records of one person by hand (callsheet merge KEEP OTHER).

Nothing is lost: phones, emails, touches, pipelines, links, audit rows and every other row that
points at OTHER move to KEEP; blank fields of KEEP are filled from OTHER; the stricter
suppression wins. Then OTHER is deleted.
"""

from __future__ import annotations

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.model import Person, Suppression
from callsheet.services.unit import UnitOfWork

#: Stricter last: a merge keeps the one further down this list.
STRICTNESS = [Suppression.NONE, Suppression.DO_NOT_CALL, Suppression.DECEASED, Suppression.ERASED]


def stricter(a: Person, b: Person) -> Person:
    return b if STRICTNESS.index(b.suppression) > STRICTNESS.index(a.suppression) else a


def merge_people(uow: UnitOfWork, clock: Clock, keep_id: int, other_id: int) -> Person:
    if keep_id == other_id:
        raise BadInput("other", "a person cannot be merged into themselves")
    now = clock.now()
    with uow:
        keep, other = uow.people.get(keep_id), uow.people.get(other_id)
        if keep is None:
            raise NotFound("person", keep_id)
        if other is None:
            raise NotFound("person", other_id)
        if Suppression.ERASED in (keep.suppression, other.suppression):
            # A tombstone must stay empty: merging would give an erased person data again.
            raise BadInput("person", "an erased person cannot be merged")
        for name in ("title", "company_id", "seniority", "city", "state", "zip", "lat", "lon", "timezone",
                     "linkedin_url", "referred_by_id"):
            if not getattr(keep, name) and getattr(other, name):
                setattr(keep, name, getattr(other, name))
        if not keep.city and other.city:
            keep.lat, keep.lon = other.lat, other.lon
        keep.skills = list(dict.fromkeys(keep.skills + other.skills))
        if other.profile and other.profile not in keep.profile:
            keep.profile = f"{keep.profile}\n\n{other.profile}".strip()
        keep.active = keep.active or other.active
        strict = stricter(keep, other)
        keep.suppression, keep.suppressed_at = strict.suppression, strict.suppressed_at
        keep.suppressed_by, keep.suppression_reason = strict.suppressed_by, strict.suppression_reason
        if keep.referred_by_id in (keep_id, other_id):
            keep.referred_by_id = None
        uow.records.merge(keep, other_id, now)
        merged: Person | None = uow.people.get(keep_id)
    assert merged is not None
    return merged
