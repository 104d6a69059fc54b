"""name parts: every person's first and last name, parsed from the name they were stored with

Revision ID: 0125
Revises: 0123
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from nameparser import HumanName

revision = "0125"
down_revision = "0123"
branch_labels = None
depends_on = None

_CHUNK = 5000


def upgrade() -> None:
    op.add_column("people", sa.Column("first_name", sa.String(length=300), nullable=False, server_default=""))
    op.add_column("people", sa.Column("last_name", sa.String(length=300), nullable=False, server_default=""))
    people = sa.table("people", sa.column("id", sa.Integer), sa.column("name", sa.String),
                      sa.column("first_name", sa.String), sa.column("last_name", sa.String))
    connection = op.get_bind()
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


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.drop_column("last_name")
        batch.drop_column("first_name")
