"""Believable call histories for the demo desk, generated relative to the demo's moment.

The numbers are shaped so reports tell a true-to-life story: junior roles hang up more, passive
people answer more in the evening, executives decline for a handful of recurring reasons.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from callsheet.services.demo import data as data

TakeId = Callable[[str], int]


class DemoBuilder(Protocol):
    """What a story asks of the desk's builder (services/demo/desk.py): ids, people rows, their insert."""

    user_ids: dict[str, int]

    def take_id(self, table: str) -> int: ...

    def _person_row(self, rng: random.Random, role: tuple[str, str, int, tuple[str, ...]] | None = None,
                    city: tuple[Any, ...] | None = None, company_id: int | None = None) -> dict[str, Any]: ...

    def _insert_people(self, batch: list[dict[str, Any]]) -> None: ...

EXEC_REASONS = ("promised_promotion", "mid_project", "loyal", "follows_boss", "happy_where_i_am")
OTHER_REASONS = ("happy_where_i_am", "compensation", "location", "timing", "not_a_fit", "compensation")


class HistoryMaker:
    def __init__(self, rng: random.Random, moment: datetime) -> None:
        self.rng = rng
        self.moment = moment.astimezone(UTC)
        self.zones: dict[str, ZoneInfo] = {}
        self.days: dict[tuple[str, int, bool], date] = {}

    def _zone(self, name: str) -> ZoneInfo:
        if name not in self.zones:
            self.zones[name] = ZoneInfo(name)
        return self.zones[name]

    def when(self, zone: str, days_ago: int, evening: bool = False, business: bool = False) -> datetime:
        """A weekday moment in the callee's own calling hours, about `days_ago` days back.

        `business` counts weekdays back, so recent calls spread over the week instead of a weekend's
        calls all landing on the Friday before it.
        """
        day = self._day(zone, days_ago, business)
        hour = self.rng.randint(17, 19) if evening else self.rng.randint(9, 16)
        local = datetime(day.year, day.month, day.day, hour, self.rng.randint(0, 59), tzinfo=self._zone(zone))
        at = local.astimezone(UTC)
        return min(at, self.moment - timedelta(minutes=self.rng.randint(30, 600)))

    def _day(self, zone: str, days_ago: int, business: bool) -> date:
        """The weekday `when` lands on; the same few hundred answers are asked for a million times."""
        key = (zone, days_ago, business)
        found = self.days.get(key)
        if found is not None:
            return found
        if business:
            day = self.moment.astimezone(self._zone(zone)).date()
            for _ in range(days_ago):
                day -= timedelta(days=1)
                while day.weekday() >= 5:
                    day -= timedelta(days=1)
        else:
            day = (self.moment - timedelta(days=days_ago)).astimezone(self._zone(zone)).date()
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        self.days[key] = day
        return day

    def _reached(self, person: dict[str, Any], evening: bool) -> bool:
        chance = 0.28 + (0.17 if evening and not person["active"] else 0.0) + (0.1 if person["active"] else 0.0)
        return self.rng.random() < chance

    def touch(self, row: dict[str, Any], take_id: TakeId, at: datetime, outcome: str, user_id: int,
              job_id: int | None = None, **extra: Any) -> dict[str, Any]:
        phone = row["phones"][0]["e164"]
        kind = "voicemail" if outcome == "voicemail" else "call"
        t = {"id": take_id("touches"), "person_id": row["person"]["id"], "job_id": job_id, "phone": phone,
             "kind": kind, "direction": "out", "at": at, "duration_s": _duration(self.rng, outcome),
             "outcome": outcome, "reason": "", "notes": self.rng.choice(data.NOTES.get(outcome, ("",))),
             "rung": "", "callback_at": None, "user_id": user_id, "referral_person_id": None, "created_at": at}
        t.update(extra)
        row["touches"].append(t)
        return t

    def background(self, row: dict[str, Any], take_id: TakeId, user_ids: dict[str, int]) -> None:
        """Older touches from past searches: about ten per person over two years."""
        person = row["person"]
        recruiters = list(user_ids.values())
        for _ in range(self.rng.randint(4, 15)):
            evening = self.rng.random() < 0.3
            at = self.when(person["timezone"], self.rng.randint(100, 730), evening)
            if self._reached(person, evening):
                junior = (person["seniority"] or 3) <= 2
                outcome = self.rng.choices(("connected", "declined", "hung_up", "interested"),
                                           weights=(50, 25, 12 if junior else 3, 15))[0]
            else:
                outcome = self.rng.choice(("no_answer", "voicemail", "voicemail", "busy"))
            reason = self._reason(person) if outcome == "declined" else ""
            self.touch(row, take_id, at, outcome, self.rng.choice(recruiters), reason=reason)

    def _reason(self, person: dict[str, Any]) -> str:
        return self.rng.choice(EXEC_REASONS if (person["seniority"] or 3) >= 4 else OTHER_REASONS)

    def candidacy(self, row: dict[str, Any], job: dict[str, Any], take_id: TakeId,
                  user_ids: dict[str, int]) -> None:
        """A place in an open search, with the recent calls that put it at its stage."""
        rng = self.rng
        person = row["person"]
        stage = rng.choices(("sourced", "contacted", "interested", "submitted", "declined", "interviewing",
                             "offered", "placed"), weights=(38, 29, 10, 6, 10, 4, 2, 1))[0]
        created = self.moment - timedelta(days=rng.randint(1, 40))
        row["candidacies"].append({
            "id": take_id("candidacies"), "job_id": job["id"], "person_id": person["id"], "stage": stage,
            "is_target": rng.random() < 0.05, "created_at": created, "updated_at": created,
        })
        user = job["owner_id"]
        if stage == "sourced":
            return
        attempts = rng.randint(1, 4)
        # Passive people are tried some evenings too, and answer more then; chosen from the ids, not the
        # generator, so a seed still gives one desk.
        passive = not person["active"]
        last_attempt = ""
        for i in range(attempts):
            days_ago = max(1, 18 - i * 4 - rng.randint(0, 3))
            evening = passive and (person["id"] + i) % 5 == 0
            last_attempt = rng.choice(("no_answer", "voicemail"))
            self.touch(row, take_id, self.when(person["timezone"], days_ago, evening, business=True), last_attempt,
                       user, job["id"])
        reached_evening = passive and person["id"] % 3 == 0
        last_at = self.when(person["timezone"], rng.randint(1, 5), reached_evening, business=True)
        if stage == "declined":
            self.touch(row, take_id, last_at, "declined", user, job["id"], reason=self._reason(person))
        elif stage in ("interested", "submitted", "interviewing", "offered", "placed"):
            # After a voicemail, the interested ones often return the call themselves.
            direction = "in" if last_attempt == "voicemail" and person["id"] % 2 == 0 else "out"
            self.touch(row, take_id, last_at, "interested", user, job["id"], rung="interested", direction=direction)
            if stage != "interested":
                # Submitted a day or two after the call: the stage change a report dates.
                moved = min(last_at + timedelta(days=1 + person["id"] % 2), self.moment - timedelta(hours=1))
                row["candidacies"][-1]["updated_at"] = moved
        elif rng.random() < 0.25:
            # A promised callback, due today or tomorrow in the callee's zone.
            local = self.moment.astimezone(self._zone(person["timezone"]))
            due = local.replace(hour=rng.randint(9, 15), minute=rng.choice((0, 15, 30, 45)), second=0,
                                microsecond=0) + timedelta(days=rng.choice((0, 0, 1)))
            self.touch(row, take_id, last_at, "callback", user, job["id"], callback_at=due.astimezone(UTC))
        elif (person["seniority"] or 3) <= 2 and rng.random() < 0.15:
            self.touch(row, take_id, last_at, "hung_up", user, job["id"])

    def story(self, builder: DemoBuilder, job_rows: list[dict[str, Any]]) -> None:
        rng, take_id, users = self.rng, builder.take_id, builder.user_ids
        kenosha = next(c for c in data.CITIES if c[0] == "Kenosha")
        lead = next(r for r in data.ROLES if r[0] == "Lead Software Engineer")
        software = [j for j in job_rows if j["family"] == "software"] or job_rows
        andrew = users["andrew"]

        jack = builder._person_row(rng, role=lead, city=kenosha)
        jack["person"].update(name="Jack Kowalski", first_name="Jack", last_name="Kowalski")
        jack["phones"][0]["e164"] = "+12625550142"
        marked = self.when(kenosha[5], 3)
        self.candidacy(jack, software[0], take_id, users)
        jack["candidacies"][-1]["stage"] = "contacted"
        # Nothing happened after the call his family answered.
        jack["touches"] = [t for t in jack["touches"] if t["at"] < marked]
        self.touch(jack, take_id, marked, "deceased", andrew, software[0]["id"],
                   notes="His wife answered: Jack passed away two months ago. Please never call this number again.")
        jack["person"].update(suppression="deceased", suppressed_at=marked, suppressed_by="Andrew Borresen",
                              suppression_reason="Passed away; his family answered.")
        jack["events"].append({"id": take_id("suppression_events"), "person_id": jack["person"]["id"], "action": "set",
                               "suppression": "deceased", "reason": "Passed away; his family answered.",
                               "user_id": andrew, "user_name": "Andrew Borresen", "at": marked})

        dnc = builder._person_row(rng)
        marked = self.when(dnc["person"]["timezone"], 40)
        self.touch(dnc, take_id, marked, "do_not_call", users["dana"], notes="Asked to be removed from our list.")
        dnc["person"].update(suppression="do_not_call", suppressed_at=marked, suppressed_by="Dana Ruiz",
                             suppression_reason="Asked never to be called again.")
        dnc["events"].append({"id": take_id("suppression_events"), "person_id": dnc["person"]["id"], "action": "set",
                              "suppression": "do_not_call", "reason": "Asked never to be called again.",
                              "user_id": users["dana"], "user_name": "Dana Ruiz", "at": marked})

        cio = next(r for r in data.ROLES if r[0] == "Chief Information Officer")
        executive = builder._person_row(rng, role=cio)
        referred = builder._person_row(rng, role=next(r for r in data.ROLES if r[0] == "IT Director"))
        referred["person"]["referred_by_id"] = executive["person"]["id"]
        leaders = [j for j in job_rows if j["family"] == "leadership"] or job_rows
        self.candidacy(executive, leaders[0], take_id, users)
        executive["candidacies"][-1]["stage"] = "declined"
        at = self.when(executive["person"]["timezone"], 400)
        self.touch(executive, take_id, at, "declined", users["sam"], leaders[0]["id"], reason="promised_promotion",
                   notes="Promised the COO seat next year; call in a year. Referred a director.",
                   referral_person_id=referred["person"]["id"])
        self.candidacy(referred, leaders[0], take_id, users)
        builder._insert_people([jack, dnc, executive, referred])


def _duration(rng: random.Random, outcome: str) -> int:
    if outcome in ("no_answer", "busy"):
        return rng.randint(15, 35)
    if outcome == "voicemail":
        return rng.randint(25, 50)
    if outcome == "hung_up":
        return rng.randint(5, 20)
    return rng.randint(60, 900)
