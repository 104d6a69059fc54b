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
from datetime import datetime, timedelta

from sqlalchemy import Engine, text

from bench.common import NOW, demo_desk
from bench.figures import Figure, taking_turns
from bench.sheet_check import Rows, first_difference
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


def measure(engine: Engine, owner: str, runs: int, limit: int = 25) -> tuple[list[Figure], Rows, Rows]:
    """The call sheet beside the same-answer statement, and the floor, taking turns run by run; each run
    asks about a moment a second later (nothing keyed by the moment carries over), the same moment for
    all. Also (the service's sheet, the statement's) at NOW: the same answer, or the first difference
    in the figure's note."""
    settings = Settings(database_url=engine.url.render_as_string(hide_password=False), timezone="America/Chicago")

    def service(moment: datetime) -> Rows:
        sheet = call_sheet(UnitOfWork(engine), FixedClock(moment), settings, owner, limit)
        return [(r.person_id, r.job_id, r.score) for r in sheet]

    def same(moment: datetime) -> Rows:
        with UnitOfWork(engine).reading() as uow:
            return sheet_rows(uow.connection, owner, moment, policy_settings(settings, moment.year), limit)

    floor_sql = text(RAW_SQLITE if engine.dialect.name == "sqlite" else RAW_POSTGRES)

    def floor(moment: datetime) -> object:
        with UnitOfWork(engine).reading() as uow:
            now = time_param(uow.connection, moment)
            return uow.connection.execute(floor_sql, {"now": now, "owner": owner, "limit": limit}).all()

    sheet, answer = service(NOW), same(NOW)
    verdict = "same answer" if sheet == answer else "DIFFERENT: " + first_difference(sheet, answer)
    s, q, f = taking_turns([lambda run, fn=fn: fn(NOW + timedelta(seconds=run + 1))  # type: ignore[misc]
                            for fn in (service, same, floor)], runs)
    return [Figure("call sheet", s, raw=q, raw_name="same-answer SQL", note=verdict),
            Figure("call sheet floor SQL (not the same answer)", f)], sheet, answer


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
    (sheet_figure, floor_figure), sheet, answer = measure(engine, args.owner, args.runs, args.limit)
    print(f"store={engine.dialect.name} people={people:,} touches={touches:,} owner={args.owner} "
          f"open-pipeline rows={pipelines:,} limit={args.limit} runs={args.runs}")
    print(f"  same answer at {NOW:%Y-%m-%d %H:%M} UTC: {sheet_figure.note} ({len(sheet)} rows)")
    print(sheet_figure.line())
    print(floor_figure.line())
    print(f"  ratio service/floor: {sheet_figure.p(0.5) / floor_figure.p(0.5):5.2f}x")
    print("  top of the sheet          :", ", ".join(f"{p}/{j}" for p, j, _ in sheet[:8]))
    print("  top of the same-answer SQL:", ", ".join(f"{p}/{j}" for p, j, _ in answer[:8]))
