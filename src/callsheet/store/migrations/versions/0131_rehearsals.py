"""rehearsals: practice calls with a simulated listener, kept apart from touches

Revision ID: 0131
Revises: 0128
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0131"
down_revision = "0130"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rehearsals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("share", sa.Boolean(), nullable=False),
        sa.Column("ask", sa.Boolean(), nullable=False),
        sa.Column("close", sa.Boolean(), nullable=False),
        sa.Column("rung", sa.String(length=40), nullable=False),
        sa.Column("transcript", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_rehearsals_user_id_users")),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE",
                                name=op.f("fk_rehearsals_person_id_people")),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], ondelete="SET NULL",
                                name=op.f("fk_rehearsals_job_id_jobs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rehearsals")),
    )
    op.create_index(op.f("ix_rehearsals_user_id"), "rehearsals", ["user_id"], unique=False)
    op.create_index(op.f("ix_rehearsals_person_id"), "rehearsals", ["person_id"], unique=False)
    op.create_index("ix_rehearsals_at", "rehearsals", ["at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_rehearsals_at", table_name="rehearsals")
    op.drop_index(op.f("ix_rehearsals_person_id"), table_name="rehearsals")
    op.drop_index(op.f("ix_rehearsals_user_id"), table_name="rehearsals")
    op.drop_table("rehearsals")
