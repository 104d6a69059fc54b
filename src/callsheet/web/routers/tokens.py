"""API tokens in the web desk: a user's own (/tokens: make a named one, shown once; revoke one), and the
admins' page of users (/users: each user's tokens, and "sign out everywhere")."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from callsheet.domain.errors import BadInput
from callsheet.domain.tokens import NAME_MAX
from callsheet.domain.users import User
from callsheet.services.accounts import access as access
from callsheet.services.accounts import sign_in as signing
from callsheet.services.accounts import tokens as tokens
from callsheet.services.accounts import users as accounts
from callsheet.web.deps import ClockDep, CsrfChecked, CurrentUser, PathId, SessionDep, StateDep
from callsheet.web.templating import render

router = APIRouter()


def _own_page(request: Request, uow: SessionDep, clock: ClockDep, user: User, new_token: str = "",
              error: str = "", name: str = "", status_code: int = 200) -> Response:
    return render(request, "tokens.html", {
        "tokens": tokens.list_tokens(uow, clock, user), "new_token": new_token, "error": error, "name": name,
        "name_max": NAME_MAX, "back": "/tokens"}, status_code=status_code)


#: A new token travels from the form's answer to the tokens page in a signed cookie of that page's own
#: path, read once: a reload shows the page again and makes no second token.
NEW_TOKEN_COOKIE = "callsheet_new_token"
NEW_TOKEN_SECONDS = 300


@router.get("/tokens")
def own_tokens(request: Request, state: StateDep, uow: SessionDep, clock: ClockDep, user: CurrentUser) -> Response:
    note = state.signer.load_note(request.cookies.get(NEW_TOKEN_COOKIE), NEW_TOKEN_SECONDS) or ""
    owner, _, new_token = note.partition(":")
    response = _own_page(request, uow, clock, user, new_token=new_token if owner == str(user.id) else "")
    if note:
        response.headers["Cache-Control"] = "no-store"
        response.delete_cookie(NEW_TOKEN_COOKIE, path="/tokens")
    return response


@router.post("/tokens", dependencies=[CsrfChecked])
def make_token(request: Request, state: StateDep, uow: SessionDep, clock: ClockDep, user: CurrentUser,
               name: Annotated[str, Form()] = "") -> Response:
    # The token is shown once, on the page this redirects to: only its hash is kept, so it cannot be
    # shown again.
    try:
        made = tokens.new_token(uow, clock, user.login, name)
    except BadInput as exc:
        return _own_page(request, uow, clock, user, error=str(exc), name=name, status_code=422)
    response = RedirectResponse("/tokens", status_code=303)
    response.set_cookie(NEW_TOKEN_COOKIE, state.signer.dump_note(f"{user.id}:{made}"), max_age=NEW_TOKEN_SECONDS,
                        path="/tokens", httponly=True, samesite="lax", secure=state.settings.cookie_secure)
    return response


@router.post("/tokens/{token_id}/revoke", dependencies=[CsrfChecked])
def revoke_token(uow: SessionDep, clock: ClockDep, user: CurrentUser, token_id: PathId,
                 back: Annotated[str, Form()] = "/tokens") -> Response:
    tokens.revoke_token(uow, clock, user, token_id)
    return RedirectResponse("/users" if back == "/users" else "/tokens", status_code=303)


@router.get("/users")
def users_page(request: Request, uow: SessionDep, clock: ClockDep, user: CurrentUser) -> Response:
    admin = access.require_admin(user)
    everyone = accounts.list_users(uow, admin)
    held = tokens.list_tokens(uow, clock, admin, everyone=True)
    return render(request, "users.html", {
        "users": [(u, [t for t in held if t.owner == u.login]) for u in everyone], "back": "/users",
        "signed_out": request.query_params.get("signed_out", "")})


@router.post("/users/signout", dependencies=[CsrfChecked])
def sign_out_everywhere(uow: SessionDep, user: CurrentUser, email: Annotated[str, Form()] = "") -> Response:
    """The same as `callsheet user signout EMAIL`: every session of that user ends (their tokens are kept)."""
    access.require_admin(user)
    ended = signing.sign_out_everywhere(uow, email)
    return RedirectResponse(f"/users?signed_out={ended.id}", status_code=303)
