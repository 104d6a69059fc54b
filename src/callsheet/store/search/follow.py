"""How an index folder follows the store's change log, off the request path.

Each process keeps one background thread per index folder (`following`). Every few tenths of a
second it asks the store for changes past the folder's cursor (the last change id applied, kept in
the folder's state file with the index), re-reads those people, commits them to tantivy, appends them
to the match journal and reloads the searchers; a search only reads the last committed index. Several
servers on one database each keep their own folder and cursor, so a person written through one server
is found on every other within a second or two.

On PostgreSQL a change id is drawn when its row is written, not when its transaction commits, so a
change with a lower id can become visible after a higher one was applied. The follower remembers each
stretch of ids it read as an open window until every transaction that was running when it read them
has ended (the server's snapshot horizon), and reads the open windows again until then. SQLite has one
writer at a time, so its ids become visible in order.

The change log and the match journal stay the size of the desk: the log keeps only the latest change
of each person (`compact_log`), and the journal is folded into a new snapshot of the arrays once it
holds more entries than a quarter of the desk (`arrays.Arrays.fold`).
"""

from __future__ import annotations

import fcntl
import logging
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text

from callsheet.store.tables import DESK_ID
from callsheet.store.wall import as_owner

log = logging.getLogger(__name__)

#: How often a follower looks for changes (seconds): a write is searchable well within a second.
POLL = 0.2
#: A follower that failed this many times in a row (its desk gone) stops; the next search starts another.
GIVE_UP_AFTER = 20
#: The change log is compacted once this many changes were written since the last compaction.
COMPACT_AFTER = 500

_HORIZON = text("SELECT CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text) AS bigint), "
                "CAST(CAST(pg_snapshot_xmax(pg_current_snapshot()) AS text) AS bigint)")
# The follower's own statements read and compact the log of every desk: they run outside any desk.
# Each engine's statement for one rule: a change goes once a later change (up to :top) names the same
# person. SQLite answers NOT IN from a temporary index of the kept ids; PostgreSQL plans NOT IN over a
# large log as a scan per row unless the ids fit in work_mem, so it joins with the kept ids instead.
_COMPACT = {
    "sqlite": text("DELETE FROM search_changes WHERE id < :top AND id NOT IN "
                   "(SELECT max(id) FROM search_changes WHERE id <= :top GROUP BY desk_id, person_id)"),
    "postgresql": text("DELETE FROM search_changes s USING (SELECT desk_id, person_id, max(id) AS kept "
                       "FROM search_changes WHERE id <= :top GROUP BY desk_id, person_id) k "
                       "WHERE s.desk_id = k.desk_id AND s.person_id = k.person_id AND s.id < k.kept"),
}
_UNSEEN = text("SELECT id, desk_id, person_id FROM search_changes WHERE id > :floor ORDER BY id LIMIT :n")


class RebuildNeeded(Exception):
    """The folder must be rebuilt from the store (another desk state, or too many changes at once)."""


@dataclass
class Cursor:
    """Where a folder stands in the change log: every id up to `applied` was read, and each open
    window (low, high, horizon) may still show ids in (low, high] until the horizon has passed."""

    applied: int = 0
    windows: list[tuple[int, int, int]] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)  # ids read inside open windows (this process)

    @classmethod
    def of(cls, state: dict[str, Any]) -> Cursor:
        windows = [(int(a), int(b), int(h)) for a, b, h in state.get("windows", [])]
        return cls(int(state.get("cursor", 0)), windows)

    def as_state(self) -> dict[str, Any]:
        return {"cursor": self.applied, "windows": [list(w) for w in self.windows]}

    @property
    def floor(self) -> int:
        """Read changes above this id."""
        return min([self.applied, *(low for low, _, _ in self.windows)])


def horizon(connection: Connection) -> tuple[int, int] | None:
    """(xmin, xmax) of the server's current snapshot on PostgreSQL; None on SQLite (ids commit in order)."""
    if connection.dialect.name != "postgresql":
        return None
    xmin, xmax = connection.execute(_HORIZON).one()
    return int(xmin), int(xmax)


def unseen_changes(connection: Connection, cursor: Cursor, limit: int) -> list[tuple[int, int, int]]:
    """(id, desk_id, person_id) of the changes of every desk past the cursor not yet read, oldest first;
    moves the cursor.

    Returns at most `limit` + 1 rows: more than `limit` means a rebuild is quicker."""
    before = horizon(connection)
    rows = [(int(i), int(d), int(p)) for i, d, p in connection.execute(
        _UNSEEN, {"floor": cursor.floor, "n": limit + 1})]
    if len(rows) > limit:
        return rows
    new = [r for r in rows if r[0] > cursor.applied or r[0] not in cursor.seen]
    top = max([cursor.applied, *(r[0] for r in rows)])
    if before is not None:
        after = horizon(connection)
        assert after is not None
        # Windows every transaction of their time has left are settled: this read saw all they hold.
        cursor.windows = [w for w in cursor.windows if w[2] > before[0]]
        if top > cursor.applied:
            cursor.windows.append((cursor.applied, top, after[1]))
        floor = cursor.floor if cursor.windows else top
        cursor.seen = {r[0] for r in rows if r[0] > floor} | {i for i in cursor.seen if i > floor}
    cursor.applied = top
    return new


