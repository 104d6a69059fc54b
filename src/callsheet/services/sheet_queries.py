"""The call sheet's read: one statement, one round trip, built once per dialect and owner filter.

It returns, as one UNION ALL told apart by its first column:
- 'j' the open jobs (of the recruiter),
- 'c' their open candidacies, with days since the person's last touch and the callback due, if any,
- 'p' and 't' the people (with phones) and histories the policy reads, for the people whose rough
  score (everything but skill overlap and distance) is highest: almost always everyone the sheet
  needs. Anyone else the ranking reaches is loaded afterwards (PeopleRepository.for_policy).

Staleness comes from people.last_touch_at, which every write of touches keeps current, instead of a
max over touches per pipeline row. Planning a moment in the past (`--at`) before someone's last
touch falls back to that max for those rows only, so the answer is the same either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import ColumnClause, Connection, Float, Integer, String, column, select, text

from callsheet.domain.model import CLOSED_STAGES, Person, Phone, PhoneStatus, Stage, Suppression
from callsheet.domain.outcomes import Outcome, Touch
from callsheet.store.people_repo import phone_zones
from callsheet.store.tables import UTCDateTime, users


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


@dataclass
class SheetData:
    jobs: dict[int, Job]
    candidates: list[tuple[Any, ...]]
    due: dict[tuple[int, int], datetime]
    #: Raw rows per preloaded person, turned into domain objects only when the ranking reaches them.
    person_rows: dict[int, list[tuple[Any, ...]]] = field(default_factory=dict)
    touch_rows: dict[int, list[tuple[Any, ...]]] = field(default_factory=dict)

    def person(self, person_id: int) -> tuple[Person, list[Touch]] | None:
        rows = self.person_rows.get(person_id)
        if not rows:
            return None
        first = rows[0]
        person = Person(id=person_id, name=first[5], timezone=first[6], state=first[7],
                        suppression=Suppression(first[8]), suppressed_by=first[9], suppression_reason=first[10],
                        suppressed_at=first[14])
        for r in rows:
            if r[16] is not None:
                person.phones.append(Phone(r[16], PhoneStatus(r[17]), r[18],
                                           () if person.timezone else phone_zones(r[16]), r[2]))
        history = [Touch(person_id=person_id, at=r[14], outcome=Outcome(r[6]), job_id=r[2], phone=r[5],
                         reason=r[7], callback_at=r[15], user=r[8] or "")
                   for r in self.touch_rows.get(person_id, ())]
        return person, history


def user_exists(connection: Connection, login: str) -> bool:
    return connection.execute(select(users.c.id).where(users.c.login == login)).first() is not None


_T, _F, _TS = "CAST(NULL AS VARCHAR)", "CAST(NULL AS DOUBLE PRECISION)", "CAST(NULL AS TIMESTAMP WITH TIME ZONE)"
_I = "CAST(NULL AS INTEGER)"
_OPEN = ", ".join(f"'{s.value}'" for s in Stage if s not in CLOSED_STAGES)

# Columns: kind, i1-i4, t1-t6, f1-f3, ts1, ts2, t7-t9 (see the module docstring for the kinds).
_SQL = f"""
WITH mine AS (
  SELECT j.id, j.title, co.name AS company, j.urgency, j.opportunity, j.skills, j.seniority, j.lat, j.lon
  FROM jobs j JOIN companies co ON co.id = j.company_id
  WHERE j.status = 'open' {{owner}}),
due AS (
  SELECT t.job_id, t.person_id, max(t.callback_at) AS callback_at
  FROM touches t JOIN mine m ON m.id = t.job_id
  WHERE t.outcome = 'callback' AND t.callback_at <= :now AND t.at <= :now
  GROUP BY t.job_id, t.person_id),
cand AS (
  SELECT c.job_id, c.person_id, CASE WHEN c.is_target THEN 1 ELSE 0 END AS target, p.skills, p.seniority,
         p.lat, p.lon, d.callback_at AS due_at,
         CASE WHEN p.last_touch_at IS NULL THEN NULL
              WHEN p.last_touch_at <= :now THEN {{days_since}}
              ELSE {{days_since_as_of}}
         END AS stale,
         2 * m.urgency * m.opportunity + CASE WHEN c.is_target THEN 20 ELSE 0 END
         + CASE WHEN d.callback_at IS NULL THEN 0 ELSE 1000 END
         - CASE WHEN p.seniority <> 0 AND m.seniority <> 0 THEN 5 * abs(p.seniority - m.seniority) ELSE 0 END
         AS rough
  FROM mine m JOIN candidacies c ON c.job_id = m.id JOIN people p ON p.id = c.person_id
  LEFT JOIN due d ON d.job_id = c.job_id AND d.person_id = c.person_id
  WHERE c.stage IN ({_OPEN}) AND p.suppression = 'none'),
