"""search moves to an embedded tantivy index: drop 0005's FTS5/tsvector index, add a change log

Revision ID: 0105
Revises: 0103 (re-chained at merge; written against 0008)

The store keeps only `search_changes(id, person_id)`: cheap triggers on people, touches and companies
write one row per changed person, and the search service catches its tantivy index up from that log
before each search (store/search/index.py). The log rows name a person, never their data: the index
re-reads the person from the store, which stays the source of truth.
"""

from __future__ import annotations

from importlib import import_module

import sqlalchemy as sa
from alembic import op

revision = "0105"
down_revision = "0103"
branch_labels = None
depends_on = None

# Columns of people that the index or the match arrays read; other updates (updated_at alone) are not logged.
_PEOPLE_COLUMNS = "name, title, company_id, seniority, skills, city, state, lat, lon, active, profile, suppression"
_LOG = "INSERT INTO search_changes (person_id) VALUES ({})"

_SQLITE = [
    f"CREATE TRIGGER search_people_insert AFTER INSERT ON people BEGIN {_LOG.format('NEW.id')}; END",
    f"CREATE TRIGGER search_people_update AFTER UPDATE OF {_PEOPLE_COLUMNS} ON people BEGIN "
    f"{_LOG.format('NEW.id')}; END",
    f"CREATE TRIGGER search_people_delete AFTER DELETE ON people BEGIN {_LOG.format('OLD.id')}; END",
    f"CREATE TRIGGER search_touches_insert AFTER INSERT ON touches WHEN NEW.notes != '' BEGIN "
    f"{_LOG.format('NEW.person_id')}; END",
    f"CREATE TRIGGER search_touches_update AFTER UPDATE OF notes, person_id ON touches BEGIN "
    f"{_LOG.format('OLD.person_id')}; {_LOG.format('NEW.person_id')}; END",
    f"CREATE TRIGGER search_touches_delete AFTER DELETE ON touches WHEN OLD.notes != '' BEGIN "
    f"{_LOG.format('OLD.person_id')}; END",
    "CREATE TRIGGER search_companies_update AFTER UPDATE OF name ON companies BEGIN "
    "INSERT INTO search_changes (person_id) SELECT id FROM people WHERE company_id = NEW.id; END",
]
_SQLITE_TRIGGERS = ("search_people_insert", "search_people_update", "search_people_delete", "search_touches_insert",
                    "search_touches_update", "search_touches_delete", "search_companies_update")

# PostgreSQL: statement-level triggers with transition tables, so a bulk insert logs with one INSERT.
_PG_FUNCTIONS = {
    "callsheet_log_people": "SELECT id FROM changed",
    "callsheet_log_touches": "SELECT person_id FROM changed WHERE notes <> ''",
    "callsheet_log_touches_moved": "SELECT person_id FROM gone UNION SELECT person_id FROM changed",
    "callsheet_log_companies": "SELECT p.id FROM people p JOIN changed c ON c.id = p.company_id",
}
_PG_TRIGGERS = [  # (name, table, event, transition tables, function)
    ("search_people_insert", "people", "INSERT", "NEW TABLE AS changed", "callsheet_log_people"),
    ("search_people_update", "people", "UPDATE", "NEW TABLE AS changed", "callsheet_log_people"),
    ("search_people_delete", "people", "DELETE", "OLD TABLE AS changed", "callsheet_log_people"),
    ("search_touches_insert", "touches", "INSERT", "NEW TABLE AS changed", "callsheet_log_touches"),
    ("search_touches_update", "touches", "UPDATE", "OLD TABLE AS gone NEW TABLE AS changed",
     "callsheet_log_touches_moved"),
    ("search_touches_delete", "touches", "DELETE", "OLD TABLE AS changed", "callsheet_log_touches"),
    ("search_companies_update", "companies", "UPDATE", "NEW TABLE AS changed", "callsheet_log_companies"),
]


def _drop_0005(dialect: str) -> None:
    if dialect == "sqlite":
        for t in ("people_fts_insert", "people_fts_update", "people_fts_delete", "touches_fts_insert",
                  "touches_fts_update", "touches_fts_delete", "companies_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {t}")
        op.execute("DROP TABLE IF EXISTS people_fts")
        return
    for t, table in (("people_search_insert", "people"), ("people_search_update", "people"),
                     ("touches_search_insert", "touches"), ("touches_search_delete", "touches"),
                     ("touches_search_update", "touches"), ("companies_search_update", "companies")):
        op.execute(f"DROP TRIGGER IF EXISTS {t} ON {table}")
    op.execute("DROP TABLE IF EXISTS people_search")
    for f in ("callsheet_search_people()", "callsheet_search_touches()", "callsheet_search_touches_added()",
              "callsheet_search_touches_moved()", "callsheet_search_companies()",
              "callsheet_search_refresh(integer[])", "callsheet_search_words(text)"):
        op.execute(f"DROP FUNCTION IF EXISTS {f}")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    _drop_0005(dialect)
    op.create_table(
        "search_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        # No foreign key: an erased or merged-away person's row must still tell the index to forget them.
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_changes")),
    )
    if dialect == "sqlite":
        for statement in _SQLITE:
            op.execute(statement)
        return
    for name, body in _PG_FUNCTIONS.items():
        op.execute(f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                   f"INSERT INTO search_changes (person_id) {body}; RETURN NULL; END $$")
    for name, table, event, tables, function in _PG_TRIGGERS:
        op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {tables} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for t in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {t}")
    else:
        for name, table, *_ in _PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for name in _PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.drop_table("search_changes")
    # Back to the store's own index of 0005, filled from the store as that migration fills it.
    import_module("callsheet.store.migrations.versions.0005_search").upgrade()
