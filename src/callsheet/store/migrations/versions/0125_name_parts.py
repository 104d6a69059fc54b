"""name parts: every person's first and last name, parsed from the name they were stored with

Revision ID: 0125
Revises: 0123
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from nameparser import HumanName

revision = "0125"
down_revision = "0124"
branch_labels = None
depends_on = None

_CHUNK = 5000


def upgrade() -> None:
    op.add_column("people", sa.Column("first_name", sa.String(length=300), nullable=False, server_default=""))
    op.add_column("people", sa.Column("last_name", sa.String(length=300), nullable=False, server_default=""))
    _fill()


def _fill() -> None:
    """Every stored person's parts, read from their name as a new person's are (`lookup.names`)."""
    people = sa.table("people", sa.column("id", sa.Integer), sa.column("name", sa.String),
                      sa.column("first_name", sa.String), sa.column("last_name", sa.String))
    connection = op.get_bind()
    postgres = connection.dialect.name == "postgresql"
    if postgres:
        # The search index re-reads every updated person; the parts add no words to it, so skip that.
        op.execute("ALTER TABLE people DISABLE TRIGGER search_people_update")
    fill = sa.update(people).where(people.c.id == sa.bindparam("_id")).values(
        first_name=sa.bindparam("_first"), last_name=sa.bindparam("_last"))
    last_id = 0
    while True:
        rows = connection.execute(sa.select(people.c.id, people.c.name).where(people.c.id > last_id)
                                  .order_by(people.c.id).limit(_CHUNK)).all()
        if not rows:
            break
        parts = []
        for person_id, name in rows:
            parsed = HumanName(" ".join((name or "").split()))
            parts.append({"_id": person_id, "_first": str(parsed.first), "_last": str(parsed.last)})
        connection.execute(fill, parts)
        last_id = rows[-1][0]
    if postgres:
        op.execute("ALTER TABLE people ENABLE TRIGGER search_people_update")


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN on both stores: rebuilding the table would lose its triggers.
    op.drop_column("people", "last_name")
    op.drop_column("people", "first_name")
