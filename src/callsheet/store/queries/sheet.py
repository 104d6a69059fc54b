"""The call sheet's read of the pipelines (`uow.sheet`): one statement, built once per dialect and owner.

It returns, as one UNION ALL told apart by its first column, 'j' the open jobs (of the recruiter)
and 'c' their open candidacies, each with the days since the person's last touch and the latest
callback due on it, if any. What the policy reads about the people who reach the top comes after,
from the policy's loader (store/queries/policy.py), as of the same moment.

A person marked now is left out unless the audit trail changed after the moment asked about: then
the loader says what held at that moment (a mark lifted since, a mark made since).

Staleness comes from people.last_touch_at, which every write of touches keeps current, instead of a
max over touches per pipeline row. Planning a moment in the past (`--at`) before someone's last
touch falls back to that max for those rows only, so the answer is the same either way.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import Connection, select

from callsheet.domain.model import CLOSED_STAGES, Stage
from callsheet.domain.scoring import SheetJob, SheetPipelines
from callsheet.store.raw import RawStatement, time_param, utc
from callsheet.store.tables import users
from callsheet.store.tenancy import desk_of

_T, _F, _TS = "CAST(NULL AS VARCHAR)", "CAST(NULL AS DOUBLE PRECISION)", "CAST(NULL AS TIMESTAMP WITH TIME ZONE)"
_OPEN = ", ".join(f"'{s.value}'" for s in Stage if s not in CLOSED_STAGES)

# The recruiter's open jobs are named in each branch rather than through one shared CTE: SQLite
# materializes a CTE read twice, knows nothing of its size, and then builds a Bloom filter over the
# whole people table (a scan of the desk) to join the pipelines to it.
_MINE = "j.desk_id = :desk AND j.status = 'open' {owner}"
_SQL = f"""
WITH due AS (
  SELECT t.job_id, t.person_id, max(t.callback_at) AS callback_at
  FROM touches t
  WHERE t.desk_id = :desk AND t.outcome = 'callback' AND t.callback_at <= {{now}} AND t.at <= {{now}}
    AND +t.job_id IN (SELECT j.id FROM jobs j WHERE {_MINE})
  GROUP BY t.job_id, t.person_id)
SELECT 'j' AS kind, j.id, j.urgency, j.opportunity, j.skills, j.seniority, j.lat, j.lon, {_F} AS stale,
       {_TS} AS due_at, j.title, co.name
FROM jobs j JOIN companies co ON co.desk_id = j.desk_id AND co.id = j.company_id
WHERE {_MINE} AND co.desk_id = :desk
UNION ALL
SELECT 'c', c.job_id, c.person_id, CASE WHEN c.is_target THEN 1 ELSE 0 END, p.skills, p.seniority, p.lat, p.lon,
       CAST(CASE WHEN p.last_touch_at IS NULL THEN NULL
                 WHEN p.last_touch_at <= {{now}} THEN {{days_since}}
                 ELSE {{days_since_as_of}}
            END AS DOUBLE PRECISION),
       d.callback_at, {_T}, {_T}
FROM jobs j JOIN candidacies c ON c.desk_id = j.desk_id AND c.job_id = j.id
JOIN people p ON p.desk_id = c.desk_id AND p.id = c.person_id
LEFT JOIN due d ON d.job_id = c.job_id AND d.person_id = c.person_id
WHERE {_MINE} AND c.desk_id = :desk AND p.desk_id = :desk AND c.stage IN ({_OPEN})
  AND (p.suppression = 'none' OR EXISTS (SELECT 1 FROM suppression_events e
                                         WHERE e.desk_id = :desk AND e.person_id = p.id
                                           AND e.at > {{now}}))
"""


class SheetStatements:
    """The prebuilt statements for one dialect; `for_dialect` keeps one instance per dialect."""

    _built: ClassVar[dict[str, SheetStatements]] = {}

    @classmethod
    def for_dialect(cls, dialect: str) -> SheetStatements:
        found = cls._built.get(dialect)
        if found is None:
            found = cls._built[dialect] = cls(dialect)
        return found

    def __init__(self, dialect: str) -> None:
        if dialect == "sqlite":
            now = ":now"
            since = "julianday(:now) - julianday({})"
        else:
            # The moment as a one-time subquery, not a parameter the planner may look into: the plan is
            # then the same for every moment, and PostgreSQL keeps one generic plan for the prepared
            # statement instead of planning it afresh on every call (it did, the plan for each moment
            # looking cheaper than the generic one).
            now = "(SELECT CAST(:now AS TIMESTAMP WITH TIME ZONE))"
            since = f"extract(epoch FROM {now} - {{}}) / 86400.0"
        as_of = (f"(SELECT max(t.at) FROM touches t WHERE t.desk_id = :desk AND t.person_id = c.person_id "
                 f"AND t.at <= {now})")
        sql = (_SQL.replace("{days_since}", since.format("p.last_touch_at"))
               .replace("{days_since_as_of}", since.format(as_of)).replace("{now}", now))
        self.all_jobs = RawStatement(sql.replace("{owner}", ""))
        self.owned_jobs = RawStatement(
            sql.replace("{owner}",
                        "AND j.owner_id = (SELECT u.id FROM users u WHERE u.desk_id = :desk AND u.login = :owner)"))

    def fetch(self, connection: Connection, owner: str | None, now: datetime) -> SheetPipelines:
        params: dict[str, Any] = {"desk": desk_of(connection), "now": time_param(connection, now)}
        if owner:
            params["owner"] = owner
        data = SheetPipelines({}, [], {})
        candidates, due = data.candidates, data.due
        # A pipeline row's columns 1-8 are already the candidate the ranking wants (see SheetPipelines).
        for r in (self.owned_jobs if owner else self.all_jobs).rows(connection, params):
            if r[0] == "c":
                candidates.append(r[1:9])
                if r[9] is not None:
                    due[(r[1], r[2])] = utc(r[9])  # type: ignore[assignment]
            else:
                data.jobs[r[1]] = SheetJob(r[10], r[11], r[2], r[3], frozenset(s for s in r[4].split(",") if s), r[5],
                                      r[6], r[7])
        return data


class SheetQueries:
    """The call sheet's reads, on the unit of work's connection."""

    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    def pipelines(self, owner: str | None, now: datetime) -> SheetPipelines:
        """The open jobs (of `owner`, else of everyone), their open candidacies and due callbacks at `now`."""
        return SheetStatements.for_dialect(self.c.dialect.name).fetch(self.c, owner, now)

    def recruiter_exists(self, login: str) -> bool:
        found = self.c.execute(select(users.c.id).where(users.c.desk_id == self.desk, users.c.login == login)).first()
        return found is not None
