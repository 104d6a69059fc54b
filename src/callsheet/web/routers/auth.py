"""Sign in and sign out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from callsheet.domain.desks import LOGIN
from callsheet.domain.sign_in import wait_words
from callsheet.http.sessions import COOKIE, MAX_AGE, Session, new_session
from callsheet.services.accounts import access as access
from callsheet.services.accounts import desks as desks_service
from callsheet.services.accounts import sign_in as signing
from callsheet.services.accounts import users as accounts
from callsheet.web.deps import ClockDep, CsrfChecked, SessionDep, StateDep, read_session
from callsheet.web.templating import render

router = APIRouter()


def set_session(response: Response, state: StateDep, session: Session) -> None:
    response.set_cookie(COOKIE, state.signer.dump(session), max_age=MAX_AGE, path="/", httponly=True,
                        samesite="lax", secure=state.settings.cookie_secure)


def _safe_next(target: str) -> str:
    # Only paths on this site: never bounce a signed-in user to another host.
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


@router.get("/login")
def login_page(request: Request, state: StateDep, next: str = "/") -> Response:
    # A session without a user carries the CSRF token of the sign-in form itself.
    session = read_session(request, state) or new_session()
    request.state.session = session
    response = render(request, "login.html", {"next": _safe_next(next), "error": ""})
    set_session(response, state, session)
    return response


@router.post("/login", dependencies=[CsrfChecked])
def login(request: Request, state: StateDep, clock: ClockDep, email: Annotated[str, Form()] = "",
          password: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/") -> Response:
    address = request.client.host if request.client else "unknown"
    # The login's desk (desk_keys); an unknown login is checked, and refused, like a wrong password.
    held = desks_service.desk_holding(state.operator_uow(), LOGIN, email.strip().lower())
    desk = state.view(held.id if held else None)
    attempt = signing.sign_in(desk.uow(), desk.clock, email, password, address)
    user = attempt.user
    if user is None:
        error, status = "Wrong email or password.", 401
        if attempt.retry_at is not None:
            error, status = f"Too many attempts: try again in {wait_words(attempt.retry_at, clock.now())}.", 429
        return render(request, "login.html", {"next": _safe_next(next), "error": error, "email": email},
                      status_code=status)
    target = _safe_next(next)
    if target == "/":
        target = "/sheet" if access.works_the_desk(user) else "/jobs"
    response = RedirectResponse(target, status_code=303)
    set_session(response, state, new_session(user.id, attempt.session_version, desk.desk_id))
    return response


@router.post("/logout", dependencies=[CsrfChecked])
def logout(request: Request, state: StateDep, uow: SessionDep) -> Response:
    # Signing out ends the session itself, so a copy of this cookie taken earlier opens nothing either.
    session = read_session(request, state)
    if (session is not None and session.user_id is not None
            and accounts.active_user(uow, session.user_id, session.version) is not None):
        signing.sign_out(uow, session.user_id)
    response = RedirectResponse("/login", status_code=303)
    set_session(response, state, new_session())
    return response
