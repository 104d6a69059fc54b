"""Full-text search over people: an embedded tantivy index kept in step with the store.

The store stays the source of truth. Triggers (migration 0105) log every changed person in
`search_changes`; before it answers, the index catches up from that log (re-reading the changed
people from the store) so every write path - repositories, the demo's bulk inserts, imports, merges,
erasure - is searchable at once with no manual step. A desk whose search epoch differs from the one
the index was built from (wiped, restored, copied) is rebuilt first; `rebuild` (callsheet reindex)
exists for repair. User queries arrive parsed (callsheet.domain.query) and become tantivy query
objects term by term, so no input reaches the engine as syntax.
"""

from __future__ import annotations

import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import tantivy
from sqlalchemy import Connection, Engine, bindparam, text

from callsheet.domain.query import Node
from callsheet.domain.search import Filters, Hit, keeps
from callsheet.store.search import engine, place
from callsheet.store.search.arrays import Arrays, append_journal
from callsheet.store.search.common import pipeline_ids, read_hits
from callsheet.store.search.documents import Doc, all_docs, docs_for

#: More changed people than this at once (a bulk import, a demo build) and a rebuild is quicker.
REBUILD_AFTER = 50_000
_LOCK_KEY = 0x5EA4C4  # PostgreSQL advisory lock: one process catches an index up at a time
_CHECK = text("SELECT (SELECT value FROM desk_meta WHERE key = :key), (SELECT min(id) FROM search_changes)")
_DELETE = text("DELETE FROM search_changes WHERE id IN :ids").bindparams(bindparam("ids", expanding=True))


@dataclass
class _Open:
    """A process's handle on one index folder (tantivy reader, schema, and the match arrays)."""

    index: tantivy.Index
    schema: tantivy.Schema
    arrays: Arrays | None = None
    seen: tuple[int, int, int] = (0, 0, 0)  # (inode, mtime_ns, size) of tantivy's meta.json at the last reload

    def refresh(self, meta: Path, committed: bool = False) -> None:
        """Reload when a commit changed the index: always after this process's own (`committed`), and
        when meta.json looks different for another process's. A reload opens every segment afresh,
        and a fresh searcher pays to warm up again, so a search that changed nothing does not reload.

        The look is only a hint: a file's mtime moves in clock ticks of a few milliseconds, so two
        commits of the same size in one tick look alike; our own commit must not depend on it."""
        try:
            st = meta.stat()
        except OSError:
            return
        # tantivy replaces meta.json by a rename: a new inode tells another commit apart within a tick.
        seen = (st.st_ino, st.st_mtime_ns, st.st_size)
        if committed or seen != self.seen:
            self.index.reload()
            self.seen = seen


_OPEN: dict[Path, _Open] = {}
_GUARD = threading.Lock()


