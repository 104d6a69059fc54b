"""a unique index on users.token_hash: every API request looks its user up by it

Revision ID: 0106
Revises: 0105 (re-chained at merge; written against 0008)
"""

from __future__ import annotations

from alembic import op

revision = "0106"
down_revision = "0105"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Unique as well as fast: two users can never answer to one token. NULLs (no token) may repeat.
    op.create_index("ix_users_token_hash", "users", ["token_hash"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_users_token_hash", table_name="users")
