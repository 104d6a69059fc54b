"""The call sheet: who to call now, best first, each row saying why it is there.

The work depends on the recruiter's open jobs, not on the size of the desk: one query gathers the
open pipelines of those jobs with each person's staleness (people.last_touch_at), the rows are put
in order of an upper bound on their score, and exact scores and the policy are computed only for the
rows that can still reach the sheet (see `sheet_rank.py`). The people who reach the top are read as
they stood at the moment asked (`policy.loaded_as_of`, the loader every decision reads through).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from callsheet.clock import Clock
from callsheet.domain.bounds import SHORT_MAX, check_text
from callsheet.domain.errors import BadInput
from callsheet.domain.model import NumberMark, Person
from callsheet.domain.outcomes import Outcome, Touch
from callsheet.domain.policy import PolicySettings, decide, marked_numbers, sway_since
from callsheet.domain.scoring import SheetJob, SheetPipelines, sheet_order, sheet_reasons
from callsheet.services.calling.policy import loaded_as_of, policy_settings
from callsheet.services.calling.sheet_rank import Candidate, Ranking, rank_candidates
from callsheet.services.unit import UnitOfWork
from callsheet.settings import Settings


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


def call_sheet(uow: UnitOfWork, clock: Clock, settings: Settings, owner: str | None = None,
               limit: int = 25) -> list[SheetRow]:
    if limit < 1:
        raise BadInput("limit", "must be at least 1")
    if owner:
        check_text("owner", owner, SHORT_MAX)
    now = clock.now()
    rules = policy_settings(settings, now.year)
    with uow.reading():
        # One round trip for jobs, pipelines and due callbacks; usually one more for the policy's data.
        data: SheetPipelines = uow.sheet.pipelines(owner, now)
        if not data.jobs and owner and not uow.sheet.recruiter_exists(owner):
            raise BadInput("owner", f"no recruiter with login {owner!r}")
        ranking = rank_candidates(data.candidates, data.jobs, data.due)
        return _fill(uow, ranking, data, now, rules, limit)


def _fill(uow: UnitOfWork, ranking: Ranking, data: SheetPipelines, now: datetime, rules: PolicySettings,
          limit: int) -> list[SheetRow]:
    open_jobs, due = data.jobs, data.due
    sheet: dict[int, tuple[Candidate, SheetRow]] = {}
    persons: dict[int, Person] = {}
    histories: dict[int, list[Touch]] = {}
    loaded: set[int] = set()
    # Numbers other people's marks hold (a deceased person's number given to someone new).
    marks: dict[int, list[NumberMark]] = {}
    ahead: deque[Candidate] = deque()
    # The rows share a moment and a handful of zones (and closing times): each text is made once per sheet.
    clocks: dict[tuple[datetime | None, str], str] = {}
    # Only the touches that can sway the policy now: not years of old background calls.
    since = sway_since(now, rules)
    # Ask the store about a few more people than the sheet still needs (the policy turns some
    # away), twice as many each time it has to ask again.
    extra = 5
    while len(sheet) < limit:
        candidate = ahead.popleft() if ahead else ranking.next()
        if candidate is None:
            break
        pid = candidate.person_id
        if pid in sheet:
            continue
        if pid not in loaded:
            fresh = {pid} | {c.person_id for c in ahead if c.person_id not in loaded}
            want = limit - len(sheet) + extra
            extra *= 2
            while len(fresh) < want:
                following = ranking.next()
                if following is None:
                    break
                ahead.append(following)
                if following.person_id not in loaded and following.person_id not in sheet:
                    fresh.add(following.person_id)
            loaded |= fresh
            found, stories, held_by_others = loaded_as_of(uow, sorted(fresh), now, since)
            persons.update(found)
            histories.update(stories)
            marks.update(held_by_others)
        person = persons.get(pid)
        if person is None:  # gone since the pipelines were read
            continue
        history = histories.get(pid, [])
        held = marks.get(pid, [])
        decision = decide(person, None, history, now, rules, candidate.job_id, held)
        if decision.callable:
            sheet[pid] = (candidate, _row(candidate, open_jobs[candidate.job_id], person, history, decision,
                                          now, rules, due, clocks, held))
    for (_, row), also in zip(sheet.values(), ranking.later_jobs([c for c, _ in sheet.values()]), strict=True):
        row.also = also
    rows = [row for _, row in sheet.values()]
    # Within the same score band, the window that closes soonest goes first.
    rows.sort(key=lambda s: sheet_order(s.callback_due_at is not None, s.score, s.closes_at, now))
    return rows[:limit]


def _row(candidate: Candidate, job: SheetJob, person: Person, history: list[Touch], decision: Any, now: datetime,
         rules: PolicySettings, due: dict[tuple[int, int], datetime],
         clocks: dict[tuple[datetime | None, str], str], held: list[NumberMark]) -> SheetRow:
    wrong = {t.phone for t in history if t.outcome is Outcome.WRONG_NUMBER}
    wrong |= marked_numbers(person.phones, held, now).keys()
    phone = next(p for p in person.phones if p.e164 not in wrong and p.status.value == "ok")
    zone = decision.zones[0] if decision.zones else rules.desk_zone
    local_time = clocks.get((None, zone))
    if local_time is None:
        local_time = clocks[(None, zone)] = now.astimezone(ZoneInfo(zone)).strftime("%a %H:%M %Z")
    closes = ""
    if decision.closes_at:
        key = (decision.closes_at, zone)
        closes = clocks.get(key, "")
        if not closes:
            closes = clocks[key] = decision.closes_at.astimezone(ZoneInfo(zone)).strftime("%H:%M")
    return SheetRow(
        person_id=candidate.person_id, job_id=candidate.job_id, name=person.name, phone=phone.e164,
        job_title=job.title, company=job.company, timezone=zone, local_time=local_time,
        why=sheet_reasons(candidate.scored) + ([f"Window closes {closes} their time"] if closes else []),
        score=round(candidate.score, 2), callback_due_at=due.get((candidate.job_id, candidate.person_id)),
        closes_at=decision.closes_at)


def sheet_view(row: SheetRow) -> dict[str, Any]:
    return {
        "person_id": row.person_id, "job_id": row.job_id, "name": row.name, "phone": row.phone, "tel": row.tel,
        "job": row.job_title, "company": row.company, "timezone": row.timezone, "local_time": row.local_time,
        "why": row.why, "score": row.score,
        "callback_due_at": row.callback_due_at.isoformat() if row.callback_due_at else None,
        "also_in_jobs": row.also,
    }
