"""Domain errors to HTTP statuses, in one place, for pages, htmx fragments and the JSON API."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from callsheet.domain.errors import (
    BadInput,
    CallsheetError,
    Forbidden,
    NoteSuggests,
    NotFound,
    NotSignedIn,
    Refused,
    StoreUnavailable,
)
from callsheet.http.messages import BUSY
from callsheet.web.wording import for_page, plain

__all__ = ["NotSignedIn", "install"]  # NotSignedIn lives in the domain: a service may find the token bad


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _problem(request: Request, status: int, detail: Any, title: str, message: str) -> Response:
    # No command-line hints (--near PLACE) on a page or in an API answer.
    message = plain(message)
    if isinstance(detail, str):
        detail = plain(detail)
    if is_api(request):
        return JSONResponse({"detail": detail}, status_code=status)
    if is_htmx(request):
        # Fragments land in the page's flash area (see base.html's htmx responseHandling).
        from markupsafe import escape

        return HTMLResponse(f'<p class="error" role="alert">{escape(message)}</p>', status_code=status,
                            headers={"HX-Retarget": "#flash", "HX-Reswap": "innerHTML"})
    from callsheet.web.templating import render

    return render(request, "error.html", {"title": title, "message": message}, status_code=status)


def _field_of(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or "request"




def install(app: FastAPI) -> None:
    @app.exception_handler(StoreUnavailable)
    async def store_unavailable(request: Request, exc: StoreUnavailable) -> Response:
        response = _problem(request, 503, BUSY, "Try again", "The database is busy. Try again in a moment.")
        response.headers["Retry-After"] = "1"
        return response

    @app.exception_handler(BadInput)
    async def bad_input(request: Request, exc: BadInput) -> Response:
        return _problem(request, 422, {"field": exc.field, "message": plain(exc.message)}, "Please check",
                        for_page(exc.field, exc.message))

    @app.exception_handler(NoteSuggests)
    async def note_suggests(request: Request, exc: NoteSuggests) -> Response:
        # Nothing is wrong with the request, but the note says more than its outcome: the caller confirms.
        if is_api(request):
            return JSONResponse({"detail": plain(str(exc)), "suggested_outcome": exc.suggested}, status_code=409)
        return _problem(request, 409, str(exc), "Please check", for_page(exc.field, exc.message))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        field, message = _field_of(first.get("loc", ())), str(first.get("msg", "invalid"))
        if first.get("type") == "json_invalid":  # its place is a character's offset, not a field
            field, message = "body", "is not valid JSON"
        return _problem(request, 422, {"field": field, "message": message}, "Please check", f"{field}: {message}")

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _problem(request, 404, str(exc), "Not found", str(exc))

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return _problem(request, 403, str(exc), "Not allowed", str(exc))

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> Response:
        # The contact policy said no: the request was fine, the moment is not.
        return _problem(request, 409, str(exc), "Not now", str(exc))

    @app.exception_handler(CallsheetError)
    async def other_error(request: Request, exc: CallsheetError) -> Response:
        return _problem(request, 400, str(exc), "Sorry", str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        title = "Not found" if exc.status_code == 404 else "Sorry"
        return _problem(request, exc.status_code, exc.detail, title, str(exc.detail))

    @app.exception_handler(NotSignedIn)
    async def not_signed_in(request: Request, exc: NotSignedIn) -> Response:
        if is_api(request):
            return JSONResponse({"detail": "a valid API token is required (Authorization: Bearer TOKEN)"},
                                status_code=401, headers={"WWW-Authenticate": "Bearer"})
        target = "/login?next=" + quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        if is_htmx(request):
            return Response(status_code=401, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)
