"""Where the server spends its CPU on one touch request: CPU ms per request, and with py-spy the hot spots.

    python -m bench bench_api_profile [--db URL] [--clients 8] [--seconds 10] [--py-spy PATH] [--top 30]

One uvicorn worker serves a closed loop of a few clients logging touches (as bench_api does); the
worker's user + system CPU time over the run divided by the requests answered is the cost of one
request, whatever the machine's load (latency under load is bench_api's job). When py-spy is on the
PATH (or given; it is not a dependency: `pip install py-spy` in any environment), it samples the
worker meanwhile and prints the functions with the largest share of the samples, inclusive and own.
Without --db a scratch SQLite desk of 2,000 people is built under /tmp.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from bench import api_load
from bench.figures import Figure


def hot_spots(raw: Path, top: int) -> None:
    """Aggregate py-spy's collapsed stacks ("frame;frame;frame count") by function."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [_short(frame) for frame in stack.split(";")]
        total += count
        for frame in set(frames):
            inclusive[frame] += count
        own[frames[-1]] += count
    if not total:
        print("  py-spy took no samples")
        return
    print(f"  {total:,} samples of the worker thread holding the GIL (its Python work)")
    print("  inclusive  own    function")
    for frame, count in inclusive.most_common(top):
        print(f"  {count / total:6.1%}  {own[frame] / total:6.1%}  {frame}")
    print("  largest own shares:")
    for frame, count in own.most_common(top // 2):
        print(f"  {count / total:6.1%}  {frame}")


def _short(frame: str) -> str:
    # "function (path/to/module.py:123)" -> "function (module.py)": lines differ, functions do not.
    name, _, where = frame.partition(" (")
    module = where.rsplit(":", 1)[0].rstrip(")")
    parts = Path(module).parts
    return f"{name} ({'/'.join(parts[-2:])})"


def measure(url: str, clients: int, seconds: float, py_spy: str = "",
            keep: bool = True) -> tuple[Figure, Path | None, api_load.Count]:
    """One worker's CPU milliseconds per request over a closed loop (after a warm-up); py-spy's raw
    stacks meanwhile when `py_spy` names it; the count check. Without `keep`, the run's touches are
    deleted after the check."""
    desk = api_load.prepare(url)
    port = api_load.free_port()
    server = api_load.start_server(url, port, 1)
    raw = Path(tempfile.mkdtemp(prefix="bench-api-profile-")) / "stacks.txt"
    spy = None
    try:
        warm = api_load.run_load(port, desk, clients, 1.0, label="warm-")
        if py_spy:
            # --gil: only the thread holding the GIL, i.e. where the worker's Python time goes.
            spy = subprocess.Popen([py_spy, "record", "--pid", str(server.pid), "--format", "raw",
                                    "--rate", "250", "--nonblocking", "--gil", "--output", str(raw),
                                    "--duration", str(int(seconds) + 1)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cpu_before = api_load.cpu_seconds([server.pid])
        result = api_load.run_load(port, desk, clients, seconds)
        cpu = api_load.cpu_seconds([server.pid]) - cpu_before
        if spy is not None:
            spy.wait(timeout=60)
    finally:
        if spy is not None and spy.poll() is None:
            spy.kill()
        api_load.stop_server(server)
    requests = len(result.latencies)
    count = api_load.count_check(desk, warm, result)
    if not keep:
        api_load.forget(desk)
    figure = Figure("API server CPU per touch request, one worker", [cpu / max(requests, 1) * 1000], unit="ms CPU",
                    note=f"{requests:,} requests in {result.elapsed:.1f} s ({requests / result.elapsed:,.0f}/s), "
                         f"{clients} clients, statuses {dict(result.statuses)}; lost {count.lost}, "
                         f"doubled {count.doubled}")
    return figure, raw if spy is not None and raw.exists() else None, count


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench bench_api_profile", description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="", help="Database URL of a desk (not emptied); default a scratch SQLite.")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--py-spy", default=shutil.which("py-spy") or "", help="py-spy executable (optional).")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    url = args.db
    if not url:
        from bench.common import demo_desk

        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='bench-api-')) / 'desk.db'}"
        demo_desk(url, 2000).dispose()
    figure, stacks, count = measure(url, args.clients, args.seconds, args.py_spy)
    store = url.split(":", 1)[0].split("+")[0]
    print(f"{store}: 1 worker, {figure.note}")
    print(f"  server CPU {figure.p(0.5):.2f} ms per request (reference loop "
          f"{api_load.reference_ms():.0f} ms; load average {os.getloadavg()[0]:.2f})")
    if stacks is not None:
        hot_spots(stacks, args.top)
    elif not args.py_spy:
        print("  (py-spy not found: no hot spots; `pip install py-spy` anywhere and pass --py-spy PATH)")
    print(f"  lost {count.lost}, doubled {count.doubled}, stored though not accepted {count.unasked}")
