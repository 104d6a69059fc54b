"""The job seeker's desk: applications, and the one follow-up call each, not before a decent wait."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from callsheet.clock import Clock, read_day
from callsheet.domain.contacts import check_name
from callsheet.domain.errors import BadInput, NotFound, Refused
from callsheet.domain.followups import Application, FollowUpState, followup_state
from callsheet.domain.model import NumberMark
from callsheet.domain.outcomes import Touch
from callsheet.domain.policy import decide
from callsheet.domain.scripts import CallKind
from callsheet.services.accounts.acting import acting_user
from callsheet.services.calling.log import LogRequest, Where, record_touch
from callsheet.services.calling.policy import as_of, policy_settings
from callsheet.services.people import records as people_service
from callsheet.services.people.suppressions import number_warnings
from callsheet.services.scripts.catalog import scripts_for_call
from callsheet.services.unit import UnitOfWork
from callsheet.settings import Settings

CHANNELS = ("job_board", "company_site", "referral", "recruiter")
STATUSES = ("applied", "screening", "interviewing", "offer", "rejected", "withdrawn", "no_response")
#: Statuses where a follow-up call still makes sense.
OPEN_STATUSES = ("applied", "no_response")


@dataclass
class NewApplication:
    company: str
    role: str
    applied_on: str = ""
    posting_url: str = ""
    channel: str = "job_board"
    status: str = "applied"
    contact_id: int | None = None
    contact_name: str = ""
    contact_phone: str = ""
    contact_title: str = ""
    notes: str = ""


def _day(text: str, default: date) -> date:
    if not text:
        return default
    return read_day(text, "applied", "2026-11-16")


def add_application(uow: UnitOfWork, clock: Clock, settings: Settings, data: NewApplication,
                    acting_login: str) -> dict[str, Any]:
    now = clock.now()
    today = now.astimezone(ZoneInfo(settings.timezone)).date()
    company = check_name(data.company, "company")
    role = check_name(data.role, "role")
    applied_on = _day(data.applied_on, today)
    if applied_on > today:
        raise BadInput("applied", "an application cannot be dated in the future")
    if data.channel not in CHANNELS:
        raise BadInput("channel", f"{data.channel!r} is not one of {', '.join(CHANNELS)}")
    if data.status not in STATUSES:
        raise BadInput("status", f"{data.status!r} is not one of {', '.join(STATUSES)}")
    contact = None
    if data.contact_name or data.contact_phone:
        contact = people_service.build_person(people_service.NewPerson(
            name=data.contact_name, phones=[data.contact_phone] if data.contact_phone else [],
            company=company, title=data.contact_title or "Hiring manager"), settings.phone_region)
    with uow:
        user = acting_user(uow, clock, acting_login)
        company_id = uow.jobs.company_id_for(company, now)
        contact_id = data.contact_id
        if contact_id is not None and uow.people.get(contact_id) is None:
            raise NotFound("person", contact_id)
        marks: list[NumberMark] = []
        if contact is not None:
            contact.company_id = company_id
            marks = people_service.store_person(uow, contact, now)
            contact_id = contact.id
        app_id = uow.seeker.add({
            "user_id": user.id, "company_id": company_id, "role": role, "posting_url": data.posting_url.strip(),
            "applied_on": applied_on, "channel": data.channel, "contact_person_id": contact_id,
            "status": data.status, "notes": data.notes.strip(), "created_at": now,
        })
        app = uow.seeker.get(app_id, now)
    assert app is not None
    view = application_view(app, _state(app, now, settings))
    view["warnings"] = number_warnings(marks, now, settings.timezone)
    return view


def _state(app: Application, now: datetime, settings: Settings) -> FollowUpState:
    today = now.astimezone(ZoneInfo(settings.timezone)).date()
    calendar = policy_settings(settings, now.year)
    state = followup_state(app.applied_on, list(app.followups), today, calendar.holidays,
                           weekend=calendar.weekend)
    if app.status not in OPEN_STATUSES and not app.followups:
        return FollowUpState(False, f"Status is {app.status}: no follow-up call needed", None)
    return state


def application_view(app: Application, state: FollowUpState) -> dict[str, Any]:
    return {
        "id": app.id, "company": app.company, "company_id": app.company_id, "role": app.role,
        "posting_url": app.posting_url or None, "applied_on": app.applied_on.isoformat(), "channel": app.channel,
        "status": app.status, "contact_person_id": app.contact_person_id,
        "followed_up_at": app.followups[-1].isoformat() if app.followups else None,
        "followup_due": state.due, "followup_due_on": state.due_on.isoformat() if state.due_on else None,
        "followup": "followed up — now wait" if app.followups else state.reason,
    }


def list_applications(uow: UnitOfWork, clock: Clock, settings: Settings, acting_login: str) -> list[dict[str, Any]]:
    now = clock.now()
    with uow:
        user = acting_user(uow, clock, acting_login)
        apps = uow.seeker.for_user(user.id, now)
    return [application_view(a, _state(a, now, settings)) for a in apps]


def followups_due(uow: UnitOfWork, clock: Clock, settings: Settings, acting_login: str) -> list[dict[str, Any]]:
    """Follow-up calls due today, each with who to call, whether the window is open, and the script."""
    now = clock.now()
    rules = policy_settings(settings, now.year)
    due = []
    with uow:
        user = acting_user(uow, clock, acting_login)
        for app in uow.seeker.for_user(user.id, now):
            state = _state(app, now, settings)
            if not state.due:
                continue
            view = application_view(app, state)
            contact = uow.people.get(app.contact_person_id) if app.contact_person_id else None
            if contact is not None:
                person, history, marks = as_of(uow, contact.id or 0, now)
                decision = decide(person, None, history, now, rules, None, marks)
                view["contact"] = {"id": contact.id, "name": contact.name,
                                   "phone": contact.phones[0].e164 if contact.phones else None}
                view["callable_now"] = decision.callable
                view["policy"] = list(decision.reasons)
            else:
                view["contact"] = None
                view["callable_now"] = False
                view["policy"] = ["No contact known: add the hiring manager with `callsheet apply ... --contact-name`"]
            due.append(view)
    for view in due:
        # The follow-up script of the scripts feature: confirm it arrived, is it still open, then stop.
        if view["contact"] is not None:
            call = scripts_for_call(uow, clock, settings, acting_login, CallKind.SEEKER_FOLLOWUP,
                                    view["contact"]["id"], None)
            view["script"] = call["conversation"]["text"]
            view["voicemail"] = call["voicemail"]["text"]
        else:
            view["script"] = view["voicemail"] = None
    return due


def log_followup(uow: UnitOfWork, clock: Clock, settings: Settings, app_id: int, outcome: str, note: str,
                 acting_login: str) -> Touch:
    """Log the one follow-up call of an application; a second is refused with the reason."""
    now = clock.now()
    with uow:
        app = uow.seeker.get(app_id, now)
        if app is None:
            raise NotFound("application", app_id)
        if app.contact_person_id is None:
            raise BadInput("application", "no contact to call: add the hiring manager first")
        state = _state(app, now, settings)
        if not state.due:
            raise Refused(state.reason)
        contact = uow.people.get(app.contact_person_id)
        assert contact is not None
        person, history, marks = as_of(uow, app.contact_person_id, now)
        decision = decide(person, None, history, now, policy_settings(settings, now.year), None, marks)
        if not decision.callable:
            raise Refused("; ".join(decision.reasons))
        touch_id = record_touch(uow, clock, LogRequest(person_id=app.contact_person_id, outcome=outcome, note=note),
                                acting_login, Where.of(settings))
        uow.seeker.link_touch(touch_id, app_id, True)
        touch: Touch | None = uow.touches.get(touch_id)
    assert touch is not None
    return touch
