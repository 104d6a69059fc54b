"""Inbound lookup and the win column on a large desk.

python -m bench bench_memory --db URL --people 100000 [--runs 15]

Builds the demo desk at that size if the database holds fewer people, then times `callsheet lookup`
(number in a typed format -> every card sharing it, with its memory) and `callsheet wins` (8 weeks).
"""

from __future__ import annotations

import argparse
import random

from sqlalchemy import text

from bench.bench_queue import _time
from bench.common import NOW, demo_desk
from callsheet.clock import FixedClock
from callsheet.lookup.phones import display
from callsheet.services.calling.lookup import lookup
from callsheet.services.reports.wins import wins
from callsheet.settings import Settings
from callsheet.store.uow import UnitOfWork


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
        numbers = [r[0] for r in conn.execute(text("SELECT e164 FROM phones ORDER BY id LIMIT 5000"))]
    settings = Settings(database_url=args.db, timezone="America/Chicago")
    clock = FixedClock(NOW)
    rng = random.Random(7)

    def one_lookup() -> None:
        lookup(UnitOfWork(engine), clock, settings, display(rng.choice(numbers)))

    def column() -> None:
        wins(UnitOfWork(engine), clock, settings, 8)

    one_lookup()
    column()
    l50, l90 = _time(one_lookup, args.runs)
    w50, w90 = _time(column, args.runs)
    print(f"store={engine.dialect.name} people={people:,} touches={touches:,}")
    print(f"  lookup (national format, full cards): p50 {l50:7.1f} ms  p90 {l90:7.1f} ms")
    print(f"  wins (8 weeks)                      : p50 {w50:7.1f} ms  p90 {w90:7.1f} ms")
