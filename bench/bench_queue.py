"""The call sheet for one recruiter, beside the same answer computed by one hand-written SQL statement.

python -m bench bench_queue --db URL --people 100000 [--owner andrew] [--runs 15] [--limit 25]

Builds the demo desk at that size if the database holds fewer people, then first checks that the
service (`callsheet queue`) and the hand-written statement of bench/sheet_sql.py give the same sheet
(person, job and score, row for row) and prints whether they do, or their first difference: a bench
must not compare different answers silently. Then it times, taking turns run by run and on a clock
that moves a second each run (both are asked about the same moment):
  * the service;
  * the same-answer statement (fit, the contact policy, one row per person, the sheet's order), and
    the ratio service/SQL: the price of the service over the database doing it all;
  * the floor, a query that only ranks the open pipelines by heat, client target and staleness
    (no fit, no policy: not the same answer), with its own ratio, to show what the policy costs SQL.
All three read through the same kind of unit of work (`UnitOfWork.reading()`): on PostgreSQL its
autocommit session keeps what psycopg prepared from one call to the next, for the statements as for
the service (a connection that ends in a ROLLBACK forgets them, and would plan every call afresh).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import text

from bench.common import NOW, demo_desk
from bench.sheet_sql import sheet_rows
from callsheet.clock import FixedClock
from callsheet.services.calling.policy import policy_settings
from callsheet.services.calling.sheet import call_sheet
from callsheet.settings import Settings
from callsheet.store.raw import time_param
from callsheet.store.uow import UnitOfWork

# The floor (not the same answer): per open job of the recruiter, its best `limit` open candidacies by heat,
# client target and staleness (the store's own last_touch_at), then the best `limit` of those. It
# leaves out what SQL cannot say simply (skill overlap, the policy's windows and cool-offs), so it is
# a floor for the service, not the same sheet. SQLite ranks with a window function per job;
# PostgreSQL takes the top of each job with a LATERAL join.
_OPEN = "c.stage NOT IN ('placed', 'declined', 'not_a_fit') AND p.suppression = 'none'"
RAW_SQLITE = f"""
WITH mine AS (
  SELECT j.id, j.urgency * j.opportunity AS heat FROM jobs j JOIN users u ON u.id = j.owner_id
  WHERE u.login = :owner AND j.status = 'open'),
scored AS (
  SELECT c.job_id, c.person_id, p.name,
         2 * m.heat + 20 * c.is_target + CASE WHEN p.last_touch_at IS NULL THEN 15.0
           ELSE min(30.0, max(0.0, julianday(:now) - julianday(p.last_touch_at))) / 2 END AS score
  FROM mine m JOIN candidacies c ON c.job_id = m.id JOIN people p ON p.id = c.person_id
  WHERE {_OPEN}),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY job_id ORDER BY score DESC, person_id) AS n FROM scored)
SELECT job_id, person_id, name, score FROM ranked WHERE n <= :limit
ORDER BY score DESC, person_id LIMIT :limit
"""
RAW_POSTGRES = f"""
SELECT best.job_id, best.person_id, best.name, best.score
FROM jobs j JOIN users u ON u.id = j.owner_id
CROSS JOIN LATERAL (
  SELECT c.job_id, c.person_id, p.name,
         2 * j.urgency * j.opportunity + CASE WHEN c.is_target THEN 20 ELSE 0 END
         + CASE WHEN p.last_touch_at IS NULL THEN 15.0
           ELSE least(30.0, greatest(0.0, extract(epoch FROM :now - p.last_touch_at) / 86400.0)) / 2 END AS score
  FROM candidacies c JOIN people p ON p.id = c.person_id
  WHERE c.job_id = j.id AND {_OPEN}
  ORDER BY score DESC, c.person_id LIMIT :limit) best
