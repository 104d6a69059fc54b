"""Who may see what: roles and a hiring manager's company scope, decided once for the web desk and the API."""

from __future__ import annotations

from dataclasses import dataclass

from callsheet.domain.errors import Forbidden, NotFound, NotSignedIn
from callsheet.domain.model import Candidacy, Job, Role
from callsheet.domain.users import User
from callsheet.services.jobs import pipelines as job_service
from callsheet.services.unit import UnitOfWork

DESK_ROLES = frozenset({Role.ADMIN.value, Role.RECRUITER.value})


@dataclass(frozen=True)
class DeskToken:
    """An API token given to a service that checks it inside its own unit of work.

    The API usually checks the token in a dependency (a transaction and a thread of its own); the
    busiest endpoint, logging a touch, hands the token to the service instead, so the check and the
    write share one transaction. The holder must be an active user who works the desk.
    """

    token: str


def desk_holder(user: User | None) -> User:
    """The holder found for a token, if any (401 if none), if they work the desk (403 if not)."""
    if user is None:
        raise NotSignedIn()
    return require_desk(user)


def works_the_desk(user: User) -> bool:
    return user.role in DESK_ROLES


def require_desk(user: User) -> User:
    """Recruiters and admins work the desk; a hiring manager only reads their company's jobs."""
    if not works_the_desk(user):
        raise Forbidden(f"{user.login} is a {user.role}: only the jobs of their own company are open to them")
    return user


def require_admin(user: User, act: str = "do this") -> User:
    if user.role != Role.ADMIN.value:
        raise Forbidden(f"only an admin may {act}; {user.login} is a {user.role}")
    return user


def visible_jobs(uow: UnitOfWork, user: User, status: str | None = "open") -> list[Job]:
    if works_the_desk(user):
        return job_service.list_jobs(uow, status)
    if user.company_id is None:
        return []
    jobs = job_service.list_jobs(uow, status)
    return [j for j in jobs if j.company_id == user.company_id]


def job_pipeline(uow: UnitOfWork, user: User, job_id: int) -> tuple[Job, list[Candidacy], dict[int, str]]:
    """A job and its pipeline; another company's job does not exist for a hiring manager (404, not 403)."""
    job, rows, names = job_service.pipeline(uow, job_id)
    if not works_the_desk(user) and job.company_id != user.company_id:
        raise NotFound("job", job_id)
    return job, rows, names


def readable_job(uow: UnitOfWork, user: User, job_id: int) -> Job:
    """A job the user may read (its report too); another company's job does not exist for a hiring manager."""
    with uow:
        job: Job | None = uow.jobs.get(job_id)
    if job is None or (not works_the_desk(user) and job.company_id != user.company_id):
        raise NotFound("job", job_id)
    return job
