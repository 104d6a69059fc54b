"""Desks side by side on PostgreSQL: does a desk answer as fast among many others as it does alone?

python -m bench bench_desks [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/bench] [--desks 100]
                            [--desk-size 10000] [--large 100000 1000000] [--runs 15]

It takes databases beside --postgres's name, each built once with the demo's bulk path per desk (a unit
of work of that desk) and reused while it holds those desks at the code's newest revision:
  * <name>_desks_<large>_..._<desks>x<desk-size>: one desk of each large size (the first is the
    database's own "Default") beside --desks small desks, all in one database;
  * <name>_solo_<size>: one desk alone, for each large size and for the last small one, built from the
    same seed as its counterpart in the shared database (the same desk).
Then, for each large desk and for the last small desk, each beside the same desk alone (taking turns run
by run): the call sheet of the desk's recruiter, the search of bench_search's queries, and a touch
logged (a no-answer on someone of the desk's pipeline; the touches are deleted afterwards, so the desks
stay as built). It prints p50/p90/p99 of each with the ratio among desks/alone.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.engine import make_url

from bench.bench_search import QUERIES
from bench.common import NOW, create_database
from bench.figures import Figure, taking_turns
from callsheet.clock import FixedClock
from callsheet.services.calling.log import LogRequest, log_touch
from callsheet.services.calling.sheet import call_sheet
from callsheet.services.demo.desk import build_demo
from callsheet.services.search import people as search_service
from callsheet.settings import Settings
from callsheet.store import schema
from callsheet.store.engine import make_engine
from callsheet.store.tables import candidacies, desks, people, touches
from callsheet.store.uow import DEFAULT_DESK, UnitOfWork

ZONE = "America/Chicago"
OWNER = "andrew"
SEARCHES = QUERIES[:4]
ALONE = "the same desk alone"


def database(prefix: str, suffix: str) -> str:
    parsed = make_url(prefix)
    return parsed.set(database=f"{parsed.database}_{suffix}").render_as_string(hide_password=False)


def _sizes(engine: Engine) -> list[int]:
    """The people of each desk, in the desks' order (a database of another revision holds none)."""
    if schema.current_revision(engine) != schema.head_revision():
        return []
    with engine.connect() as conn:
        counts = dict(conn.execute(select(people.c.desk_id, func.count()).group_by(people.c.desk_id)).all())
        ids = conn.execute(select(desks.c.id).order_by(desks.c.id)).scalars().all()
    return [counts.get(i, 0) for i in ids]


def seed(n: int) -> int:
    """The demo's seed of the shared database's desk n (from 0): each desk alone is built with its
    counterpart's, so the two are the same desk."""
    return 7 + n


def built(url: str, sizes: list[int], seeds: list[int] | None = None) -> tuple[Engine, list[int]]:
    """A database holding one desk per size, in order (the first is the database's own "Default"), each
    built from its seed (by default the shared database's): reused if it holds just as many desks, each
    of at least its size (the demo adds its cast), otherwise built afresh. Returns its engine and the
    desks' ids."""
    seeds = seeds or [seed(n) for n in range(len(sizes))]
    create_database(url)
    engine = make_engine(url)
    have = _sizes(engine)
    if len(have) != len(sizes) or any(h < s for h, s in zip(have, sizes, strict=True)):
        engine.dispose()
        create_database(url, drop=True)
        engine = make_engine(url)
        schema.upgrade(engine)
        for n, size in enumerate(sizes):
            desk = DEFAULT_DESK if n == 0 else _add_desk(engine, f"desk {n + 1}")
            summary = build_demo(UnitOfWork(engine, desk), NOW, ZONE, size, seed=seeds[n], bulk=True)
            print(f"  {make_url(url).database}: desk {desk}, {summary.people:,} people, {summary.touches:,} "
                  "touches", flush=True)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    with engine.connect() as conn:
        ids = list(conn.execute(select(desks.c.id).order_by(desks.c.id)).scalars())
    return engine, ids


def _add_desk(engine: Engine, name: str) -> int:
    with engine.begin() as conn:  # desks is a table of the whole database, read and written without a desk
        added: int = conn.execute(insert(desks).values(name=name, created_at=NOW)).inserted_primary_key[0]  # type: ignore[index]
    return added


