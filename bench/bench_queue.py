"""The call sheet for one recruiter, beside one hand-written SQL query on the same database.

python -m bench bench_queue --db URL --people 100000 [--owner andrew] [--runs 15]

Builds the demo desk at that size if the database holds fewer people, then times the service
(`callsheet queue`) and a hand-written query that ranks the same open pipelines, per job, by heat,
client target and staleness (without skill fit and the policy's windows and cool-offs, which SQL
cannot express simply), and prints the top of both answers.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import text

from bench.common import NOW, demo_desk
from callsheet.clock import FixedClock
from callsheet.services.queue import call_sheet
from callsheet.settings import Settings
from callsheet.store.uow import UnitOfWork

# The hand-written answer: per open job of the recruiter, its best `limit` open candidacies by heat,
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


def _time_both(service: Callable[[], object], raw: Callable[[], object],
               runs: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """p50 and p90 of each, the two taking turns run by run: on a shared machine both see the same load."""
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for fn, out in ((service, samples[0]), (raw, samples[1])):
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1000)
    return _spread(samples[0]), _spread(samples[1])


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
    ticks = itertools.count()

    def service() -> None:
        # A user's clock moves between two looks at the sheet: nothing keyed by the moment carries over.
        clock = FixedClock(NOW + timedelta(seconds=next(ticks)))
        call_sheet(UnitOfWork(engine), clock, settings, args.owner, args.limit)

    sqlite = engine.dialect.name == "sqlite"
    raw_sql = text(RAW_SQLITE if sqlite else RAW_POSTGRES)
    now = NOW.replace(tzinfo=None).isoformat(sep=" ") if sqlite else NOW

    def raw() -> list[tuple[int, int, str, float]]:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(raw_sql, {"now": now, "owner": args.owner,  # type: ignore[misc]
                                                              "limit": args.limit})]

    sheet = call_sheet(UnitOfWork(engine), FixedClock(NOW), settings, args.owner, args.limit)
    answer = raw()
    (s50, s90), (r50, r90) = _time_both(service, raw, args.runs)
    print(f"store={engine.dialect.name} people={people:,} touches={touches:,} owner={args.owner} "
          f"open-pipeline rows={pipelines:,}")
    print(f"  call sheet (service): p50 {s50:7.1f} ms  p90 {s90:7.1f} ms")
    print(f"  hand-written SQL    : p50 {r50:7.1f} ms  p90 {r90:7.1f} ms")
    print(f"  ratio service/raw   : {s50 / r50:5.2f}x")
    # The two answers side by side: the service's adds fit and the policy, so they may differ.
    print("  top of the sheet    :", ", ".join(f"{r.person_id}/{r.job_id}" for r in sheet[:8]))
    print("  top of the raw query:", ", ".join(f"{r[1]}/{r[0]}" for r in answer[:8]))
