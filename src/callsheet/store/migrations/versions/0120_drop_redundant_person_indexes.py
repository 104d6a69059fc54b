"""drop ix_phones_person_id and ix_emails_person_id: the unique (person_id, e164) and
(person_id, address) indexes start with person_id and serve the same look-ups

Revision ID: 0120
Revises: 0106 (re-chained at merge)
"""

from __future__ import annotations

from alembic import op

revision = "0120"
down_revision = "0106"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every phone and email an import stores was written into three indexes besides the table;
    # one of them only repeated the first column of the unique constraint's own index.
    op.drop_index("ix_phones_person_id", table_name="phones")
    op.drop_index("ix_emails_person_id", table_name="emails")


def downgrade() -> None:
    op.create_index("ix_phones_person_id", "phones", ["person_id"])
    op.create_index("ix_emails_person_id", "emails", ["person_id"])
