"""The person card: who they are, their numbers, their pipelines, every touch, their suppression."""

from __future__ import annotations

from typing import Any

from callsheet.clock import Clock
from callsheet.domain.errors import NotFound
from callsheet.domain.model import Suppression
from callsheet.domain.policy import suppression_reason
from callsheet.services.calling.policy import decision_view, why
from callsheet.services.people.resumes import resume_views
from callsheet.services.people.suppressions import number_warnings, person_marks
from callsheet.services.unit import UnitOfWork
from callsheet.services.views import iso, person_view
from callsheet.settings import Settings


def person_card(uow: UnitOfWork, clock: Clock, person_id: int, settings: Settings | None = None) -> dict[str, Any]:
    """Everything a caller needs before dialling, newest touch first."""
    now = clock.now()
    with uow.reading():
        person = uow.people.get(person_id)
        if person is None:
            raise NotFound("person", person_id)
        history = uow.touches.for_person(person_id, until=now)
        candidacies = uow.jobs.candidacies_of(person_id)
        jobs = {job.id: job for c in candidacies if (job := uow.jobs.get(c.job_id)) is not None}
        referred_by = uow.people.get(person.referred_by_id) if person.referred_by_id else None
        audit = uow.touches.suppression_events(person_id)
        marks = person_marks(uow, person)
        resumes = uow.resumes.of_person(person_id)
    card = person_view(person)
    if settings is not None:
        card["decision"] = decision_view(why(uow, clock, settings, person_id))
        card["warnings"] = number_warnings(marks, now, settings.timezone)
        card["marked_numbers"] = sorted({m.e164 for m in marks if m.in_force(now)})
        # An admin releases a marked person's claim; a do-not-call list's claim ends with the list's.
        card["releasable_numbers"] = sorted({m.e164 for m in marks if m.in_force(now) and m.person_id is not None})
        if person.suppression is not Suppression.NONE:
            card["suppression_text"] = suppression_reason(person, settings.timezone)
    card["referred_by"] = {"id": referred_by.id, "name": referred_by.name} if referred_by else None
    card["candidacies"] = [
        {"job_id": c.job_id, "job": jobs[c.job_id].title, "company": jobs[c.job_id].company,
         "stage": c.stage.value, "is_target": c.is_target}
        for c in candidacies if c.job_id in jobs
    ]
    card["history"] = [
        {"id": t.id, "at": iso(t.at), "kind": t.kind.value, "direction": t.direction, "outcome": t.outcome.value,
         "job_id": t.job_id, "phone": t.phone or None, "reason": t.reason or None, "notes": t.notes,
         "rung": t.rung or None, "callback_at": iso(t.callback_at), "user": t.user or None,
         "duration_s": t.duration_s}
        for t in reversed(history)
    ]
    card["resumes"] = resume_views(resumes)
    card["suppression_audit"] = [
        {"action": e.action, "suppression": e.suppression, "reason": e.reason, "user": e.user, "at": iso(e.at)}
        for e in audit if e.at <= now
    ]
    return card
