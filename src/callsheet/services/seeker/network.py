"""The network map and introductions, from "knows" links, referrals and the desk's history."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.network import Contact, Path, intro_paths
from callsheet.services.accounts.acting import acting_user
from callsheet.services.unit import UnitOfWork

REACHED = ("connected", "interested", "declined", "callback", "referral")


def know(uow: UnitOfWork, clock: Clock, person_id: int, acting_login: str, other_id: int | None = None) -> None:
    """Record that you know a person, or (with other_id) that they know someone else."""
    now = clock.now()
    with uow:
        for pid in (person_id, other_id):
            if pid is not None and uow.people.get(pid) is None:
                raise NotFound("person", pid)
        if other_id == person_id:
            raise BadInput("knows", "a person is not their own contact")
        user = acting_user(uow, clock, acting_login)
        if other_id is None:
            if not uow.network.knows(person_id, user_id=user.id):
                uow.network.add_knows(person_id, now, now, user_id=user.id)
        elif not uow.network.knows(person_id, other_id=other_id):
            uow.network.add_knows(person_id, now, now, other_id=other_id)


def _contacts(uow: UnitOfWork, ids: set[int], now: datetime) -> dict[int, Contact]:
    if not ids:
        return {}
    since = now - timedelta(days=365)
    warmth: dict[int, float] = {}
    for pid, reached, total, last in uow.network.touch_tallies(ids, since, now, REACHED):
        recent = 5.0 if last is not None and (now - _aware(last)).days < 90 else 0.0
        warmth[pid] = 3.0 * float(reached) + float(total) * 0.5 + recent
    # A marked person (do not call, deceased, erased) is no contact of anyone's: not drawn, never an
    # introducer, never someone to be introduced to.
    return {pid: Contact(pid, name, company_id, company, warmth.get(pid, 0.0), True)
            for pid, name, company_id, suppression, company in uow.network.contact_rows(ids)
            if suppression == "none"}


def _aware(moment: datetime) -> datetime:
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def network(uow: UnitOfWork, clock: Clock, acting_login: str) -> tuple[dict[int, Contact], set[tuple[int, int]]]:
    """The people you know and the links among them and their contacts."""
    now = clock.now()
    user = acting_user(uow, clock, acting_login)
    known_ids: set[int] = uow.network.known_by(user.id)
    links: set[tuple[int, int]] = uow.network.links_around(known_ids) if known_ids else set()
    involved = known_ids | {x for link in links for x in link}
    contacts = _contacts(uow, involved, now)
    return {i: contacts[i] for i in known_ids if i in contacts}, _keep(links, contacts)


def _keep(links: set[tuple[int, int]], contacts: dict[int, Contact]) -> set[tuple[int, int]]:
    return {(a, b) for a, b in links if a in contacts and b in contacts}


def intros(uow: UnitOfWork, clock: Clock, company: str, acting_login: str) -> list[Path]:
    """Paths to someone at a company: people you know there, then one introduction away."""
    with uow:
        found = uow.jobs.company_by_name(company)
        if found is None:
            raise NotFound("company", repr(company))
        company_id = found.id
        known, links = network(uow, clock, acting_login)
        everyone = _contacts(uow, {x for link in links for x in link} | set(known), clock.now())
    return intro_paths(company_id, known, everyone, links)


def path_view(path: Path) -> dict[str, Any]:
    def person(c: Contact | None) -> dict[str, Any] | None:
        return None if c is None else {"id": c.id, "name": c.name, "company": c.company, "warmth": c.warmth}

    return {"hops": path.hops, "target": person(path.target), "via": person(path.via), "how": path.describe()}
