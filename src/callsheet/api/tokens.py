"""/api/v1/tokens: the caller's own API tokens, and revoking one (its owner, or an admin any)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from callsheet.api.schemas import PathId
from callsheet.http.deps import ApiUser, ClockDep, SessionDep
from callsheet.services.accounts import tokens as tokens
from callsheet.services.views import token_view

router = APIRouter(prefix="/tokens", tags=["tokens"])


@router.get("")
def list_own_tokens(uow: SessionDep, clock: ClockDep, user: ApiUser) -> list[dict[str, Any]]:
    """The caller's tokens, revoked ones too, with when each was made and last used (noted at most once a minute)."""
    return [token_view(t) for t in tokens.list_tokens(uow, clock, user)]


@router.delete("/{token_id}")
def revoke_token(uow: SessionDep, clock: ClockDep, user: ApiUser, token_id: PathId) -> dict[str, Any]:
    """Revoke a token: from now on it opens no route. The caller's own, or any user's for an admin."""
    return token_view(tokens.revoke_token(uow, clock, user, token_id))
