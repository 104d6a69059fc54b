"""Full-text search over people: an embedded tantivy index kept in step with the store.

The store stays the source of truth. Triggers (migration 0105) log every changed person in
`search_changes`; a background follower in each process (follow.py) applies that log to the index
past the folder's cursor, commits and reloads the searchers, so every write path - repositories, the
demo's bulk inserts, imports, merges, erasure - is searchable within a second and no search waits for
a commit. One index holds every desk's people, each document with its desk, and every question a
desk asks of it (search, match, counts) names that desk; keeping it in step reads the log of every
desk, outside any desk (follow.across_desks). A store whose search epoch differs from the one the
index was built from (wiped, restored, copied) is rebuilt first, every desk of it; `rebuild`
(callsheet reindex) exists for repair. User queries arrive parsed (callsheet.domain.query) and become
tantivy query objects term by term, so no input reaches the engine as syntax.
"""

from __future__ import annotations

import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import tantivy
from sqlalchemy import Connection, Engine, text

from callsheet.domain.query import Node
from callsheet.domain.search import Filters, Hit, keeps
from callsheet.store.search import engine as engine_docs
from callsheet.store.search import follow, place
from callsheet.store.search.arrays import Arrays, append_journal, by_desk, fold_journal
from callsheet.store.search.common import pipeline_ids, read_hits
from callsheet.store.search.documents import Doc, all_docs, docs_for
from callsheet.store.search.follow import Cursor, RebuildNeeded, across_desks, folder_lock, following, unseen_changes
from callsheet.store.tables import DESK_ID
from callsheet.store.tenancy import desk_of

#: More changed people than this at once (a bulk import, a demo build) and a rebuild is quicker.
REBUILD_AFTER = 50_000
_CHECK = text("SELECT (SELECT value FROM desk_meta WHERE key = :key), (SELECT max(id) FROM search_changes)")


@dataclass
class _Open:
    """A process's handle on one index folder (tantivy reader, schema, and the match arrays)."""

    index: tantivy.Index
    schema: tantivy.Schema
    arrays: Arrays | None = None
    looked: tuple[int, int, int] = (0, 0, 0)  # (inode, mtime_ns, size) of tantivy's meta.json at the last reload
    seen: set[int] = field(default_factory=set)  # change ids this process read inside open windows

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
        looked = (st.st_ino, st.st_mtime_ns, st.st_size)
        if committed or looked != self.looked:
            self.index.reload()
            self.looked = looked


_OPEN: dict[Path, _Open] = {}
_GUARD = threading.Lock()


