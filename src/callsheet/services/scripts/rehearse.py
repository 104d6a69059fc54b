"""Rehearsing a call before making it: a listener weighted by the desk's own analytics, the script's
ladder, and a scorecard kept as practice (never as a touch).

A rehearsal is replayed from its seed and the caller's lines (domain/rehearsal.replay), so the terminal
can hear one line at a time and the web desk can post each line on its own.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from callsheet.clock import Clock
from callsheet.domain.bounds import ID_MAX, check_text
from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.rehearsal import Listener, Rehearsal, helpful_lines, listener_from, replay
from callsheet.domain.scripts import KIND_TITLES, CallKind, check_kind, ladder_for
from callsheet.services.accounts.acting import acting_user
from callsheet.services.reports.analytics import make_scope, outreach_stats
from callsheet.services.scripts.catalog import scripts_for_call
from callsheet.services.unit import UnitOfWork
from callsheet.settings import Settings

#: How far back the desk's experience weighs the listener.
HISTORY_DAYS = 365
#: The longest line a rehearsal hears, and the most lines it keeps.
LINE_MAX = 1000
TURNS_MAX = 60


@dataclass(frozen=True)
class Prepared:
    """Everything a rehearsal needs, read once: the listener, the script and who is called."""

    kind: CallKind
    person_id: int
    job_id: int | None
    seed: int
    listener: Listener
    script: str

    def replay(self, lines: list[str]) -> Rehearsal:
        return replay(self.kind, self.listener, self.seed, check_lines(lines))


def check_seed(seed: int | None) -> int:
    if seed is None:
        return random.SystemRandom().randrange(ID_MAX)
    if not 0 <= seed <= ID_MAX:
        raise BadInput("seed", f"must be between 0 and {ID_MAX}")
    return seed


def check_lines(lines: list[str]) -> list[str]:
    if len(lines) > TURNS_MAX:
        raise BadInput("line", f"a rehearsal hears at most {TURNS_MAX} lines")
    for number, line in enumerate(lines, 1):
        check_text(f"line {number}", line, LINE_MAX)
    return lines


def prepare(uow: UnitOfWork, clock: Clock, settings: Settings, login: str, kind_text: str, person_id: int,
            job_id: int | None, seed: int | None) -> Prepared:
    """The listener for this person (and job), weighted by the desk's declines and hang-ups of the last year."""
    kind, seed = check_kind(kind_text), check_seed(seed)
    view = scripts_for_call(uow, clock, settings, login, kind, person_id, job_id)  # NotFound for either id
    today = clock.now().astimezone(ZoneInfo(settings.timezone)).date()
    stats = outreach_stats(uow, clock, settings, make_scope(clock, settings, today - timedelta(days=HISTORY_DAYS - 1)))
    with uow.reading():
        person = uow.people.get(person_id)
        job = uow.jobs.get(job_id) if job_id is not None else None
    seniority = (job.seniority if job else None) or person.seniority
    rate = next((row["rate"] for row in stats["hang_up_rate_by_seniority"] if row["seniority"] == seniority), None)
    reasons = [(row["reason"], row["count"]) for row in stats["decline_reasons"]]
    place = ", ".join(x for x in ((job.city, job.state) if job else ()) if x)
    listener = listener_from(reasons, rate, job.title if job else "", job.company if job else person.company or "",
                             place)
    return Prepared(kind, person_id, job_id, seed, listener, view["conversation"]["text"])


def turn_view(prepared: Prepared, rehearsal: Rehearsal) -> dict[str, Any]:
    """The conversation so far, as the terminal and the web desk show it."""
    return {"kind": prepared.kind.value, "title": KIND_TITLES[prepared.kind], "person_id": prepared.person_id,
            "job_id": prepared.job_id, "seed": prepared.seed, "over": rehearsal.over,
            "lines": rehearsal.lines,
            "transcript": [{"speaker": s, "text": t} for s, t in rehearsal.transcript]}


def keep(uow: UnitOfWork, clock: Clock, login: str, prepared: Prepared, rehearsal: Rehearsal) -> dict[str, Any]:
    """Store a finished rehearsal as practice and return its scorecard."""
    transcript = [{"speaker": s, "text": t} for s, t in rehearsal.transcript]
    with uow:
        user = acting_user(uow, clock, login)
        rehearsal_id = uow.practice.add(user.id, prepared.kind.value, prepared.person_id, prepared.job_id,
                                        prepared.seed, rehearsal.objectives(), rehearsal.rung(), transcript,
                                        clock.now())
    return scorecard(prepared.kind, prepared.script, rehearsal_id, rehearsal.objectives(), rehearsal.rung(),
                     transcript, prepared.seed, prepared.person_id, prepared.job_id)


def scorecard(kind: CallKind, script: str, rehearsal_id: int, objectives: dict[str, bool], rung: str | None,
              transcript: list[dict[str, str]], seed: int, person_id: int, job_id: int | None) -> dict[str, Any]:
    ladder = [r for r, _ in ladder_for(kind)]
    step = ladder.index(rung) if rung in ladder else 0  # missed the close: ask for the best rung first
    helped = helpful_lines(script, objectives, step)
    return {"id": rehearsal_id, "kind": kind.value, "title": KIND_TITLES[kind], "person_id": person_id,
            "job_id": job_id, "seed": seed, "objectives": objectives, "rung": rung, "transcript": transcript,
            "helped": [{"objective": k, "line": line} for k, line in helped.items()]}


def json_view(card: dict[str, Any]) -> dict[str, Any]:
    """What `--json` prints: the objectives met, the rung reached and the transcript."""
    return {"objectives": card["objectives"], "rung": card["rung"], "transcript": card["transcript"]}


def show(uow: UnitOfWork, clock: Clock, settings: Settings, login: str, rehearsal_id: int) -> dict[str, Any]:
    """The scorecard of a stored rehearsal, for its user (or an admin)."""
    with uow.reading():
        row = uow.practice.get(rehearsal_id)
        viewer = uow.users.by_login(login) if row is not None else None
    if row is None or (viewer is not None and viewer.id != row["user_id"] and viewer.role != "admin"):
        raise NotFound("rehearsal", rehearsal_id)
    kind = CallKind(row["kind"])
    script = scripts_for_call(uow, clock, settings, login, kind, row["person_id"], row["job_id"])
    return scorecard(kind, script["conversation"]["text"], row["id"], row["objectives"], row["rung"],
                     row["transcript"], row["seed"], row["person_id"], row["job_id"])
