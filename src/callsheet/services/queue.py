"""The call sheet: who to call now, best first, each row saying why it is there.

The work depends on the recruiter's open jobs, not on the size of the desk: one query gathers the
open pipelines of those jobs, the rows are scored in memory, and the policy is asked only about the
best of them, batch by batch, until the sheet is full.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime, and_, bindparam, func, literal, select

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput
from callsheet.domain.model import CLOSED_STAGES, Stage
from callsheet.domain.policy import decide
from callsheet.domain.scoring import SheetCandidate, sheet_points, sheet_reasons
from callsheet.lookup.places import miles_between
from callsheet.services.policy import person_as_of, policy_settings
from callsheet.settings import Settings
from callsheet.store.tables import candidacies, companies, jobs, people, touches, users
from callsheet.store.uow import UnitOfWork


@dataclass
class SheetRow:
    person_id: int
    job_id: int
    name: str
    phone: str
    job_title: str
    company: str
    timezone: str
    local_time: str
    why: list[str]
    score: float
    callback_due_at: datetime | None = None
    closes_at: datetime | None = None
    also: list[int] = field(default_factory=list)

    @property
    def tel(self) -> str:
        return f"tel:{self.phone}"


@dataclass(frozen=True)
class _Job:
    title: str
    company: str
    urgency: int
    opportunity: int
    skills: frozenset[str]
    seniority: int | None
    lat: float | None
    lon: float | None


def _open_jobs(uow: UnitOfWork, owner: str | None) -> dict[int, _Job]:
    query = (select(jobs.c.id, jobs.c.title, companies.c.name, jobs.c.urgency, jobs.c.opportunity, jobs.c.skills,
                    jobs.c.seniority, jobs.c.lat, jobs.c.lon)
             .select_from(jobs.join(companies, companies.c.id == jobs.c.company_id))
             .where(jobs.c.status == "open"))
    if owner:
        user_id = uow.connection.execute(select(users.c.id).where(users.c.login == owner)).scalar()
        if user_id is None:
            raise BadInput("owner", f"no recruiter with login {owner!r}")
        query = query.where(jobs.c.owner_id == user_id)
    return {r[0]: _Job(r[1], r[2], r[3], r[4], _skills(r[5]), r[6], r[7], r[8]) for r in uow.connection.execute(query)}


def _days_since_last_touch(uow: UnitOfWork, now: datetime) -> Any:
    """Days since the person's last touch, computed by the store (the (person_id, at) index finds it)."""
    last = (select(func.max(touches.c.at)).where(touches.c.person_id == candidacies.c.person_id, touches.c.at <= now)
            .scalar_subquery())
    if uow.dialect == "sqlite":
        stamp = now.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
        return func.julianday(literal(stamp)) - func.julianday(last)
    return func.extract("epoch", bindparam("sheet_now", now, type_=DateTime(timezone=True)) - last) / 86400.0


def _candidates(uow: UnitOfWork, job_ids: list[int], now: datetime) -> list[tuple[Any, ...]]:
    """(job_id, person_id, is_target, skills, seniority, lat, lon, days since last touch) per open candidacy."""
    open_stages = [s.value for s in Stage if s not in CLOSED_STAGES]
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(job_ids), 900):
        query = (
            select(candidacies.c.job_id, candidacies.c.person_id, candidacies.c.is_target, people.c.skills,
                   people.c.seniority, people.c.lat, people.c.lon, _days_since_last_touch(uow, now))
            .select_from(candidacies.join(people, people.c.id == candidacies.c.person_id))
            .where(candidacies.c.job_id.in_(job_ids[start:start + 900]), candidacies.c.stage.in_(open_stages),
                   people.c.suppression == "none"))
        found += [tuple(r) for r in uow.connection.execute(query)]
    return found


def _due_callbacks(uow: UnitOfWork, job_ids: list[int], now: datetime) -> dict[tuple[int, int], datetime]:
    due: dict[tuple[int, int], datetime] = {}
    for start in range(0, len(job_ids), 900):
        rows = uow.connection.execute(
            select(touches.c.job_id, touches.c.person_id, touches.c.callback_at)
            .where(and_(touches.c.job_id.in_(job_ids[start:start + 900]), touches.c.outcome == "callback",
                        touches.c.callback_at <= now, touches.c.at <= now)))
        for r in rows:
            due[(r.job_id, r.person_id)] = r.callback_at
    return due


def _skills(text: str) -> frozenset[str]:
    return frozenset(s for s in text.split(",") if s)


