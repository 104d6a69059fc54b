"""The bench's hand-written statement (bench/sheet_sql.py) returns exactly the service's call sheet.

python -m bench sheet_check [--db URL] [--people 3000]

bench_queue prints the service's time beside that statement's as the price of the service over "the
same answer computed by one SQL query": the figure means something only if the answers are the same.
This check builds the demo desk (a few thousand people; in a temporary SQLite file unless --db names
a store, whose desk it replaces) with a few days of calls added so that every rule of the policy
holds someone, and a few top people in a second pipeline (`season`). Then, for each recruiter and for
all of them, at moments that exercise the policy: a weekday morning when the western zones are not
open yet, mid-morning, late afternoon, the evening when the eastern zones have closed, Thanksgiving
and the Friday after it (holds skip the holiday) and a Saturday (no window at all), with limits of
25, 200 (near a whole pipeline: the rejections matter) and more than any pipeline holds, it compares
the two row for row. It also checks the moments are not vacuous: the policy turns people away,
promised callbacks lead, the zones open and close in turn, and a Saturday has no sheet at all.
Exits 1 at the first difference.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, text

from bench.sheet_sql import sheet_rows
from callsheet.clock import FixedClock
from callsheet.domain.model import Candidacy
from callsheet.services.calling.log import LogRequest, log_touch
from callsheet.services.calling.policy import policy_settings
from callsheet.services.calling.sheet import call_sheet
from callsheet.services.demo.desk import build_demo, wipe
from callsheet.settings import Settings
from callsheet.store import schema
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork

# The desk is built on the day before Thanksgiving, 10:00 in Milwaukee.
BUILT = datetime(2026, 11, 25, 16, 0, tzinfo=UTC)
DESK_ZONE = "America/Chicago"
MOMENTS = {
    "8:10 in Milwaukee, before 8:00 in Denver and Los Angeles": BUILT - timedelta(hours=1, minutes=50),
    "10:00 in Milwaukee": BUILT,
    "16:30 in Milwaukee": BUILT + timedelta(hours=6, minutes=30),
    "19:00 in Milwaukee, New York closed": BUILT + timedelta(hours=9),
    "Thanksgiving, 14:00 in Milwaukee": BUILT + timedelta(days=1, hours=4),
    "Friday, 10:00 in Milwaukee": BUILT + timedelta(days=2),
    "Saturday": BUILT + timedelta(days=3),
}
LIMITS = [25, 200, 1000]
OWNERS = ["andrew", "dana", "sam", None]

Rows = list[tuple[int, int, float]]


def _log(engine: Engine, person_id: int, job_id: int | None, outcome: str, at: datetime,
         callback_at: datetime | None = None, reason: str = "", phone: str | None = None) -> None:
    log_touch(UnitOfWork(engine), FixedClock(at), LogRequest(person_id, outcome, job_id=job_id, at=at, reason=reason,
                                                             callback_at=callback_at, phone=phone), "andrew")


def season(engine: Engine) -> None:
    """Calls of the last days (the demo's history leaves the days before it quiet) and a few people
    moved to states with rules, so that each rule of the policy turns someone away at some moment."""
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT c.person_id, min(c.job_id), (SELECT count(*) FROM phones ph WHERE ph.person_id = c.person_id) "
            "FROM candidacies c JOIN jobs j ON j.id = c.job_id "
            "JOIN users u ON u.id = j.owner_id WHERE u.login = 'andrew' AND j.status = 'open' "
            "AND c.stage IN ('sourced', 'contacted', 'interested') GROUP BY c.person_id ORDER BY c.person_id")).all()
    people = [(r[0], r[1]) for r in rows][::3]  # spread over the pipeline, not only its start
    one_phone = [r[0] for r in rows[1::3] if r[2] == 1][:4]
    wed = BUILT.replace(hour=0)  # Wednesday 00:00 UTC
    for pid, job in people[0:6]:  # no answer: held to the next business day, Friday (Thursday is a holiday)
        _log(engine, pid, job, "no_answer", wed + timedelta(hours=15))
    for pid, job in people[6:12]:  # voicemail on Tuesday: held two business days, to Friday
        _log(engine, pid, job, "voicemail", wed - timedelta(hours=7))
    for pid, job in people[12:18]:  # busy at 16:00 in Milwaukee: held an hour
        _log(engine, pid, job, "busy", wed + timedelta(hours=22))
    for pid, _ in people[18:22]:  # Florida: three calls in 24 hours are the most
        for minutes in (0, 40, 80):
            _log(engine, pid, None, "connected", wed + timedelta(hours=13, minutes=minutes))
    for pid, _ in people[22:25]:  # hung up: 30 days without calls
        _log(engine, pid, None, "hung_up", wed + timedelta(hours=14, minutes=30))
    for pid in one_phone:  # a wrong number (two of them marked ok again: the history still counts)
        with engine.connect() as conn:
            phone = conn.execute(text("SELECT e164 FROM phones WHERE person_id = :p ORDER BY position, id"),
                                 {"p": pid}).scalars().first()
        _log(engine, pid, None, "wrong_number", wed + timedelta(hours=14), phone=phone)
    for pid, job in people[29:33]:  # asked to be called back on Friday: not before, on this job
        _log(engine, pid, job, "callback", wed + timedelta(hours=14), wed + timedelta(days=2, hours=15))
    for pid, job in people[33:37]:  # asked to be called back on Wednesday at 9:00: due, on top
        _log(engine, pid, job, "callback", wed - timedelta(hours=20), wed + timedelta(hours=15))
    for pid, job in people[37:40]:  # six unanswered attempts in a row: the job rests 90 days
        for day in range(6):
            _log(engine, pid, job, "no_answer", wed - timedelta(days=23 - 2 * day, hours=-15))
    for pid, job in people[40:43]:  # two voicemails in 14 days: the cap
        for days in (9, 6):
            _log(engine, pid, job, "voicemail", wed - timedelta(days=days, hours=-16))
    for pid, job in people[51:54]:  # declined the job, then put back in its pipeline: still never about it
        _log(engine, pid, job, "declined", wed - timedelta(hours=6), reason="timing")
        with engine.begin() as conn:
            conn.execute(text("UPDATE candidacies SET stage = 'contacted' WHERE person_id = :p AND job_id = :j"),
                         {"p": pid, "j": job})
    # People at the top of the sheet put in a second hot pipeline, as client-named targets: both their
    # rows rank high, and the sheet still shows each of them once.
    settings = Settings(database_url=str(engine.url), timezone=DESK_ZONE)
    top = call_sheet(UnitOfWork(engine), FixedClock(BUILT), settings, "andrew", 5)
    with engine.connect() as conn:
        hot = conn.execute(text(
            "SELECT j.id FROM jobs j JOIN users u ON u.id = j.owner_id WHERE u.login = 'andrew' "
            "AND j.status = 'open' ORDER BY j.urgency * j.opportunity DESC, j.id LIMIT 2")).scalars().all()
    with UnitOfWork(engine) as uow:
        for row in top:
            job = hot[0] if row.job_id != hot[0] else hot[1]
            if job not in row.also:
                uow.jobs.add_candidacy(Candidacy(job, row.person_id, is_target=True), BUILT)
    states = {pid: "FL" for pid, _ in people[18:22]}
    states.update(zip([pid for pid, _ in people[43:51]], ["TX", "TX", "MD", "MD", "CT", "CT", "OK", "WA"],
                      strict=True))
    with engine.begin() as conn:
        for pid, state in states.items():
            conn.execute(text("UPDATE people SET state = :s WHERE id = :p"), {"s": state, "p": pid})
        conn.execute(text("UPDATE phones SET status = 'ok' WHERE person_id IN (:a, :b)"),
                     {"a": one_phone[0], "b": one_phone[1]})


def both(engine: Engine, owner: str | None, now: datetime, limit: int) -> tuple[Rows, Rows]:
    """(the service's sheet, the statement's answer), each as (person, job, score) rows."""
    settings = Settings(database_url=str(engine.url), timezone=DESK_ZONE)
    sheet = call_sheet(UnitOfWork(engine), FixedClock(now), settings, owner, limit)
    with UnitOfWork(engine).reading() as uow:
        answer = sheet_rows(uow.connection, owner, now, policy_settings(settings, now.year), limit)
    return [(r.person_id, r.job_id, r.score) for r in sheet], answer


def first_difference(want: Rows, got: Rows) -> str:
    for i, (w, g) in enumerate(zip(want, got, strict=False)):
        if w != g:
            return f"row {i + 1}: service {w} vs SQL {g}"
    return f"service {len(want)} rows vs SQL {len(got)} rows"


def not_vacuous(engine: Engine) -> list[str]:
    """What must hold for the comparison to mean something; the failures, in words."""
    with engine.connect() as conn:
        pipeline = conn.execute(text(
            "SELECT count(DISTINCT c.person_id) FROM candidacies c JOIN jobs j ON j.id = c.job_id "
            "JOIN users u ON u.id = j.owner_id WHERE u.login = 'andrew' AND j.status = 'open' "
            "AND c.stage NOT IN ('placed', 'declined', 'not_a_fit')")).scalar_one()
    full, _ = both(engine, "andrew", BUILT, 1000)
    morning, _ = both(engine, "andrew", MOMENTS["8:10 in Milwaukee, before 8:00 in Denver and Los Angeles"], 1000)
    evening, _ = both(engine, "andrew", MOMENTS["19:00 in Milwaukee, New York closed"], 1000)
    saturday, _ = both(engine, "andrew", MOMENTS["Saturday"], 1000)
    checks = {
        f"the policy turns some of the {pipeline} people away, and most are on the sheet": 150 < len(full) < pipeline,
        "a due callback leads the sheet": bool(full) and full[0][2] > 1000,
        "fewer people are open early in the morning": len(morning) < len(full),
        "the evening's sheet differs from the morning's": evening != full,
        "nobody is called on a Saturday": saturday == [],
    }
    return [what for what, holds in checks.items() if not holds]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench sheet_check")
    parser.add_argument("--db", help="a store to build the desk in (its desk is replaced); default: a temporary "
                                     "SQLite file")
    parser.add_argument("--people", type=int, default=3000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(args.db or f"sqlite:///{Path(folder) / 'desk.db'}")
        try:
            schema.upgrade(engine)
            wipe(UnitOfWork(engine))
            build_demo(UnitOfWork(engine), BUILT, DESK_ZONE, args.people)
            season(engine)
            failures = not_vacuous(engine)
            compared = 0
            for moment, now in MOMENTS.items():
                for owner in OWNERS:
                    for limit in LIMITS:
                        want, got = both(engine, owner, now, limit)
                        compared += 1
                        if got != want:
                            failures.append(f"{moment}, owner {owner}, limit {limit}: "
                                            f"{first_difference(want, got)}")
        finally:
            engine.dispose()
    print(f"store={engine.dialect.name} sheets compared={compared}: "
          + ("the statement returns the service's sheet row for row" if not failures else "DIFFERENT"))
    for failure in failures:
        print("  " + failure)
    if failures:
        sys.exit(1)
