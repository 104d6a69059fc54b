"""Outreach analytics in the web desk (recruiters and admins): a GET filter form, headline figures, SVG charts.

The same figures as `callsheet stats`, drawn on the server by services/reports/charts.py and embedded inline.
A bad filter (a date that is not one, a range that ends before it starts, an unknown id) answers 422
with the form and the message naming the field.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from callsheet.domain.errors import BadInput
from callsheet.services.reports.analytics import outreach_stats
from callsheet.services.reports.analytics_scope import scope_choices, scope_from_form
from callsheet.services.reports.charts import analytics_svgs
from callsheet.web.deps import DeskUser, SessionDep, StateDep
from callsheet.web.templating import render

router = APIRouter()


@router.get("/analytics")
def analytics_page(request: Request, state: StateDep, uow: SessionDep, user: DeskUser, scope: str = "desk",
                   start: Annotated[str, Query(alias="from")] = "", end: Annotated[str, Query(alias="to")] = ""
                   ) -> Response:
    form = {"scope": scope, "from": start, "to": end}
    context = {"form": form, "choices": scope_choices(uow), "stats": None, "charts": {}, "error": ""}
    try:
        stats_scope = scope_from_form(uow, state.clock, state.settings, scope, start, end)
    except BadInput as exc:
        return render(request, "analytics.html", {**context, "error": str(exc), "field": exc.field},
                      status_code=422)
    stats = outreach_stats(uow, state.clock, state.settings, stats_scope)
    return render(request, "analytics.html", {**context, "stats": stats, "charts": analytics_svgs(stats)})