def call_sheet(uow: UnitOfWork, clock: Clock, settings: Settings, owner: str | None = None,
               limit: int = 25) -> list[SheetRow]:
    if limit < 1:
        raise BadInput("limit", "must be at least 1")
    now = clock.now()
    rules = policy_settings(settings, now.year)
    with uow.reading():
        open_jobs = _open_jobs(uow, owner)
        rows = _candidates(uow, sorted(open_jobs), now)
        due = _due_callbacks(uow, sorted(open_jobs), now)
        ranked: list[tuple[float, Any, SheetCandidate]] = []
        person_skills: dict[str, frozenset[str]] = {}
        for row in rows:
            job_id, person_id, is_target, skills, seniority, lat, lon, stale = row
            job = open_jobs[job_id]
            # Skill lists repeat across a big pipeline: each distinct one is split once.
            have = person_skills.get(skills)
            if have is None:
                have = person_skills[skills] = _skills(skills)
            candidate = SheetCandidate(
                job.urgency, job.opportunity, bool(is_target), len(job.skills & have), len(job.skills),
                (seniority - job.seniority) if seniority and job.seniority else None,
                miles_between(lat, lon, job.lat, job.lon) if lat is not None and job.lat is not None
                and job.lon is not None else None,
                None if stale is None else float(stale), (job_id, person_id) in due)
            ranked.append((sheet_points(candidate), (job_id, person_id, job), candidate))
        ranked.sort(key=lambda item: (-item[0], item[1][1], item[1][0]))
        return _fill(uow, ranked, now, rules, due, limit)


def _fill(uow: UnitOfWork, ranked: list[tuple[float, Any, SheetCandidate]], now: datetime, rules: Any,
          due: dict[tuple[int, int], datetime], limit: int) -> list[SheetRow]:
    sheet: dict[int, SheetRow] = {}
    batch_size = max(limit + 10, 20)
    position = 0
    while position < len(ranked) and len(sheet) < limit:
        batch = ranked[position:position + batch_size]
        position += batch_size
        ids = sorted({key[1] for _, key, _ in batch} - set(sheet))
        persons = {p.id: p for p in uow.people.get_many(ids, zones_when_unplaced=True)}
        histories = uow.touches.policy_histories(ids, now)
        events = {pid: uow.touches.suppression_events(pid) for pid in ids if persons[pid].suppression.value != "none"}
        for score, (job_id, person_id, job), candidate in batch:
            if person_id in sheet:
                sheet[person_id].also.append(job_id)
                continue
            person = persons.get(person_id)
            if person is None:
                continue
            person = person_as_of(person, events.get(person_id, []), now)
            decision = decide(person, None, histories.get(person_id, []), now, rules, job_id)
            if not decision.callable or len(sheet) >= limit:
                continue
            phone = next(p for p in person.phones if p.e164 not in
                         {t.phone for t in histories.get(person_id, []) if t.outcome.value == "wrong_number"}
                         and p.status.value == "ok")
            zone = decision.zones[0] if decision.zones else rules.desk_zone
            local = now.astimezone(ZoneInfo(zone))
            closes = decision.closes_at.astimezone(ZoneInfo(zone)).strftime("%H:%M") if decision.closes_at else ""
            sheet[person_id] = SheetRow(
                person_id=person_id, job_id=job_id, name=person.name, phone=phone.e164, job_title=job.title,
                company=job.company, timezone=zone, local_time=local.strftime("%a %H:%M %Z"),
                why=sheet_reasons(candidate) + ([f"Window closes {closes} their time"] if closes else []),
                score=round(score, 2),
                callback_due_at=due.get((job_id, person_id)), closes_at=decision.closes_at)
    rows = list(sheet.values())
    # Within the same score band, the window that closes soonest goes first.
    rows.sort(key=lambda s: (-(s.callback_due_at is not None), -round(s.score / 5),
                             s.closes_at or now, -s.score))
    return rows[:limit]


def sheet_view(row: SheetRow) -> dict[str, Any]:
    return {
        "person_id": row.person_id, "job_id": row.job_id, "name": row.name, "phone": row.phone, "tel": row.tel,
        "job": row.job_title, "company": row.company, "timezone": row.timezone, "local_time": row.local_time,
        "why": row.why, "score": row.score,
        "callback_due_at": row.callback_due_at.isoformat() if row.callback_due_at else None,
        "also_in_jobs": row.also,
    }
