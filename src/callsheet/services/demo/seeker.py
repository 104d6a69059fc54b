"""A job seeker's demo desk: applications at different ages, a few hundred connections, a plan."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from callsheet.domain.followups import business_days_after
from callsheet.domain.model import Person, Phone
from callsheet.domain.outcomes import Outcome
from callsheet.services.accounts.acting import acting_user
from callsheet.services.calling.log import LogRequest, record_touch
from callsheet.services.demo import data as data
from callsheet.services.demo.desk import demo_moment
from callsheet.services.unit import UnitOfWork

TARGET_COMPANIES = ["Lakeshore Health Partners", "Capitol Mutual Insurance", "Lakefront Software Co.",
                    "Badger Freight Systems", "Harbor Point Credit Union"]
ROLES = ["Data Analyst", "Business Intelligence Analyst", "Senior Data Analyst", "Analytics Engineer"]


class _SeekerDemo:
    def __init__(self, uow: UnitOfWork, moment: datetime, login: str, rng: random.Random) -> None:
        self.uow, self.moment, self.rng = uow, moment, rng
        self.user = acting_user(uow, _Fixed(moment), login)
        self.serial = 7000

    def person(self, company: str, title: str) -> int:
        rng = self.rng
        city = rng.choices(data.CITIES[:8], weights=[c[7] for c in data.CITIES[:8]])[0]
        self.serial += 1
        person = Person(name=f"{rng.choice(data.FIRST_NAMES)} {rng.choice(data.LAST_NAMES)}", title=title,
                        company=company, city=city[0], state=city[1], zip=city[2], lat=city[3], lon=city[4],
                        timezone=city[5], phones=[Phone(f"+1{city[6][0]}555{self.serial:04d}", label="mobile")])
        person.company_id = self.uow.jobs.company_id_for(company, self.moment)
        person_id: int = self.uow.people.add(person, self.moment)
        return person_id

    def link(self, person_id: int, other: int | None = None, days_ago: int = 200) -> None:
        since = self.moment - timedelta(days=days_ago)
        self.uow.network.add_knows(person_id, since, since, user_id=None if other else self.user.id, other_id=other)

    def touch(self, person_id: int, days_ago: float, outcome: Outcome, rung: str = "", notes: str = "") -> int:
        """A call of the past, logged as every touch is."""
        at = self.moment - timedelta(days=days_ago)
        return record_touch(self.uow, _Fixed(self.moment), LogRequest(person_id, outcome.value, at=at, rung=rung,
                                                                      note=notes), self.user)


class _Fixed:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


def build_seeker_demo(uow: UnitOfWork, now: datetime, desk_zone: str, login: str, connections: int = 300,
                      seed: int = 11) -> dict[str, Any]:
    moment, pinned = demo_moment(now, desk_zone)
    moment = moment.astimezone(UTC)
    rng = random.Random(seed)
    today = moment.astimezone(ZoneInfo(desk_zone)).date()
    with uow:
        demo = _SeekerDemo(uow, moment, login, rng)
        employers = TARGET_COMPANIES + [f"{a} {b}" for a, b in zip(data.EMPLOYER_WORDS_A, data.EMPLOYER_WORDS_B,
                                                                    strict=False)]
        contacts: list[int] = []
        for i in range(connections):
            role = rng.choice(data.ROLES)
            pid = demo.person(rng.choice(employers), role[0])
            demo.link(pid, days_ago=rng.randint(20, 2000))
            contacts.append(pid)
            if i % 4 == 0:
                # A colleague of theirs whom you do not know yet: one introduction away.
                colleague = demo.person(rng.choice(TARGET_COMPANIES), rng.choice(data.ROLES)[0])
                demo.link(pid, colleague, days_ago=rng.randint(50, 900))
        for pid in rng.sample(contacts, k=min(25, len(contacts))):
            demo.touch(pid, rng.uniform(0.5, 40), rng.choice([Outcome.CONNECTED, Outcome.VOICEMAIL,
                                                              Outcome.NO_ANSWER]))
        applications = 0
        # Ages in business days: some too recent, some due today, some followed up already.
        for age in (1, 2, 3, 4, 5, 5, 6, 8, 12, 15, 20, 30):
            applied_on = today
            while business_days_after(applied_on, age, frozenset()) > today or applied_on.weekday() >= 5:
                applied_on -= timedelta(days=1)
            company = rng.choice(TARGET_COMPANIES + employers[5:12])
            manager = demo.person(company, rng.choice(["Analytics Manager", "Director of Data", "BI Manager"]))
            app_id = uow.seeker.add({
                "user_id": demo.user.id, "company_id": uow.jobs.company_id_for(company, moment),
                "role": rng.choice(ROLES), "posting_url": f"https://jobs.example.com/{company.split()[0].lower()}/"
                f"{1000 + applications}", "applied_on": applied_on,
                "channel": rng.choice(["job_board", "company_site", "referral", "recruiter"]),
                "contact_person_id": manager, "status": "screening" if age > 25 else "applied", "notes": "",
                "created_at": datetime.combine(applied_on, time(12), tzinfo=UTC),
            })
            applications += 1
            if age >= 8:
                days_back = rng.randint(1, max(1, age - 6))
                touch_id = demo.touch(manager, days_back, Outcome.CONNECTED, rung="stay_in_touch",
                                      notes="Confirmed it arrived; still open.")
                uow.seeker.link_touch(touch_id, app_id, True)
        uow.seeker.save_plan(demo.user.id, {
            "strengths": "SQL, dashboards that executives read, explaining numbers plainly",
            "passions": "health care operations, public data", "target_roles": ", ".join(ROLES[:3]),
            "target_companies": ", ".join(TARGET_COMPANIES), "weekly_calls": 15, "weekly_followups": 4,
            "weekly_contacts": 8, "weekly_applications": 5, "updated_at": moment})
    return {"connections": connections, "applications": applications, "now": moment.isoformat(), "pinned": pinned}
