"""What bench_api and bench_api_profile share: a desk ready for the API, uvicorn as a real process, and a
closed loop of clients that log touches over keep-alive HTTP/1.1 connections.

The clients speak HTTP/1.1 themselves over asyncio streams: a general client such as httpx spends more
CPU per request than the server does, and on a 2-core machine the load generator must not eat the
server's share.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, func, select

from bench.figures import percentile

NOW = "2026-11-17T10:00:00-06:00"  # a Tuesday morning in Milwaukee: inside the calling window
ZONE = "America/Chicago"
LOGIN = "bench-api@example.com"


@dataclass
class Desk:
    url: str
    token: str
    person_ids: list[int]
    tag: str  # every note of this run starts with it, so the count check ignores earlier runs


def prepare(url: str) -> Desk:
    """A recruiter with a fresh API token, and the people the clients log touches about."""
    from datetime import datetime

    from callsheet.clock import FixedClock
    from callsheet.services.accounts import tokens as tokens
    from callsheet.services.accounts import users as accounts
    from callsheet.store import schema
    from callsheet.store.engine import make_engine
    from callsheet.store.tables import people
    from callsheet.store.uow import UnitOfWork

    engine = make_engine(url)
    schema.upgrade(engine)
    clock = FixedClock(datetime.fromisoformat(NOW))
    accounts.add_user(UnitOfWork(engine), clock, LOGIN, "recruiter", name="Bench Client")
    token = tokens.new_token(UnitOfWork(engine), clock, LOGIN, "bench")
    with engine.connect() as conn:
        ids = list(conn.execute(select(people.c.id).where(people.c.suppression == "none")).scalars())
    engine.dispose()
    if not ids:
        raise SystemExit("the desk has nobody to call: build one with `callsheet demo --people 2000 --no-serve`")
    return Desk(url, token, ids, f"bench-{secrets.token_hex(4)}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    """uvicorn as `callsheet serve` runs it (uvloop and httptools when installed), without access logs."""
    env = {**os.environ, "CALLSHEET_DATABASE_URL": url, "CALLSHEET_NOW": NOW, "CALLSHEET_TIMEZONE": ZONE,
           "CALLSHEET_SECRET_KEY": secrets.token_urlsafe(16)}
    command = [sys.executable, "-m", "uvicorn", "callsheet.server:create_app", "--factory", "--host", "127.0.0.1",
               "--port", str(port), "--log-level", "warning", "--no-access-log", "--workers", str(workers)]
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("the server exited at start") from None
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def process_tree(pid: int) -> list[int]:
    """The server and its worker processes (uvicorn --workers forks them)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def database_backends(url: str) -> list[int]:
    """PostgreSQL's server processes serving this URL's database (none for SQLite: it runs in-process)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return []
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            # "postgres: 15/main: USER DATABASE 127.0.0.1(port) idle"
            if command.startswith("postgres:") and f" {parsed.database} " in command:
                found.append(int(entry.name))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def reference_ms() -> float:
    """CPU milliseconds of a fixed pure-Python loop: how fast this machine runs Python right now.

    On a shared machine CPU time per request grows with the neighbours' load (caches, frequency); this
    figure, printed beside it, lets two runs be compared.
    """
    started = time.process_time()
    total = 0
    for number in range(1_000_000):
        total += number
    return (time.process_time() - started) * 1000


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    accepted: dict[str, int] = field(default_factory=dict)  # note -> touch id the server answered
    errors: Counter[str] = field(default_factory=Counter)
    elapsed: float = 0.0

    def percentile(self, share: float) -> float:
        return percentile(self.latencies, share)


class Connection:
    """One keep-alive HTTP/1.1 connection that posts JSON and reads the answer."""

    def __init__(self, port: int, token: str) -> None:
        self.port = port
        self.head = (f"POST /api/v1/touches HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                     f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n").encode()
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, body: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        self.writer.write(self.head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length, closing = 0, False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection" and value.strip().lower() == b"close":
                closing = True
        payload = await self.reader.readexactly(length)
        if closing:
            await self.close()
        return status, payload

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def _load(port: int, desk: Desk, clients: int, seconds: float, label: str, result: Result,
                rate: float) -> None:
    deadline = time.monotonic() + seconds
    # Paced (open) load: each client sends on its own schedule, clients/rate seconds apart, staggered
    # so the whole desk sees `rate` requests a second. Latency counts from the scheduled moment, so a
    # server that falls behind pays for the queue it built (no coordinated omission).
    interval = clients / rate if rate else 0.0
    begin = time.perf_counter()

    async def client(number: int) -> None:
        rng = random.Random(number)
        connection = Connection(port, desk.token)
        sent = 0
        due = begin + interval * number / clients
        while time.monotonic() < deadline:
            if interval:
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
            note = f"{desk.tag} {label}{number}-{sent}"
            sent += 1
            body = json.dumps({"person_id": rng.choice(desk.person_ids), "outcome": "no_answer",
                               "note": note}).encode()
            started = due if interval else time.perf_counter()
            due += interval
            try:
                status, payload = await connection.post(body)
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                status, payload = 0, b""
                result.errors[type(exc).__name__] += 1
                await connection.close()
            result.latencies.append(time.perf_counter() - started)
            result.statuses[status] += 1
            if status == 201:
                result.accepted[note] = json.loads(payload)["id"]
        await connection.close()

    await asyncio.gather(*(client(n) for n in range(clients)))


def run_load(port: int, desk: Desk, clients: int, seconds: float, label: str = "", rate: float = 0.0) -> Result:
    """`clients` connections, each posting a touch as soon as the previous one is answered, or, with a
    `rate`, all of them together posting `rate` touches a second on a fixed schedule.

    Notes are "TAG LABEL<client>-<n>": give each run on one desk a different label."""
    result = Result()
    try:
        import uvloop

        runner = uvloop.run
    except ImportError:
        runner = asyncio.run
    started = time.perf_counter()
    runner(_load(port, desk, clients, seconds, label, result, rate))
    result.elapsed = time.perf_counter() - started
    return result


@dataclass
class Count:
    stored: int
    lost: int
    doubled: int
    unasked: int


def count_check(desk: Desk, *results: Result) -> Count:
    """Every accepted touch is in the store exactly once, with the id the server gave; nothing else is."""
    from callsheet.store.engine import make_engine
    from callsheet.store.tables import touches

    engine = make_engine(desk.url)
    with engine.connect() as conn:
        rows = conn.execute(select(touches.c.notes, touches.c.id)
                            .where(touches.c.notes.like(f"{desk.tag} %"))).all()
        total = conn.execute(select(func.count()).select_from(touches)).scalar_one()
    engine.dispose()
    accepted = {note: touch_id for result in results for note, touch_id in result.accepted.items()}
    per_note = Counter(note for note, _ in rows)
    ids = {note: touch_id for note, touch_id in rows}
    lost = sum(1 for note, touch_id in accepted.items() if ids.get(note) != touch_id)
    doubled = sum(count - 1 for count in per_note.values() if count > 1)
    unasked = sum(1 for note in per_note if note not in accepted)
    print(f"  touches in the store: {total:,}")
    return Count(len(rows), lost, doubled, unasked)


def forget(desk: Desk) -> int:
    """Delete the touches of this run (a desk kept for benchmarks stays as it was built); how many."""
    from callsheet.store.engine import make_engine
    from callsheet.store.tables import touches

    engine = make_engine(desk.url)
    with engine.begin() as conn:
        gone = conn.execute(delete(touches).where(touches.c.notes.like(f"{desk.tag} %"))).rowcount
    engine.dispose()
    return int(gone)
