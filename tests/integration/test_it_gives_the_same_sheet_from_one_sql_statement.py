"""The bench's hand-written statement (bench/sheet_sql.py) returns exactly the service's call sheet.

bench_queue prints the service's time beside that statement's as the price of the service over "the
same answer computed by one SQL query": the figure means something only if the answers are the same.
On the demo desk (a few thousand people, every rule of the policy met somewhere in its history), for
each recruiter and for all of them, at moments that exercise the policy: a weekday morning when the
western zones are not open yet, mid-morning, late afternoon, the evening when the eastern zones have
closed, Thanksgiving (a weekday whose holds skip the holiday) and a Saturday (no window at all).
Limits of 25, 200 (near a whole pipeline: the rejections matter) and more than any pipeline holds.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bench.sheet_sql import sheet_rows
from callsheet.clock import FixedClock
from callsheet.services.demo import build_demo
from callsheet.services.policy import policy_settings
from callsheet.services.queue import call_sheet
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
    build_demo(engine, BUILT, DESK_ZONE, 3000)
    yield engine
    engine.dispose()


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
    """Not a vacuous match: the sheets are full on weekdays, the policy turns people away, the zones
    close in turn, and a Saturday has no sheet at all."""
    full, _ = _both(desk, "andrew", BUILT, 1000)
    morning, _ = _both(desk, "andrew", MOMENTS["8:10 in Milwaukee, before 8:00 in Denver and Los Angeles"], 1000)
    evening, _ = _both(desk, "andrew", MOMENTS["19:00 in Milwaukee, New York closed"], 1000)
    saturday, _ = _both(desk, "andrew", MOMENTS["Saturday"], 1000)
    assert len(full) > 200
    assert len(morning) < len(full) and len(evening) < len(full)
    assert saturday == []
