"""The call sheet for one recruiter, beside one hand-written SQL query on the same database.

python -m bench bench_queue --db URL --people 100000 [--owner andrew] [--runs 15]

Builds the demo desk at that size if the database holds fewer people, then times the service
(`callsheet queue`) and a hand-written query that ranks the same open pipelines by heat and
staleness (without the policy's windows and cool-offs, which SQL cannot express simply).
"""

from __future__ import annotations

import argparse
import statistics
import time

from sqlalchemy import text

from bench.common import NOW, demo_desk
from callsheet.clock import FixedClock
from callsheet.services.queue import call_sheet
from callsheet.settings import Settings
from callsheet.store.uow import UnitOfWork

RAW_SQL = """
SELECT c.job_id, c.person_id, p.name, j.urgency * j.opportunity AS heat,
       (SELECT MAX(t.at) FROM touches t WHERE t.person_id = c.person_id AND t.at <= :now) AS last_at
FROM jobs j
JOIN users u ON u.id = j.owner_id
JOIN candidacies c ON c.job_id = j.id
JOIN people p ON p.id = c.person_id
WHERE u.login = :owner AND j.status = 'open' AND p.suppression = 'none'
  AND c.stage NOT IN ('placed', 'declined', 'not_a_fit')
ORDER BY heat DESC, last_at ASC
LIMIT :limit
"""


def _time(fn: object, runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        samples.append((time.perf_counter() - start) * 1000)
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
    clock = FixedClock(NOW)

    def service() -> None:
        call_sheet(UnitOfWork(engine), clock, settings, args.owner, args.limit)

    def raw() -> None:
        with engine.connect() as conn:
            conn.execute(text(RAW_SQL), {"now": NOW.replace(tzinfo=None) if engine.dialect.name == "sqlite"
                                         else NOW, "owner": args.owner, "limit": args.limit}).all()

    service()
    raw()
    s50, s90 = _time(service, args.runs)
    r50, r90 = _time(raw, args.runs)
    print(f"store={engine.dialect.name} people={people:,} touches={touches:,} owner={args.owner} "
          f"open-pipeline rows={pipelines:,}")
    print(f"  call sheet (service): p50 {s50:7.1f} ms  p90 {s90:7.1f} ms")
    print(f"  hand-written SQL    : p50 {r50:7.1f} ms  p90 {r90:7.1f} ms")
    print(f"  ratio service/raw   : {s50 / r50:5.2f}x")
