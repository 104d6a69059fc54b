"""desks: every row belongs to a desk; keys, unique constraints and references include it

Revision ID: 0132
Revises: 0131

Everything already stored moves into one desk, "Default", which keeps the database's salt and every
user's login. Each tenant table gains desk_id; its primary key becomes (desk_id, key), its unique
constraints and its references to other tenant tables start with desk_id. Logins, API token hashes,
share-link token hashes and provider call ids are also written to desk_keys, which maps each to its
desk across every desk of the database. The triggers that keep the search change log and the people's
last touch are written again so that they carry and match the desk.

PostgreSQL alters the tables in place. SQLite rebuilds each table (its only way to change a key) with
foreign keys off for the duration; `foreign_key_check` must find nothing before the change is kept.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0132"
down_revision = "0131"
branch_labels = None
depends_on = None

#: Tables that belong to no desk: the desks, the cross-desk keys, failed sign-ins (per login and per
#: address, before any desk is known) and the database's own values (the search index epoch).
GLOBAL = {"desks", "desk_keys", "sign_in_failures", "desk_meta", "alembic_version"}

_SEARCH_LOG = "INSERT INTO search_changes (desk_id, person_id) VALUES ({desk}, {person})"
_SQLITE_TRIGGERS = {
    "search_people_insert": "AFTER INSERT ON people BEGIN {log}; END".format(
        log=_SEARCH_LOG.format(desk="NEW.desk_id", person="NEW.id")),
    "search_people_update": (
        "AFTER UPDATE OF name, title, company_id, seniority, skills, city, state, lat, lon, active, profile, "
        "suppression ON people BEGIN {log}; END").format(log=_SEARCH_LOG.format(desk="NEW.desk_id", person="NEW.id")),
    "search_people_delete": "AFTER DELETE ON people BEGIN {log}; END".format(
        log=_SEARCH_LOG.format(desk="OLD.desk_id", person="OLD.id")),
    "search_touches_insert": "AFTER INSERT ON touches WHEN NEW.notes != '' BEGIN {log}; END".format(
        log=_SEARCH_LOG.format(desk="NEW.desk_id", person="NEW.person_id")),
    "search_touches_update": "AFTER UPDATE OF notes, person_id ON touches BEGIN {old}; {new}; END".format(
        old=_SEARCH_LOG.format(desk="OLD.desk_id", person="OLD.person_id"),
        new=_SEARCH_LOG.format(desk="NEW.desk_id", person="NEW.person_id")),
    "search_touches_delete": "AFTER DELETE ON touches WHEN OLD.notes != '' BEGIN {log}; END".format(
        log=_SEARCH_LOG.format(desk="OLD.desk_id", person="OLD.person_id")),
    "search_companies_update": (
        "AFTER UPDATE OF name ON companies BEGIN INSERT INTO search_changes (desk_id, person_id) "
        "SELECT desk_id, id FROM people WHERE desk_id = NEW.desk_id AND company_id = NEW.id; END"),
    "search_resumes_insert": "AFTER INSERT ON resumes BEGIN {log}; END".format(
        log=_SEARCH_LOG.format(desk="NEW.desk_id", person="NEW.person_id")),
    "search_resumes_update": "AFTER UPDATE OF person_id, text ON resumes BEGIN {old}; {new}; END".format(
        old=_SEARCH_LOG.format(desk="OLD.desk_id", person="OLD.person_id"),
        new=_SEARCH_LOG.format(desk="NEW.desk_id", person="NEW.person_id")),
    "search_resumes_delete": "AFTER DELETE ON resumes BEGIN {log}; END".format(
        log=_SEARCH_LOG.format(desk="OLD.desk_id", person="OLD.person_id")),
    "last_touch_insert": (
        "AFTER INSERT ON touches BEGIN UPDATE people SET last_touch_at = NEW.at WHERE desk_id = NEW.desk_id "
        "AND id = NEW.person_id AND (last_touch_at IS NULL OR last_touch_at < NEW.at); END"),
    "last_touch_update": (
        "AFTER UPDATE OF person_id, at ON touches BEGIN "
        "UPDATE people SET last_touch_at = (SELECT max(at) FROM touches WHERE desk_id = OLD.desk_id "
        "AND person_id = OLD.person_id) WHERE desk_id = OLD.desk_id AND id = OLD.person_id "
        "AND last_touch_at = OLD.at; "
        "UPDATE people SET last_touch_at = NEW.at WHERE desk_id = NEW.desk_id AND id = NEW.person_id "
        "AND (last_touch_at IS NULL OR last_touch_at < NEW.at); END"),
    "last_touch_delete": (
        "AFTER DELETE ON touches BEGIN "
        "UPDATE people SET last_touch_at = (SELECT max(at) FROM touches WHERE desk_id = OLD.desk_id "
        "AND person_id = OLD.person_id) WHERE desk_id = OLD.desk_id AND id = OLD.person_id "
        "AND last_touch_at = OLD.at; END"),
}

_PG_FORWARD = """
UPDATE people p SET last_touch_at = a.at
FROM (SELECT desk_id, person_id, max(at) AS at FROM added GROUP BY desk_id, person_id) a
WHERE p.desk_id = a.desk_id AND p.id = a.person_id AND (p.last_touch_at IS NULL OR p.last_touch_at < a.at);
"""
_PG_RECOUNT = """
UPDATE people p SET last_touch_at = (SELECT max(t.at) FROM touches t WHERE t.desk_id = p.desk_id
AND t.person_id = p.id)
FROM (SELECT desk_id, person_id, max(at) AS at FROM gone GROUP BY desk_id, person_id) g
WHERE p.desk_id = g.desk_id AND p.id = g.person_id AND p.last_touch_at <= g.at;
"""
_PG_FUNCTIONS = {
    "callsheet_log_people": "INSERT INTO search_changes (desk_id, person_id) SELECT desk_id, id FROM changed;",
    "callsheet_log_touches": "INSERT INTO search_changes (desk_id, person_id) "
                             "SELECT desk_id, person_id FROM changed WHERE notes <> '';",
    "callsheet_log_touches_moved": "INSERT INTO search_changes (desk_id, person_id) "
                                   "SELECT desk_id, person_id FROM gone UNION SELECT desk_id, person_id FROM changed;",
    "callsheet_log_companies": "INSERT INTO search_changes (desk_id, person_id) SELECT p.desk_id, p.id "
                               "FROM people p JOIN changed c ON c.desk_id = p.desk_id AND c.id = p.company_id;",
    "callsheet_log_resumes": "INSERT INTO search_changes (desk_id, person_id) SELECT desk_id, person_id FROM changed;",
    "callsheet_log_resumes_moved": "INSERT INTO search_changes (desk_id, person_id) "
                                   "SELECT desk_id, person_id FROM gone UNION SELECT desk_id, person_id FROM changed;",
    "callsheet_last_touch_added": _PG_FORWARD,
    "callsheet_last_touch_moved": _PG_RECOUNT + _PG_FORWARD,
    "callsheet_last_touch_gone": _PG_RECOUNT,
}


def _tenant_tables(bind: Any) -> list[str]:
    names = sa.inspect(bind).get_table_names()
    return sorted(n for n in names if n not in GLOBAL and not n.startswith(("people_fts", "people_search")))


def _create_global_tables() -> None:
    op.create_table(
        "desks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("timezone", sa.String(length=64), server_default="", nullable=False),
        sa.Column("holidays", sa.String(length=20), server_default="", nullable=False),
        sa.Column("window_start", sa.String(length=5), server_default="", nullable=False),
        sa.Column("window_end", sa.String(length=5), server_default="", nullable=False),
        sa.Column("hash_salt", sa.String(length=64), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desks")),
        sa.UniqueConstraint("name", name=op.f("uq_desks_name")),
    )
    op.create_table(
        "desk_keys",
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("key", sa.String(length=320), nullable=False),
        sa.Column("desk_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "key", name=op.f("pk_desk_keys")),
    )


def _fill_global_tables() -> None:
    op.execute("INSERT INTO desks (id, name, hash_salt, created_at) VALUES (1, 'Default', "
               "coalesce((SELECT value FROM desk_meta WHERE key = 'hash_salt'), ''), CURRENT_TIMESTAMP)")
    op.execute("DELETE FROM desk_meta WHERE key = 'hash_salt'")
    for kind, column, table in (("login", "login", "users"), ("token", "token_hash", "api_tokens"),
                                ("share", "token_hash", "report_shares"), ("call", "provider_call_id", "calls")):
        op.execute(f"INSERT INTO desk_keys (kind, key, desk_id) SELECT '{kind}', {column}, 1 FROM {table}")
    if op.get_bind().dialect.name == "postgresql":  # the next desk is numbered after the first
        op.execute("SELECT setval(pg_get_serial_sequence('desks', 'id'), 1)")


def upgrade() -> None:
    bind = op.get_bind()
    tables = _tenant_tables(bind)
    _create_global_tables()
    _fill_global_tables()
    if bind.dialect.name == "sqlite":
        _sqlite_upgrade(bind, tables)
    else:
        _postgres_upgrade(bind, tables)


# -- PostgreSQL: in place ----------------------------------------------------------------------------
def _postgres_upgrade(bind: Any, tables: list[str]) -> None:
    inspector = sa.inspect(bind)
    shape = {t: (inspector.get_pk_constraint(t), inspector.get_unique_constraints(t), inspector.get_foreign_keys(t))
             for t in tables}
    for t in tables:
        op.execute(f"ALTER TABLE {t} ADD COLUMN desk_id integer NOT NULL DEFAULT 1")
    for t in tables:  # references go first: the keys they lean on are about to change
        for fk in shape[t][2]:
            op.execute(f"ALTER TABLE {t} DROP CONSTRAINT {fk['name']}")
    for t in tables:
        pk, uniques, _ = shape[t]
        op.execute(f"ALTER TABLE {t} DROP CONSTRAINT {pk['name']}")
        op.execute(f"ALTER TABLE {t} ADD CONSTRAINT pk_{t} PRIMARY KEY (desk_id, "
                   f"{', '.join(pk['constrained_columns'])})")
        for uq in uniques:
            op.execute(f"ALTER TABLE {t} DROP CONSTRAINT {uq['name']}")
            op.execute(f"ALTER TABLE {t} ADD CONSTRAINT {uq['name']} UNIQUE (desk_id, "
                       f"{', '.join(uq['column_names'])})")
    for t in tables:
        for fk in shape[t][2]:
            (column,) = fk["constrained_columns"]
            ondelete = (fk.get("options") or {}).get("ondelete")
            action = {None: "", "CASCADE": " ON DELETE CASCADE", "SET NULL": f" ON DELETE SET NULL ({column})"}[ondelete]
            op.execute(f"ALTER TABLE {t} ADD CONSTRAINT {fk['name']} FOREIGN KEY (desk_id, {column}) "
                       f"REFERENCES {fk['referred_table']} (desk_id, id){action}")
    op.execute("CREATE INDEX ix_search_changes_id ON search_changes (id)")
    for name, body in _PG_FUNCTIONS.items():
        op.execute(f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} "
                   "RETURN NULL; END $$")


# -- SQLite: each table rebuilt --------------------------------------------------------------------
def _sqlite_upgrade(bind: Any, tables: list[str]) -> None:
    from callsheet.store.tables import DESK_ID  # noqa: F401 - loads the DDL rules for desk keys on SQLite

    # schema.upgrade turned foreign keys off for this: dropping a table must not cascade into its children.
    for name in _SQLITE_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    inspector = sa.inspect(bind)
    for t in tables:
        _rebuild(bind, inspector, t)
    op.execute("CREATE INDEX ix_search_changes_id ON search_changes (id)")
    for name, body in _SQLITE_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    broken = bind.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"rows that point at nothing after moving into a desk: {broken[:5]}")


def _rebuild(bind: Any, inspector: Any, t: str) -> None:
    old = sa.Table(t, sa.MetaData(), autoload_with=bind)
    pk = inspector.get_pk_constraint(t)["constrained_columns"]
    uniques = inspector.get_unique_constraints(t)
    fks = inspector.get_foreign_keys(t)
    indexes = inspector.get_indexes(t)
    metadata = sa.MetaData()
    columns = [sa.Column("desk_id", sa.Integer(), nullable=False, server_default="1")]
    for c in old.columns:
        default = c.server_default.arg if c.server_default is not None else None  # type: ignore[attr-defined]
        columns.append(sa.Column(c.name, c.type, nullable=c.nullable, server_default=default, autoincrement=False))
    items: list[Any] = [sa.PrimaryKeyConstraint("desk_id", *pk, name=f"pk_{t}")]
    for uq in uniques:
        items.append(sa.UniqueConstraint("desk_id", *uq["column_names"], name=uq["name"]))
    for fk in fks:
        (column,) = fk["constrained_columns"]
        ondelete = (fk.get("options") or {}).get("ondelete")
        if ondelete == "SET NULL":
            ondelete = f"SET NULL ({column})"
        items.append(sa.ForeignKeyConstraint(["desk_id", column], [f"{fk['referred_table']}.desk_id",
                                                                   f"{fk['referred_table']}.id"],
                                             name=fk["name"], ondelete=ondelete))
    for fk in fks:  # the referred tables, so the constraints above compile
        if fk["referred_table"] not in metadata.tables:
            sa.Table(fk["referred_table"], metadata, sa.Column("desk_id", sa.Integer()), sa.Column("id", sa.Integer()),
                     keep_existing=True)
    new = sa.Table(f"_new_{t}", metadata, *columns, *items)
    bind.execute(sa.schema.CreateTable(new))
    names = ", ".join(c.name for c in old.columns)
    op.execute(f"INSERT INTO _new_{t} ({names}) SELECT {names} FROM {t}")
    op.execute(f"DROP TABLE {t}")
    op.execute(f"ALTER TABLE _new_{t} RENAME TO {t}")
    for ix in indexes:
        unique = "UNIQUE " if ix["unique"] else ""
        op.execute(f"CREATE {unique}INDEX {ix['name']} ON {t} ({', '.join(ix['column_names'])})")


def downgrade() -> None:
    raise NotImplementedError("desks are not taken apart again: restore the backup made before the upgrade")