class SearchIndex:
    """The index behind `connection`, kept in step by a background follower (follow.py); its questions
    are the connection's desk's."""

    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.dir = place.index_dir_of(connection.engine)
        self.desk: int | None = connection.info.get(DESK_ID)  # None: the follower's, of no desk

    # -- keeping in step -----------------------------------------------------------------------
    def catch_up(self, may_rebuild: bool = True) -> int | None:
        """Apply the changes past the folder's cursor; returns the newest change id seen (None: none).

        The follower reads in a read-only transaction: when the folder needs a rebuild it is told so
        (`RebuildNeeded`) and rebuilds in a writing one of its own, after this one has ended."""
        with folder_lock(self.dir), across_desks(self.c):
            epoch, newest = self.c.execute(_CHECK, {"key": place.EPOCH_KEY}).one()
            top = None if newest is None else int(newest)
            state = place.read_state(self.dir)
            cursor = Cursor.of(state)
            handle = self._handle()
            if (epoch is None or state.get("epoch") != _stamp(epoch) or not tantivy.Index.exists(str(self._tantivy))
                    or (top or 0) < cursor.applied):
                return self._rebuild_or_say(may_rebuild, top)
            handle.refresh(self._tantivy / "meta.json")  # another process's commit to a shared folder
            if top is None or (top <= cursor.applied and not cursor.windows):
                return top
            cursor.seen = handle.seen
            rows = unseen_changes(self.c, cursor, REBUILD_AFTER)
            if len(rows) > REBUILD_AFTER:
                return self._rebuild_or_say(may_rebuild, top)
            people = sorted({(desk, person) for _, desk, person in rows})
            if people:
                with _Writer(handle.index, 1) as w:
                    for desk, ids in by_desk(people).items():  # each person re-read with their own desk
                        w.delete_documents_by_query(engine_docs.people_of(handle.schema, desk, ids))
                        for d in docs_for(self.c, desk, ids):
                            w.add_document(engine_docs.document(d))
                    w.commit()
                    append_journal(self.dir, people)
                handle.refresh(self._tantivy / "meta.json", committed=True)
            handle.seen = cursor.seen
            place.write_state(self.dir, **{**state, **cursor.as_state()})
            folded = fold_journal(self.c, self.dir)
            if folded is not None:
                handle.arrays = folded
            return top

    def _rebuild_or_say(self, may_rebuild: bool, top: int | None) -> int | None:
        if not may_rebuild:
            raise RebuildNeeded(self.dir)
        self._rebuild()
        return top

    def rebuild(self) -> int:
        """Recompute the whole index, every desk of the store; returns how many people of the connection's
        desk it holds (of every desk, outside one)."""
        with folder_lock(self.dir), across_desks(self.c):
            self._rebuild()
        return self.size()

    def _rebuild(self) -> None:
        epoch = place.desk_epoch(self.c)
        last = self.c.execute(text("SELECT max(id) FROM search_changes")).scalar()
        schema = str(place.read_state(self.dir).get("epoch", "")).split(":")[-1]
        if self.dir.exists() and schema != engine_docs.SCHEMA_VERSION:
            with _GUARD:  # another schema, or a folder of unknown state: start clean
                _OPEN.pop(self.dir, None)
            for child in self.dir.iterdir():  # all but the lock this rebuild holds
                if child.is_dir():
                    shutil.rmtree(child, ignore_errors=True)
                elif child.name != "follow.lock":
                    child.unlink(missing_ok=True)
        handle = self._handle()
        build = uuid.uuid4().hex
        with _Writer(handle.index, 2) as w:
            w.delete_all_documents()

            def pages() -> Iterator[list[Doc]]:  # each page feeds the index, then the match arrays
                for page in all_docs(self.c):
                    for d in page:
                        w.add_document(engine_docs.document(d))
                    yield page
            arrays = Arrays.from_docs(pages(), build)
            w.commit()
        arrays.save(self.dir)
        handle.arrays = arrays
        handle.seen = set()
        handle.refresh(self._tantivy / "meta.json", committed=True)
        place.write_state(self.dir, epoch=_stamp(epoch), build=build, cursor=int(last or 0), windows=[])

    # -- answering -----------------------------------------------------------------------------
    def search(self, query: Node, filters: Filters, limit: int, offset: int = 0,
               skills_only: bool = False) -> list[Hit]:
        """The connection's desk's people matching the query and filters, best first (score descending,
        then id).

        `skills_only` ranks by the skills field alone. The index selects and ranks; each page of
        hits is read from the store and checked against the filters there, since the store decides.
        """
        desk = desk_of(self.c)
        self.ensure_following()
        handle = self._handle(look=False)
        only = pipeline_ids(self.c, filters.job_id, filters.stage) if filters.job_id is not None else None
        if only == []:
            return []
        leave_out = pipeline_ids(self.c, filters.not_in_job_id) if filters.not_in_job_id is not None else []
        weights = engine_docs.SKILLS_ONLY if skills_only else engine_docs.WEIGHTS
        clauses = [(tantivy.Occur.Must, engine_docs.compile_query(handle.schema, query, weights)),
                   *engine_docs.filter_clauses(handle.schema, desk, filters, only, leave_out)]
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
        """The connection's desk's match arrays, current with the store."""
        desk = desk_of(self.c)
        self.ensure_following()
        handle = self._handle(look=False)
        build = place.read_state(self.dir).get("build", "")
        if handle.arrays is None or handle.arrays.build != build:
            handle.arrays = Arrays.load(self.dir)
            if handle.arrays is None or handle.arrays.build != build:
                self.rebuild()
                handle.arrays = self._handle().arrays
        assert handle.arrays is not None
        with across_desks(self.c):
            handle.arrays.catch_up(self.c, self.dir)
        return handle.arrays.for_desk(desk)

    def size(self) -> int:
        """How many people of the connection's desk the index holds (of every desk, outside one)."""
        handle = self._handle()
        if self.desk is None:
            return int(handle.index.searcher().num_docs)
        mine = tantivy.Query.term_query(handle.schema, "desk_id", self.desk)
        found: int | None = handle.index.searcher().search(mine, 1, count=True).count  # type: ignore[attr-defined]
        return int(found or 0)

    # -- plumbing ------------------------------------------------------------------------------
    @property
    def _tantivy(self) -> Path:
        return self.dir / "tantivy"

    def ensure_following(self) -> None:
        """Start this process's follower of the folder. The first search of a follower's life catches
        up on its own connection, so a new process sees every write made before it; after that,
        searches never wait for a commit. A private in-memory desk has no second connection to follow
        it with, so each of its searches catches up itself."""
        url = self.c.engine.url
        if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
            self.catch_up()
            return
        follower = following(self.c.engine, self.dir, type(self))
        if not follower.synced.is_set():
            self.catch_up()
            follower.synced.set()

    def _handle(self, look: bool = True) -> _Open:
        with _GUARD:
            handle = _OPEN.get(self.dir)
            if handle is None or not self._tantivy.exists():
                self._tantivy.mkdir(parents=True, exist_ok=True)
                schema = engine_docs.make_schema()
                handle = _OPEN[self.dir] = _Open(tantivy.Index(schema, path=str(self._tantivy), reuse=True), schema)
            if look:
                handle.refresh(self._tantivy / "meta.json")
            return handle


def _stamp(epoch: str) -> str:
    return f"{epoch}:{engine_docs.SCHEMA_VERSION}"


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


def index_for(connection: Connection) -> SearchIndex:
    return SearchIndex(connection)


__all__ = ["Filters", "Hit", "SearchIndex", "index_for"]


def wait_until_searchable(engine: Engine, directory: Path, timeout: float = 5.0) -> bool:
    """Wake this folder's follower and wait until it has applied every change written before the call."""
    return follow.wait_until_searchable(engine, directory, SearchIndex, timeout)
