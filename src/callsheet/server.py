"""The application factory: the web desk and the JSON API in one app, over one desk (callsheet/bootstrap.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from callsheet.http.deps import DeskState
from callsheet.settings import Settings
from callsheet.web import errors

# Scripts only from our own origin: even a note that slipped past escaping could not run.
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
     b"frame-ancestors 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/api/docs"):
            await self.app(scope, receive, send)  # the docs page loads its own scripts
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # A page may set its own stricter value (the share page's Referrer-Policy: no-referrer).
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                message["headers"] = headers + [(k, v) for k, v in SECURITY_HEADERS if k not in present]
            await send(message)

        await self.app(scope, receive, with_headers)


#: Threads that run the store's work (plain `def` endpoints and dependencies), and as many pooled
#: connections, so no request waits for a connection its thread could not use anyway. Enough to keep
#: one core busy between database round trips; anyio's default of 40 threads only fought over the GIL
#: and churned connections past the pool's default 5.
THREADS = 16

@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
    yield


class App(FastAPI):
    """The app, with what every request passes first ahead of the framework's own work per request.

    `front` (set by create_app) sees each request before FastAPI does: the security headers, and the
    API's front for touches (api/touch_front.py), which answers most touches without the framework's
    layers (its error pages, telemetry, body limit: nothing of them applies to a touch it answers) and
    hands every other request on to them unchanged.
    """

    front: ASGIApp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.front(scope, receive, send)

    async def framework(self, scope: Scope, receive: Receive, send: Send) -> None:
        await super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    desk = DeskState(settings, pool_size=THREADS).open()
    app = App(title="Callsheet", version="1", summary="The phone desk for recruiting: web desk and JSON API.",
                  docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json", lifespan=_lifespan)
    app.state.desk = desk
    errors.install(app)

    from callsheet.api import router as api_router
    from callsheet.web import pages

    # The API first: scripts' requests are the many, and no page lives under /api/v1 to be shadowed.
    app.include_router(api_router.router, prefix="/api/v1")
    pages.mount(app)
    from callsheet.api.touch_front import TouchFront

    # Inside SecurityHeaders: its answers get them too. Its threads, like the framework's, one per pooled connection.
    app.front = SecurityHeaders(TouchFront(app.framework, desk=app.state.desk, threads=THREADS))
    return app
