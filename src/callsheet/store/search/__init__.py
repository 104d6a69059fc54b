"""Full-text search over people behind one interface: SQLite FTS5 or PostgreSQL tsvector + GIN.

The index lives in the store and is kept current by triggers on people, touches and companies
(created by migration 0005), so every write path - the repositories, the demo's bulk inserts,
imports, merges, erasure - keeps it in step with no manual step. `rebuild` (callsheet reindex)
exists only for repair. User queries arrive parsed (callsheet.domain.query) and are compiled here
into each engine's syntax with every term quoted, so no input reaches an engine as syntax.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import Connection

from callsheet.domain.query import Node
from callsheet.store.search.common import Filters, Hit


class SearchIndex(Protocol):
    def search(self, query: Node, filters: Filters, limit: int, offset: int = 0,
               skills_only: bool = False) -> list[Hit]:
        """People matching the query and filters, best first (score descending, then id).

        `skills_only` ranks by the skills field alone (match proposes people by their skills)."""

    def rebuild(self) -> int:
        """Recompute the whole index from the store; returns the number of people indexed."""

    def size(self) -> int:
        """How many people the index holds."""


def index_for(connection: Connection) -> SearchIndex:
    if connection.dialect.name == "sqlite":
        from callsheet.store.search.fts5 import Fts5Index

        return Fts5Index(connection)
    from callsheet.store.search.tsquery import TsIndex

    return TsIndex(connection)


__all__ = ["Filters", "Hit", "SearchIndex", "index_for"]
