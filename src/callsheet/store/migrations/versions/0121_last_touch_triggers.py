"""people.last_touch_at kept by the store itself: triggers on touches, on both stores

Revision ID: 0121
Revises: 0120

The latest touch's time is derived from touches; every write of touches (a logged touch, a bulk
insert, a merge moving them, an erasure deleting them) keeps it through these triggers, so no caller
keeps it by hand. It moves forward on insert; it is recomputed only for people whose latest touch
went or moved.
"""

from __future__ import annotations

from alembic import op

revision = "0121"
down_revision = "0120"
branch_labels = None
depends_on = None

_FORWARD = ("UPDATE people SET last_touch_at = {at} WHERE id = {person} "
            "AND (last_touch_at IS NULL OR last_touch_at < {at})")
_RECOUNT = ("UPDATE people SET last_touch_at = (SELECT max(at) FROM touches WHERE person_id = {person}) "
            "WHERE id = {person} AND last_touch_at = {at}")

_SQLITE = {
    "last_touch_insert": "AFTER INSERT ON touches BEGIN "
                         f"{_FORWARD.format(at='NEW.at', person='NEW.person_id')}; END",
    "last_touch_update": "AFTER UPDATE OF person_id, at ON touches BEGIN "
                         f"{_RECOUNT.format(at='OLD.at', person='OLD.person_id')}; "
                         f"{_FORWARD.format(at='NEW.at', person='NEW.person_id')}; END",
    "last_touch_delete": "AFTER DELETE ON touches BEGIN "
                         f"{_RECOUNT.format(at='OLD.at', person='OLD.person_id')}; END",
}

# PostgreSQL: statement-level triggers with transition tables, so a bulk insert (COPY) updates each
# person once.
_PG_FORWARD = """
UPDATE people p SET last_touch_at = a.at FROM (SELECT person_id, max(at) AS at FROM added GROUP BY person_id) a
WHERE p.id = a.person_id AND (p.last_touch_at IS NULL OR p.last_touch_at < a.at);
"""
_PG_RECOUNT = """
UPDATE people p SET last_touch_at = (SELECT max(t.at) FROM touches t WHERE t.person_id = p.id)
FROM (SELECT person_id, max(at) AS at FROM gone GROUP BY person_id) g
WHERE p.id = g.person_id AND p.last_touch_at <= g.at;
"""
_PG_FUNCTIONS = {
    "callsheet_last_touch_added": _PG_FORWARD,
    "callsheet_last_touch_moved": _PG_RECOUNT + _PG_FORWARD,
    "callsheet_last_touch_gone": _PG_RECOUNT,
}
_PG_TRIGGERS = [  # (name, event, transition tables, function)
    ("last_touch_insert", "INSERT", "NEW TABLE AS added", "callsheet_last_touch_added"),
    ("last_touch_update", "UPDATE", "OLD TABLE AS gone NEW TABLE AS added", "callsheet_last_touch_moved"),
    ("last_touch_delete", "DELETE", "OLD TABLE AS gone", "callsheet_last_touch_gone"),
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name, body in _SQLITE.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
        return
    for name, body in _PG_FUNCTIONS.items():
        op.execute(f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$")
    for name, event, tables, function in _PG_TRIGGERS:
        op.execute(f"CREATE TRIGGER {name} AFTER {event} ON touches REFERENCING {tables} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in _SQLITE:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        return
    for name, *_ in _PG_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON touches")
    for name in _PG_FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {name}()")
