"""Every benchmark on both stores at each size, in one table and one results file (`make bench`).

    python -m bench harness [--sizes 100000 1000000] [--stores sqlite,postgresql] [--quick]
                            [--cache .bench-cache] [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/bench]

For each size and store it takes the demo desk of that size (built once: a SQLite file under --cache, or
the PostgreSQL database <name>_<size> beside --postgres's; rebuilt when its schema is not the code's
newest revision) and runs each benchmark's own measuring function on it: search and match, the call
sheet, outreach analytics and reports, look-up and the win column, touches logged through the API and
the server's CPU per touch (the touches are deleted afterwards: the desk stays as built), and imports
(on a scratch desk, <name>_import or import.db, emptied each time), and résumés, PDF and Word (on
<name>_resumes or resumes.db), and on PostgreSQL a desk of that size among many small desks beside the
same desks alone (<name>_desks_<size>_<desks>x<desk size>, <name>_solo_<size>). It prints one table of p50/p90/p99
per operation and store, with the raw engine beside where a benchmark has one, and writes the figures
as JSON under bench/results/. Exits 1 if a benchmark failed or the API lost or doubled a touch.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from bench import (
    api_load,
    bench_api,
    bench_api_profile,
    bench_desks,
    bench_dnc,
    bench_import,
    bench_memory,
    bench_queue,
    bench_resumes,
    bench_search,
    bench_stats,
    bench_webhooks,
)
from bench.common import built_desk, create_database
from bench.figures import Figure
from bench.table import print_table
from callsheet.store import schema
from callsheet.store.engine import make_engine

RESULTS = Path(__file__).parent / "results"
BUILDS = "builds.json"  # in the cache folder: how long each desk took to build, for a reused desk's row


@dataclass
class Options:
    runs: int = 15
    stats_runs: int = 5
    seconds: float = 20
    clients: int = 50
    workers: int = 2
    rates: list[float] = field(default_factory=lambda: [300.0])
    profile_clients: int = 8
    profile_seconds: float = 10
    import_rows: int = 100_000
    resume_files: int = 500  # per kind (PDF, DOCX)
    webhook_rate: int = 200  # Twilio's deliveries a second
    desks: int = 100  # small desks beside a desk of the run's size (PostgreSQL)
    desk_size: int = 10_000


QUICK = Options(runs=3, stats_runs=1, seconds=1, clients=8, workers=1, profile_seconds=1, import_rows=1000,
                resume_files=10, webhook_rate=50, desks=3, desk_size=100)


def desk_url(store: str, size: int | str, cache: Path, postgres: str) -> str:
    if store == "sqlite":
        return f"sqlite:///{cache / f'desk-{size}.db'}"
    parsed = make_url(postgres)
    return parsed.set(database=f"{parsed.database}_{size}").render_as_string(hide_password=False)


def cached_desk(url: str, size: int, builds: dict[str, Any], key: str) -> tuple[Engine, Figure]:
    """The desk of `size` at `url` (built if missing or of another schema revision), and its build time."""
    create_database(url)
    engine = make_engine(url)
    revision = schema.current_revision(engine)
    engine.dispose()
    if revision is not None and revision != schema.head_revision():
        print(f"{key}: the desk is at revision {revision}, the code at {schema.head_revision()}: rebuilding")
        create_database(url, drop=True)
    engine, seconds = built_desk(url, size)
    if seconds is not None:
        builds[key] = {"seconds": seconds, "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                       "revision": schema.head_revision()}
        return engine, Figure("build the demo desk", [seconds], unit="s", note="built in this run")
    known = builds.get(key)
    if known is None:
        return engine, Figure("build the demo desk", [], unit="s", note="reused; its build time is not recorded")
    return engine, Figure("build the demo desk", [known["seconds"]], unit="s",
                          note=f"reused; built {known['built_at']}")


def run_store(store: str, size: int, args: argparse.Namespace, options: Options, builds: dict[str, Any],
              work: Path) -> tuple[list[tuple[str, Figure]], list[str]]:
    """Every benchmark on one store at one size: (benchmark, figure) pairs, and what failed (in words)."""
    figures: list[tuple[str, Figure]] = []
    failures: list[str] = []

    def attempt(name: str, fn: Callable[[], list[Figure]]) -> None:
        started = time.perf_counter()
        print(f"{store}, {size:,}: {name} ...", flush=True)
        try:
            got = fn()
        except (Exception, SystemExit) as exc:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            failures.append(f"{name}: {type(exc).__name__}: {exc}")
            return
        figures.extend((name, figure) for figure in got)
        if not got:
            failures.append(f"{name}: produced no figures")
        print(f"{store}, {size:,}: {name} done in {time.perf_counter() - started:.0f} s", flush=True)

    url = desk_url(store, size, args.cache, args.postgres)
    desks: list[Engine] = []

    def desk() -> list[Figure]:
        engine, build = cached_desk(url, size, builds, f"{store}-{size}")
        desks.append(engine)
        return [build]

    attempt("demo desk", desk)
    if not desks:
        return figures, failures
    engine = desks[0]
    try:
        attempt("bench_search", lambda: [*bench_search.measure_search(engine, options.runs)[0],
                                         bench_search.measure_match(engine, options.runs),
                                         *bench_search.measure_after_write(engine, options.runs)])
        attempt("bench_queue", lambda: bench_queue.measure(engine, "andrew", options.runs)[0])
        attempt("bench_stats", lambda: bench_stats.measure(engine, options.stats_runs))
        attempt("bench_memory", lambda: bench_memory.measure(engine, options.runs))
    finally:
        engine.dispose()

    def api() -> list[Figure]:
        got, count = bench_api.measure(url, options.clients, options.seconds, options.workers, options.rates,
                                       keep=False)
        if count.lost or count.doubled:
            failures.append(f"bench_api: {count.lost} touches lost, {count.doubled} doubled")
        return got

    attempt("bench_api", api)

    def profile() -> list[Figure]:
        got, _, count = bench_api_profile.measure(url, options.profile_clients, options.profile_seconds,
                                                    keep=False)
        if count.lost or count.doubled:
            failures.append(f"bench_api_profile: {count.lost} touches lost, {count.doubled} doubled")
        return [got]

    attempt("bench_api_profile", profile)
    rows = min(size, options.import_rows)
    csv_file, linkedin_file = work / f"people-{rows}.csv", work / f"Connections-{rows}.csv"
    if not csv_file.exists():
        bench_import.write_csv(csv_file, rows)
        bench_import.write_linkedin(linkedin_file, rows)
    attempt("bench_import", lambda: bench_import.measure(desk_url(store, "import", args.cache, args.postgres),
                                                         rows, csv_file, linkedin_file))
    # Do-not-call lists of as many numbers as the imported files have rows, in the import's scratch desk.
    attempt("bench_dnc", lambda: bench_dnc.measure(desk_url(store, "import", args.cache, args.postgres), rows))
    attempt("bench_resumes", lambda: bench_resumes.measure(desk_url(store, "resumes", args.cache, args.postgres),
                                                           options.resume_files, work))

    def webhooks() -> list[Figure]:
        hooks = desk_url(store, "webhooks", args.cache, args.postgres)
        create_database(hooks)
        figure, lost, doubled, _ = bench_webhooks.measure(hooks, options.webhook_rate, max(1, round(options.seconds)),
                                                          options.clients, options.workers)
        if lost or doubled:
            failures.append(f"bench_webhooks: {lost} calls lost, {doubled} touches doubled")
        return [figure]

    attempt("bench_webhooks", webhooks)
    if store == "postgresql":  # desks side by side: <name>_desks_<size>_<desks>x<desk size>, <name>_solo_<size>
        attempt("bench_desks", lambda: bench_desks.measure(args.postgres, [size], options.desks, options.desk_size,
                                                           options.runs))
    return figures, failures


def postgres_answers(url: str) -> bool:
    admin = make_engine(make_url(url).set(database="postgres").render_as_string(hide_password=False))
    try:
        with admin.connect():
            return True
    except Exception:  # any failure to connect means the same: no server to measure
        return False
    finally:
        admin.dispose()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench harness", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000], help="desk sizes (people)")
    parser.add_argument("--stores", default="sqlite,postgresql", help="sqlite, postgresql or both (comma-separated)")
    parser.add_argument("--cache", type=Path, default=Path(".bench-cache"), help="folder of the SQLite desks")
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/bench",
                        help="server and name prefix of the PostgreSQL desks (<name>_<size>, <name>_import, "
                             "<name>_resumes)")
    parser.add_argument("--quick", action="store_true",
                        help="few runs, 1-second API loads, imports of at most 1,000 rows: proves every "
                             "benchmark runs, its figures say little")
    parser.add_argument("--runs", type=int, help="timed runs of each operation (default 15; quick 3)")
    parser.add_argument("--seconds", type=float, help="length of each API load (default 20, and 10 for the "
                                                       "server's CPU per request; quick 1)")
    parser.add_argument("--import-rows", type=int, help="rows per imported file, at most the size "
                                                        "(default 100,000; quick 1,000)")
    parser.add_argument("--resume-files", type=int, help="résumés per kind, PDF and DOCX (default 500; quick 10)")
    parser.add_argument("--out", type=Path, help="results file (default bench/results/<UTC time>.json)")
    args = parser.parse_args(argv)
    options = QUICK if args.quick else Options()
    options = replace(options, runs=args.runs or options.runs, seconds=args.seconds or options.seconds,
                      profile_seconds=args.seconds or options.profile_seconds,
                      import_rows=args.import_rows or options.import_rows,
                      resume_files=args.resume_files or options.resume_files)
    if options.resume_files < 1:
        parser.error("--resume-files: at least 1")
    if any(size < 1 for size in args.sizes):
        parser.error("--sizes: a desk holds at least 1 person")
    stores = [s.strip() for s in args.stores.split(",") if s.strip()]
    unknown = set(stores) - {"sqlite", "postgresql"}
    if unknown or not stores:
        parser.error(f"--stores: {', '.join(sorted(unknown)) or 'none given'}: use sqlite, postgresql or both")
    if "postgresql" in stores and not postgres_answers(args.postgres):
        print(f"PostgreSQL does not answer at {make_url(args.postgres).render_as_string()}: start it, or "
              "benchmark SQLite alone (`make bench STORES=sqlite`, `--stores sqlite`)", file=sys.stderr)
        raise SystemExit(2)

    args.cache.mkdir(parents=True, exist_ok=True)
    builds_file = args.cache / BUILDS
    builds = json.loads(builds_file.read_text()) if builds_file.exists() else {}
    started = datetime.now(UTC)
    results: list[dict[str, Any]] = []
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-harness-") as folder:
        for size in args.sizes:
            for store in stores:
                figures, failed = run_store(store, size, args, options, builds, Path(folder))
                builds_file.write_text(json.dumps(builds, indent=2))
                results += [{"size": size, "store": store, "benchmark": name, **f.view()} for name, f in figures]
                failures += [f"{store}, {size:,}: {what}" for what in failed]
    report = {
        "started": started.isoformat(timespec="seconds"), "seconds": (datetime.now(UTC) - started).total_seconds(),
        "revision": schema.head_revision(), "sizes": args.sizes, "stores": stores, "quick": args.quick,
        "options": options.__dict__,
        "machine": {"cores": os.cpu_count(), "load_average": os.getloadavg(), "python": platform.python_version(),
                    "reference_loop_ms": api_load.reference_ms()},
        "figures": results, "failures": failures,
    }
    out = args.out or RESULTS / f"{started:%Y-%m-%dT%H%M%SZ}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, default=str))
    print_table(results)
    print(f"Results: {out}")
    if failures:
        print("FAILED:", *failures, sep="\n  ")
        raise SystemExit(1)
