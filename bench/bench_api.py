"""Logging touches through the API: 50 concurrent clients for 20 seconds against uvicorn on 127.0.0.1.

    python -m bench bench_api [--db URL] [--clients 50] [--seconds 20] [--people 300] [--workers 1]

Prints requests per second, p50/p99 latency, and checks that every accepted touch (201) is stored exactly
once: each request carries a unique note, and the notes in the store must be exactly the accepted ones.
Without --db a scratch SQLite file under /tmp is used. The database is emptied first: use a scratch one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import httpx
from sqlalchemy import func, select

NOW = "2026-11-17T10:00:00-06:00"
ZONE = "America/Chicago"


def prepare(url: str, people: int) -> tuple[list[int], str]:
    from callsheet.clock import FixedClock
    from callsheet.services import accounts
    from callsheet.services import demo as demo_service
    from callsheet.store import schema
    from callsheet.store.engine import make_engine
    from callsheet.store.tables import people as people_table
    from callsheet.store.uow import UnitOfWork

    engine = make_engine(url)
    schema.upgrade(engine)
    demo_service.wipe(engine)
    demo_service.build_demo(engine, datetime.fromisoformat(NOW), ZONE, people)
    clock = FixedClock(datetime.fromisoformat(NOW))
    accounts.add_user(UnitOfWork(engine), clock, "bench@example.com", "recruiter", password="bench-password")
    token = accounts.new_token(UnitOfWork(engine), "bench@example.com")
    with engine.connect() as conn:
        ids = list(conn.execute(select(people_table.c.id).where(people_table.c.suppression == "none")).scalars())
    engine.dispose()
    return ids, token


def stored_notes(url: str) -> list[str]:
    from callsheet.store.engine import make_engine
    from callsheet.store.tables import touches

    engine = make_engine(url)
    with engine.connect() as conn:
        notes = list(conn.execute(select(touches.c.notes).where(touches.c.notes.like("bench %"))).scalars())
        total = conn.execute(select(func.count()).select_from(touches)).scalar()
    engine.dispose()
    print(f"  touches in the store: {total:,}")
    return notes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CALLSHEET_DATABASE_URL": url, "CALLSHEET_NOW": NOW, "CALLSHEET_TIMEZONE": ZONE}
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "callsheet.web.app:create_app", "--factory",
                               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
                               "--workers", str(workers)], env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


async def load(base: str, token: str, ids: list[int], clients: int, seconds: float
               ) -> tuple[list[float], list[str], dict[int, int]]:
    latencies: list[float] = []
    accepted: list[str] = []
    statuses: dict[int, int] = {}
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}, limits=limits,
                                 timeout=30) as client:
        async def worker(number: int) -> None:
            rng = random.Random(number)
            sent = 0
            while time.monotonic() < deadline:
                note = f"bench {number}-{sent}"
                sent += 1
                started = time.perf_counter()
                try:
                    response = await client.post("/api/v1/touches", json={
                        "person_id": rng.choice(ids), "outcome": "no_answer", "note": note})
                    code = response.status_code
                except httpx.HTTPError:
                    code = 0
                latencies.append(time.perf_counter() - started)
                statuses[code] = statuses.get(code, 0) + 1
                if code == 201:
                    accepted.append(note)

        await asyncio.gather(*(worker(n) for n in range(clients)))
    return latencies, accepted, statuses


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench bench_api", description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="", help="Database URL (emptied first!); default a scratch SQLite file.")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes.")
    args = parser.parse_args(argv)
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp(prefix='bench-api-')) / 'desk.db'}"
    ids, token = prepare(url, args.people)
    port = free_port()
    server = start_server(url, port, args.workers)
    try:
        started = time.perf_counter()
        latencies, accepted, statuses = asyncio.run(load(f"http://127.0.0.1:{port}", token, ids, args.clients,
                                                         args.seconds))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=15)
    store = url.split(":", 1)[0]
    print(f"{store}: {args.workers} worker(s), {args.clients} clients, {elapsed:.1f} s, "
          f"{len(latencies):,} requests, statuses {statuses}")
    print(f"  {len(latencies) / elapsed:,.0f} requests/s; p50 {percentile(latencies, 0.5) * 1000:.1f} ms, "
          f"p99 {percentile(latencies, 0.99) * 1000:.1f} ms")
    notes = stored_notes(url)
    doubled = len(notes) - len(set(notes))
    lost = len(set(accepted) - set(notes))
    unexpected = len(set(notes) - set(accepted))
    print(f"  accepted {len(accepted):,}, stored {len(notes):,}: lost {lost}, doubled {doubled}, "
          f"stored though refused {unexpected}")
    if lost or doubled:
        raise SystemExit("touches were lost or doubled")
