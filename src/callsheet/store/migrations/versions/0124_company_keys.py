"""companies as people write them: one key for every spelling, spellings already stored merged

Every company's key is recomputed; companies whose names now share a key become one, the first
seen (lowest id) keeping its name. Their people, jobs, hiring managers and applications move to it, it
is a client if any of them was, and each merge leaves a row in company_merges.

Revision ID: 0124
Revises: 0123
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

# The desk's one key function, imported rather than copied: the keys stored here must be the very
# keys the desk looks companies up by, or an upgraded desk would split "Acme Corp" again on its next
# lookup. It is a pure function of a name (cleanco's legal forms, case, punctuation, spacing) and
# touches no table, so a later change to the schema cannot break this migration through it.
from callsheet.lookup.companies import company_key

revision = "0124"
down_revision = "0123"
branch_labels = None
depends_on = None

#: Every table that points at a company.
_POINTING = ("people", "jobs", "users", "applications")

_companies = sa.table("companies", sa.column("id", sa.Integer()), sa.column("name", sa.String()),
                      sa.column("name_key", sa.String()), sa.column("city", sa.String()),
                      sa.column("state", sa.String()), sa.column("is_client", sa.Boolean()))


def upgrade() -> None:
    merges = op.create_table(
        "company_merges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kept_id", sa.Integer(), nullable=False),
        sa.Column("merged_id", sa.Integer(), nullable=False),
        sa.Column("merged_name", sa.String(length=300), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["kept_id"], ["companies.id"], ondelete="CASCADE",
                                name=op.f("fk_company_merges_kept_id_companies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company_merges")),
    )
    op.create_index(op.f("ix_company_merges_kept_id"), "company_merges", ["kept_id"], unique=False)
    bind = op.get_bind()
    groups: dict[str, list[Any]] = {}  # key -> rows of the companies that share it, oldest first
    for row in bind.execute(sa.select(_companies.c.id, _companies.c.name, _companies.c.name_key, _companies.c.city,
                                      _companies.c.state, _companies.c.is_client).order_by(_companies.c.id)):
        groups.setdefault(company_key(row.name), []).append(row)
    # SQLite keeps no zone: times are stored as UTC without one, as the desk's own column type does.
    now = datetime.now(UTC)
    at = now.replace(tzinfo=None) if bind.dialect.name == "sqlite" else now
    rekeyed: list[dict[str, object]] = []
    for key, (kept, *merged) in groups.items():
        for gone in merged:
            for table in _POINTING:
                bind.execute(sa.text(f"UPDATE {table} SET company_id = :kept WHERE company_id = :gone"),
                             {"kept": kept.id, "gone": gone.id})
            bind.execute(sa.insert(merges).values(kept_id=kept.id, merged_id=gone.id, merged_name=gone.name, at=at))
            bind.execute(sa.delete(_companies).where(_companies.c.id == gone.id))
        if merged:
            everyone = [kept, *merged]
            bind.execute(sa.update(_companies).where(_companies.c.id == kept.id).values(
                is_client=any(r.is_client for r in everyone),
                city=kept.city or next((r.city for r in merged if r.city), ""),
                state=kept.state or next((r.state for r in merged if r.state), "")))
        if kept.name_key != key:
            rekeyed.append({"kept": kept.id, "key": key})
    _set_keys(bind, rekeyed)


def downgrade() -> None:
    # Merged companies stay merged; the keys go back to the lower-cased, whitespace-collapsed name.
    bind = op.get_bind()
    rows = bind.execute(sa.select(_companies.c.id, _companies.c.name, _companies.c.name_key))
    _set_keys(bind, [{"kept": r.id, "key": " ".join(r.name.split()).lower()} for r in rows
                     if r.name_key != " ".join(r.name.split()).lower()])
    op.drop_index(op.f("ix_company_merges_kept_id"), table_name="company_merges")
    op.drop_table("company_merges")


def _set_keys(bind: sa.Connection, keys: list[dict[str, object]]) -> None:
    """Set keys in two passes, so no new key meets another company's old one in the unique index."""
    if not keys:
        return
    by_id = sa.update(_companies).where(_companies.c.id == sa.bindparam("kept")).values(name_key=sa.bindparam("key"))
    # "#<id>" is no company's key: a key is made of letters and digits unless the name has none.
    bind.execute(by_id, [{"kept": k["kept"], "key": f"#{k['kept']}"} for k in keys])
    bind.execute(by_id, keys)
