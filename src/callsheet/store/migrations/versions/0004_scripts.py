"""call scripts edited by the user, overriding the shipped defaults; an index for the win column

Revision ID: 0004
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scripts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("part", sa.String(length=20), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scripts")),
        sa.UniqueConstraint("kind", "part", name="uq_scripts_kind_part"),
    )
    op.create_index("ix_touches_rung_at", "touches", ["rung", "at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_touches_rung_at", table_name="touches")
    op.drop_table("scripts")