class SearchIndex:
    """The index of the desk behind `connection`, caught up with the store on first use."""

    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.dir = place.index_dir_of(connection.engine)
        self._ready = False

    # -- keeping in step -----------------------------------------------------------------------
    def catch_up(self) -> int:
        """Bring the index in step with the store; returns how many people it re-read (0: none)."""
        # One round trip for the common case: the same epoch and nothing new.
        epoch, pending = self.c.execute(_CHECK, {"key": place.EPOCH_KEY}).one()
        state = place.read_state(self.dir)
        if epoch is None or state.get("epoch") != _stamp(epoch) or not tantivy.Index.exists(str(self._tantivy)):
            self._lock()
            return self.rebuild()
        if pending is None:
            self._ready = True
            return 0
        self._lock()
        rows = self.c.execute(text("SELECT id, person_id FROM search_changes ORDER BY id LIMIT :n"),
                              {"n": REBUILD_AFTER + 1}).all()
        people = sorted({int(r[1]) for r in rows})
        if len(people) > REBUILD_AFTER:
            return self.rebuild()
        if rows:
            docs = docs_for(self.c, people)
            handle = self._handle()
            with _Writer(handle.index, 1) as w:
                w.delete_documents_by_query(tantivy.Query.term_set_query(handle.schema, "person_id", people))
                for d in docs:
                    w.add_document(engine.document(d))
                w.commit()
                append_journal(self.dir, people)
            handle.refresh(self._tantivy / "meta.json", committed=True)
            ids = [int(r[0]) for r in rows]
            for start in range(0, len(ids), 5000):
                self.c.execute(_DELETE, {"ids": ids[start:start + 5000]})
        self._ready = True
        return len(people)

    def rebuild(self) -> int:
        """Recompute the whole index from the store; returns the number of people indexed."""
        self._lock()
        epoch = place.desk_epoch(self.c)
        last = self.c.execute(text("SELECT max(id) FROM search_changes")).scalar()
        if self.dir.exists() and place.read_state(self.dir).get("epoch", "").split(":")[-1] != engine.SCHEMA_VERSION:
            with _GUARD:  # another schema, or a folder of unknown state: start clean
                _OPEN.pop(self.dir, None)
            shutil.rmtree(self.dir, ignore_errors=True)
        handle = self._handle()
        build = uuid.uuid4().hex
        with _Writer(handle.index, 2) as w:
            w.delete_all_documents()

            def pages() -> Iterator[list[Doc]]:  # each page feeds the index, then the match arrays
                for page in all_docs(self.c):
                    for d in page:
                        w.add_document(engine.document(d))
                    yield page
            arrays = Arrays.from_docs(pages(), build)
            w.commit()
        arrays.save(self.dir)
        handle.arrays = arrays
        handle.refresh(self._tantivy / "meta.json", committed=True)
        place.write_state(self.dir, _stamp(epoch), build)
        if last is not None:
            self.c.execute(text("DELETE FROM search_changes WHERE id <= :last"), {"last": last})
        self._ready = True
        return self.size()

    # -- answering -----------------------------------------------------------------------------
    def search(self, query: Node, filters: Filters, limit: int, offset: int = 0,
               skills_only: bool = False) -> list[Hit]:
        """People matching the query and filters, best first (score descending, then id).

        `skills_only` ranks by the skills field alone. The index selects and ranks; each page of
        hits is read from the store and checked against the filters there, since the store decides.
        """
        if not self._ready:
            self.catch_up()
        handle = self._handle()
        only = pipeline_ids(self.c, filters.job_id, filters.stage) if filters.job_id is not None else None
        if only == []:
            return []
        leave_out = pipeline_ids(self.c, filters.not_in_job_id) if filters.not_in_job_id is not None else []
        weights = engine.SKILLS_ONLY if skills_only else engine.WEIGHTS
        clauses = [(tantivy.Occur.Must, engine.compile_query(handle.schema, query, weights)),
                   *engine.filter_clauses(handle.schema, filters, only, leave_out)]
        q = tantivy.Query.boolean_query(clauses)
        searcher = handle.index.searcher()
        wanted, start = offset + limit, 0
        kept: list[Hit] = []
        # The index applied every filter but the exact circle (it used the box around it), so a page
        # a little larger than asked for is nearly always the only one.
        page = wanted + (wanted // 2 if filters.near is not None else 0) + 5
        excluded = frozenset(leave_out)
        while len(kept) < wanted:
            found = searcher.search(q, page, count=False, offset=start).hits
            if not found:
                break
            ids = searcher.fast_field_values("person_id", [a for _, a in found])
            scores = {int(pid or 0): float(s) for (s, _), pid in zip(found, ids, strict=True)}
            kept += [h for h in read_hits(self.c, scores) if keeps(filters, h, excluded)]
            if len(found) < page:
                break
            start += page
            page *= 2
        kept.sort(key=lambda h: (-h.score, h.person_id))
        return kept[offset:wanted]

    def arrays(self) -> Arrays:
        """The match arrays, current with the store (call after catch_up)."""
        if not self._ready:
            self.catch_up()
        handle = self._handle()
        build = place.read_state(self.dir).get("build", "")
        if handle.arrays is None or handle.arrays.build != build:
            handle.arrays = Arrays.load(self.dir)
            if handle.arrays is None or handle.arrays.build != build:
                self.rebuild()
                handle.arrays = self._handle().arrays
        assert handle.arrays is not None
        handle.arrays.catch_up(self.c, self.dir)
        return handle.arrays

    def size(self) -> int:
        """How many people the index holds."""
        return int(self._handle().index.searcher().num_docs)

    # -- plumbing ------------------------------------------------------------------------------
    @property
    def _tantivy(self) -> Path:
        return self.dir / "tantivy"

    def _handle(self) -> _Open:
        with _GUARD:
            handle = _OPEN.get(self.dir)
            if handle is None or not self._tantivy.exists():
                self._tantivy.mkdir(parents=True, exist_ok=True)
                schema = engine.make_schema()
                handle = _OPEN[self.dir] = _Open(tantivy.Index(schema, path=str(self._tantivy), reuse=True), schema)
            handle.refresh(self._tantivy / "meta.json")
            return handle

    def _lock(self) -> None:
        if self.c.dialect.name == "postgresql":  # SQLite's BEGIN IMMEDIATE serialises writers already
            self.c.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})


def _stamp(epoch: str) -> str:
    return f"{epoch}:{engine.SCHEMA_VERSION}"


class _Writer:
    """tantivy's single writer per index, waited for when another process holds it (briefly)."""

    def __init__(self, index: tantivy.Index, threads: int) -> None:
        self.index, self.threads = index, threads

    def __enter__(self) -> tantivy.IndexWriter:
        for _ in range(600):
            try:
                self.writer = self.index.writer(heap_size=(15_000_000 if self.threads == 1 else 100_000_000),
                                                num_threads=self.threads)
                return self.writer
            except ValueError as exc:
                if "LockBusy" not in str(exc):
                    raise
                time.sleep(0.05)
        raise TimeoutError("the search index stayed locked by another process for 30 s")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is not None:
            self.writer.rollback()
        self.writer.wait_merging_threads()  # finishes merges and releases the lock
        del self.writer


def reclaim_change_log(engine: Engine) -> None:
    """Give PostgreSQL the emptied change log's space back once a rebuild has committed.

    A demo or an import of a million people leaves millions of dead log rows behind the rebuild's
    DELETE; until autovacuum gets to them, every search's "anything new?" check walks them (about
    100 ms a search at 1,000,000 people). SQLite frees the pages with the DELETE itself.
    """
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM search_changes"))


def index_for(connection: Connection) -> SearchIndex:
    return SearchIndex(connection)


__all__ = ["Filters", "Hit", "SearchIndex", "index_for", "reclaim_change_log"]
