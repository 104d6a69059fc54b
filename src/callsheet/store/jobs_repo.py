"""Companies, jobs and their pipelines (candidacies)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from callsheet.domain.model import Candidacy, Company, FeeType, Job, JobStatus, Stage
from callsheet.lookup.companies import company_key
from callsheet.store.tables import candidacies, companies, jobs, users
from callsheet.store.tenancy import desk_of


class JobRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    # -- companies -----------------------------------------------------------------------------
    def company(self, company_id: int) -> Company | None:
        row = self.c.execute(select(companies).where(companies.c.desk_id == self.desk,
                                                          companies.c.id == company_id)).first()
        return Company(row.name, row.city, row.state, row.id) if row else None

    def company_by_name(self, name: str) -> Company | None:
        row = self.c.execute(select(companies).where(companies.c.desk_id == self.desk,
                                                   companies.c.name_key == company_key(name))).first()
        return Company(row.name, row.city, row.state, row.id) if row else None

    def company_id_for(self, name: str, now: datetime, is_client: bool = False) -> int:
        found = self.company_by_name(name)
        if found is not None and found.id is not None:
            if is_client:
                self.c.execute(update(companies).where(companies.c.desk_id == self.desk,
                                                        companies.c.id == found.id).values(is_client=True))
            return found.id
        new_id: int = self.c.execute(insert(companies).values(
            name=" ".join(name.split()), name_key=company_key(name), city="", state="",
            is_client=is_client, created_at=now,
        )).inserted_primary_key.id  # type: ignore[union-attr]
        return new_id

    def list_companies(self) -> list[Company]:
        rows = self.c.execute(select(companies).where(companies.c.desk_id == self.desk).order_by(companies.c.name))
        return [Company(r.name, r.city, r.state, r.id) for r in rows]

    # -- jobs ----------------------------------------------------------------------------------
    def _select(self) -> Any:
        return select(jobs, companies.c.name.label("company_name"), users.c.login.label("owner_login")).select_from(
            jobs.join(companies, (companies.c.desk_id == jobs.c.desk_id) & (companies.c.id == jobs.c.company_id))
            .outerjoin(users, (users.c.desk_id == jobs.c.desk_id) & (users.c.id == jobs.c.owner_id)
                       & (users.c.desk_id == self.desk))
        ).where(jobs.c.desk_id == self.desk, companies.c.desk_id == self.desk)

    @staticmethod
    def _job(r: Any) -> Job:
        return Job(
            id=r.id, title=r.title, company_id=r.company_id, company=r.company_name,
            hiring_manager_id=r.hiring_manager_id, city=r.city, state=r.state, zip=r.zip, lat=r.lat,
            lon=r.lon, timezone=r.timezone, seniority=r.seniority,
            skills=[s for s in r.skills.split(",") if s], urgency=r.urgency, opportunity=r.opportunity,
            fee_type=FeeType(r.fee_type), status=JobStatus(r.status), owner=r.owner_login or "",
        )

    def add(self, job: Job, now: datetime, owner_id: int | None) -> int:
        new_id: int = self.c.execute(insert(jobs).values(
            title=job.title, company_id=job.company_id, hiring_manager_id=job.hiring_manager_id,
            city=job.city, state=job.state, zip=job.zip, lat=job.lat, lon=job.lon, timezone=job.timezone,
            seniority=job.seniority, skills=",".join(job.skills), urgency=job.urgency,
            opportunity=job.opportunity, fee_type=job.fee_type.value, status=job.status.value,
            owner_id=owner_id, description="", created_at=now,
        )).inserted_primary_key.id  # type: ignore[union-attr]
        job.id = new_id
        return new_id

    def get(self, job_id: int) -> Job | None:
        row = self.c.execute(self._select().where(jobs.c.id == job_id)).first()
        return self._job(row) if row else None

    def all(self, status: str | None = None, company_id: int | None = None) -> list[Job]:
        query = self._select().order_by((jobs.c.urgency * jobs.c.opportunity).desc(), jobs.c.id)
        if status:
            query = query.where(jobs.c.status == status)
        if company_id is not None:
            query = query.where(jobs.c.company_id == company_id)
        return [self._job(r) for r in self.c.execute(query)]

    def set_status(self, job_id: int, status: JobStatus) -> None:
        self.c.execute(update(jobs).where(jobs.c.desk_id == self.desk, jobs.c.id == job_id).values(status=status.value))

    # -- pipeline ------------------------------------------------------------------------------
    @staticmethod
    def _candidacy(r: Any) -> Candidacy:
        return Candidacy(job_id=r.job_id, person_id=r.person_id, stage=Stage(r.stage), is_target=bool(r.is_target),
                         created_at=r.created_at, updated_at=r.updated_at, id=r.id)

    def candidacy(self, job_id: int, person_id: int) -> Candidacy | None:
        row = self.c.execute(select(candidacies).where(candidacies.c.desk_id == self.desk,
                                                       candidacies.c.job_id == job_id,
                                                       candidacies.c.person_id == person_id)).first()
        return self._candidacy(row) if row else None

    def add_candidacy(self, candidacy: Candidacy, now: datetime) -> int:
        new_id: int = self.c.execute(insert(candidacies).values(
            job_id=candidacy.job_id, person_id=candidacy.person_id, stage=candidacy.stage.value,
            is_target=candidacy.is_target, created_at=now, updated_at=now,
        )).inserted_primary_key.id  # type: ignore[union-attr]
        candidacy.id = new_id
        return new_id

    def set_stage(self, job_id: int, person_id: int, stage: Stage, now: datetime) -> None:
        self.c.execute(update(candidacies).where(candidacies.c.desk_id == self.desk, candidacies.c.job_id == job_id,
                                                 candidacies.c.person_id == person_id)
                       .values(stage=stage.value, updated_at=now))

    def pipeline(self, job_id: int) -> list[Candidacy]:
        rows = self.c.execute(select(candidacies).where(candidacies.c.desk_id == self.desk,
                                                        candidacies.c.job_id == job_id)
                              .order_by(candidacies.c.id))
        return [self._candidacy(r) for r in rows]

    def candidacies_of(self, person_id: int) -> list[Candidacy]:
        rows = self.c.execute(select(candidacies).where(candidacies.c.desk_id == self.desk,
                                                                candidacies.c.person_id == person_id)
                              .order_by(candidacies.c.id))
        return [self._candidacy(r) for r in rows]

    def stage_counts(self, job_id: int) -> dict[str, int]:
        rows = self.c.execute(select(candidacies.c.stage, func.count())
                              .where(candidacies.c.desk_id == self.desk, candidacies.c.job_id == job_id)
                              .group_by(candidacies.c.stage))
        return {stage: int(n) for stage, n in rows}
