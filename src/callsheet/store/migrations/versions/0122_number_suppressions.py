"""number releases: an admin frees one number of a marked person for its new holder

Revision ID: 0122
Revises: 0121
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0122"
down_revision = "0121"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "number_releases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("user_name", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE",
                                name=op.f("fk_number_releases_person_id_people")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_number_releases_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_number_releases")),
    )
    op.create_index(op.f("ix_number_releases_person_id"), "number_releases", ["person_id"], unique=False)
    op.create_index(op.f("ix_number_releases_digest"), "number_releases", ["digest"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_number_releases_digest"), table_name="number_releases")
    op.drop_index(op.f("ix_number_releases_person_id"), table_name="number_releases")
    op.drop_table("number_releases")
