"""The job seeker's network map in the web desk: the same drawing as `callsheet network map`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from callsheet.services.seeker.network_map import svg
from callsheet.services.seeker.plan import target_companies
from callsheet.web.deps import ClockDep, DeskUser, SessionDep
from callsheet.web.templating import render

router = APIRouter()


@router.get("/network")
def network_page(request: Request, uow: SessionDep, clock: ClockDep, user: DeskUser) -> Response:
    interest = target_companies(uow, clock, user.login)
    drawing, drawn = svg(uow, clock, user.login, interest)
    # The SVG is drawn by matplotlib from our own data, with every name escaped as XML text.
    return render(request, "network.html", {"svg": drawing, "drawn": drawn})
