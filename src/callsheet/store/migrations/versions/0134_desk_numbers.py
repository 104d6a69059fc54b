"""desk numbers: a desk may have its own number at the telephony provider

Revision ID: 0134
Revises: 0133

The number (E.164, "" for none) is the caller ID of the desk's outbound calls and the number its inbound
calls ring; each desk's number is a desk key (kind "number"), so an inbound call finds the desk it rings.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0134"
down_revision = "0133"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("desks", sa.Column("number", sa.String(20), nullable=False, server_default=""))


def downgrade() -> None:
    op.execute("DELETE FROM desk_keys WHERE kind = 'number'")
    with op.batch_alter_table("desks") as batch:
        batch.drop_column("number")
