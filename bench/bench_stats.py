"""Outreach analytics and a job's status report on a large desk.

python -m bench bench_stats --db URL --people 100000 [--runs 5]

Builds the demo desk at that size if the database holds fewer people, then times `callsheet stats`
(the service, whole desk: last 90 days and two years; one recruiter; one client) and the report of
the job with the most candidacies, built and rendered in each format.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date

from sqlalchemy import Engine, text

from bench.common import NOW, demo_desk
from bench.figures import Figure, timed
from callsheet.clock import FixedClock
from callsheet.services.reports.analytics import make_scope, outreach_stats
from callsheet.services.reports.job_report import build_report
from callsheet.services.reports.render import render
from callsheet.settings import Settings
from callsheet.store.uow import UnitOfWork


def measure(engine: Engine, runs: int) -> list[Figure]:
    """Each case after one warming call: the stats of the desk, a recruiter and a client, and the report
    of the job with the most candidacies, built and rendered in each format."""
    with engine.connect() as conn:
        job_id = conn.execute(text("SELECT job_id, COUNT(*) n FROM candidacies GROUP BY job_id "
                                   "ORDER BY n DESC LIMIT 1")).first()[0]  # type: ignore[index]
        client = conn.execute(text("SELECT c.name FROM jobs j JOIN companies c ON c.id = j.company_id "
                                   "WHERE j.id = :j"), {"j": job_id}).scalar_one()
    settings = Settings(database_url=engine.url.render_as_string(hide_password=False), timezone="America/Chicago")
    clock = FixedClock(NOW)
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
    return [Figure(name, timed(fn, runs)) for name, fn in cases]


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
    print(f"store={engine.dialect.name} touches={touches:,} biggest job={job_id} ({size:,} candidacies)")
    for figure in measure(engine, args.runs):
        print(figure.line(24))