top AS (
  SELECT person_id FROM cand
  GROUP BY person_id
  ORDER BY max(rough + CASE WHEN stale IS NULL THEN 15 WHEN stale < 0 THEN 0 WHEN stale < 30 THEN stale / 2
                           ELSE 15 END) DESC, person_id
  LIMIT :preload)
SELECT 'j' AS kind, id AS i1, urgency AS i2, opportunity AS i3, seniority AS i4, title AS t1, company AS t2,
       skills AS t3, {_T} AS t4, {_T} AS t5, {_T} AS t6, lat AS f1, lon AS f2, {_F} AS f3, {_TS} AS ts1,
       {_TS} AS ts2, {_T} AS t7, {_T} AS t8, {_T} AS t9
FROM mine
UNION ALL
SELECT 'c', job_id, person_id, target, seniority, skills, {_T}, {_T}, {_T}, {_T}, {_T}, lat, lon, stale, due_at,
       {_TS}, {_T}, {_T}, {_T}
FROM cand
UNION ALL
SELECT 'p', p.id, ph.id, ph.position, {_I}, p.name, p.timezone, p.state, p.suppression, p.suppressed_by,
       p.suppression_reason, {_F}, {_F}, {_F}, p.suppressed_at, {_TS}, ph.e164, ph.status, ph.label
FROM top JOIN people p ON p.id = top.person_id LEFT JOIN phones ph ON ph.person_id = p.id
UNION ALL
SELECT 't', t.person_id, t.job_id, t.id, {_I}, t.phone, t.outcome, t.reason, u.name, {_T}, {_T},
       {_F}, {_F}, {_F}, t.at, t.callback_at, {_T}, {_T}, {_T}
FROM top JOIN touches t ON t.person_id = top.person_id LEFT JOIN users u ON u.id = t.user_id
WHERE t.at <= :now
ORDER BY 1, 2, 15, 4, 3
"""

_COLUMNS: list[ColumnClause[Any]] = [column("kind", String()), *(column(f"i{n}", Integer()) for n in range(1, 5)),
            *(column(f"t{n}", String()) for n in range(1, 7)), *(column(f"f{n}", Float()) for n in range(1, 4)),
            column("ts1", UTCDateTime()), column("ts2", UTCDateTime()),
            *(column(f"t{n}", String()) for n in range(7, 10))]


class SheetQueries:
    """The prebuilt statement for one dialect; `for_dialect` keeps one instance per dialect."""

    _built: ClassVar[dict[str, SheetQueries]] = {}

    @classmethod
    def for_dialect(cls, dialect: str) -> SheetQueries:
        found = cls._built.get(dialect)
        if found is None:
            found = cls._built[dialect] = cls(dialect)
        return found

    def __init__(self, dialect: str) -> None:
        self.sqlite = dialect == "sqlite"
        as_of = "(SELECT max(t.at) FROM touches t WHERE t.person_id = c.person_id AND t.at <= :now)"
        if self.sqlite:
            since = "julianday(:now) - julianday({})"
        else:
            since = "extract(epoch FROM CAST(:now AS TIMESTAMP WITH TIME ZONE) - {}) / 86400.0"
        sql = (_SQL.replace("{days_since}", since.format("p.last_touch_at"))
               .replace("{days_since_as_of}", since.format(as_of)))
        owner = "AND j.owner_id = (SELECT id FROM users WHERE login = :owner)"
        self.all_jobs = text(sql.replace("{owner}", "")).columns(*_COLUMNS)
        self.owned_jobs = text(sql.replace("{owner}", owner)).columns(*_COLUMNS)

    def fetch(self, connection: Connection, owner: str | None, now: datetime, preload: int) -> SheetData:
        params: dict[str, Any] = {"now": _sqlite_time(now) if self.sqlite else now, "preload": preload}
        if owner:
            params["owner"] = owner
        data = SheetData({}, [], {})
        for r in connection.execute(self.owned_jobs if owner else self.all_jobs, params):
            kind = r[0]
            if kind == "c":
                row = tuple(r)
                # (job_id, person_id, is_target, skills, seniority, lat, lon, days since last touch)
                data.candidates.append((row[1], row[2], row[3], row[5], row[4], row[11], row[12],
                                        None if row[13] is None else float(row[13])))
                if row[14] is not None:
                    data.due[(row[1], row[2])] = row[14]
            elif kind == "t":
                data.touch_rows.setdefault(r[1], []).append(tuple(r))
            elif kind == "p":
                data.person_rows.setdefault(r[1], []).append(tuple(r))
            else:
                data.jobs[r[1]] = Job(r[5], r[6], r[2], r[3], frozenset(s for s in r[7].split(",") if s), r[4],
                                      r[11], r[12])
        return data


def _sqlite_time(now: datetime) -> str:
    # SQLite keeps times as text in UTC (see tables.UTCDateTime): compare in that form.
    return now.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
