"""the job seeker's desk: applications, follow-up calls, weekly plans

Revision ID: 0009
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=300), nullable=False),
        sa.Column("posting_url", sa.String(length=1000), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("contact_person_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name=op.f("fk_applications_company_id_companies")),
        sa.ForeignKeyConstraint(["contact_person_id"], ["people.id"], ondelete="SET NULL",
                                name=op.f("fk_applications_contact_person_id_people")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_applications_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
    )
    op.create_index(op.f("ix_applications_user_id"), "applications", ["user_id"], unique=False)
    op.create_table(
        "application_touches",
        sa.Column("touch_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("is_followup", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"], ondelete="CASCADE",
                                name=op.f("fk_application_touches_application_id_applications")),
        sa.ForeignKeyConstraint(["touch_id"], ["touches.id"], ondelete="CASCADE",
                                name=op.f("fk_application_touches_touch_id_touches")),
        sa.PrimaryKeyConstraint("touch_id", name=op.f("pk_application_touches")),
    )
    op.create_index(op.f("ix_application_touches_application_id"), "application_touches", ["application_id"],
                    unique=False)
    op.create_table(
        "seeker_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("strengths", sa.Text(), nullable=False),
        sa.Column("passions", sa.Text(), nullable=False),
        sa.Column("target_roles", sa.Text(), nullable=False),
        sa.Column("target_companies", sa.Text(), nullable=False),
        sa.Column("weekly_calls", sa.Integer(), nullable=False),
        sa.Column("weekly_followups", sa.Integer(), nullable=False),
        sa.Column("weekly_contacts", sa.Integer(), nullable=False),
        sa.Column("weekly_applications", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name=op.f("fk_seeker_plans_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seeker_plans")),
        sa.UniqueConstraint("user_id", name=op.f("uq_seeker_plans_user_id")),
    )


def downgrade() -> None:
    op.drop_table("seeker_plans")
    op.drop_index(op.f("ix_application_touches_application_id"), table_name="application_touches")
    op.drop_table("application_touches")
    op.drop_index(op.f("ix_applications_user_id"), table_name="applications")
    op.drop_table("applications")
