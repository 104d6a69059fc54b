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

from sqlalchemy import and_, func, select

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


def _candidates(uow: UnitOfWork, owner: str | None, now: datetime) -> list[Any]:
    open_stages = [s.value for s in Stage if s not in CLOSED_STAGES]
    query = (
        select(candidacies.c.job_id, candidacies.c.person_id, candidacies.c.is_target, candidacies.c.stage,
               jobs.c.urgency, jobs.c.opportunity, jobs.c.title, jobs.c.skills.label("job_skills"),
               jobs.c.seniority.label("job_seniority"), jobs.c.lat.label("job_lat"), jobs.c.lon.label("job_lon"),
               companies.c.name.label("company"), people.c.skills, people.c.seniority, people.c.lat, people.c.lon,
               # The last touch, found by the (person_id, at) index for each row.
               select(func.max(touches.c.at)).where(touches.c.person_id == candidacies.c.person_id,
                                                     touches.c.at <= now).scalar_subquery().label("last_at"))
        .select_from(candidacies.join(jobs, jobs.c.id == candidacies.c.job_id)
                     .join(companies, companies.c.id == jobs.c.company_id)
                     .join(people, people.c.id == candidacies.c.person_id))
        .where(jobs.c.status == "open", candidacies.c.stage.in_(open_stages), people.c.suppression == "none")
    )
    if owner:
        user_id = uow.connection.execute(select(users.c.id).where(users.c.login == owner)).scalar()
        if user_id is None:
            raise BadInput("owner", f"no recruiter with login {owner!r}")
        query = query.where(jobs.c.owner_id == user_id)
    return list(uow.connection.execute(query))


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
    with uow:
        rows = _candidates(uow, owner, now)
        due = _due_callbacks(uow, sorted({r.job_id for r in rows}), now)
        ranked: list[tuple[float, Any, SheetCandidate]] = []
        job_skills: dict[int, frozenset[str]] = {}
        person_skills: dict[str, frozenset[str]] = {}
        for r in rows:
            # Per-job and per-skill-list values are computed once: a big pipeline is mostly repeats.
            wanted = job_skills.get(r.job_id)
            if wanted is None:
                wanted = job_skills[r.job_id] = _skills(r.job_skills)
            have = person_skills.get(r.skills)
            if have is None:
                have = person_skills[r.skills] = _skills(r.skills)
            gap = (r.seniority - r.job_seniority) if r.seniority and r.job_seniority else None
            miles = (miles_between(r.lat, r.lon, r.job_lat, r.job_lon)
                     if r.lat is not None and r.job_lat is not None else None)
            last_at = r.last_at if r.last_at is None or r.last_at.tzinfo else r.last_at.replace(tzinfo=UTC)
            candidate = SheetCandidate(r.urgency, r.opportunity, bool(r.is_target), len(wanted & have),
                                       len(wanted), gap, miles, last_at, due.get((r.job_id, r.person_id)))
            ranked.append((sheet_points(candidate, now), r, candidate))
        ranked.sort(key=lambda item: (-item[0], item[1].person_id, item[1].job_id))
        return _fill(uow, ranked, now, rules, due, limit)


def _fill(uow: UnitOfWork, ranked: list[tuple[float, Any, SheetCandidate]], now: datetime, rules: Any,
          due: dict[tuple[int, int], datetime], limit: int) -> list[SheetRow]:
    sheet: dict[int, SheetRow] = {}
    batch_size = max(limit + 10, 20)
    position = 0
    while position < len(ranked) and len(sheet) < limit:
        batch = ranked[position:position + batch_size]
        position += batch_size
        ids = sorted({r.person_id for _, r, _ in batch} - set(sheet))
        persons = {p.id: p for p in uow.people.get_many(ids, zones_when_unplaced=True)}
        histories = uow.touches.policy_histories(ids, now)
        events = {pid: uow.touches.suppression_events(pid) for pid in ids if persons[pid].suppression.value != "none"}
        for score, r, candidate in batch:
            if r.person_id in sheet:
                sheet[r.person_id].also.append(r.job_id)
                continue
            person = persons.get(r.person_id)
            if person is None:
                continue
            person = person_as_of(person, events.get(r.person_id, []), now)
            decision = decide(person, None, histories.get(r.person_id, []), now, rules, r.job_id)
            if not decision.callable or len(sheet) >= limit:
                continue
            phone = next(p for p in person.phones if p.e164 not in
                         {t.phone for t in histories.get(r.person_id, []) if t.outcome.value == "wrong_number"}
                         and p.status.value == "ok")
            zone = decision.zones[0] if decision.zones else rules.desk_zone
            local = now.astimezone(ZoneInfo(zone))
            closes = decision.closes_at.astimezone(ZoneInfo(zone)).strftime("%H:%M") if decision.closes_at else ""
            sheet[r.person_id] = SheetRow(
                person_id=r.person_id, job_id=r.job_id, name=person.name, phone=phone.e164, job_title=r.title,
                company=r.company, timezone=zone, local_time=local.strftime("%a %H:%M %Z"),
                why=sheet_reasons(candidate, now) + ([f"Window closes {closes} their time"] if closes else []),
                score=round(score, 2),
                callback_due_at=due.get((r.job_id, r.person_id)), closes_at=decision.closes_at)
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
