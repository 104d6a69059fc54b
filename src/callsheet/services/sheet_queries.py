"""The call sheet's reads, built once per dialect and reused (SQLAlchemy caches their compiled form).

Staleness comes from people.last_touch_at, which every write of touches keeps current, instead of a
max over touches per pipeline row. Planning a moment in the past (`--at`) before someone's last
touch falls back to that max for those rows only, so the answer is the same either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import Connection, DateTime, String, bindparam, case, func, select

from callsheet.domain.model import CLOSED_STAGES, Stage
from callsheet.store.tables import candidacies, companies, jobs, people, touches, users


@dataclass(frozen=True)
class Job:
    title: str
    company: str
    urgency: int
    opportunity: int
    skills: frozenset[str]
    seniority: int | None
    lat: float | None
    lon: float | None

    @property
    def heat_points(self) -> float:
        return float(self.urgency * self.opportunity * 2)

    @property
    def fit_ceiling(self) -> float:
        """The most fit can add to a score: every wanted skill (seniority and distance only subtract)."""
        return 30.0 if self.skills else 0.0


def _skills(text: str) -> frozenset[str]:
    return frozenset(s for s in text.split(",") if s)


def user_exists(connection: Connection, login: str) -> bool:
    return connection.execute(select(users.c.id).where(users.c.login == login)).first() is not None


class SheetQueries:
    """Prebuilt statements for one dialect; `for_dialect` keeps one instance per dialect."""

    _built: ClassVar[dict[str, SheetQueries]] = {}

    @classmethod
    def for_dialect(cls, dialect: str) -> SheetQueries:
        found = cls._built.get(dialect)
        if found is None:
            found = cls._built[dialect] = cls(dialect)
        return found

    def __init__(self, dialect: str) -> None:
        self.sqlite = dialect == "sqlite"
        owner_id = select(users.c.id).where(users.c.login == bindparam("owner")).scalar_subquery()
        mine = jobs.c.status == "open"
        jobs_query = (select(jobs.c.id, jobs.c.title, companies.c.name, jobs.c.urgency, jobs.c.opportunity,
                             jobs.c.skills, jobs.c.seniority, jobs.c.lat, jobs.c.lon)
                      .select_from(jobs.join(companies, companies.c.id == jobs.c.company_id)).where(mine))
        self.jobs_all, self.jobs_of = jobs_query, jobs_query.where(jobs.c.owner_id == owner_id)

        open_stages = [s.value for s in Stage if s not in CLOSED_STAGES]
        candidates = (select(candidacies.c.job_id, candidacies.c.person_id, candidacies.c.is_target, people.c.skills,
                             people.c.seniority, people.c.lat, people.c.lon, self._days_since_last_touch())
                      .select_from(candidacies.join(jobs, jobs.c.id == candidacies.c.job_id)
                                   .join(people, people.c.id == candidacies.c.person_id))
                      .where(mine, candidacies.c.stage.in_(open_stages), people.c.suppression == "none"))
        self.candidates_all, self.candidates_of = candidates, candidates.where(jobs.c.owner_id == owner_id)

        due = (select(touches.c.job_id, touches.c.person_id, touches.c.callback_at)
               .select_from(touches.join(jobs, jobs.c.id == touches.c.job_id))
               .where(mine, touches.c.outcome == "callback", touches.c.callback_at <= bindparam("now"),
                      touches.c.at <= bindparam("now"))
               .order_by(touches.c.at, touches.c.id))
        self.due_all, self.due_of = due, due.where(jobs.c.owner_id == owner_id)

    def _days_since_last_touch(self) -> Any:
        last = people.c.last_touch_at
        as_of = (select(func.max(touches.c.at))
                 .where(touches.c.person_id == candidacies.c.person_id, touches.c.at <= bindparam("now"))
                 .scalar_subquery())
        if self.sqlite:
            now_text = bindparam("now_text", type_=String())
            return case((last.is_(None), None),
                        (last <= bindparam("now"), func.julianday(now_text) - func.julianday(last)),
                        else_=func.julianday(now_text) - func.julianday(as_of))
        now = bindparam("now_pg", type_=DateTime(timezone=True))
        return case((last.is_(None), None),
                    (last <= bindparam("now"), func.extract("epoch", now - last) / 86400.0),
                    else_=func.extract("epoch", now - as_of) / 86400.0)

    def open_jobs(self, connection: Connection, owner: str | None) -> dict[int, Job]:
        query = self.jobs_of if owner else self.jobs_all
        return {r[0]: Job(r[1], r[2], r[3], r[4], _skills(r[5]), r[6], r[7], r[8])
                for r in connection.execute(query, {"owner": owner} if owner else {})}

    def candidates(self, connection: Connection, owner: str | None,
                   now: datetime) -> tuple[list[tuple[Any, ...]], dict[tuple[int, int], datetime]]:
        """The open candidacies of the open jobs, and the callbacks due on them (the latest one counts)."""
        params: dict[str, Any] = {"now": now}
        if self.sqlite:
            params["now_text"] = now.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
        else:
            params["now_pg"] = now
        if owner:
            params["owner"] = owner
        rows = connection.execute(self.candidates_of if owner else self.candidates_all, params).all()
        due = {(r[0], r[1]): r[2] for r in connection.execute(
            self.due_of if owner else self.due_all, {"now": now, **({"owner": owner} if owner else {})})}
        return [tuple(r) for r in rows], due

