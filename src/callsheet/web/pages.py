"""The web desk's part of the one app (callsheet/server.py): its pages and their static files."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles


def mount(app: FastAPI) -> None:
    from callsheet.web.routers import (
        analytics,
        auth,
        calls,
        dnc,
        imports,
        jobs,
        network,
        people,
        rehearse,
        reports,
        resumes,
        search,
        share,
        sheet,
        telephony,
        tokens,
    )

    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static")
    for module in (auth, sheet, people, resumes, calls, telephony, jobs, reports, network, search, imports, dnc,
                   analytics, share, tokens, rehearse):
        app.include_router(module.router, include_in_schema=False)
