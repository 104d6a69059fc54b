"""The busiest write of the desk in as few round trips as each store allows: a plain touch from an API token.

A plain touch is one whose outcome acts on nothing but the touch itself (see services/calling/plain_touches.py):
no pipeline, no suppression, no phone status. Writing one takes the token's holder, the person, the
phone the touch was on, the insert, and people.last_touch_at. On PostgreSQL all of that is ONE
statement (data-modifying CTEs are one atomic statement, so it runs in autocommit: no BEGIN, no
COMMIT, one round trip); on SQLite, where a statement cannot carry an INSERT and an UPDATE together,
the same steps run as a few statements inside the unit of work's own transaction (in-process, no
round trips to save). Either way, when anything is missing (no such holder or person, a phone that
is not the person's) nothing is written and None is returned: the caller then hands the request to
the full service, which says what is wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from sqlalchemy import Connection

from callsheet.domain.model import PhoneStatus
from callsheet.store.raw import RawStatement, time_param

#: The phone a touch was on: the one named, if it is the person's (NULL otherwise: nothing is
#: written), or else the person's first usable number, or '' when they have none.
_CHOSEN_PHONE = f"""
CASE WHEN :phone = ''
     THEN COALESCE((SELECT e164 FROM phones WHERE person_id = :person_id AND status = '{PhoneStatus.OK.value}'
                    ORDER BY position, id LIMIT 1), '')
     ELSE (SELECT e164 FROM phones WHERE person_id = :person_id AND e164 = :phone LIMIT 1) END
"""

#: The token's holder, if active and in one of the roles that work the desk (given by the service).
_HOLDER = "SELECT id, name FROM users WHERE token_hash = :token_hash AND active AND role IN ({roles})"

_POSTGRES = RawStatement(f"""
WITH holder AS ({_HOLDER.format(roles="SELECT unnest(CAST(:desk_roles AS TEXT[]))")}),
chosen AS (SELECT p.id AS person_id, {_CHOSEN_PHONE} AS phone FROM people p WHERE p.id = :person_id),
added AS (
    INSERT INTO touches (person_id, job_id, phone, kind, direction, at, duration_s, outcome, reason, notes, rung,
                         callback_at, user_id, referral_person_id, created_at)
    SELECT chosen.person_id, NULL, chosen.phone, :kind, :direction, CAST(:at AS TIMESTAMPTZ),
           CAST(:duration_s AS INTEGER), :outcome, :reason, :notes, :rung, NULL, holder.id, NULL,
           CAST(:now AS TIMESTAMPTZ)
    FROM holder, chosen WHERE chosen.phone IS NOT NULL
    RETURNING id, person_id, phone, at
),
moved AS (
    UPDATE people SET last_touch_at = added.at FROM added
    WHERE people.id = added.person_id AND (people.last_touch_at IS NULL OR people.last_touch_at < added.at)
)
SELECT added.id, added.phone, holder.name FROM added, holder
""")

_SQLITE_HOLDER = RawStatement(_HOLDER.format(roles="SELECT value FROM json_each(:desk_roles)"))
_SQLITE_PHONE = RawStatement(f"SELECT {_CHOSEN_PHONE} FROM people WHERE id = :person_id")
_SQLITE_INSERT = RawStatement("""
INSERT INTO touches (person_id, job_id, phone, kind, direction, at, duration_s, outcome, reason, notes, rung,
                     callback_at, user_id, referral_person_id, created_at)
VALUES (:person_id, NULL, :chosen, :kind, :direction, :at, :duration_s, :outcome, :reason, :notes, :rung, NULL,
        :user_id, NULL, :now)
RETURNING id
""")
# Only forward: a touch logged late, for an earlier moment, leaves a later one in place.
_SQLITE_LAST_TOUCH = RawStatement("""
UPDATE people SET last_touch_at = :at WHERE id = :person_id AND (last_touch_at IS NULL OR last_touch_at < :at)
""")


@dataclass(frozen=True)
class PlainTouch:
    """What the caller has checked: a touch that acts on nothing but itself, and whose token asks for it."""

    token_hash: str
    desk_roles: tuple[str, ...]  # the roles whose tokens may log touches
    person_id: int
    outcome: str
    kind: str
    phone: str  # E.164, or '' for the person's first usable number
    direction: str
    at: datetime
    duration_s: int | None
    reason: str
    notes: str
    rung: str


def _params(touch: PlainTouch, at: Any, now: Any) -> dict[str, Any]:
    return {"token_hash": touch.token_hash, "desk_roles": list(touch.desk_roles), "person_id": touch.person_id,
            "outcome": touch.outcome, "kind": touch.kind, "phone": touch.phone, "direction": touch.direction, "at": at,
            "duration_s": touch.duration_s, "reason": touch.reason, "notes": touch.notes, "rung": touch.rung,
            "now": now}


@dataclass(frozen=True)
class Written:
    id: int
    phone: str
    user_name: str


def write_plain_touch(connection: Connection, touch: PlainTouch, now: datetime) -> Written | None:
    """Store the touch if its token's holder works the desk, the person exists and the phone is theirs.

    On PostgreSQL the connection must be in autocommit (the statement is its own transaction); on SQLite
    it must be in a writing transaction.
    """
    params = _params(touch, time_param(connection, touch.at), time_param(connection, now))
    if connection.dialect.name != "sqlite":
        rows = _POSTGRES.rows(connection, params)
        return Written(*rows[0]) if rows else None
    holder = _SQLITE_HOLDER.rows(connection, {**params, "desk_roles": json.dumps(params["desk_roles"])})
    chosen = _SQLITE_PHONE.rows(connection, params) if holder else []
    if not chosen or chosen[0][0] is None:
        return None
    user_id, user_name = holder[0]
    new_id = _SQLITE_INSERT.rows(connection, {**params, "chosen": chosen[0][0], "user_id": user_id})[0][0]
    _SQLITE_LAST_TOUCH.rows(connection, params)
    return Written(new_id, chosen[0][0], user_name)


async def write_plain_touch_on_loop(connection: psycopg.AsyncConnection[Any], touch: PlainTouch,
                                    now: datetime) -> Written | None:
    """`write_plain_touch` on PostgreSQL, awaited on the event loop (an autocommit connection of LoopPool)."""
    async with connection.cursor() as cursor:
        # Prepared on the server: the plan is made once per connection, not per request.
        await cursor.execute(_POSTGRES.postgres_sql, _params(touch, touch.at, now), prepare=True)
        row = await cursor.fetchone()
    return Written(*row) if row else None
