"""imports: salted keys of erased people, keys of imported rows, per-desk values

Revision ID: 0006
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "desk_meta",
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_desk_meta")),
    )
    op.create_table(
        "erased_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_erased_keys_person_id_people"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erased_keys")),
    )
    op.create_index(op.f("ix_erased_keys_person_id"), "erased_keys", ["person_id"], unique=False)
    op.create_index(op.f("ix_erased_keys_digest"), "erased_keys", ["digest"], unique=False)
    op.create_table(
        "import_keys",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_import_keys_person_id_people"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_import_keys")),
    )
    op.create_index(op.f("ix_import_keys_person_id"), "import_keys", ["person_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_import_keys_person_id"), table_name="import_keys")
    op.drop_table("import_keys")
    op.drop_index(op.f("ix_erased_keys_digest"), table_name="erased_keys")
    op.drop_index(op.f("ix_erased_keys_person_id"), table_name="erased_keys")
    op.drop_table("erased_keys")
    op.drop_table("desk_meta")