WHERE u.login = :owner AND j.status = 'open'
ORDER BY best.score DESC, best.person_id LIMIT :limit
"""


def _time_all(fns: Sequence[Callable[[datetime], object]], runs: int) -> list[tuple[float, float]]:
    """p50 and p90 of each, taking turns run by run: on a shared machine all see the same load. Each
    run asks about a moment a second later (nothing keyed by the moment carries over), the same
    moment for all."""
    samples: list[list[float]] = [[] for _ in fns]
    for run in range(runs):
        moment = NOW + timedelta(seconds=run + 1)
        for fn, out in zip(fns, samples, strict=True):
            start = time.perf_counter()
            fn(moment)
            out.append((time.perf_counter() - start) * 1000)
    return [_spread(s) for s in samples]


def _first_difference(want: list[tuple[int, int, float]], got: list[tuple[int, int, float]]) -> str:
    for i, (w, g) in enumerate(zip(want, got, strict=False)):
        if w != g:
            return f"row {i + 1}: service {w} vs SQL {g}"
    return f"service {len(want)} rows vs SQL {len(got)} rows"


def _spread(samples: list[float]) -> tuple[float, float]:
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.9) - 1]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench bench_queue")
    parser.add_argument("--db", required=True)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--owner", default="andrew")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--limit", type=int, default=25)
    args = parser.parse_args(argv)

    engine = demo_desk(args.db, args.people)
    with engine.connect() as conn:
        people = conn.execute(text("SELECT COUNT(*) FROM people")).scalar_one()
        touches = conn.execute(text("SELECT COUNT(*) FROM touches")).scalar_one()
        pipelines = conn.execute(text(
            "SELECT COUNT(*) FROM candidacies c JOIN jobs j ON j.id = c.job_id JOIN users u ON u.id = j.owner_id "
            "WHERE u.login = :o AND j.status = 'open'"), {"o": args.owner}).scalar_one()
    settings = Settings(database_url=args.db, timezone="America/Chicago")

    def service(moment: datetime) -> list[tuple[int, int, float]]:
        sheet = call_sheet(UnitOfWork(engine), FixedClock(moment), settings, args.owner, args.limit)
        return [(r.person_id, r.job_id, r.score) for r in sheet]

    def same(moment: datetime) -> list[tuple[int, int, float]]:
        with UnitOfWork(engine).reading() as uow:
            return sheet_rows(uow.connection, args.owner, moment, policy_settings(settings, moment.year),
                              args.limit)

    sqlite = engine.dialect.name == "sqlite"
    floor_sql = text(RAW_SQLITE if sqlite else RAW_POSTGRES)

    def floor(moment: datetime) -> list[tuple[int, int, str, float]]:
        with UnitOfWork(engine).reading() as uow:
            now = time_param(uow.connection, moment)
            return [tuple(r) for r in uow.connection.execute(floor_sql, {"now": now, "owner": args.owner,
                                                                          "limit": args.limit})]

    sheet, answer = service(NOW), same(NOW)
    verdict = "identical" if sheet == answer else "DIFFERENT: " + _first_difference(sheet, answer)
    (s50, s90), (q50, q90), (f50, f90) = _time_all([service, same, floor], args.runs)
    print(f"store={engine.dialect.name} people={people:,} touches={touches:,} owner={args.owner} "
          f"open-pipeline rows={pipelines:,} limit={args.limit} runs={args.runs}")
    print(f"  same answer at {NOW:%Y-%m-%d %H:%M} UTC: {verdict} ({len(sheet)} rows)")
    print(f"  call sheet (service)      : p50 {s50:7.1f} ms  p90 {s90:7.1f} ms")
    print(f"  same-answer SQL           : p50 {q50:7.1f} ms  p90 {q90:7.1f} ms")
    print(f"  ratio service/SQL         : {s50 / q50:5.2f}x")
    print(f"  floor (not the same answer: no fit, no policy): p50 {f50:7.1f} ms  p90 {f90:7.1f} ms  "
          f"ratio service/floor {s50 / f50:5.2f}x")
    print("  top of the sheet          :", ", ".join(f"{p}/{j}" for p, j, _ in sheet[:8]))
    print("  top of the same-answer SQL:", ", ".join(f"{p}/{j}" for p, j, _ in answer[:8]))
