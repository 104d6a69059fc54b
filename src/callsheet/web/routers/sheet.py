"""Today's call sheet and one-click outcomes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from callsheet.clock import FixedClock, read_time
from callsheet.clock import zone as zone_of
from callsheet.domain.bounds import ID_MAX, ID_MIN
from callsheet.domain.errors import NoteSuggests
from callsheet.services.accounts import access as access
from callsheet.services.calling.log import LogRequest, Where, log_touch
from callsheet.services.calling.policy import why
from callsheet.services.calling.sheet import call_sheet, sheet_view
from callsheet.services.people.suppressions import person_warnings
from callsheet.web.deps import CsrfChecked, CurrentUser, DeskUser, FormId, SessionDep, StateDep, clock_at
from callsheet.web.templating import render

router = APIRouter()

#: One-click outcomes and their keys; the follow-up ones open their questions inline first.
QUICK = [("no_answer", "n", "No answer"), ("busy", "b", "Busy"), ("voicemail", "v", "Voicemail"),
         ("wrong_number", "w", "Wrong number"), ("interested", "i", "Interested"), ("hung_up", "h", "Hung up")]
FOLLOW = [("declined", "d", "Declined…"), ("callback", "c", "Callback…"), ("referral", "r", "Referral…"),
          ("stop", "x", "Stop calling…")]


@router.get("/")
def home(user: CurrentUser) -> Response:
    return RedirectResponse("/sheet" if access.works_the_desk(user) else "/jobs", status_code=303)


@router.get("/sheet")
def sheet_page(request: Request, state: StateDep, uow: SessionDep, user: DeskUser, at: str = "",
               limit: int = 50) -> Response:
    clock = clock_at(state, at)
    rows = call_sheet(uow, clock, state.settings, owner=None, limit=max(1, min(limit, 500)))
    return render(request, "sheet.html", {"rows": [sheet_view(r) for r in rows], "at": at,
                                          "planned_for": clock.now() if at else None,
                                          "quick": QUICK, "follow": FOLLOW})


@router.post("/sheet/log", dependencies=[CsrfChecked])
def log_outcome(
    request: Request, state: StateDep, uow: SessionDep, user: DeskUser,
    person_id: FormId, outcome: Annotated[str, Form()],
    job_id: Annotated[int | None, Form(ge=ID_MIN, le=ID_MAX)] = None, phone: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "", note: Annotated[str, Form()] = "",
    callback_at: Annotated[str, Form()] = "", referral_name: Annotated[str, Form()] = "",
    referral_phone: Annotated[str, Form()] = "", zone: Annotated[str, Form()] = "",
    at: Annotated[str, Form()] = "", name: Annotated[str, Form()] = "", job: Annotated[str, Form()] = "",
    company: Annotated[str, Form()] = "", local_time: Annotated[str, Form()] = "",
    keep_outcome: Annotated[bool, Form()] = False,
) -> Response:
    settings = state.settings
    # A callback time typed in the form is in the callee's zone (the service gives it), as the sheet shows it.
    today = state.clock.now().astimezone(zone_of(settings.timezone))
    callback = read_time(callback_at, "callback_at", today) if callback_at else None
    request_ = LogRequest(person_id=person_id, outcome=outcome, job_id=job_id, phone=phone or None,
                          reason=reason if outcome == "declined" else "", note=note, callback_at=callback,
                          referral_name=referral_name, referral_phone=referral_phone, keep_outcome=keep_outcome)
    try:
        touch = log_touch(uow, state.clock, request_, user, Where.of(settings))
    except NoteSuggests as exc:  # nothing stored: the row asks, with the suggested outcome one click away
        sent = {"person_id": person_id, "job_id": job_id or "", "phone": phone, "reason": reason, "note": note,
                "callback_at": callback_at, "referral_name": referral_name, "referral_phone": referral_phone,
                "zone": zone, "at": at, "name": name, "job": job, "company": company, "local_time": local_time}
        return render(request, "_note_check.html", {"sent": sent, "asked": exc}, status_code=409)
    # Ask the policy at the later of now and the planned moment: does the row stay on the sheet?
    moment = max(state.clock.now(), clock_at(state, at).now())
    decision = why(uow, FixedClock(moment), settings, person_id, job_id)
    row: dict[str, Any] = {"person_id": person_id, "job_id": job_id, "name": name, "job": job, "company": company,
                           "phone": touch.phone or phone, "tel": f"tel:{touch.phone or phone}",
                           "timezone": zone, "local_time": local_time}
    # A referral's number that someone's mark holds: said at once, as every add says it.
    warnings = (person_warnings(uow, state.clock, settings.timezone, touch.referral_person_id)
                if touch.referral_person_id else [])
    context = {"row": row, "touch": touch, "decision": decision, "at": at, "quick": QUICK, "follow": FOLLOW,
               "warnings": warnings}
    if decision.callable:
        row["why"] = [f"Logged {touch.outcome.value.replace('_', ' ')} just now", *decision.reasons]
        return render(request, "_row.html", context)
    return render(request, "_logged.html", context)
