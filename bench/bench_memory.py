"""Inbound lookup and the win column on a large desk.

python -m bench bench_memory --db URL --people 100000 [--runs 15]

Builds the demo desk at that size if the database holds fewer people, then times `callsheet lookup`
(number in a typed format -> every card sharing it, with its memory) and `callsheet wins` (8 weeks).
"""

from __future__ import annotations

import argparse
import random

from sqlalchemy import Engine, text

from bench.common import NOW, demo_desk
from bench.figures import Figure, timed
from callsheet.clock import FixedClock
from callsheet.lookup.phones import display
from callsheet.services.calling.lookup import lookup
from callsheet.services.reports.wins import wins
from callsheet.settings import Settings
from callsheet.store.uow import UnitOfWork


def measure(engine: Engine, runs: int) -> list[Figure]:
    """A look-up of a number typed in national format, and the win column of 8 weeks."""
    with engine.connect() as conn:
        numbers = [r[0] for r in conn.execute(text("SELECT e164 FROM phones ORDER BY id LIMIT 5000"))]
    settings = Settings(database_url=engine.url.render_as_string(hide_password=False), timezone="America/Chicago")
    clock = FixedClock(NOW)
    rng = random.Random(7)

    def one_lookup() -> None:
        lookup(UnitOfWork(engine), clock, settings, display(rng.choice(numbers)))

    def column() -> None:
        wins(UnitOfWork(engine), clock, settings, 8)

    return [Figure("lookup (national format, full cards)", timed(one_lookup, runs)),
            Figure("wins (8 weeks)", timed(column, runs))]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench bench_memory")
    parser.add_argument("--db", required=True)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)

    engine = demo_desk(args.db, args.people)
    with engine.connect() as conn:
        people = conn.execute(text("SELECT COUNT(*) FROM people")).scalar_one()
        touches = conn.execute(text("SELECT COUNT(*) FROM touches")).scalar_one()
    print(f"store={engine.dialect.name} people={people:,} touches={touches:,}")
    for figure in measure(engine, args.runs):
        print(figure.line())
