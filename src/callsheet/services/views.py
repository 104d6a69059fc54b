"""Plain-dict views of domain objects: what --json prints and the API returns."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from callsheet.domain.model import Candidacy, Job, Person
from callsheet.domain.outcomes import Touch
from callsheet.domain.tokens import ApiToken


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def person_view(p: Person) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "first_name": p.first_name,
        "last_name": p.last_name,
        # E.164 strings, the contract scripts rely on; status per number under phone_details.
        "phones": [ph.e164 for ph in p.phones],
        "phone_details": [
            {"e164": ph.e164, "status": ph.status.value, "label": ph.label, "timezones": list(ph.timezones)}
            for ph in p.phones
        ],
        "emails": list(p.emails),
        "company": p.company,
        "company_id": p.company_id,
        "title": p.title,
        "seniority": p.seniority,
        "skills": list(p.skills),
        "city": p.city,
        "state": p.state,
        "zip": p.zip,
        "lat": p.lat,
        "lon": p.lon,
        "timezone": p.timezone,
        "active": p.active,
        "linkedin_url": p.linkedin_url or None,
        "suppression": p.suppression.value,
        "suppressed_at": iso(p.suppressed_at),
        "suppressed_by": p.suppressed_by or None,
        "referred_by_id": p.referred_by_id,
    }


def job_view(j: Job) -> dict[str, Any]:
    return {
        "id": j.id,
        "title": j.title,
        "company_id": j.company_id,
        "company": j.company,
        "hiring_manager_id": j.hiring_manager_id,
        "city": j.city,
        "state": j.state,
        "zip": j.zip,
        "timezone": j.timezone,
        "seniority": j.seniority,
        "skills": list(j.skills),
        "urgency": j.urgency,
        "opportunity": j.opportunity,
        "heat": j.heat,
        "fee_type": j.fee_type.value,
        "status": j.status.value,
        "owner": j.owner or None,
    }


def candidacy_view(c: Candidacy, name: str | None = None) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": c.id,
        "job_id": c.job_id,
        "person_id": c.person_id,
        "stage": c.stage.value,
        "is_target": c.is_target,
        "updated_at": iso(c.updated_at),
    }
    if name is not None:
        view["name"] = name
    return view


def touch_view(t: Touch) -> dict[str, Any]:
    return {
        "id": t.id, "person_id": t.person_id, "job_id": t.job_id, "at": iso(t.at), "kind": t.kind.value,
        "direction": t.direction, "outcome": t.outcome.value, "phone": t.phone or None, "reason": t.reason or None,
        "notes": t.notes, "rung": t.rung or None, "callback_at": iso(t.callback_at), "user": t.user or None,
        "duration_s": t.duration_s, "referral_person_id": t.referral_person_id,
        "pipeline_held_for": t.pipeline_held_for or None,
    }


def token_view(t: ApiToken) -> dict[str, Any]:
    """An API token as listed: never the token itself."""
    return {"id": t.id, "name": t.name, "owner": t.owner, "created_at": iso(t.created_at),
            "last_used_at": iso(t.last_used_at), "revoked_at": iso(t.revoked_at), "revoked_by": t.revoked_by or None}
