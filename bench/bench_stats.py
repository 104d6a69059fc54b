"""Outreach analytics and a job's status report on a large desk.

python -m bench bench_stats --db URL --people 100000 [--runs 5]

Builds the demo desk at that size if the database holds fewer people, then times `callsheet stats`
(the service, whole desk: last 90 days and two years; one recruiter; one client) and the report of
the job with the most candidacies, built and rendered in each format.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date

from sqlalchemy import text

from bench.common import NOW, demo_desk
from callsheet.clock import FixedClock
from callsheet.services.reports.analytics import make_scope, outreach_stats
from callsheet.services.reports.job_report import build_report
from callsheet.services.reports.render import render
from callsheet.settings import Settings
from callsheet.store.uow import UnitOfWork


def _time(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[-1]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench bench_stats")
    parser.add_argument("--db", required=True)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    engine = demo_desk(args.db, args.people)
    with engine.connect() as conn:
        touches = conn.execute(text("SELECT COUNT(*) FROM touches")).scalar_one()
        job_id, size = conn.execute(text("SELECT job_id, COUNT(*) n FROM candidacies GROUP BY job_id "
                                         "ORDER BY n DESC LIMIT 1")).one()
        client = conn.execute(text("SELECT c.name FROM jobs j JOIN companies c ON c.id = j.company_id "
                                   "WHERE j.id = :j"), {"j": job_id}).scalar_one()
    settings = Settings(database_url=args.db, timezone="America/Chicago")
    clock = FixedClock(NOW)
    print(f"store={engine.dialect.name} touches={touches:,} biggest job={job_id} ({size:,} candidacies)")
    cases: list[tuple[str, Callable[[], object]]] = [
        ("stats, desk, 90 days", lambda: outreach_stats(UnitOfWork(engine), clock, settings,
                                                        make_scope(clock, settings))),
        ("stats, desk, two years", lambda: outreach_stats(UnitOfWork(engine), clock, settings,
                                                          make_scope(clock, settings, date(2024, 11, 18)))),
        ("stats, one recruiter", lambda: outreach_stats(UnitOfWork(engine), clock, settings,
                                                        make_scope(clock, settings, owner="andrew"))),
        ("stats, one client", lambda: outreach_stats(UnitOfWork(engine), clock, settings,
                                                     make_scope(clock, settings, client=client))),
        ("report, build", lambda: build_report(UnitOfWork(engine), clock, settings, job_id)),
    ]
    report = build_report(UnitOfWork(engine), clock, settings, job_id)
    for fmt in ("html", "csv", "pdf"):
        cases.append((f"report, render {fmt}", lambda fmt=fmt: render(report, fmt)))  # type: ignore[misc]
    for name, fn in cases:
        fn()
        p50, worst = _time(fn, args.runs)
        print(f"  {name:24s} p50 {p50:8.1f} ms  max {worst:8.1f} ms")
