"""Jinja2 templates (autoescaped: names and notes always render as text) and their shared context."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from callsheet.domain.outcomes import DeclineReason

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def _when(value: str | datetime | None, zone: str = "", fmt: str = "%a %d %b %Y %H:%M") -> str:
    if not value:
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if zone:
        moment = moment.astimezone(ZoneInfo(zone))
    return moment.strftime(fmt) + (f" {moment.tzname()}" if moment.tzinfo else "")


def _label(value: str | None) -> str:
    return (value or "").replace("_", " ")


templates.env.filters["when"] = _when
templates.env.filters["label"] = _label
templates.env.globals["decline_reasons"] = [r.value for r in DeclineReason]


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    state = getattr(request.state, "desk", None) or request.app.state.desk  # the request's desk (http/deps.py)
    session = getattr(request.state, "session", None)
    base = {
        "user": getattr(request.state, "user", None),
        "csrf": session.csrf if session else "",
        "desk_zone": state.settings.timezone,
        # Click-to-call only when a telephony provider is set up; else tel: links and "log this call".
        "telephony": state.telephony is not None,
        "pinned_at": state.settings.now.isoformat(timespec="minutes") if state.settings.now else None,
    }
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)
