"""The bench's hand-written statement (bench/sheet_sql.py) returns exactly the service's call sheet.

bench_queue prints the service's time beside that statement's as the price of the service over "the
same answer computed by one SQL query": the figure means something only if the answers are the same.
On the demo desk (a few thousand people) with a few days of calls added so that every rule of the
policy holds someone, and a few top people in a second pipeline (`_season`), for each recruiter and
for all of them, at moments that exercise the policy: a weekday morning when the western zones are
not open yet, mid-morning, late afternoon, the evening when the eastern zones have closed,
Thanksgiving and the Friday after it (holds skip the holiday) and a Saturday (no window at all).
Limits of 25, 200 (near a whole pipeline: the rejections matter) and more than any pipeline holds.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from bench.sheet_sql import sheet_rows
from sqlalchemy import Engine, text

from callsheet.clock import FixedClock
from callsheet.domain.model import Candidacy
from callsheet.services.calling.log import LogRequest, log_touch
from callsheet.services.calling.policy import policy_settings
from callsheet.services.calling.sheet import call_sheet
from callsheet.services.demo.desk import build_demo
from callsheet.settings import Settings
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork
from tests.conftest import PG_URL, truncate_all

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


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
         sqlite_template: Path) -> Iterator[Engine]:
    """The demo desk, built once per store for the whole module."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("sheet_sql") / "desk.db"
        shutil.copy(sqlite_template, path)
        url = f"sqlite:///{path}"
    else:
        truncate_all(request.getfixturevalue("pg_engine"))
        url = PG_URL
    engine = make_engine(url)
    build_demo(UnitOfWork(engine), BUILT, DESK_ZONE, 3000)
    _season(engine)
    yield engine
    engine.dispose()


def _log(engine: Engine, person_id: int, job_id: int | None, outcome: str, at: datetime,
         callback_at: datetime | None = None, reason: str = "") -> None:
    log_touch(UnitOfWork(engine), FixedClock(at), LogRequest(person_id, outcome, job_id=job_id, at=at, reason=reason,
                                                             callback_at=callback_at), "andrew")


def _season(engine: Engine) -> None:
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
        log_touch(UnitOfWork(engine), FixedClock(wed + timedelta(hours=14)),
                  LogRequest(pid, "wrong_number", phone=phone, at=wed + timedelta(hours=14)), "andrew")
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


def _both(engine: Engine, owner: str | None, now: datetime, limit: int) -> tuple[list[tuple[int, int, float]],
                                                                                  list[tuple[int, int, float]]]:
    settings = Settings(database_url=str(engine.url), timezone=DESK_ZONE)
    sheet = call_sheet(UnitOfWork(engine), FixedClock(now), settings, owner, limit)
    with engine.connect() as conn:
        answer = sheet_rows(conn, owner, now, policy_settings(settings, now.year), limit)
    return [(r.person_id, r.job_id, r.score) for r in sheet], answer


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_the_statement_returns_the_services_sheet_row_for_row(desk: Engine, moment: str) -> None:
    now = MOMENTS[moment]
    for owner in ["andrew", "dana", "sam", None]:
        for limit in LIMITS:
            want, got = _both(desk, owner, now, limit)
            assert got == want, (owner, limit, next(
                ((i, w, g) for i, (w, g) in enumerate(zip(want, got, strict=False)) if w != g), len(want)))


def test_the_moments_exercise_the_policy(desk: Engine) -> None:
    """Not a vacuous match: the policy turns people away, promised callbacks lead, the zones open and
    close in turn, and a Saturday has no sheet at all."""
    with desk.connect() as conn:
        pipeline = conn.execute(text(
            "SELECT count(DISTINCT c.person_id) FROM candidacies c JOIN jobs j ON j.id = c.job_id "
            "JOIN users u ON u.id = j.owner_id WHERE u.login = 'andrew' AND j.status = 'open' "
            "AND c.stage NOT IN ('placed', 'declined', 'not_a_fit')")).scalar_one()
    full, _ = _both(desk, "andrew", BUILT, 1000)
    morning, _ = _both(desk, "andrew", MOMENTS["8:10 in Milwaukee, before 8:00 in Denver and Los Angeles"], 1000)
    evening, _ = _both(desk, "andrew", MOMENTS["19:00 in Milwaukee, New York closed"], 1000)
    saturday, _ = _both(desk, "andrew", MOMENTS["Saturday"], 1000)
    assert 150 < len(full) < pipeline
    assert full[0][2] > 1000
    assert len(morning) < len(full) and evening != full
    assert saturday == []
