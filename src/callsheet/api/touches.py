"""/api/v1/touches: log what happened on a call.

Most requests are answered by the front in api/touch_front.py, which calls the same service; this route
answers the rest (every error, large bodies) and gives the OpenAPI schema.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from callsheet.api.links import LOG_TOUCH, person_links
from callsheet.api.schemas import TouchIn
from callsheet.http.deps import ApiDeskToken, ClockDep, SessionDep, SettingsDep
from callsheet.services.calling.log import Where, log_touch
from callsheet.services.views import touch_view

router = APIRouter(prefix="/touches", tags=["touches"])

#: The answer's shape for the schema (the endpoint returns its JSON itself: see below).
TOUCH_SCHEMA: dict[str, Any] = {"type": "object", "additionalProperties": True}


@router.post("", status_code=201, response_class=JSONResponse, operation_id=LOG_TOUCH,
             responses={201: {"description": "The touch as stored.",
                              "content": {"application/json": {"schema": TOUCH_SCHEMA}},
                              "links": person_links("$response.body#/person_id")},
                        409: {"description": "The note says the person died or asked never to be called again "
                                             "and the outcome says less: nothing stored. `suggested_outcome` names "
                                             "the outcome to send, or send `keep_outcome: true`."}})
def log(uow: SessionDep, clock: ClockDep, settings: SettingsDep, token: ApiDeskToken, body: TouchIn) -> JSONResponse:
    # The token is checked by the service, with the touch's own reads.
    touch = log_touch(uow, clock, body.request(), token, Where.of(settings))
    return JSONResponse(touch_view(touch), status_code=201)
