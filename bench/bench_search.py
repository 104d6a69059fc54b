"""Search and match timings beside the raw engine, in the same run.

    python -m bench bench_search --people 100000 --db sqlite:////tmp/bench.db
    python -m bench bench_search --people 100000 --db postgresql+psycopg://postgres@127.0.0.1/bench

Builds the demo desk first when the database holds fewer people than asked for. Figures:
- reindex: the time to build the tantivy index (and match arrays) from the store;
- search: p50/p99 of `callsheet search` as the service runs it (change-log check, parse, compile,
  filters, hits read from the store, top 20), and the bare engine (the same tantivy query, top 20,
  no filters, no store) in the same run;
- match: one job through the service, and a bare numpy pass over arrays preloaded by the bench;
- after a write: how long until a person just added is found (the background follower re-reads them,
  commits to tantivy and reloads the searchers), every search made meanwhile (none waits for the
  commit), and a search with nothing new.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np
from sqlalchemy import Engine, text

from bench.common import NOW, demo_desk
from bench.figures import Figure, timed
from callsheet.clock import FixedClock
from callsheet.domain.fit import canonical_skill
from callsheet.domain.query import parse
from callsheet.services.people import records as people_service
from callsheet.services.search import people as search_service
from callsheet.services.search.fit_pass import miles_from
from callsheet.store.search import index_for
from callsheet.store.search.engine import WEIGHTS, compile_query
from callsheet.store.uow import UnitOfWork

QUERIES: list[tuple[str, str | None]] = [
    ('network admin* AND cisco NOT "help desk"', "Milwaukee, WI"),
    ("java OR python", None),
    ('"software engineer" aws', None),
    ("title:(director OR chief) budgeting", None),
    ("kubernetes terraform -title:junior", None),
    ("skill:sql city:milwaukee", None),
    ('"call back"', None),
    ('company:"great lakes" sql*', None),
    ("kowalski", None),
    ("splunk OR siem incident", None),
]


def raw_search(engine: Engine, query: str) -> Callable[[], object]:
    """The bare engine: the same tantivy query, top 20 ids, no filters and no store."""
    tree = parse(query)
    with UnitOfWork(engine) as uow:
        index = index_for(uow.connection)
        index.catch_up()
        handle = index._handle()
    q = compile_query(handle.schema, tree, WEIGHTS)

    def run() -> object:
        searcher = handle.index.searcher()
        return searcher.fast_field_values("person_id", [a for _, a in searcher.search(q, 20, count=False).hits])
    return run


def after_write(engine: Engine, runs: int) -> tuple[list[float], list[float], list[float], list[float]]:
    """(add a person, how long until a search finds them, every search made meanwhile, a search with
    nothing new), each in ms. The index follows the store in the background: nothing here refreshes it."""
    clock = FixedClock(NOW)
    req = search_service.SearchRequest("benchwriter", limit=20)
    write, fresh, during, quiet = [], [], [], []
    search_service.search(UnitOfWork(engine), req)  # the index is open and followed
    for n in range(runs):
        start = time.perf_counter()
        people_service.add_person(UnitOfWork(engine), clock, people_service.NewPerson(
            name=f"Bench Writer {n}", title="Benchwriter", skills="python, sql", city="Milwaukee", state="WI"))
        written = time.perf_counter()
        write.append((written - start) * 1000)
        while True:
            begun = time.perf_counter()
            found = search_service.search(UnitOfWork(engine), req)
            during.append((time.perf_counter() - begun) * 1000)
            if len(found) == min(20, n + 1):
                break
            assert time.perf_counter() - written < 10, "a new person was not searchable within 10 s"
            time.sleep(0.005)
        fresh.append((time.perf_counter() - written) * 1000)
        start = time.perf_counter()
        search_service.search(UnitOfWork(engine), req)
        quiet.append((time.perf_counter() - start) * 1000)
    with engine.begin() as conn:  # leave the desk as it was (the index follows in the background)
        conn.execute(text("DELETE FROM phones WHERE person_id IN (SELECT id FROM people WHERE title = 'Benchwriter')"))
        conn.execute(text("DELETE FROM people WHERE title = 'Benchwriter'"))
    return write, fresh, during, quiet


class Arrays:
    """Everyone preloaded for a numpy fit pass: the raw floor a match could reach in memory."""

    def __init__(self, engine: Engine) -> None:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, coalesce(seniority, 0), coalesce(lat, 0), coalesce(lon, 0), "
                                     "active, suppression = 'none', skills FROM people ORDER BY id")).all()
        self.ids = np.array([r[0] for r in rows])
        self.seniority = np.array([r[1] for r in rows], dtype=np.int8)
        self.lat = np.radians(np.array([r[2] for r in rows]))
        self.lon = np.radians(np.array([r[3] for r in rows]))
        self.active = np.array([bool(r[4]) for r in rows])
        self.ok = np.array([bool(r[5]) for r in rows])
        vocab: dict[str, int] = {}
        cells = [(i, vocab.setdefault(canonical_skill(s), len(vocab))) for i, r in enumerate(rows)
                 for s in r[6].split(",") if s]
        self.skills = np.zeros((len(rows), len(vocab)), dtype=bool)
        self.skills[[c[0] for c in cells], [c[1] for c in cells]] = True
        self.vocab = vocab

    def match(self, skills: list[str], seniority: int, lat: float, lon: float, exclude: np.ndarray) -> np.ndarray:
        cols = [self.vocab[s] for s in (canonical_skill(x) for x in skills) if s in self.vocab]
        skill = self.skills[:, cols].sum(axis=1) / max(1, len(skills))
        gap = self.seniority.astype(np.float32) - seniority
        level = np.clip(1 - np.abs(gap) * np.where(gap > 0, 0.3, 0.4), 0, 1)
        miles = miles_from(self.lat, self.lon, lat, lon)
        commute = 1 - np.clip((miles - 10) / 50, 0, 1)
        score = 55 * skill + 20 * level + 20 * commute + 5 * np.where(self.active, 1, 0.4)
        score[~self.ok | exclude] = -1
        top = np.argpartition(-score, 20)[:20]
        return self.ids[top[np.argsort(-score[top])]]


def measure_search(engine: Engine, runs: int) -> tuple[list[Figure], list[tuple[str, int, Figure]]]:
    """Rebuilding the index, then every query through the service beside bare tantivy: the figures for
    all queries together, and (query, hits, figure) for each."""
    start = time.perf_counter()
    search_service.reindex(UnitOfWork(engine))
    rebuilt = Figure("rebuild the search index", [time.perf_counter() - start], unit="s")
    each, every, every_raw = [], [], []
    for query, near in QUERIES:
        req = search_service.SearchRequest(query, near=near, radius=40 if near else None, limit=20)
        hits = len(search_service.search(UnitOfWork(engine), req))
        ours = timed(lambda req=req: search_service.search(UnitOfWork(engine), req), runs)  # type: ignore[misc]
        raw = timed(raw_search(engine, query), runs)
        every += ours
        every_raw += raw
        each.append((query + (f" near {near}" if near else ""), hits, Figure(query, ours, raw=raw)))
    return [rebuilt, Figure(f"search ({len(QUERIES)} queries)", every, raw=every_raw, raw_name="bare tantivy")], each


def measure_match(engine: Engine, runs: int, job_id: int = 0) -> Figure:
    """One job matched through the service beside a bare numpy pass over arrays preloaded by the bench."""
    clock = FixedClock(NOW)
    with engine.connect() as conn:
        job_id = job_id or int(conn.execute(text(
            "SELECT id FROM jobs WHERE status = 'open' ORDER BY urgency * opportunity DESC, id LIMIT 1")).scalar_one())
        job = conn.execute(text("SELECT skills, coalesce(seniority, 3), lat, lon FROM jobs WHERE id = :id"),
                           {"id": job_id}).one()
        piped = set(conn.execute(text("SELECT person_id FROM candidacies WHERE job_id = :id"),
                                 {"id": job_id}).scalars())
    ours = timed(lambda: search_service.match(UnitOfWork(engine), clock, job_id, 20), max(5, runs // 3))
    start = time.perf_counter()
    arrays = Arrays(engine)
    load_ms = (time.perf_counter() - start) * 1000
    exclude = np.isin(arrays.ids, np.array(sorted(piped) or [-1]))
    raw = timed(lambda: arrays.match(job[0].split(","), job[1], job[2], job[3], exclude), runs)
    ours_top = [m.hit.person_id for m in search_service.match(UnitOfWork(engine), clock, job_id, 20)]
    raw_top = list(arrays.match(job[0].split(","), job[1], job[2], job[3], exclude))
    overlap = len(set(ours_top) & set(int(i) for i in raw_top))
    return Figure("match one job", ours, raw=raw, raw_name="numpy pass",
                  note=f"job {job_id} ({job[0]}); arrays loaded once in {load_ms:.0f} ms; top-20 overlap {overlap}/20")


def measure_after_write(engine: Engine, runs: int) -> list[Figure]:
    write, fresh, during, quiet = after_write(engine, max(5, runs))
    return [Figure("add a person", write), Figure("a write searchable within", fresh),
            Figure("search right after writes", during), Figure("search with nothing new", quiet)]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench bench_search")
    parser.add_argument("--db", required=True)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15, help="timed runs per query")
    parser.add_argument("--job", type=int, default=0, help="job to match (default: the hottest open job)")
    args = parser.parse_args(argv)
    engine = demo_desk(args.db, args.people)
    with engine.connect() as conn:
        count = int(conn.execute(text("SELECT count(*) FROM people")).scalar_one())
    (rebuilt, every), each = measure_search(engine, args.runs)
    print(f"reindex: {count:,} people into tantivy + match arrays in {rebuilt.p(0.5):.1f} s")
    print(f"store: {engine.dialect.name}  people: {count:,}  runs per query: {args.runs}")
    print(f"{'query':48} {'hits':>5} {'p50 ms':>8} {'p99 ms':>8} {'raw p50':>8} {'raw p99':>8}")
    for label, hits, figure in each + [(f"ALL {len(QUERIES)} QUERIES", -1, every)]:
        raw = Figure(label, figure.raw)
        print(f"{label[:48]:48} {hits if hits >= 0 else '':>5} {figure.p(0.5):8.2f} {figure.p(0.99):8.2f} "
              f"{raw.p(0.5):8.2f} {raw.p(0.99):8.2f}")
    print(measure_match(engine, args.runs, args.job).line())
    for figure in measure_after_write(engine, args.runs):
        print(figure.line())
