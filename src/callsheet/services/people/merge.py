"""Merging two records of one person by hand (callsheet merge KEEP OTHER).

Nothing is lost: phones, emails, touches, pipelines, links, audit rows and every other row that
points at OTHER move to KEEP; blank fields of KEEP are filled from OTHER; the stricter
suppression wins. Then OTHER is deleted.
"""

from __future__ import annotations

from sqlalchemy import and_, delete, exists, select, update

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.model import Person, Suppression
from callsheet.services.people.refs import references
from callsheet.store.tables import candidacies, emails, people, person_links, phones
from callsheet.store.uow import UnitOfWork

#: Stricter last: a merge keeps the one further down this list.
STRICTNESS = [Suppression.NONE, Suppression.DO_NOT_CALL, Suppression.DECEASED, Suppression.ERASED]


def stricter(a: Person, b: Person) -> Person:
    return b if STRICTNESS.index(b.suppression) > STRICTNESS.index(a.suppression) else a


def _drop_clashes(uow: UnitOfWork, keep: int, other: int) -> None:
    """Rows of OTHER that KEEP already has (same number, address, job, link) would break uniqueness."""
    c = uow.connection
    for table, column in ((phones, phones.c.e164), (emails, emails.c.address), (candidacies, candidacies.c.job_id)):
        twin = table.alias("twin")
        c.execute(delete(table).where(table.c.person_id == other, exists(
            select(twin.c.id).where(twin.c.person_id == keep, twin.c[column.name] == column))))
    twin = person_links.alias("twin")
    c.execute(delete(person_links).where(person_links.c.person_id == other, exists(
        select(twin.c.id).where(twin.c.person_id == keep, twin.c.kind == person_links.c.kind,
                                and_(twin.c.user_id.is_not_distinct_from(person_links.c.user_id),
                                     twin.c.other_person_id.is_not_distinct_from(person_links.c.other_person_id))))))


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
        _drop_clashes(uow, keep_id, other_id)
        c = uow.connection
        # Numbers and addresses of OTHER follow KEEP's, in their own order.
        for table in (phones, emails):
            offset = len(keep.phones) if table is phones else len(keep.emails)
            c.execute(update(table).where(table.c.person_id == other_id)
                      .values(position=table.c.position + offset))
        for table, column in references():
            c.execute(update(table).where(column == other_id).values({column.name: keep_id}))
        # A link from KEEP to itself (OTHER referred KEEP) means nothing now.
        c.execute(delete(person_links).where(person_links.c.person_id == keep_id,
                                             person_links.c.other_person_id == keep_id))
        c.execute(update(people).where(people.c.referred_by_id == people.c.id).values(referred_by_id=None))
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
        c.execute(update(people).where(people.c.id == keep_id).values(
            **{k: v for k, v in uow.people._values(keep).items()}, updated_at=now))
        # OTHER's touches are KEEP's now; the store keeps KEEP's last touch (the later of the two).
        c.execute(delete(people).where(people.c.id == other_id))
        merged = uow.people.get(keep_id)
    assert merged is not None
    return merged
