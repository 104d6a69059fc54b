"""do-not-call lists: lists imported from outside, their numbers, and the audit of each import and removal

Revision ID: 0128
Revises: 0123
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0128"
down_revision = "0127"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dnc_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dnc_lists")),
        sa.UniqueConstraint("name", name=op.f("uq_dnc_lists_name")),
    )
    op.create_table(
        "dnc_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("file", sa.String(length=300), nullable=False),
        sa.Column("listed", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("released", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("user_name", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["list_id"], ["dnc_lists.id"], ondelete="CASCADE",
                                name=op.f("fk_dnc_events_list_id_dnc_lists")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_dnc_events_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dnc_events")),
    )
    op.create_index(op.f("ix_dnc_events_list_id"), "dnc_events", ["list_id"], unique=False)
    op.create_table(
        "dnc_numbers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("e164", sa.String(length=20), nullable=False),
        sa.Column("listed_event_id", sa.Integer(), nullable=False),
        sa.Column("released_event_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dnc_numbers")),
    )
    op.create_index(op.f("ix_dnc_numbers_e164"), "dnc_numbers", ["e164"], unique=False)
    op.create_index("ix_dnc_numbers_list_id_e164", "dnc_numbers", ["list_id", "e164"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_dnc_numbers_list_id_e164", table_name="dnc_numbers")
    op.drop_index(op.f("ix_dnc_numbers_e164"), table_name="dnc_numbers")
    op.drop_table("dnc_numbers")
    op.drop_index(op.f("ix_dnc_events_list_id"), table_name="dnc_events")
    op.drop_table("dnc_events")
    op.drop_table("dnc_lists")