def compact_log(engine: Engine) -> int:
    """Keep only the latest change of each person of every desk; returns how many rows went.

    Whatever a folder had not applied yet, the person's latest change still names them, and the
    follower re-reads the person as the store has them now."""
    with engine.begin() as connection:
        top = connection.execute(text("SELECT max(id) FROM search_changes")).scalar()
        if top is None:
            return 0
        return int(connection.execute(_COMPACT[connection.dialect.name], {"top": top}).rowcount or 0)


def reclaim_change_log(engine: Engine) -> None:
    """Compact the change log, then give PostgreSQL the deleted rows' space back (outside a transaction).

    SQLite frees the pages with the DELETE itself."""
    compact_log(engine)
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM search_changes"))


@contextmanager
def folder_lock(directory: Path) -> Iterator[None]:
    """One writer of a folder at a time, across the threads and processes of this machine."""
    directory.mkdir(parents=True, exist_ok=True)
    with _THREAD_LOCKS.setdefault(directory, threading.Lock()), (directory / "follow.lock").open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


_THREAD_LOCKS: dict[Path, threading.Lock] = {}


@contextmanager
def across_desks(connection: Connection) -> Iterator[None]:
    """Keeping the index in step is the operator's work over every desk, not the work of the desk whose
    search happens to find it behind: its statements go out as a connection of no desk would send them,
    as the tables' owner (on PostgreSQL the wall's role sees its own desk's changes only, store/wall.py),
    and the connection serves its desk again after."""
    with as_owner(connection):
        desk = connection.info.pop(DESK_ID, None)
        try:
            yield
        finally:
            if desk is not None:
                connection.info[DESK_ID] = desk


class Follower(threading.Thread):
    """The background thread that keeps one index folder in step with the store of `engine`."""

    def __init__(self, engine: Engine, directory: Path, index: Any) -> None:
        super().__init__(name=f"callsheet-search-follower-{directory.name}", daemon=True)
        self._engine = weakref.ref(engine)
        self._pool = engine.pool  # a disposed engine gets a new pool: its desk was closed
        self.directory = directory
        self.synced = threading.Event()
        self.wake = threading.Event()
        self._compacted_at: int | None = None
        self.index = index  # the index kind that applies the log (store.search.SearchIndex): this module schedules

    def run(self) -> None:
        failures = 0
        try:
            while failures < GIVE_UP_AFTER:
                engine = self._engine()
                if engine is None or engine.pool is not self._pool:  # the desk was closed: nobody searches here
                    return
                try:
                    self.step(engine)
                    failures = 0
                    self.synced.set()
                except Exception:  # the store or the folder is away for a moment: try again shortly
                    failures += 1
                    log.debug("the search follower of %s failed", self.directory, exc_info=True)
                del engine
                self.wake.wait(POLL if failures == 0 else min(5.0, POLL * 2 ** failures))
                self.wake.clear()
        finally:
            with _REGISTRY_LOCK:
                if _FOLLOWERS.get(self.directory) is self:
                    del _FOLLOWERS[self.directory]

    def step(self, engine: Engine) -> None:
        try:
            with engine.connect().execution_options(callsheet_read_only=True) as connection, connection.begin():
                _yield_to_locks(connection)
                top = self.index(connection).catch_up(may_rebuild=False)
        except RebuildNeeded:
            with engine.begin() as writing:
                _yield_to_locks(writing)
                self.index(writing).rebuild()
            return
        if top is not None:
            if self._compacted_at is None:
                self._compacted_at = top
            elif top - self._compacted_at >= COMPACT_AFTER:
                compact_log(engine)
                self._compacted_at = top


def _yield_to_locks(connection: Connection) -> None:
    """A follower never holds up a statement that locks whole tables (a restore, TRUNCATE): it gives up
    its step after a short wait for a lock and tries again at its next look."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL lock_timeout = '200ms'"))


_FOLLOWERS: dict[Path, Follower] = {}
_REGISTRY_LOCK = threading.Lock()


def following(engine: Engine, directory: Path, index: Any) -> Follower:
    """The follower of this folder in this process, started when there is none (or it stopped)."""
    with _REGISTRY_LOCK:
        follower = _FOLLOWERS.get(directory)
        if follower is not None and follower.is_alive() and follower._engine() is engine \
                and engine.pool is follower._pool:
            return follower
        follower = _FOLLOWERS[directory] = Follower(engine, directory, index)
        follower.start()
        return follower


def wait_until_searchable(engine: Engine, directory: Path, index: Any, timeout: float = 5.0) -> bool:
    """Wake this folder's follower and wait until it has applied every change written before the call."""
    from callsheet.store.search.place import EPOCH_KEY, read_state

    follower = following(engine, directory, index)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with engine.connect() as connection:  # a wiped desk has no epoch until the follower rebuilds
            epoch, top = connection.execute(text("SELECT (SELECT value FROM desk_meta WHERE key = :key), "
                                                 "(SELECT max(id) FROM search_changes)"), {"key": EPOCH_KEY}).one()
        state = read_state(directory)
        if (epoch is not None and str(state.get("epoch", "")).split(":")[0] == epoch
                and int(state.get("cursor", 0)) >= int(top or 0)):
            return True
        follower.wake.set()
        time.sleep(0.02)
    return False
