"""People search as the services ask for it: the index of the desk behind the unit of work's connection."""

from __future__ import annotations

from sqlalchemy import Connection

from callsheet.domain.query import Node
from callsheet.domain.search import Filters, Hit
from callsheet.store.search import index_for
from callsheet.store.search.arrays import Arrays
from callsheet.store.search.common import pipeline_ids, read_hits
from callsheet.store.search.follow import reclaim_change_log


class SearchQueries:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self._engine = connection.engine

    def find(self, query: Node, filters: Filters, limit: int, offset: int = 0,
             skills_only: bool = False) -> list[Hit]:
        """People matching the query and filters, best first (the index ranks, the store decides)."""
        return index_for(self.c).search(query, filters, limit, offset, skills_only)

    def match_arrays(self) -> Arrays:
        """Everyone's fit features as numpy arrays, as current as the index."""
        return index_for(self.c).arrays()

    def pipeline_ids(self, job_id: int) -> list[int]:
        """The people in a job's pipeline."""
        return pipeline_ids(self.c, job_id)

    def hits(self, scores: dict[int, float]) -> list[Hit]:
        """The hits for ranked ids (id -> score), as the store has them now, best first."""
        return read_hits(self.c, scores)

    def rebuild(self) -> int:
        """Rebuild the index from the store; returns how many people it holds."""
        return index_for(self.c).rebuild()

    def reclaim_space(self) -> None:
        """After a rebuild has committed (outside the unit of work): the change log compacted, its space back."""
        reclaim_change_log(self._engine)
