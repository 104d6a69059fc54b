"""The search page: the query language of `callsheet search`, a place, a radius and filters; htmx results."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from callsheet.domain.errors import BadInput
from callsheet.domain.model import Stage
from callsheet.services.accounts import access as access
from callsheet.services.search.people import SearchRequest, found_view, search
from callsheet.web.deps import DeskUser, SessionDep
from callsheet.web.errors import is_htmx
from callsheet.web.templating import render
from callsheet.web.wording import for_page

router = APIRouter()

LIMITS = (20, 50, 100)


def _number(field: str, text: str, kind: type[int] | type[float]) -> Any:
    if not text.strip():
        return None
    try:
        value = kind(text)
    except ValueError:
        raise BadInput(field, f"{text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):  # NaN and infinities are not distances
        raise BadInput(field, f"{text!r} is not a number")
    if kind is int and not 0 < value <= 2_147_483_647:  # ids and counts the stores can hold
        raise BadInput(field, f"{text!r} is out of range")
    return value


@router.get("/search")
def search_page(request: Request, uow: SessionDep, user: DeskUser, q: str = "", near: str = "", radius: str = "",
                seniority: str = "", active: str = "", job: str = "", stage: str = "", suppressed: str = "",
                limit: str = "20") -> Response:
    form = {"q": q, "near": near, "radius": radius, "seniority": seniority, "active": active, "job": job,
            "stage": stage, "suppressed": suppressed, "limit": limit}
    context: dict[str, Any] = {"form": form, "found": None, "error": "", "limits": LIMITS,
                               "stages": [s.value for s in Stage], "jobs": access.visible_jobs(uow, user)}
    status = 200
    if q.strip() or near.strip():
        try:
            req = SearchRequest(
                query=q, near=near.strip() or None, radius=_number("radius", radius, float),
                seniority=seniority or None, active={"active": True, "passive": False}.get(active),
                job_id=_number("job", job, int), stage=stage or None, include_suppressed=bool(suppressed),
                limit=_number("limit", limit, int) or 20)
            context["found"] = [found_view(f) for f in search(uow, req)]
        except BadInput as exc:
            # The form stays as typed, with the parser's message in the page's words.
            context["error"], status = for_page(exc.field, exc.message), 422
    # A history restore (back button) needs the whole page, not the fragment.
    partial = is_htmx(request) and request.headers.get("HX-History-Restore-Request") != "true"
    template = "_search_results.html" if partial else "search.html"
    return render(request, template, context, status_code=status)
