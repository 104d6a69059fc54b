"""A job's client status report in the web desk: the page, its CSV and PDF, and the hiring manager's links.

Everyone who may read the job may read its report (a hiring manager: their own company's jobs only,
404 otherwise); only recruiters and admins make or withdraw share links.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.users import User
from callsheet.services.accounts import access as access
from callsheet.services.reports.job_report import build_report
from callsheet.services.reports.render import render as render_file
from callsheet.services.reports.render import to_html_fragment
from callsheet.services.reports.shares import (
    MAX_DAYS,
    LinkGone,
    ShareLink,
    link_for_token,
    live_links,
    revoke_link,
    share_report,
)
from callsheet.web.deps import CsrfChecked, CurrentUser, DeskUser, PathId, SessionDep, StateDep
from callsheet.web.templating import render

router = APIRouter()
MEDIA = {"csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}


#: The new link's token travels from the form's answer to the report page in a signed cookie of that page's
#: own path, read once: a reload shows the page again and makes no second link.
NEW_LINK_COOKIE = "callsheet_new_link"
NEW_LINK_SECONDS = 300


def _report_path(job_id: int) -> str:
    return f"/jobs/{job_id}/report"


def _new_link(request: Request, state: StateDep, uow: SessionDep, job_id: int) -> ShareLink | None:
    token = state.signer.load_note(request.cookies.get(NEW_LINK_COOKIE), NEW_LINK_SECONDS)
    if not token:
        return None
    try:
        link = link_for_token(uow, state.clock, token)
    except (NotFound, LinkGone):
        return None
    return link if link.job_id == job_id else None


def _page(request: Request, state: StateDep, uow: SessionDep, user: User, job_id: int,
          new_link: ShareLink | None = None, error: str = "", status_code: int = 200) -> Response:
    job = access.readable_job(uow, user, job_id)
    report = build_report(uow, state.clock, state.settings, job_id)
    desk = access.works_the_desk(user)
    return render(request, "report.html", {
        "job": job, "report": report, "body": to_html_fragment(report), "desk": desk,
        "links": live_links(uow, state.clock, job_id) if desk else [], "max_days": MAX_DAYS,
        "new_link": new_link, "new_url": str(request.base_url).rstrip("/") + new_link.path if new_link else "",
        "error": error}, status_code=status_code)


@router.get("/jobs/{job_id}/report")
def report_page(request: Request, state: StateDep, uow: SessionDep, user: CurrentUser, job_id: PathId) -> Response:
    new_link = _new_link(request, state, uow, job_id) if access.works_the_desk(user) else None
    response = _page(request, state, uow, user, job_id, new_link=new_link)
    if new_link is not None:
        response.headers["Cache-Control"] = "no-store"  # the token is on this page: kept in no cache
    if NEW_LINK_COOKIE in request.cookies:
        response.delete_cookie(NEW_LINK_COOKIE, path=_report_path(job_id), httponly=True, samesite="lax",
                               secure=state.settings.cookie_secure)
    return response


def _download(state: StateDep, uow: SessionDep, user: User, job_id: int, fmt: str) -> Response:
    access.readable_job(uow, user, job_id)
    report = build_report(uow, state.clock, state.settings, job_id)
    name = f"job-{job_id}-report-{report.prepared_at:%Y-%m-%d}.{fmt}"
    return Response(render_file(report, fmt), media_type=MEDIA[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


@router.get("/jobs/{job_id}/report.csv")
def report_csv(state: StateDep, uow: SessionDep, user: CurrentUser, job_id: PathId) -> Response:
    return _download(state, uow, user, job_id, "csv")


@router.get("/jobs/{job_id}/report.pdf")
def report_pdf(state: StateDep, uow: SessionDep, user: CurrentUser, job_id: PathId) -> Response:
    return _download(state, uow, user, job_id, "pdf")


@router.post("/jobs/{job_id}/report/links", dependencies=[CsrfChecked])
def make_link(request: Request, state: StateDep, uow: SessionDep, user: DeskUser, job_id: PathId,
              days: Annotated[str, Form()] = "") -> Response:
    # The token is shown once, on the report page this redirects to: only its hash is kept, so it cannot
    # be shown again.
    try:
        count = int(days.strip())
    except ValueError:
        return _page(request, state, uow, user, job_id, error=f"days: {days!r} is not a whole number of days",
                     status_code=422)
    try:
        link = share_report(uow, state.clock, job_id, count, user.login)
    except BadInput as exc:
        return _page(request, state, uow, user, job_id, error=str(exc), status_code=422)
    response = RedirectResponse(f"{_report_path(job_id)}#share", status_code=303)
    response.set_cookie(NEW_LINK_COOKIE, state.signer.dump_note(link.token), max_age=NEW_LINK_SECONDS,
                        path=_report_path(job_id), httponly=True, samesite="lax", secure=state.settings.cookie_secure)
    return response


@router.post("/jobs/{job_id}/report/links/{link_id}/withdraw", dependencies=[CsrfChecked])
def withdraw_link(state: StateDep, uow: SessionDep, user: DeskUser, job_id: PathId, link_id: PathId) -> Response:
    revoke_link(uow, state.clock, job_id, link_id)
    return RedirectResponse(_report_path(job_id), status_code=303)
