"""Jobs and pipelines: add a search for a client, put people in it, move them through stages."""

from __future__ import annotations

from dataclasses import dataclass

from callsheet.clock import Clock
from callsheet.domain.bounds import check_texts
from callsheet.domain.contacts import check_name
from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.model import Candidacy, FeeType, Job, JobStatus, Stage, check_level, parse_skills
from callsheet.lookup import places
from callsheet.services.accounts.acting import acting_user
from callsheet.services.unit import UnitOfWork


@dataclass
class NewJob:
    title: str
    client: str
    city: str = ""
    state: str = ""
    zip: str = ""
    seniority: int | None = None
    skills: str = ""
    urgency: int = 3
    opportunity: int = 3
    fee_type: str = "contingent"
    hiring_manager_id: int | None = None
    owner: str = ""


def _choice(field: str, value: str, allowed: type[FeeType] | type[Stage] | type[JobStatus]) -> str:
    names = [m.value for m in allowed]
    if value not in names:
        raise BadInput(field, f"{value!r} is not one of {', '.join(names)}")
    return value


def add_job(uow: UnitOfWork, clock: Clock, data: NewJob, acting_login: str) -> Job:
    check_texts(vars(data), long=("skills",))
    title = check_name(data.title, "title")
    client = check_name(data.client, "client")
    job = Job(title=title, company_id=0, company=client,
              seniority=check_level("seniority", data.seniority),
              skills=parse_skills(data.skills), urgency=check_level("urgency", data.urgency) or 3,
              opportunity=check_level("opportunity", data.opportunity) or 3,
              fee_type=FeeType(_choice("fee_type", data.fee_type, FeeType)))
    place = places.resolve_parts(data.city.strip() or None, data.state.strip() or None, data.zip.strip() or None)
    if place is not None:
        job.city, job.state, job.zip = place.city, place.state, place.zip
        job.lat, job.lon, job.timezone = place.lat, place.lon, place.timezone
    now = clock.now()
    with uow:
        if data.hiring_manager_id is not None and uow.people.get(data.hiring_manager_id) is None:
            raise NotFound("person", data.hiring_manager_id)
        job.hiring_manager_id = data.hiring_manager_id
        job.company_id = uow.jobs.company_id_for(client, now, is_client=True)
        owner = acting_user(uow, clock, data.owner or acting_login)
        uow.jobs.add(job, now, owner.id)
        stored: Job | None = uow.jobs.get(job.id or 0)
    assert stored is not None
    return stored


def get_job(uow: UnitOfWork, job_id: int) -> Job:
    with uow:
        job: Job | None = uow.jobs.get(job_id)
    if job is None:
        raise NotFound("job", job_id)
    return job


def list_jobs(uow: UnitOfWork, status: str | None = "open") -> list[Job]:
    if status:
        _choice("status", status, JobStatus)
    with uow:
        jobs: list[Job] = uow.jobs.all(status)
    return jobs


def add_to_pipeline(uow: UnitOfWork, clock: Clock, job_id: int, person_id: int,
                    target: bool = False) -> Candidacy:
    """Put a person in a job's pipeline (sourced). Adding them twice changes nothing."""
    with uow:
        if uow.jobs.get(job_id) is None:
            raise NotFound("job", job_id)
        if uow.people.get(person_id) is None:
            raise NotFound("person", person_id)
        existing: Candidacy | None = uow.jobs.candidacy(job_id, person_id)
        if existing is not None:
            return existing
        candidacy = Candidacy(job_id=job_id, person_id=person_id, is_target=target)
        uow.jobs.add_candidacy(candidacy, clock.now())
        added: Candidacy = uow.jobs.candidacy(job_id, person_id)
    return added


def move_stage(uow: UnitOfWork, clock: Clock, job_id: int, person_id: int, stage: str) -> Candidacy:
    new_stage = Stage(_choice("stage", stage, Stage))
    with uow:
        if uow.jobs.candidacy(job_id, person_id) is None:
            raise NotFound("candidacy", f"of person {person_id} in job {job_id}")
        uow.jobs.set_stage(job_id, person_id, new_stage, clock.now())
        moved: Candidacy = uow.jobs.candidacy(job_id, person_id)
    return moved


def pipeline(uow: UnitOfWork, job_id: int) -> tuple[Job, list[Candidacy], dict[int, str]]:
    """The job, its candidacies, and each person's name."""
    with uow:
        job = uow.jobs.get(job_id)
        if job is None:
            raise NotFound("job", job_id)
        rows = uow.jobs.pipeline(job_id)
        names = {p.id or 0: p.name for p in uow.people.get_many(c.person_id for c in rows)}
    return job, rows, names
