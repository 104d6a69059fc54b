"""Twilio's webhooks under load: 200 signed deliveries a second for 30 seconds against uvicorn on 127.0.0.1.

    python -m bench bench_webhooks [--db URL] [--rate 200] [--seconds 30] [--clients 20] [--workers 2]

Each call placed through the desk is reported as Twilio does: initiated, ringing, in-progress and
completed on the callee's leg, then the dial action with its duration; every report is delivered twice,
and the reports of each second's calls are shuffled, so they arrive out of order and side by side. Prints
p50/p99 latency (from each delivery's scheduled moment: a server that falls behind pays for its queue),
the statuses, and checks the store: every call completed with its duration, its one touch connected
with that duration (lost: a call that did not end so), and no touch written by the deliveries (doubled).
Without --db a scratch SQLite desk is built under /tmp; a PostgreSQL --db is used as it is (calls are
tagged per run).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import secrets
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import func, select

from bench import api_load
from bench.figures import Figure

SID = "AC" + "b" * 32
TOKEN = "bench-auth-token"
PUBLIC = "https://bench.example.com"
FROM = "+14145550199"


@dataclass
class Plan:
    calls: dict[str, tuple[int, int]]  # provider call id -> (touch id, duration)
    deliveries: list[tuple[str, bytes]]  # path, form body with its signature
    touches_before: int


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    elapsed: float = 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def _reports(sid: str, duration: int) -> list[tuple[str, dict[str, str]]]:
    leg = {"AccountSid": SID, "CallSid": "CA" + secrets.token_hex(16), "ParentCallSid": sid,
           "Direction": "outbound-dial", "CallbackSource": "call-progress-events"}
    events = [("/telephony/status", {**leg, "CallStatus": s, "SequenceNumber": str(i),
                                     **({"CallDuration": str(duration)} if s == "completed" else {})})
              for i, s in enumerate(("initiated", "ringing", "in-progress", "completed"))]
    events.append(("/telephony/dial-action", {"AccountSid": SID, "CallSid": sid, "DialCallSid": leg["CallSid"],
                                              "DialCallStatus": "completed", "DialCallDuration": str(duration)}))
    return events


def prepare(url: str, rate: int, seconds: int) -> Plan:
    """A recruiter, people, and one placed call (with its pending touch) for every five reports."""
    from twilio.request_validator import RequestValidator

    from callsheet.domain.calls import RANK, CallState
    from callsheet.domain.outcomes import Outcome, Touch
    from callsheet.store import schema
    from callsheet.store.engine import make_engine
    from callsheet.store.tables import people, touches
    from callsheet.store.uow import UnitOfWork

    engine = make_engine(url)
    schema.upgrade(engine)
    now = datetime.fromisoformat(api_load.NOW)
    calls_needed = rate * seconds // 10 + 4  # five reports a call, each delivered twice; the first four warm up
    tag = secrets.token_hex(3)
    with UnitOfWork(engine) as uow:
        ids = list(uow.connection.execute(select(people.c.id).limit(500)).scalars())
        user = uow.users.get_or_add("bench-webhooks@example.com", now)
        calls: dict[str, tuple[int, int]] = {}
        for n in range(calls_needed):
            sid = f"CA{tag}{n:026d}"
            person = ids[n % len(ids)]
            touch_id = uow.touches.add(Touch(person_id=person, at=now, outcome=Outcome.NO_ANSWER,
                                             phone="+14145550101"), user.id, now)
            uow.calls.add(sid, direction="out", state=CallState.PLACED.value, rank=RANK[CallState.PLACED], now=now,
                          touch_id=touch_id, person_id=person, user_id=user.id, phone="+14145550101")
            calls[sid] = (touch_id, 30 + n % 600)
        touches_before = int(uow.connection.execute(select(func.count()).select_from(touches)).scalar() or 0)
    engine.dispose()
    validator = RequestValidator(TOKEN)
    rng = random.Random(7)
    deliveries: list[tuple[str, bytes]] = []
    sids = list(calls)[4:]
    for sid in list(calls)[:4]:  # the warm-up's calls, delivered in order
        for path, params in _reports(sid, calls[sid][1]) * 2:
            deliveries.append((path, validator.compute_signature(PUBLIC + path, params).encode() + b"\n"
                               + urlencode(params).encode()))
    per_second = max(1, rate // 10)
    for start in range(0, len(sids), per_second):
        second = [r for sid in sids[start:start + per_second] for r in _reports(sid, calls[sid][1]) * 2]
        rng.shuffle(second)
        for path, params in second:
            signature = validator.compute_signature(PUBLIC + path, params)
            deliveries.append((path, signature.encode() + b"\n" + urlencode(params).encode()))
    return Plan(calls, deliveries, touches_before)


def _people(url: str) -> None:
    from bench.common import demo_desk

    demo_desk(url, 300).dispose()


async def _post(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, port: int, path: str,
                signed: bytes) -> int:
    signature, _, body = signed.partition(b"\n")
    writer.write(b"POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                 b"X-Twilio-Signature: %s\r\nContent-Length: %d\r\n\r\n%s"
                 % (path.encode(), port, signature, len(body), body))
    head = await reader.readuntil(b"\r\n\r\n")
    length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    await reader.readexactly(length)
    return int(head[9:12])


async def _load(port: int, plan: Plan, rate: int, clients: int, result: Result) -> None:
    begin = time.perf_counter() + 0.2

    async def client(number: int) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for k in range(number, len(plan.deliveries), clients):
            due = begin + k / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            path, signed = plan.deliveries[k]
            try:
                status = await _post(reader, writer, port, path, signed)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                status = 0
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            result.latencies.append(time.perf_counter() - due)
            result.statuses[status] += 1
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()

    await asyncio.gather(*(client(n) for n in range(clients)))


def check(url: str, plan: Plan) -> tuple[int, int]:
    """(lost, doubled): calls whose touch did not end connected with its duration; touches written."""
    from callsheet.store.engine import make_engine
    from callsheet.store.tables import calls, touches

    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(select(calls.c.provider_call_id, calls.c.state, calls.c.duration_s, touches.c.outcome,
                                   touches.c.duration_s.label("touch_duration"))
                            .select_from(calls.join(touches, touches.c.id == calls.c.touch_id))
                            .where(calls.c.provider_call_id.in_(list(plan.calls)))).all()
        after = int(conn.execute(select(func.count()).select_from(touches)).scalar() or 0)
    engine.dispose()
    good = {r.provider_call_id for r in rows if r.state == "completed" and r.outcome == "connected"
            and r.duration_s == r.touch_duration == plan.calls[r.provider_call_id][1]}
    return len(plan.calls) - len(good), after - plan.touches_before


def measure(url: str, rate: int, seconds: int, clients: int, workers: int) -> tuple[Figure, int, int, Result]:
    """The deliveries' latency (ms) at `rate` for `seconds`, and (lost, doubled) as `check` counts them."""
    _people(url)
    plan = prepare(url, rate, seconds)
    os.environ.update({"CALLSHEET_TWILIO_ACCOUNT_SID": SID, "CALLSHEET_TWILIO_AUTH_TOKEN": TOKEN,
                       "CALLSHEET_TWILIO_FROM": FROM, "CALLSHEET_PUBLIC_URL": PUBLIC})
    port = api_load.free_port()
    server = api_load.start_server(url, port, workers)
    result = Result()
    try:
        asyncio.run(_load(port, Plan({}, plan.deliveries[:40], 0), 20, 4, Result()))  # warm-up: pools, first hits
        started = time.perf_counter()
        asyncio.run(_load(port, Plan({}, plan.deliveries[40:], 0), rate, clients, result))
        result.elapsed = time.perf_counter() - started
    finally:
        api_load.stop_server(server)
    lost, doubled = check(url, plan)
    figure = Figure(f"Twilio webhook deliveries, paced at {rate}/s", [x * 1000 for x in result.latencies],
                    note=f"lost {lost}, doubled {doubled}, statuses {dict(result.statuses)}")
    return figure, lost, doubled, result


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench bench_webhooks", description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="", help="Database URL of a desk; default a scratch SQLite.")
    parser.add_argument("--rate", type=int, default=200, help="Deliveries a second.")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=20, help="Connections the deliveries share.")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes.")
    args = parser.parse_args(argv)
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp(prefix='bench-webhooks-')) / 'desk.db'}"
    figure, lost, doubled, result = measure(url, args.rate, args.seconds, args.clients, args.workers)
    store = url.split(":", 1)[0].split("+")[0]
    sent = len(result.latencies)
    print(f"{store}: {sent:,} webhook deliveries (every report twice, out of order) "
          f"in {result.elapsed:.1f} s = {sent / result.elapsed:.0f}/s")
    print(f"  p50 {figure.p(0.5):.1f} ms, p99 {figure.p(0.99):.1f} ms; statuses {dict(result.statuses)}")
    print(f"  lost {lost}, doubled {doubled}")
    if lost or doubled or set(result.statuses) != {200}:
        raise SystemExit("deliveries were refused, or calls were lost or doubled")
