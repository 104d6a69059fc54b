"""Batch look-ups for the merge engine: one query per kind of key per batch, never one per row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from callsheet.store.jobs_repo import company_key
from callsheet.store.tables import companies, emails, erased_keys, import_keys, people, person_links, phones

_CHUNK = 900


def chunks(items: Iterable[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class Target:
    """A person some rows of this batch resolve to: already stored (id set) or about to be created."""

    id: int | None
    suppression: str = "none"
    fields: dict[str, Any] = field(default_factory=dict)
    phones: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    new_phones: list[tuple[str, str]] = field(default_factory=list)
    new_emails: list[str] = field(default_factory=list)
    changed: bool = False
    knows: bool = False
    wants_knows: datetime | None | bool = False
    row_digests: list[str] = field(default_factory=list)


_FILLABLE = ("title", "company_id", "city", "state", "zip", "lat", "lon", "timezone", "linkedin_url", "profile")


def key_hits(c: Connection, phone_keys: set[str], email_keys: set[str], url_keys: set[str],
             erased: set[str], rows: set[str]) -> dict[str, list[int]]:
    """Keys ('p:+1...', 'e:a@b', 'u:https://...', 'x:digest', 'r:digest') -> person ids, lowest first."""
    hits: dict[str, set[int]] = defaultdict(set)
    for chunk in chunks(phone_keys):
        for pid, e164 in c.execute(select(phones.c.person_id, phones.c.e164).where(phones.c.e164.in_(chunk))):
            hits[f"p:{e164}"].add(pid)
    for chunk in chunks(email_keys):
        for pid, address in c.execute(select(emails.c.person_id, emails.c.address)
                                      .where(emails.c.address.in_(chunk))):
            hits[f"e:{address}"].add(pid)
    for chunk in chunks(url_keys):
        for pid, url in c.execute(select(people.c.id, people.c.linkedin_url).where(people.c.linkedin_url.in_(chunk))):
            hits[f"u:{url}"].add(pid)
    for chunk in chunks(erased):
        for pid, digest in c.execute(select(erased_keys.c.person_id, erased_keys.c.digest)
                                     .where(erased_keys.c.digest.in_(chunk))):
            hits[f"x:{digest}"].add(pid)
    for chunk in chunks(rows):
        for pid, digest in c.execute(select(import_keys.c.person_id, import_keys.c.digest)
                                     .where(import_keys.c.digest.in_(chunk))):
            hits[f"r:{digest}"].add(pid)
    return {key: sorted(ids) for key, ids in hits.items()}


def load_targets(c: Connection, ids: set[int], knows_user: int | None) -> dict[int, Target]:
    """The stored people rows matched, with what a merge must not duplicate."""
    found: dict[int, Target] = {}
    for chunk in chunks(sorted(ids)):
        for r in c.execute(select(people.c.id, people.c.suppression, *[people.c[n] for n in _FILLABLE])
                           .where(people.c.id.in_(chunk))):
            found[r.id] = Target(r.id, r.suppression, {n: r._mapping[n] for n in _FILLABLE})
        for pid, e164 in c.execute(select(phones.c.person_id, phones.c.e164).where(phones.c.person_id.in_(chunk))):
            found[pid].phones.add(e164)
        for pid, address in c.execute(select(emails.c.person_id, emails.c.address)
                                      .where(emails.c.person_id.in_(chunk))):
            found[pid].emails.add(address)
        if knows_user is not None:
            for pid in c.execute(select(person_links.c.person_id).where(
                    person_links.c.person_id.in_(chunk), person_links.c.kind == "knows",
                    person_links.c.user_id == knows_user)).scalars():
                found[pid].knows = True
    return found


def company_ids(c: Connection, names: set[str], now: datetime) -> dict[str, int]:
    """Company name key -> id, adding the companies not seen before."""
    wanted = {company_key(n): n for n in names if n.strip()}
    found: dict[str, int] = {}
    for chunk in chunks(wanted):
        found.update({k: i for i, k in c.execute(select(companies.c.id, companies.c.name_key)
                                                 .where(companies.c.name_key.in_(chunk)))})
    missing = [{"name": wanted[k], "name_key": k, "city": "", "state": "", "is_client": False, "created_at": now}
               for k in wanted if k not in found]
    if missing:
        c.execute(insert(companies), missing)
        for chunk in chunks([m["name_key"] for m in missing]):
            found.update({k: i for i, k in c.execute(select(companies.c.id, companies.c.name_key)
                                                     .where(companies.c.name_key.in_(chunk)))})
    return found
