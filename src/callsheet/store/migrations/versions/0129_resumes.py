"""résumé files on a person's card, their text searched with the person

Revision ID: 0129
Revises: 0124

Inserting, moving or deleting a résumé logs its person in `search_changes` (as 0105's triggers do
for people and touches), so the search index and the match arrays re-read the person with the text.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0129"
down_revision = "0128"
branch_labels = None
depends_on = None

_LOG = "INSERT INTO search_changes (person_id) VALUES ({})"
_SQLITE = {
    "search_resumes_insert": f"AFTER INSERT ON resumes BEGIN {_LOG.format('NEW.person_id')}; END",
    "search_resumes_update": f"AFTER UPDATE OF person_id, text ON resumes BEGIN {_LOG.format('OLD.person_id')}; "
                             f"{_LOG.format('NEW.person_id')}; END",
    "search_resumes_delete": f"AFTER DELETE ON resumes BEGIN {_LOG.format('OLD.person_id')}; END",
}
_PG_FUNCTIONS = {
    "callsheet_log_resumes": "SELECT person_id FROM changed",
    "callsheet_log_resumes_moved": "SELECT person_id FROM gone UNION SELECT person_id FROM changed",
}
_PG_TRIGGERS = [  # (name, event, transition tables, function)
    ("search_resumes_insert", "INSERT", "NEW TABLE AS changed", "callsheet_log_resumes"),
    ("search_resumes_update", "UPDATE", "OLD TABLE AS gone NEW TABLE AS changed", "callsheet_log_resumes_moved"),
    ("search_resumes_delete", "DELETE", "OLD TABLE AS changed", "callsheet_log_resumes"),
]


def upgrade() -> None:
    op.create_table(
        "resumes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("proposed", sa.Text(), nullable=False),
        sa.Column("user_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_resumes_person_id_people"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resumes")),
        sa.UniqueConstraint("person_id", "sha256", name="uq_resumes_person_id"),
    )
    op.create_index(op.f("ix_resumes_person_id"), "resumes", ["person_id"])
    op.create_index(op.f("ix_resumes_sha256"), "resumes", ["sha256"])
    if op.get_bind().dialect.name == "sqlite":
        for name, body in _SQLITE.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
        return
    for name, body in _PG_FUNCTIONS.items():
        op.execute(f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                   f"INSERT INTO search_changes (person_id) {body}; RETURN NULL; END $$")
    for name, event, tables, function in _PG_TRIGGERS:
        op.execute(f"CREATE TRIGGER {name} AFTER {event} ON resumes REFERENCING {tables} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in _SQLITE:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name, *_ in _PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON resumes")
        for name in _PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.drop_index(op.f("ix_resumes_sha256"), table_name="resumes")
    op.drop_index(op.f("ix_resumes_person_id"), table_name="resumes")
    op.drop_table("resumes")
