"""Do-not-call list imports: numbers/s for a generated list, first as a new list, then as a new version.

    python -m bench bench_dnc --numbers 100000 --db sqlite:////tmp/bench-dnc.db
    python -m bench bench_dnc --numbers 100000 --db postgresql+psycopg://postgres@127.0.0.1:5432/bench_dnc

The database is emptied first (use a scratch one). Figures are printed, never asserted. The list is one
number a line in four common formats; the new version drops a tenth of the numbers and adds as many.
Each import is timed on the wall clock and in this process's CPU, with the reading of the file alone
beside it (the rest is the store's: the comparison with the list as it stands, the writes).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine

from bench.bench_import import AREAS, fresh
from bench.figures import Figure
from callsheet.clock import SystemClock
from callsheet.services.accounts.users import add_user
from callsheet.services.numbers.lists import import_list
from callsheet.services.numbers.reading import read_list
from callsheet.store.uow import UnitOfWork

ADMIN = "bench-admin@example.com"


def number(i: int) -> str:
    """The i-th number, in one of the shapes lists come in."""
    area, exchange, line = AREAS[i % len(AREAS)], 200 + (i // 10000) % 800, i % 10000
    return [f"({area}) {exchange:03d}-{line:04d}", f"{area}.{exchange:03d}.{line:04d}",
            f"+1 {area} {exchange:03d} {line:04d}", f"{area}{exchange:03d}{line:04d}"][i % 4]


def write_list(path: Path, numbers: range) -> None:
    path.write_text("".join(f"{number(i)}\n" for i in numbers), encoding="utf-8")


def timed(engine: Engine, path: Path, label: str, count: int) -> Figure:
    """One import of the list at `path`: microseconds per number, with the file's reading alone beside."""
    started = time.perf_counter()
    read_list(path, "US")
    read_wall = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    done = import_list(UnitOfWork(engine), SystemClock(), path, "Bench DNC", ADMIN)
    wall, used = time.perf_counter() - started, time.process_time() - cpu
    return Figure(f"do-not-call list, {label}", [wall / count * 1e6], unit="µs/number",
                  note=f"{count / wall:,.0f} numbers/s ({wall:.2f} s wall, {used:.2f} s CPU; reading the file "
                       f"alone {read_wall:.2f} s); added {done.added:,}, released {done.released:,}, "
                       f"kept {done.kept:,}")


def measure(url: str, numbers: int) -> list[Figure]:
    """A new list of `numbers`, then a new version with a tenth dropped and as many added. Empties `url`."""
    work = Path(tempfile.mkdtemp(prefix="bench-dnc-"))
    first, second = work / "list-1.txt", work / "list-2.txt"
    tenth = numbers // 10
    write_list(first, range(numbers))
    write_list(second, range(tenth, numbers + tenth))
    engine = fresh(url)
    try:
        add_user(UnitOfWork(engine), SystemClock(), ADMIN, "admin")
        return [timed(engine, first, "new list", numbers), timed(engine, second, "new version", numbers)]
    finally:
        engine.dispose()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench bench_dnc", description=__doc__.splitlines()[0])
    parser.add_argument("--numbers", type=int, default=100_000)
    parser.add_argument("--db", default=f"sqlite:///{tempfile.gettempdir()}/bench-dnc.db")
    args = parser.parse_args(argv)
    print(f"{args.db.split(':')[0]}, {args.numbers:,} numbers, load average {os.getloadavg()[0]:.1f}")
    for figure in measure(args.db, args.numbers):
        print(f"  {figure.operation:<32} {figure.note}")


if __name__ == "__main__":
    main([])
