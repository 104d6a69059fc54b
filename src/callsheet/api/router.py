"""All of /api/v1, one router per resource."""

from __future__ import annotations

from fastapi import APIRouter

from callsheet.api import calendar, calls, jobs, people, queue, search, tokens, touches
from callsheet.api.schemas import REFUSALS

# Every refusal documented once, in the shape web/errors.py answers with.
router = APIRouter(responses=REFUSALS)
for module in (people, jobs, touches, calls, queue, calendar, search, tokens):
    router.include_router(module.router)
