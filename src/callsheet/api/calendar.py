"""/api/v1/callbacks.ics: open callbacks as an iCalendar feed a calendar app can subscribe to."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from callsheet.domain.errors import NotSignedIn
from callsheet.domain.users import User
from callsheet.http.deps import ClockDep, SessionDep, api_user
from callsheet.services.accounts import access as access
from callsheet.services.accounts import tokens as tokens
from callsheet.services.calling.callbacks import open_callbacks, to_ics

router = APIRouter(tags=["calendar"])


def feed_user(request: Request, uow: SessionDep, clock: ClockDep,
              token: Annotated[str, Query(max_length=200, description="API token, for calendar apps")] = "") -> User:
    # Calendar apps cannot send headers, so the feed also takes the token in its URL.
    user = tokens.user_for_token(uow, clock, token) if token else api_user(request, uow, clock)
    if user is None:
        raise NotSignedIn()
    return access.require_desk(user)


@router.get("/callbacks.ics", response_class=Response,
            responses={200: {"content": {"text/calendar": {}}, "description": "An iCalendar feed"}})
def callbacks_feed(uow: SessionDep, clock: ClockDep, user: Annotated[User, Depends(feed_user)],
                   mine: bool = False) -> Response:
    callbacks = open_callbacks(uow, clock, user.id if mine else None)
    return Response(to_ics(callbacks, clock.now()), media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'inline; filename="callbacks.ics"'})
