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
from bench.figures import Figure


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
    rates = [float(r) for r in args.rate.split(",") if float(r) > 0]
    figures, count = measure(url, args.clients, args.seconds, args.workers, rates, report=True)
    if count.lost or count.doubled:
        raise SystemExit("touches were lost or doubled")


def measure(url: str, clients: int, seconds: float, workers: int, rates: list[float],
            report: bool = False, keep: bool = True) -> tuple[list[Figure], api_load.Count]:
    """One server: a warm-up, the closed loop, each paced rate; each run's latencies (ms) as a figure,
    and the count check of every touch accepted (with the warm-ups'). Without `keep`, the run's touches
    are deleted after the check."""
    desk = api_load.prepare(url)
    port = api_load.free_port()
    server = api_load.start_server(url, port, workers)
    store = url.split(":", 1)[0].split("+")[0]
    runs: list[api_load.Result] = []
    figures = []
    try:
        # Warm every worker up (imports, pools); its touches are counted with the rest.
        runs.append(api_load.run_load(port, desk, min(clients, 4), 1.0, label="warm-"))
        pids = api_load.process_tree(server.pid)
        # First as fast as the clients can go (the ceiling), then paced at the target rate, where the
        # latency a user would see is measured (in a closed loop of 50 clients, latency is simply
        # 50 / throughput, whatever the server does).
        for label, rate in [("closed", 0.0)] + [(f"paced{n}", r) for n, r in enumerate(rates)]:
            cpu_before, client_before = api_load.cpu_seconds(pids), time.process_time()
            database_before = {pid: api_load.cpu_seconds([pid]) for pid in api_load.database_backends(url)}
            result = api_load.run_load(port, desk, clients, seconds, label=f"{label}-", rate=rate)
            cpu, client = api_load.cpu_seconds(pids) - cpu_before, time.process_time() - client_before
            # The database's own processes (PostgreSQL; SQLite works inside the server), started before
            # the run or during it.
            database = sum(api_load.cpu_seconds([pid]) - database_before.get(pid, 0.0)
                           for pid in api_load.database_backends(url))
            runs.append(result)
            requests = len(result.latencies)
            mode = f"paced at {rate:,.0f}/s" if rate else "closed loop"
            figures.append(Figure(
                f"log a touch through the API, {mode}", [1000 * s for s in result.latencies],
                note=f"{requests / result.elapsed:,.0f} requests/s, {clients} clients, {workers} worker(s); "
                     f"statuses {dict(result.statuses)}; server CPU {cpu * 1000 / max(requests, 1):.2f} ms/request"))
            if report:
                _report(store, rate, clients, workers, result, (cpu, database, client))
    finally:
        api_load.stop_server(server)
    count = api_load.count_check(desk, *runs)
    accepted = sum(len(r.accepted) for r in runs)
    if report:
        print(f"  accepted {accepted:,} (with the warm-ups'), stored {count.stored:,}: lost {count.lost}, "
              f"doubled {count.doubled}, stored though not accepted {count.unasked}")
    for figure in figures:
        figure.note += f"; lost {count.lost}, doubled {count.doubled}"
    if not keep:
        api_load.forget(desk)
    return figures, count


def _report(store: str, rate: float, clients: int, workers: int, result: api_load.Result,
            cpu_seconds: tuple[float, float, float]) -> None:
    cpu, database, client = cpu_seconds
    load = os.getloadavg()
    requests = len(result.latencies)
    mode = f"paced at {rate:,.0f}/s" if rate else "closed loop"
    print(f"{store}, {mode}: {workers} worker(s), {clients} clients, {result.elapsed:.1f} s, "
          f"{requests:,} requests, statuses {dict(result.statuses)}"
          f"{', errors ' + str(dict(result.errors)) if result.errors else ''}")
    print(f"  {requests / result.elapsed:,.0f} requests/s; p50 {result.percentile(0.5) * 1000:.1f} ms, "
          f"p99 {result.percentile(0.99) * 1000:.1f} ms")
    per = 1000 / max(requests, 1)
    print(f"  CPU per request: server {cpu * per:.2f} ms, database {database * per:.2f} ms, clients "
          f"{client * per:.2f} ms; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"reference loop {api_load.reference_ms():.0f} ms")
