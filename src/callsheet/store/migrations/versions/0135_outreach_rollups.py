"""outreach roll-ups: touches counted by UTC day, kept by the store on every write, on both stores

Revision ID: 0135
Revises: 0134

Touches get three indexes: by desk and time (the parts of days at a range's ends are counted from
touches), and two small partial ones, of the calls that came in and of the touches that got a referral.
Four tenant tables count the touches (store/tables.py): `touch_counts` (day, user, seniority, kind, outcome,
reason) and `touch_hours` (dials and conversations by day, user, the callee's zone and the UTC hour), each
with a twin `_by_job` holding the touches about a job with the job in the key. Analytics read whole days
there (store/queries/rollups.py).

Triggers keep them: on touches (insert, update, delete), and on the rows a touch's group is read from.
A person's seniority or zone and a job's seniority count as they stand now: when one changes, that
person's or job's touches move to their new groups. A person or job about to be deleted takes its touches
out first (the touches then go, or lose their job, with nothing left to take out). On PostgreSQL the
triggers on touches and people are per statement with transition tables, one statement reading the
batch once and upserting every table (a bulk copy of touches pays once per batch); on SQLite they are
per row, one upsert per table. Which touches
are dials and which outcomes reached the person are the domain's (callsheet.domain.outreach) as of this
revision. Rows already stored are counted here. Every upsert names the desk of the rows it counts.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

import sqlalchemy as sa
from alembic import op

from callsheet.domain.outreach import DIAL_KINDS, REACHED_VALUES

revision = "0135"
down_revision = "0134"
branch_labels = None
depends_on = None

_COUNTED = ("seniority", "kind", "outcome", "reason")
_HOURLY = ("zone", "hour")
#: (table, keys after day and user, by job)
TABLES = [("touch_counts", _COUNTED, False), ("touch_counts_by_job", _COUNTED, True),
          ("touch_hours", _HOURLY, False), ("touch_hours_by_job", _HOURLY, True)]
#: The few calls that came in and touches that got a referral (analytics read them by person and time).
_PARTIAL = [("ix_touches_inbound", ["desk_id", "at", "person_id"], "direction = 'in'"),
            ("ix_touches_referrals", ["desk_id", "at"], "referral_person_id IS NOT NULL")]
_TOUCH_COLUMNS = "desk_id, person_id, job_id, user_id, at, kind, outcome, reason"
_PERSON_COLUMNS = "desk_id, id, seniority, timezone"


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def _key(name: str, sqlite: bool) -> str:
    """The expression of one key column over t (touches), p (people) and j (jobs, outer-joined)."""
    if name == "day":
        return "date(t.at)" if sqlite else "(t.at AT TIME ZONE 'UTC')::date"
    if name == "hour":
        return "cast(strftime('%H', t.at) AS integer)" if sqlite else "extract(hour FROM t.at AT TIME ZONE 'UTC')::int"
    return {"user_id": "coalesce(t.user_id, 0)", "job_id": "t.job_id", "seniority": "coalesce(j.seniority, p.seniority, 0)",
            "kind": "t.kind", "outcome": "t.outcome", "reason": "t.reason", "zone": "p.timezone"}[name]


def upsert(table: str, keys: tuple[str, ...], by_job: bool, source: str, sign: str, sqlite: bool,
           only: str = "", row: str = "") -> str:
    """One aggregated upsert of `table` from `source`: FROM ... rows t, p and j carrying `sign` (+1 counts a
    touch in, -1 out). Touches whose person is gone, or whose job is gone, are left out (taken out before).
    With `row` (SQLite's NEW or OLD), the one touch of a row trigger instead, counted without grouping."""
    columns = ["day", *(["job_id"] if by_job else []), "user_id", *keys]
    exprs = [_key(c, sqlite) for c in columns]
    where = ["(t.job_id IS NULL OR j.id IS NOT NULL)", *([only] if only else [])]
    if by_job:
        where.append("t.job_id IS NOT NULL")
    if keys == _HOURLY:
        where.append(f"t.kind IN ({_quoted(DIAL_KINDS)})")
        values = {"dials": sign, "reached": f"CASE WHEN t.outcome IN ({_quoted(REACHED_VALUES)}) THEN {sign} ELSE 0 END"}
    else:
        values = {"n": sign}
    settle = ", ".join(f"{v} = {table}.{v} + excluded.{v}" for v in values)
    head = f"INSERT INTO {table} (desk_id, {', '.join(columns)}, {', '.join(values)}) "
    tail = f"ON CONFLICT (desk_id, {', '.join(columns)}) DO UPDATE SET {settle}"
    if row:
        one = re.compile(r"\bt\.")
        return one.sub(f"{row}.", (
            f"{head}SELECT t.desk_id, {', '.join(exprs)}, {', '.join(values.values())} FROM people p "
            "LEFT JOIN jobs j ON j.desk_id = t.desk_id AND j.id = t.job_id "
            f"WHERE p.desk_id = t.desk_id AND p.id = t.person_id AND {' AND '.join(where)} {tail}"))
    sums = [f"sum({v})" for v in values.values()]
    return (f"{head}SELECT t.desk_id, {', '.join(exprs)}, {', '.join(sums)} {source} "
            f"WHERE {' AND '.join(where)} GROUP BY t.desk_id, {', '.join(exprs)} "
            f"HAVING {' OR '.join(f'{v} <> 0' for v in sums)} {tail}")


def in_one(source: str, sign: str, tables: list[tuple[str, tuple[str, ...], bool]] = TABLES, only: str = "") -> str:
    """PostgreSQL: every table of `tables` upserted by one statement, which reads `source` once (each touch's
    person and job looked up once) into groups of every key, then sums them up for each table."""
    keys = ["day", "hour", "job_id", "user_id", "seniority", "zone", "kind", "outcome", "reason"]
    exprs = [_key(k, False) for k in keys]
    where = " AND ".join(["(t.job_id IS NULL OR j.id IS NOT NULL)", *([only] if only else [])])
    groups = (f"SELECT t.desk_id, {', '.join(f'{e} AS {k}' for e, k in zip(exprs, keys, strict=True))}, "
              f"sum({sign}) AS n {source} WHERE {where} GROUP BY t.desk_id, {', '.join(exprs)}")
    parts = []
    for table, table_keys, by_job in tables:
        columns = ["day", *(["job_id"] if by_job else []), "user_id", *table_keys]
        where_g = ["job_id IS NOT NULL"] if by_job else []
        if table_keys == _HOURLY:
            where_g.append(f"kind IN ({_quoted(DIAL_KINDS)})")
            values = {"dials": "sum(n)", "reached": f"sum(CASE WHEN outcome IN ({_quoted(REACHED_VALUES)}) THEN n ELSE 0 END)"}
        else:
            values = {"n": "sum(n)"}
        parts.append(
            f"INSERT INTO {table} (desk_id, {', '.join(columns)}, {', '.join(values)}) "
            f"SELECT desk_id, {', '.join(columns)}, {', '.join(values.values())} FROM g "
            f"{'WHERE ' + ' AND '.join(where_g) if where_g else ''} GROUP BY desk_id, {', '.join(columns)} "
            f"HAVING {' OR '.join(f'{v} <> 0' for v in values.values())} "
            f"ON CONFLICT (desk_id, {', '.join(columns)}) DO UPDATE SET "
            + ", ".join(f"{v} = {table}.{v} + excluded.{v}" for v in values))
    writes = ", ".join(f"w{i} AS ({part})" for i, part in enumerate(parts[:-1]))
    return f"WITH g AS MATERIALIZED ({groups}){', ' + writes if writes else ''} {parts[-1]}"


def _joined(touches: str, people: str = "people", jobs: str = "jobs") -> str:
    return (f"FROM {touches} t JOIN {people} p ON p.desk_id = t.desk_id AND p.id = t.person_id "
            f"LEFT JOIN {jobs} j ON j.desk_id = t.desk_id AND j.id = t.job_id")


def _probed(touches: str) -> str:
    """`_joined` for a trigger's transition table on PostgreSQL: each touch's person and job looked up by
    key. A batch's people may be in the same transaction, not yet in the planner's figures (a bulk build,
    behind row-level security), and a plain join then risks reading every person once per touch."""
    return (f"FROM {touches} t CROSS JOIN LATERAL (SELECT id, seniority, timezone FROM people "
            "WHERE desk_id = t.desk_id AND id = t.person_id OFFSET 0) p "
            "LEFT JOIN LATERAL (SELECT id, seniority FROM jobs WHERE desk_id = t.desk_id AND id = t.job_id OFFSET 0) j "
            "ON true")


def _signed(rows: list[tuple[str, int]], columns: str) -> str:
    return "(" + " UNION ALL ".join(f"SELECT {columns}, {s} AS sign FROM {r}" for r, s in rows) + ")"


def _sqlite_row(prefix: str, columns: str, sign: int) -> str:
    return "(SELECT " + ", ".join(f"{prefix}.{c} AS {c}" for c in columns.split(", ")) + f", {sign} AS sign)"


def _all(source: str, sign: str, sqlite: bool, tables: list[tuple[str, tuple[str, ...], bool]] = TABLES,
         only: str = "", row: str = "") -> str:
    return "; ".join(upsert(t, k, b, source, sign, sqlite, only, row) for t, k, b in tables)


_SENIORITY_TABLES = [t for t in TABLES if t[1] == _COUNTED]
#: The touches of the person or job a row trigger is about to delete.
_OF_PERSON = "t.desk_id = OLD.desk_id AND t.person_id = OLD.id"
_OF_JOB = "t.desk_id = OLD.desk_id AND t.job_id = OLD.id"
#: Row triggers that run before a delete, and so let it go ahead.
_BEFORE = {"callsheet_rollup_person_gone", "callsheet_rollup_job_gone"}

# Which people changed a key of their touches' groups, and the rows of jobs whose seniority changed.
_PEOPLE_CHANGED = "(SELECT o.desk_id, o.id FROM gone o JOIN added n ON n.desk_id = o.desk_id AND n.id = o.id " \
                  "WHERE o.seniority IS DISTINCT FROM n.seniority OR o.timezone IS DISTINCT FROM n.timezone)"


def _sqlite_triggers() -> dict[str, str]:
    touch_old = _all("", "-1", True, row="OLD")
    touch_new = _all("", "1", True, row="NEW")
    person = ("FROM touches t JOIN (" + _sqlite_row("OLD", _PERSON_COLUMNS, -1)[1:-1] + " UNION ALL "
              + _sqlite_row("NEW", _PERSON_COLUMNS, 1)[1:-1] + ") p ON p.desk_id = t.desk_id AND p.id = t.person_id "
              "LEFT JOIN jobs j ON j.desk_id = t.desk_id AND j.id = t.job_id")
    job = ("FROM touches t JOIN people p ON p.desk_id = t.desk_id AND p.id = t.person_id JOIN ("
           + _sqlite_row("OLD", "desk_id, id, seniority", -1)[1:-1] + " UNION ALL "
           + _sqlite_row("NEW", "desk_id, id, seniority", 1)[1:-1] + ") j ON j.desk_id = t.desk_id AND j.id = t.job_id")
    return {
        "rollup_touch_insert": f"AFTER INSERT ON touches BEGIN {touch_new}; END",
        "rollup_touch_update": "AFTER UPDATE OF desk_id, person_id, job_id, user_id, at, kind, outcome, reason "
                               f"ON touches BEGIN {touch_old}; {touch_new}; END",
        "rollup_touch_delete": f"AFTER DELETE ON touches BEGIN {touch_old}; END",
        "rollup_person_update": "AFTER UPDATE OF seniority, timezone ON people WHEN OLD.seniority IS NOT NEW.seniority "
                                f"OR OLD.timezone IS NOT NEW.timezone BEGIN {_all(person, 'p.sign', True)}; END",
        "rollup_person_delete": f"BEFORE DELETE ON people BEGIN {_all(_joined('touches'), '-1', True, only=_OF_PERSON)}; END",
        "rollup_job_update": "AFTER UPDATE OF seniority ON jobs WHEN OLD.seniority IS NOT NEW.seniority BEGIN "
                             f"{_all(job, 'j.sign', True, _SENIORITY_TABLES)}; END",
        "rollup_job_delete": f"BEFORE DELETE ON jobs BEGIN {_all(_joined('touches'), '-1', True, only=_OF_JOB)}; END",
    }


def _pg_functions() -> dict[str, str]:
    changed_people = ("FROM touches t JOIN " + _signed([("gone", -1), ("added", 1)], _PERSON_COLUMNS)
                      + " p ON p.desk_id = t.desk_id AND p.id = t.person_id "
                      "LEFT JOIN jobs j ON j.desk_id = t.desk_id AND j.id = t.job_id "
                      f"JOIN {_PEOPLE_CHANGED} c ON c.desk_id = p.desk_id AND c.id = p.id")
    job = ("FROM touches t JOIN people p ON p.desk_id = t.desk_id AND p.id = t.person_id JOIN "
           "(SELECT OLD.desk_id AS desk_id, OLD.id AS id, OLD.seniority AS seniority, -1 AS sign UNION ALL "
           "SELECT NEW.desk_id, NEW.id, NEW.seniority, 1) j ON j.desk_id = t.desk_id AND j.id = t.job_id")
    return {
        "callsheet_rollup_added": in_one(_probed(_signed([("added", 1)], _TOUCH_COLUMNS)), "t.sign"),
        "callsheet_rollup_moved": in_one(_probed(_signed([("gone", -1), ("added", 1)], _TOUCH_COLUMNS)), "t.sign"),
        "callsheet_rollup_gone": in_one(_probed(_signed([("gone", -1)], _TOUCH_COLUMNS)), "t.sign"),
        # People are updated by every write of touches (their last touch): most statements change no group.
        "callsheet_rollup_people_moved": f"IF EXISTS {_PEOPLE_CHANGED[:-1]} LIMIT 1) THEN "
                                         f"{in_one(changed_people, 'p.sign')}; END IF",
        # Row triggers (a statement's BEFORE trigger has no transition tables): deleting people or jobs is rare.
        "callsheet_rollup_person_gone": in_one(_joined("touches"), "-1", only=_OF_PERSON),
        "callsheet_rollup_job_gone": in_one(_joined("touches"), "-1", only=_OF_JOB),
        "callsheet_rollup_job_moved": in_one(job, "j.sign", _SENIORITY_TABLES),
    }


_PG_TRIGGERS = [  # (name, table, timing and event, level and transition tables, function)
    ("rollup_touch_insert", "touches", "AFTER INSERT", "REFERENCING NEW TABLE AS added FOR EACH STATEMENT",
     "callsheet_rollup_added"),
    ("rollup_touch_update", "touches", "AFTER UPDATE",
     "REFERENCING OLD TABLE AS gone NEW TABLE AS added FOR EACH STATEMENT", "callsheet_rollup_moved"),
    ("rollup_touch_delete", "touches", "AFTER DELETE", "REFERENCING OLD TABLE AS gone FOR EACH STATEMENT",
     "callsheet_rollup_gone"),
    ("rollup_person_update", "people", "AFTER UPDATE",
     "REFERENCING OLD TABLE AS gone NEW TABLE AS added FOR EACH STATEMENT", "callsheet_rollup_people_moved"),
    ("rollup_person_delete", "people", "BEFORE DELETE", "FOR EACH ROW", "callsheet_rollup_person_gone"),
    ("rollup_job_update", "jobs", "AFTER UPDATE OF seniority",
     "FOR EACH ROW WHEN (OLD.seniority IS DISTINCT FROM NEW.seniority)", "callsheet_rollup_job_moved"),
    ("rollup_job_delete", "jobs", "BEFORE DELETE", "FOR EACH ROW", "callsheet_rollup_job_gone"),
]


def _create_tables() -> None:
    for table, keys, by_job in TABLES:
        columns: list[sa.Column[Any]] = [sa.Column("desk_id", sa.Integer(), nullable=False), sa.Column("day", sa.Date(), nullable=False)]
        if by_job:
            columns.append(sa.Column("job_id", sa.Integer(), nullable=False))
        columns.append(sa.Column("user_id", sa.Integer(), nullable=False))
        if keys == _COUNTED:
            columns += [sa.Column("seniority", sa.Integer(), nullable=False),
                        sa.Column("kind", sa.String(length=20), nullable=False),
                        sa.Column("outcome", sa.String(length=30), nullable=False),
                        sa.Column("reason", sa.String(length=40), nullable=False),
                        sa.Column("n", sa.BigInteger(), nullable=False)]
        else:
            columns += [sa.Column("zone", sa.String(length=64), nullable=False),
                        sa.Column("hour", sa.Integer(), nullable=False),
                        sa.Column("dials", sa.BigInteger(), nullable=False),
                        sa.Column("reached", sa.BigInteger(), nullable=False)]
        key = [c.name for c in columns if c.name not in ("n", "dials", "reached")]
        op.create_table(table, *columns, sa.PrimaryKeyConstraint(*key, name=op.f(f"pk_{table}")))


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    op.create_index("ix_touches_desk_at", "touches", ["desk_id", "at"], unique=False)
    for name, columns, where in _PARTIAL:
        op.create_index(name, "touches", columns, unique=False, sqlite_where=sa.text(where),
                        postgresql_where=sa.text(where))
    _create_tables()
    stored = _joined(_signed([("touches", 1)], _TOUCH_COLUMNS))  # the touches already stored
    if sqlite:
        # Read touches in their order, each one's person by key (SQLite keeps a CROSS JOIN's order):
        # not every person's touches through an index that lacks some of the columns counted.
        in_order = stored.replace(" JOIN people p ", " CROSS JOIN people p ", 1)
        for table, keys, by_job in TABLES:
            op.execute(upsert(table, keys, by_job, in_order, "t.sign", sqlite))
        for name, body in _sqlite_triggers().items():
            op.execute(f"CREATE TRIGGER {name} {body}")
        return
    op.execute(in_one(stored, "t.sign"))
    wall = importlib.import_module("callsheet.store.migrations.versions.0133_desk_wall")
    for table, *_ in TABLES:
        wall.wall_table(table)
    for name, body in _pg_functions().items():
        # No JIT: the look-ups by key make a large batch's plan look costly enough for JIT's compiling,
        # which takes longer than the statement itself.
        op.execute(f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$ BEGIN {body}; "
                   f"RETURN {'OLD' if name in _BEFORE else 'NULL'}; END $$")
    for name, table, event, level, function in _PG_TRIGGERS:
        op.execute(f"CREATE TRIGGER {name} {event} ON {table} {level} EXECUTE FUNCTION {function}()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in _sqlite_triggers():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name, table, *_ in _PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for name in _pg_functions():
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    for table, *_ in reversed(TABLES):
        op.drop_table(table)
    for name, *_ in _PARTIAL:
        op.drop_index(name, table_name="touches")
    op.drop_index("ix_touches_desk_at", table_name="touches")
