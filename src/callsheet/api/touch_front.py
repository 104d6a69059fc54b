"""POST /api/v1/touches answered before FastAPI's routing: the same service, without the framework's cost.

The busiest endpoint of the API (scripts logging calls) spent most of its time in the framework when it
went through a route: the router, the dependencies, a thread hop per dependency and one for the
endpoint. This front reads the body, validates it with the route's own model (api/schemas.TouchIn)
and calls the one service that writes a touch (services/calling/log.log_touch) in one hop to a worker
thread of its own (`Threads`: cheaper per call than the framework's thread pool or an executor), and answers
as the route in api/touches.py does (same status, same JSON). A request that is not a JSON touch, or
that the service refuses (a bad token, an unknown person, a bad value), goes on to the app unchanged
(its body replayed): nothing was written, and the route gives the error in the one place errors
become statuses (web/errors.py), as well as the OpenAPI schema.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable
from queue import Empty, SimpleQueue
from typing import Any, TypeVar

from pydantic import ValidationError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from callsheet.api.schemas import TouchIn
from callsheet.domain.errors import CallsheetError, StoreUnavailable
from callsheet.domain.outcomes import Touch
from callsheet.http.deps import DeskState
from callsheet.http.messages import BUSY
from callsheet.services.accounts.access import DeskToken
from callsheet.services.calling.log import Where, log_touch
from callsheet.services.views import touch_view

PATH = "/api/v1/touches"
#: Larger bodies (a long note) are rare: they go the full way rather than be held here.
MAX_BODY = 64 * 1024


class TouchFront:
    def __init__(self, app: ASGIApp, desk: DeskState, threads: int) -> None:
        self.app = app
        self.desk = desk
        self.threads = Threads(threads)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PATH or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        token, length = _request_head(scope)
        if not token or length is None or length > MAX_BODY:
            await self.app(scope, receive, send)
            return
        messages, ended = await _read_body(receive, MAX_BODY)
        try:
            touch = await self._log(token, b"".join(m.get("body", b"") for m in messages)) if ended else None
        except StoreUnavailable:  # the database is down or at its connection limit
            await _answer(send, 503, {"detail": BUSY}, [(b"retry-after", b"1")])
            return
        if touch is None:
            await self.app(scope, _replay(messages, receive), send)
            return
        await _answer(send, 201, touch_view(touch))

    async def _log(self, token: str, body: bytes) -> Touch | None:
        try:
            request = TouchIn.model_validate_json(body).request()
        except ValidationError:  # not JSON, or not a touch: the route says what is wrong
            return None
        base = self.desk

        def logged() -> Touch | None:
            try:
                # The token's desk (remembered after its first request); an unknown token is refused in the desk
                # the server works in, as the route would.
                desk = base.view(base.desk_of_token(token))
                return log_touch(desk.new_uow(), desk.clock, request, DeskToken(token), Where.of(desk.settings))
            except StoreUnavailable:
                raise
            except CallsheetError:  # refused, nothing written: the route gives the error
                return None

        return await self.threads.run(logged)


T = TypeVar("T")


class Threads:
    """Up to `count` worker threads fed from one queue, each answer handed to the loop in one call.

    A hop to a thread and back is what each touch pays on top of its work: a plain executor's takes a
    lock, a semaphore and a chain of futures per call; this one a queue put and one callback. Threads
    start as work arrives and end after a minute idle.
    """

    IDLE_S = 60.0

    def __init__(self, count: int) -> None:
        self.count = count
        self.jobs: SimpleQueue[tuple[asyncio.AbstractEventLoop, asyncio.Future[Any], Callable[[], Any]]] = SimpleQueue()
        self.running = 0
        self.idle = 0
        self.lock = threading.Lock()

    async def run(self, work: Callable[[], T]) -> T:
        loop = asyncio.get_running_loop()
        done: asyncio.Future[T] = loop.create_future()
        self.jobs.put((loop, done, work))
        with self.lock:  # an idle thread takes it, else a new one while there are fewer than `count`
            start = not self.idle and self.running < self.count
            self.idle -= not start and self.idle > 0
            self.running += start
        if start:
            threading.Thread(target=self._serve, name="touches", daemon=True).start()
        return await done

    def _serve(self) -> None:
        jobs, lock = self.jobs, self.lock
        while True:
            try:
                loop, done, work = jobs.get(timeout=self.IDLE_S)
            except Empty:
                with lock:
                    if jobs.empty():  # else work came as the wait ended: this thread is still needed
                        self.idle -= 1
                        self.running -= 1
                        return
                continue
            try:
                loop.call_soon_threadsafe(_settle, done, work(), None)
            except BaseException as exc:  # noqa: BLE001 - raised where the work was awaited
                loop.call_soon_threadsafe(_settle, done, None, exc)
            with lock:
                self.idle += 1


def _settle(done: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if done.cancelled():
        return
    if error is not None:
        done.set_exception(error)
    else:
        done.set_result(result)


#: As the route's JSONResponse renders (one encoder for every answer, not one made per call).
_JSON = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))


async def _answer(send: Send, status: int, content: object, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = _JSON.encode(content).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-length", str(len(body)).encode()), (b"content-type", b"application/json"),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


def _request_head(scope: Scope) -> tuple[str, int | None]:
    """The bearer token and the body's length, for a JSON body (else no length: not ours to read)."""
    token, length, is_json = "", None, False
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, rest = value.decode("latin-1").partition(" ")
            token = rest.strip() if scheme.lower() == "bearer" else ""
        elif name == b"content-length" and value.isdigit():
            length = int(value)
        elif name == b"content-type":
            is_json = value.split(b";")[0].strip().lower() == b"application/json"
    return token, length if is_json else None


async def _read_body(receive: Receive, limit: int) -> tuple[list[Message], bool]:
    """The messages of the body as they came, and whether it ended within the limit (else the rest is unread)."""
    messages: list[Message] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages, False  # the client went away: the app hears of it too
        size += len(message.get("body", b""))
        if not message.get("more_body", False):
            return messages, size <= limit
        if size > limit:
            return messages, False


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """What was already read, as it came, then whatever the client still sends."""
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed
