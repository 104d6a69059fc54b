"""API tokens of their own: named, listed, revocable, with when each was last used

Each user's token moves from users.token_hash to a row of api_tokens named "token 1" and keeps working.

Revision ID: 0126
Revises: 0123
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0126"
down_revision = "0125"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users")),
        sa.ForeignKeyConstraint(["revoked_by"], ["users.id"], name=op.f("fk_api_tokens_revoked_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    op.create_index(op.f("ix_api_tokens_user_id"), "api_tokens", ["user_id"], unique=False)
    # When a token was made was never kept: the user's own creation is the best moment known.
    op.execute("INSERT INTO api_tokens (user_id, name, token_hash, created_at) "
               "SELECT id, 'token 1', token_hash, created_at FROM users WHERE token_hash IS NOT NULL")
    op.drop_index("ix_users_token_hash", table_name="users")
    # Both stores drop a plain column in place (SQLite since 3.35): the users table is not rebuilt.
    op.execute("ALTER TABLE users DROP COLUMN token_hash")


def downgrade() -> None:
    op.execute("ALTER TABLE users ADD COLUMN token_hash VARCHAR(200)")
    # One token a user before: the newest one still valid is kept.
    op.execute("UPDATE users SET token_hash = (SELECT t.token_hash FROM api_tokens t WHERE t.user_id = users.id "
               "AND t.revoked_at IS NULL ORDER BY t.id DESC LIMIT 1)")
    op.create_index("ix_users_token_hash", "users", ["token_hash"], unique=True)
    op.drop_index(op.f("ix_api_tokens_user_id"), table_name="api_tokens")
    op.drop_table("api_tokens")
