"""The hiring manager's link: one job's report, with no sign-in and nothing else of the desk.

Its own minimal page (no navigation, no session, no desk banner). Every answer, the refusals too, is
kept out of caches and search engines: the URL is the only key to the report.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from callsheet.domain.desks import SHARE
from callsheet.domain.errors import NotFound
from callsheet.services.accounts import desks as desks_service
from callsheet.services.reports import shares
from callsheet.services.reports.job_report import build_report
from callsheet.services.reports.render import to_html_fragment
from callsheet.services.reports.shares import LinkGone, LinkWithdrawn, link_for_token
from callsheet.web.deps import StateDep
from callsheet.web.templating import templates

router = APIRouter()
PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer"}


def _plain(request: Request, status: int, title: str, message: str) -> Response:
    return templates.TemplateResponse(request, "share_gone.html", {"title": title, "message": message},
                                      status_code=status, headers=PRIVATE)


@router.get("/share/{token}")
def shared_report(request: Request, state: StateDep, token: str) -> Response:
    # The link's desk (desk_keys, kind "share", by the hash its link is stored by): the page opens that desk.
    held = desks_service.desk_holding(state.operator_uow(), SHARE, shares._hash(token.strip()))
    state = state.view(held.id if held else None)
    uow = state.uow()
    try:
        link = link_for_token(uow, state.clock, token)
    except LinkGone as exc:
        title = "This link was withdrawn" if isinstance(exc, LinkWithdrawn) else "This link has expired"
        return _plain(request, 410, title, str(exc))
    except NotFound:
        return _plain(request, 404, "No such report", "This link does not open any report. Check that it was "
                                                      "copied whole, or ask your recruiter for a new one.")
    report = build_report(uow, state.clock, state.settings, link.job_id)
    return templates.TemplateResponse(request, "share.html", {
        "report": report, "body": to_html_fragment(report), "expires_at": link.expires_at,
        "desk_zone": state.settings.timezone}, headers=PRIVATE)
