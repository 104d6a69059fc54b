"""Logging touches through the API: 50 concurrent clients for 20 seconds against uvicorn on 127.0.0.1.

    python -m bench bench_api [--db URL] [--clients 50] [--seconds 20] [--workers 2] [--people 2000]
                              [--rate 300[,500...]]

Each client keeps one connection and posts a `no_answer` touch about a random callable person as soon as
the previous one is answered (a closed loop). Prints requests per second, p50/p99 latency, the server's
CPU time per request, and checks that every accepted touch (201) is stored exactly once, under the id
the server answered, and that nothing else was stored. Each request carries a unique note tagged with
the run, so a desk can be used again: `--db` is never emptied (build one with
`callsheet demo --people 2000 --no-serve`). Without --db a scratch SQLite desk of --people is built
under /tmp. What a desk should manage: nothing lost or doubled, and on PostgreSQL at least 300 requests/s
with p99 under 50 ms. The server answers them as every touch is written (services/calling/log.log_touch,
called by the API's front in api/touch_front.py). The CPU per request is the server's (uvicorn and its
workers) and, on PostgreSQL, its backends' serving this database.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bench import api_load


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench bench_api", description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="", help="Database URL of a desk (not emptied); default a scratch SQLite.")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (one per core).")
    parser.add_argument("--people", type=int, default=2000, help="Size of the scratch desk without --db.")
    parser.add_argument("--rate", default="300",
                        help="Requests/s of the paced run, or several (300,400,500: one run each; 0: none).")
    args = parser.parse_args(argv)
    url = args.db
    if not url:
        from bench.common import demo_desk

        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='bench-api-')) / 'desk.db'}"
        demo_desk(url, args.people).dispose()
    desk = api_load.prepare(url)
    runs: list[api_load.Result] = []
    _serve_and_load(url, desk, args, runs)
    count = api_load.count_check(desk, *runs)
    accepted = sum(len(r.accepted) for r in runs)
    print(f"  accepted {accepted:,} (with the warm-ups'), stored {count.stored:,}: lost {count.lost}, "
          f"doubled {count.doubled}, stored though not accepted {count.unasked}")
    if count.lost or count.doubled:
        raise SystemExit("touches were lost or doubled")


def _serve_and_load(url: str, desk: api_load.Desk, args: argparse.Namespace, runs: list[api_load.Result]) -> None:
    """One server: a warm-up, the closed loop, each paced rate."""
    port = api_load.free_port()
    server = api_load.start_server(url, port, args.workers)
    store = url.split(":", 1)[0].split("+")[0]
    try:
        # Warm every worker up (imports, pools); its touches are counted with the rest.
        runs.append(api_load.run_load(port, desk, min(args.clients, 4), 1.0, label="warm-"))
        pids = api_load.process_tree(server.pid)
        # First as fast as the clients can go (the ceiling), then paced at the target rate, where the
        # latency a user would see is measured (in a closed loop of 50 clients, latency is simply
        # 50 / throughput, whatever the server does).
        rates = [float(r) for r in args.rate.split(",") if float(r) > 0]
        for label, rate in [("closed", 0.0)] + [(f"paced{n}", r) for n, r in enumerate(rates)]:
            cpu_before, client_before = api_load.cpu_seconds(pids), time.process_time()
            database_before = {pid: api_load.cpu_seconds([pid]) for pid in api_load.database_backends(url)}
            result = api_load.run_load(port, desk, args.clients, args.seconds, label=f"{label}-", rate=rate)
            cpu, client = api_load.cpu_seconds(pids) - cpu_before, time.process_time() - client_before
            # The database's own processes (PostgreSQL; SQLite works inside the server), started before
            # the run or during it.
            database = sum(api_load.cpu_seconds([pid]) - database_before.get(pid, 0.0)
                           for pid in api_load.database_backends(url))
            runs.append(result)
            _report(store, rate, args, result, (cpu, database, client))
    finally:
        api_load.stop_server(server)


def _report(store: str, rate: float, args: argparse.Namespace, result: api_load.Result,
            cpu_seconds: tuple[float, float, float]) -> None:
    cpu, database, client = cpu_seconds
    load = os.getloadavg()
    requests = len(result.latencies)
    mode = f"paced at {rate:,.0f}/s" if rate else "closed loop"
    print(f"{store}, {mode}: {args.workers} worker(s), {args.clients} clients, {result.elapsed:.1f} s, "
          f"{requests:,} requests, statuses {dict(result.statuses)}"
          f"{', errors ' + str(dict(result.errors)) if result.errors else ''}")
    print(f"  {requests / result.elapsed:,.0f} requests/s; p50 {result.percentile(0.5) * 1000:.1f} ms, "
          f"p99 {result.percentile(0.99) * 1000:.1f} ms")
    per = 1000 / max(requests, 1)
    print(f"  CPU per request: server {cpu * per:.2f} ms, database {database * per:.2f} ms, clients "
          f"{client * per:.2f} ms; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"reference loop {api_load.reference_ms():.0f} ms")
