"""people.last_touch_at for the call sheet's staleness; touches indexed to cover what the policy reads

Revision ID: 0103
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0103"
down_revision = "0008"
branch_labels = None
depends_on = None

# One statement for the whole desk: a correlated max per person would be a million lookups.
_BACKFILL = """
UPDATE people SET last_touch_at = last.at
FROM (SELECT person_id, max(at) AS at FROM touches GROUP BY person_id) AS last
WHERE last.person_id = people.id
"""


# Everything the contact policy reads about a person's history, in the index itself: the call sheet
# reads the histories of its top people without touching the table (an index-only scan).
HISTORY_COLUMNS = ["person_id", "at", "job_id", "outcome", "phone", "callback_at", "user_id", "reason"]


def upgrade() -> None:
    op.create_index("ix_touches_person_history", "touches", HISTORY_COLUMNS, unique=False)
    # The new index starts with the old one's columns: it serves every query the old one did.
    op.drop_index("ix_touches_person_at", table_name="touches")
    op.add_column("people", sa.Column("last_touch_at", sa.DateTime(timezone=True), nullable=True))
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        # The search index re-reads every updated person; this column holds no words, so skip that.
        op.execute("ALTER TABLE people DISABLE TRIGGER people_search_update")
    op.execute(_BACKFILL)
    if postgres:
        op.execute("ALTER TABLE people ENABLE TRIGGER people_search_update")


def downgrade() -> None:
    op.create_index("ix_touches_person_at", "touches", ["person_id", "at"], unique=False)
    op.drop_index("ix_touches_person_history", table_name="touches")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("last_touch_at")