class Desk:
    """One desk's three operations, each run asking about a moment a second later."""

    def __init__(self, engine: Engine, desk: int) -> None:
        self.engine, self.desk = engine, desk
        self.settings = Settings(database_url=engine.url.render_as_string(hide_password=False), timezone=ZONE)
        self.logged: list[int] = []
        search_service.reindex(self.uow())
        with engine.connect() as conn:
            self.pipeline = conn.execute(select(candidacies.c.person_id, candidacies.c.job_id).where(
                candidacies.c.desk_id == desk).order_by(candidacies.c.id).limit(1000)).all()

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine, self.desk)

    def sheet(self, run: int) -> object:
        return call_sheet(self.uow(), FixedClock(NOW + timedelta(seconds=run + 1)), self.settings, OWNER)

    def search(self, run: int) -> object:
        asked = [search_service.SearchRequest(q, near=near, radius=40 if near else None, limit=20)
                 for q, near in SEARCHES]
        return [search_service.search(self.uow(), req) for req in asked]

    def log(self, run: int) -> object:
        person, job = self.pipeline[run % len(self.pipeline)]
        touch = log_touch(self.uow(), FixedClock(NOW + timedelta(minutes=run + 1)),
                          LogRequest(person_id=person, outcome="no_answer", job_id=job), OWNER)
        self.logged.append(touch.id or 0)
        return touch

    def forget_touches(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(touches.delete().where(touches.c.desk_id == self.desk, touches.c.id.in_(self.logged)))
        self.logged.clear()


def compare(label: str, note: str, among: Desk, alone: Desk, runs: int) -> list[Figure]:
    figures = []
    operations: list[tuple[str, Callable[[Desk], Callable[[int], object]]]] = [
        ("call sheet", lambda d: d.sheet), (f"search ({len(SEARCHES)} queries)", lambda d: d.search),
        ("log a touch", lambda d: d.log)]
    try:
        for name, operation in operations:
            ours, theirs = taking_turns([operation(among), operation(alone)], runs)
            figures.append(Figure(f"desks: {name}, {label}", ours, raw=theirs, raw_name=ALONE, note=note))
    finally:
        among.forget_touches()
        alone.forget_touches()
    return figures


def measure(prefix: str, larges: list[int], count: int, small: int, runs: int) -> list[Figure]:
    """Each large desk and the last small one, all in one database beside `count` small desks, each beside
    the same desk alone."""
    engines: list[Engine] = []
    try:
        name = "desks_" + "_".join(str(n) for n in larges) + f"_{count}x{small}"
        shared, ids = built(database(prefix, name), [*larges] + [small] * count)
        engines.append(shared)
        figures = []
        for n, large in enumerate(larges):
            solo, (alone,) = built(database(prefix, f"solo_{large}"), [large], [seed(n)])
            engines.append(solo)
            others = "".join(f" and one of {m:,}" for m in larges if m != large)
            figures += compare(f"desk of {large:,}", f"{large:,} people beside {count} desks of {small:,}{others}",
                               Desk(shared, ids[n]), Desk(solo, alone), runs)
        solo_small, (small_alone,) = built(database(prefix, f"solo_{small}"), [small], [seed(len(ids) - 1)])
        engines.append(solo_small)
        larger = " and ".join(f"one of {m:,}" for m in larges)
        figures += compare(f"small desk of {small:,}", f"{small:,} people beside {count - 1} more and {larger}",
                           Desk(shared, ids[-1]), Desk(solo_small, small_alone), runs)
        return figures
    finally:
        for engine in engines:
            engine.dispose()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench bench_desks", description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/bench",
                        help="server and name prefix of the databases (<name>_desks_<large>, <name>_solo_<size>)")
    parser.add_argument("--desks", type=int, default=100, help="small desks beside the large one")
    parser.add_argument("--desk-size", type=int, default=10_000, help="people in each small desk")
    parser.add_argument("--large", type=int, nargs="+", default=[100_000, 1_000_000],
                        help="people in each large desk (all in the same database as the small ones)")
    parser.add_argument("--runs", type=int, default=15)
    args: Any = parser.parse_args(argv)
    if args.desks < 1 or args.desk_size < 1 or min(args.large) < 1:
        parser.error("--desks, --desk-size, --large: at least 1")
    figures = measure(args.postgres, args.large, args.desks, args.desk_size, args.runs)
    print(f"store=postgresql large desks={', '.join(f'{n:,}' for n in args.large)} small desks={args.desks} of "
          f"{args.desk_size:,} runs={args.runs} (ratio: among desks / {ALONE})")
    for figure in figures:
        print(figure.line(44))
