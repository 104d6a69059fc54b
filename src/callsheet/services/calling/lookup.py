"""Memory for inbound calls: who owns this number, and what matters about them first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput
from callsheet.domain.model import CLOSED_STAGES
from callsheet.lookup.phones import try_normalize
from callsheet.services.people.cards import person_card
from callsheet.services.unit import UnitOfWork
from callsheet.settings import Settings

_CLOSED = {s.value for s in CLOSED_STAGES}


def memory(card: dict[str, Any], now: datetime) -> dict[str, Any]:
    """What a caller must see first: last outcome, every decline and why, open pipelines, promised callbacks.

    Built from the card's own history (newest first), so the card and its memory never disagree.
    """
    history = card["history"]
    jobs = {c["job_id"]: f"{c['job']} ({c['company']})" for c in card["candidacies"]}

    def brief(t: dict[str, Any]) -> dict[str, Any]:
        return {"at": t["at"], "outcome": t["outcome"], "reason": t["reason"], "job_id": t["job_id"],
                "job": jobs.get(t["job_id"]), "notes": t["notes"], "user": t["user"]}

    callbacks = []
    for i, t in enumerate(history):
        if t["callback_at"] is None:
            continue
        # A callback is still owed until someone touches the person about that job again.
        later = [x for x in history[:i] if x["job_id"] == t["job_id"] or x["job_id"] is None]
        if not later:
            due = datetime.fromisoformat(t["callback_at"]) <= now
            callbacks.append({**brief(t), "callback_at": t["callback_at"], "due": due})
    return {
        "last_outcome": brief(history[0]) if history else None,
        "declines": [brief(t) for t in history if t["outcome"] == "declined"],
        "open_candidacies": [c for c in card["candidacies"] if c["stage"] not in _CLOSED],
        "callbacks": callbacks,
        "referred_by": card["referred_by"],
    }


def lookup(uow: UnitOfWork, clock: Clock, settings: Settings, raw: str) -> dict[str, Any]:
    """Everyone who has this number, in any format, each with their card and its memory first."""
    e164 = try_normalize(raw, settings.phone_region)
    if e164 is None:
        raise BadInput("phone", f"{raw!r} is not a phone number")
    with uow:
        ids = uow.people.ids_by_phone(e164)
    now = clock.now()
    people = []
    for person_id in ids:
        card = person_card(uow, clock, person_id, settings)
        people.append({**card, "memory": memory(card, now)})
    return {"found": bool(people), "phone": e164, "people": people}
