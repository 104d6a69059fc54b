"""The common touch, logged in one write: most of what scripts log through the API is a plain attempt.

A plain touch is a valid request whose outcome acts on the touch alone: an attempt (no answer, busy,
voicemail, connected, sent) or a hang-up, about no job, with no callback time and no referral. For
those, `log_plain_touch` checks the request as `outreach.log_touch` does (the same `check_request`),
and the store checks the token's holder, the person and the phone while it writes (one statement on
PostgreSQL). Everything else answers None, and the caller hands the request to `outreach.log_touch`:
an outcome about a job (its pipeline), a callback, a referral, a suppression (do not call, deceased:
their audit trail), a wrong number (the phone's status), and every request with anything wrong in it,
so that each error keeps the one message and status the full service gives. None means "not done
here, and nothing was written".
"""

from __future__ import annotations

from datetime import UTC, datetime

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput
from callsheet.domain.outcomes import Outcome, Touch, TouchKind
from callsheet.lookup.phones import normalize
from callsheet.services.accounts.access import DESK_ROLES, DeskToken
from callsheet.services.accounts.users import hash_token
from callsheet.services.calling.log import LogRequest, check_request
from callsheet.store.loop_pool import LoopPool
from callsheet.store.plain_touches import PlainTouch, Written, write_plain_touch, write_plain_touch_on_loop
from callsheet.store.uow import UnitOfWork

#: Outcomes that act on nothing but the touch (outcomes.SCOPE: the attempts, and a hang-up, which is
#: about the person yet marks nothing).
PLAIN_OUTCOMES = frozenset({Outcome.NO_ANSWER, Outcome.BUSY, Outcome.VOICEMAIL, Outcome.CONNECTED, Outcome.SENT,
                            Outcome.HUNG_UP})


def plain_touch(req: LogRequest, token: DeskToken, now: datetime, region: str) -> PlainTouch | None:
    """The request as a plain touch, or None if it is not one (or has anything wrong in it)."""
    if req.job_id is not None or req.callback_at is not None or req.referral_name or req.referral_phone:
        return None
    try:
        outcome, at = check_request(req, now)
        phone = normalize(req.phone, region) if req.phone else ""
    except BadInput:
        return None
    if outcome not in PLAIN_OUTCOMES:
        return None
    kind = TouchKind.for_outcome(outcome, req.kind).value
    return PlainTouch(hash_token(token.token), tuple(sorted(DESK_ROLES)), req.person_id, outcome.value, kind,
                      phone, req.direction, at, req.duration_s, req.reason, req.note.strip(), req.rung)


def log_plain_touch(uow: UnitOfWork, clock: Clock, req: LogRequest, token: DeskToken,
                    region: str = "US") -> Touch | None:
    """`outreach.log_touch` for a plain touch: the touch as stored, or None when the full service must
    answer (not plain, or the token, person or phone did not check out; then nothing was written)."""
    now = clock.now()
    plain = plain_touch(req, token, now, region)
    if plain is None:
        return None
    with uow.one_statement():
        written = write_plain_touch(uow.connection, plain, now)
    return _as_stored(plain, written)


async def log_plain_touch_on_loop(pool: LoopPool, clock: Clock, req: LogRequest, token: DeskToken,
                                  region: str = "US") -> Touch | None:
    """`log_plain_touch` on PostgreSQL, awaited on the event loop that owns `pool` (no thread hop)."""
    now = clock.now()
    plain = plain_touch(req, token, now, region)
    if plain is None:
        return None
    async with pool.connection() as connection:
        written = await write_plain_touch_on_loop(connection, plain, now)
    return _as_stored(plain, written)


def _as_stored(plain: PlainTouch, written: Written | None) -> Touch | None:
    if written is None:
        return None
    # The touch as the store gives it back (times in UTC, the user's name), as log_touch answers it.
    return Touch(person_id=plain.person_id, at=plain.at.astimezone(UTC), outcome=Outcome(plain.outcome),
                 kind=TouchKind(plain.kind), phone=written.phone, direction=plain.direction,
                 duration_s=plain.duration_s, reason=plain.reason, notes=plain.notes, rung=plain.rung,
                 user=written.user_name, id=written.id)
