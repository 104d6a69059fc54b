"""The demo desk: a deterministic IT staffing agency around Milwaukee, with histories relative to now.

`build_demo` streams people in chunks with explicit ids, so the same generator fills a few hundred
people for a demo or a million for a benchmark in constant memory. From `BULK_FROM` people on, each
chunk goes in through the store's bulk path and is committed on its own; a smaller desk goes in one
INSERT a row in one transaction, as the desk's ordinary writes do. Both write the same rows.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from callsheet.services.demo import data as data
from callsheet.services.demo.history import HistoryMaker
from callsheet.services.forked import can_fork, made_in_child
from callsheet.services.unit import UnitOfWork

CHUNK = 5000
#: From this many people on, a demo goes in through the bulk path (store/demo_writer.py).
BULK_FROM = 1000
#: From this many people on, they are generated in a forked child while this process stores them.
FORK_FROM = 20000


@dataclass
class DemoSummary:
    people: int
    jobs: int
    candidacies: int
    touches: int
    moment: datetime
    pinned: bool


def demo_moment(now: datetime, desk_zone: str) -> tuple[datetime, bool]:
    """The moment the demo is shown at: now during office hours, else the next weekday at 09:30.

    >>> from datetime import UTC
    >>> demo_moment(datetime(2026, 11, 21, 23, 0, tzinfo=UTC), "America/Chicago")[0].isoformat()
    '2026-11-23T09:30:00-06:00'
    """
    tz = ZoneInfo(desk_zone)
    local = now.astimezone(tz)
    if local.weekday() < 5 and time(9, 0) <= local.time() <= time(16, 30):
        return local, False
    day = local.date() if local.time() < time(9, 0) else local.date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(9, 30), tzinfo=tz), True


class DemoBuilder:
    def __init__(self, writer: Any, moment: datetime, seed: int = 7, bulk: bool = False,
                 commit: Callable[[], None] | None = None) -> None:
        self.writer = writer  # the store's demo writer
        self.bulk = bulk
        self.commit = commit  # after each chunk of people, when given
        self.moment = moment
        self.rng = random.Random(seed)
        self.ids: dict[str, int] = writer.next_ids()
        self.history = HistoryMaker(self.rng, moment)
        self.phone_serial = 0
        self.counts = {"people": 0, "jobs": 0, "candidacies": 0, "touches": 0}

    def take_id(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] += 1
        return value

    # -- fixed cast ------------------------------------------------------------------------------
    def cast(self) -> None:
        now = self.moment
        self.user_ids: dict[str, int] = {}
        for login, name in data.RECRUITERS:
            existing = self.writer.user_id(login)
            if existing is None:
                existing = self.take_id("users")
                self.writer.add_recruiter(existing, login, name, now)
            self.user_ids[login] = existing
        self.client_ids: list[tuple[int, tuple[str, str, str]]] = []
        for client in data.CLIENTS:
            cid = self.take_id("companies")
            self.writer.add_company(cid, client[0], client[1], client[2], True, now)
            self.client_ids.append((cid, client))
        self.employer_ids: list[int] = []
        names = {f"{a} {b}" for a in data.EMPLOYER_WORDS_A for b in data.EMPLOYER_WORDS_B}
        for name in sorted(names)[:: 3]:
            eid = self.take_id("companies")
            self.writer.add_company(eid, name, "", "", False, now)
            self.employer_ids.append(eid)

    def jobs(self, count: int) -> None:
        rng = self.rng
        self.job_rows: list[dict[str, Any]] = []
        logins = [login for login, _ in data.RECRUITERS]
        roles = [r for r in data.ROLES if r[2] <= 4] + [r for r in data.ROLES if r[2] == 5][:1]
        for i in range(count):
            cid, (client, city, state) = self.client_ids[i % len(self.client_ids)]
            title, family, seniority, skills = roles[rng.randrange(len(roles))]
            c = next(c for c in data.CITIES if c[0] == city)
            manager = self._person_row(rng, role=("IT Director", "leadership", 4, data.ROLES[24][3]),
                                       city=c, company_id=cid)
            self._insert_people([manager])
            row = {
                "id": self.take_id("jobs"), "title": title, "company_id": cid,
                "hiring_manager_id": manager["person"]["id"], "city": city, "state": state, "zip": c[2],
                "lat": c[3], "lon": c[4], "timezone": c[5], "seniority": seniority,
                "skills": ",".join(skills[:4]), "urgency": rng.choice((1, 2, 3, 3, 4, 4, 5, 5)),
                "opportunity": rng.choice((2, 3, 3, 4, 4, 5)),
                "fee_type": rng.choice(("contingent",) * 3 + ("retained",)),
                "status": "open" if rng.random() < 0.9 else "on_hold",
                "owner_id": self.user_ids[logins[i % len(logins)]],
                "description": f"{client} needs a {title} in {city}.",
                "created_at": self.moment - timedelta(days=rng.randint(3, 60)),
            }
            self.writer.add_job(row)
            self.job_rows.append({**row, "family": family})
        self.counts["jobs"] += count
        self.jobs_by_family: dict[str, list[dict[str, Any]]] = {}
        for j in self.job_rows:
            self.jobs_by_family.setdefault(j["family"], []).append(j)

    # -- people ----------------------------------------------------------------------------------
    def _phone(self, area: str) -> str:
        self.phone_serial += 1
        serial = self.phone_serial
        # 555-0100..0199 are the fictional numbers; past them, fill 555-xxxx, then other exchanges.
        if serial < 10000:
            return f"+1{area}555{serial:04d}"
        exchange = 200 + (serial // 10000) % 700
        if exchange % 100 == 11 or exchange == 555:
            exchange += 1
        return f"+1{area}{exchange:03d}{serial % 10000:04d}"

    def _person_row(self, rng: random.Random, role: tuple[str, str, int, tuple[str, ...]] | None = None,
                    city: tuple[Any, ...] | None = None, company_id: int | None = None) -> dict[str, Any]:
        role = role or data.ROLES[rng.randrange(len(data.ROLES))]
        title, family, seniority, skills = role
        city = city or rng.choices(data.CITIES, weights=[c[7] for c in data.CITIES])[0]
        first, last = rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)
        pid = self.take_id("people")
        chosen = list(skills[:3]) + rng.sample(skills[3:], k=min(len(skills) - 3, rng.randint(0, 2)))
        employer = company_id or self.employer_ids[rng.randrange(len(self.employer_ids))]
        years = max(1, seniority * 4 + rng.randint(-2, 4))
        profile = " ".join(line.format(years=years, family=family, title=title, employer="their current employer",
                                       skill1=chosen[0], skill2=chosen[-1], size=rng.choice((40, 200, 1500)),
                                       wants=rng.choice(("a hybrid role", "a shorter commute", "more ownership",
                                                         "a step up to lead")),
                                       commute=rng.choice(("20-minute", "30-minute", "45-minute")))
                           for line in data.PROFILE_LINES[: rng.randint(2, 4)])
        created = self.moment - timedelta(days=rng.randint(30, 900))
        person = {
            "id": pid, "name": f"{first} {last}", "first_name": first, "last_name": last,
            "title": title, "company_id": employer,
            "seniority": max(1, min(5, seniority + rng.choice((0, 0, 0, -1, 1)))), "skills": ",".join(chosen),
            "city": city[0], "state": city[1], "zip": city[2], "lat": city[3] + rng.uniform(-0.08, 0.08),
            "lon": city[4] + rng.uniform(-0.08, 0.08), "timezone": city[5], "active": rng.random() < 0.25,
            "profile": profile, "linkedin_url": f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{pid}"
            .replace("'", ""), "suppression": "none", "suppressed_at": None, "suppressed_by": "",
            "suppression_reason": "", "referred_by_id": None, "created_at": created, "updated_at": created,
        }
        phone_rows = [{"id": self.take_id("phones"), "person_id": pid, "e164": self._phone(rng.choice(city[6])),
                       "label": "mobile", "status": "ok", "status_at": None, "position": 0}]
        if rng.random() < 0.3:
            phone_rows.append({"id": self.take_id("phones"), "person_id": pid, "label": "work", "status": "ok",
                               "e164": self._phone(rng.choice(city[6])), "status_at": None, "position": 1})
        email_rows = []
        if rng.random() < 0.6:
            email_rows.append({"id": self.take_id("emails"), "person_id": pid, "position": 0,
                               "address": f"{first}.{last}{pid}@example.com".lower().replace("'", "")})
        return {"person": person, "phones": phone_rows, "emails": email_rows, "family": family, "touches": [],
                "candidacies": [], "events": []}

    def _insert_people(self, batch: list[dict[str, Any]]) -> None:
        self.writer.add_people(batch, self.bulk)
        self.counts["people"] += len(batch)
        self.counts["candidacies"] += sum(len(b["candidacies"]) for b in batch)
        self.counts["touches"] += sum(len(b["touches"]) for b in batch)

    def people(self, count: int, progress: Callable[[int], None] | None = None, forked: bool = False) -> None:
        """`count` people with their histories, stored a chunk at a time. `forked`: generated by a
        forked child while this process stores them (the child's ids and generator move on, this
        process's stay where they were: nothing is generated here after the people)."""
        made = made_in_child(lambda: self._generated(count), 250, "demo's generating") if forked \
            else self._generated(count)
        batch: list[dict[str, Any]] = []
        for row in made:
            batch.append(row)
            if len(batch) == CHUNK:
                self._stored(batch, progress)
                batch = []
        if batch:
            self._stored(batch, progress)

    def _generated(self, count: int) -> Iterator[dict[str, Any]]:
        rng = self.rng
        total_candidacies = len(self.job_rows) * 35
        per_person = total_candidacies / max(count, 1)
        for _ in range(count):
            row = self._person_row(rng)
            picks = int(per_person) + (1 if rng.random() < per_person % 1 else 0)
            family_jobs = self.jobs_by_family.get(row["family"]) or self.job_rows
            for job in rng.sample(family_jobs, k=min(picks, 3, len(family_jobs))):
                self.history.candidacy(row, job, self.take_id, self.user_ids)
            self.history.background(row, self.take_id, self.user_ids)
            yield row

    def _stored(self, batch: list[dict[str, Any]], progress: Callable[[int], None] | None) -> None:
        self._insert_people(batch)
        if self.commit:
            self.commit()
        if progress:
            progress(len(batch))

    def story(self) -> None:
        """The people of the articles: Jack (deceased), a do-not-call, a decline with a referral."""
        self.history.story(self, self.job_rows)


def wipe(uow: UnitOfWork) -> None:
    """Empty the desk (`callsheet demo --fresh`)."""
    with uow:
        uow.demo.wipe()


def build_demo(uow: UnitOfWork, now: datetime, desk_zone: str, people_count: int = 300, seed: int = 7,
               progress: Callable[[int], None] | None = None, bulk: bool | None = None) -> DemoSummary:
    """The demo desk of `people_count` people. `bulk` (by default from `BULK_FROM` people on): each
    chunk through the store's bulk path, one commit a chunk, and into an empty desk the secondary
    indexes built once after the load."""
    moment, pinned = demo_moment(now, desk_zone)
    bulk = people_count >= BULK_FROM if bulk is None else bulk
    with uow:
        if bulk and not uow.people.count():
            uow.demo.drop_indexes()
        builder = DemoBuilder(uow.demo, moment, seed, bulk, uow.commit if bulk else None)
        builder.cast()
        builder.jobs(30 + people_count // 5000)
        builder.story()
        # A large desk is generated in a second process while this one stores it.
        builder.people(people_count, progress, forked=bulk and people_count >= FORK_FROM and can_fork())
        # Always, whatever the path: a build killed halfway left its indexes for this one to build.
        uow.demo.build_indexes()
        uow.demo.fix_sequences()
    c = builder.counts
    return DemoSummary(c["people"], c["jobs"], c["candidacies"], c["touches"], moment, pinned)
