"""The network map and introductions, from "knows" links, referrals and the desk's history."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, insert, or_, select

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.network import Contact, Path, intro_paths
from callsheet.services.accounts.acting import acting_user
from callsheet.store.jobs_repo import company_key
from callsheet.store.tables import companies, people, person_links, touches
from callsheet.store.uow import UnitOfWork

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
        values: dict[str, Any] = {"person_id": person_id, "kind": "knows", "created_at": now, "since": now}
        if other_id is None:
            exists = select(person_links.c.id).where(person_links.c.person_id == person_id,
                                                     person_links.c.kind == "knows",
                                                     person_links.c.user_id == user.id)
            values["user_id"] = user.id
        else:
            exists = select(person_links.c.id).where(
                person_links.c.kind == "knows",
                or_(and_(person_links.c.person_id == person_id, person_links.c.other_person_id == other_id),
                    and_(person_links.c.person_id == other_id, person_links.c.other_person_id == person_id)))
            values["other_person_id"] = other_id
        if uow.connection.execute(exists).first() is None:
            uow.connection.execute(insert(person_links).values(**values))


def _contacts(uow: UnitOfWork, ids: set[int], now: datetime) -> dict[int, Contact]:
    if not ids:
        return {}
    since = now - timedelta(days=365)
    warmth: dict[int, float] = {}
    for pid, reached, total, last in uow.connection.execute(
        select(touches.c.person_id,
               func.sum(case((touches.c.outcome.in_(REACHED), 1), else_=0)),
               func.count(), func.max(touches.c.at))
        .where(touches.c.person_id.in_(ids), touches.c.at >= since, touches.c.at <= now)
        .group_by(touches.c.person_id)):
        recent = 5.0 if last is not None and (now - _aware(last)).days < 90 else 0.0
        warmth[pid] = 3.0 * float(reached or 0) + float(total) * 0.5 + recent
    rows = uow.connection.execute(
        select(people.c.id, people.c.name, people.c.company_id, people.c.suppression, companies.c.name)
        .select_from(people.outerjoin(companies, companies.c.id == people.c.company_id))
        .where(people.c.id.in_(ids)))
    return {r[0]: Contact(r[0], r[1], r[2], r[4] or "", warmth.get(r[0], 0.0), r[3] == "none") for r in rows}


def _aware(moment: datetime) -> datetime:
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def network(uow: UnitOfWork, clock: Clock, acting_login: str) -> tuple[dict[int, Contact], set[tuple[int, int]]]:
    """The people you know and the links among them and their contacts."""
    now = clock.now()
    user = acting_user(uow, clock, acting_login)
    known_ids = set(uow.connection.execute(
        select(person_links.c.person_id).where(person_links.c.kind == "knows",
                                               person_links.c.user_id == user.id)).scalars())
    links: set[tuple[int, int]] = set()
    if known_ids:
        for a, b in uow.connection.execute(
            select(person_links.c.person_id, person_links.c.other_person_id)
            .where(person_links.c.kind == "knows", person_links.c.other_person_id.is_not(None),
                   or_(person_links.c.person_id.in_(known_ids), person_links.c.other_person_id.in_(known_ids)))):
            links.add((a, b))
        for a, b in uow.connection.execute(
            select(people.c.id, people.c.referred_by_id)
            .where(people.c.referred_by_id.is_not(None),
                   or_(people.c.id.in_(known_ids), people.c.referred_by_id.in_(known_ids)))):
            links.add((a, b))
    involved = known_ids | {x for link in links for x in link}
    contacts = _contacts(uow, involved, now)
    return {i: contacts[i] for i in known_ids if i in contacts}, _keep(links, contacts)


def _keep(links: set[tuple[int, int]], contacts: dict[int, Contact]) -> set[tuple[int, int]]:
    return {(a, b) for a, b in links if a in contacts and b in contacts}


def intros(uow: UnitOfWork, clock: Clock, company: str, acting_login: str) -> list[Path]:
    """Paths to someone at a company: people you know there, then one introduction away."""
    with uow:
        company_id = uow.connection.execute(
            select(companies.c.id).where(companies.c.name_key == company_key(company))).scalar()
        if company_id is None:
            raise NotFound("company", repr(company))
        known, links = network(uow, clock, acting_login)
        everyone = _contacts(uow, {x for link in links for x in link} | set(known), clock.now())
    return intro_paths(company_id, known, everyone, links)


def path_view(path: Path) -> dict[str, Any]:
    def person(c: Contact | None) -> dict[str, Any] | None:
        return None if c is None else {"id": c.id, "name": c.name, "company": c.company, "warmth": c.warmth}

    return {"hops": path.hops, "target": person(path.target), "via": person(path.via), "how": path.describe()}
