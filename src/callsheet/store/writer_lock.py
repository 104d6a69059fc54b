"""One writer at a time per SQLite file, queued in a lock instead of in SQLite's busy handler.

SQLite lets one transaction write at a time. A writer that meets a held write lock sleeps in SQLite's
busy handler (1, 2, 5, 10 ... 100 ms) and tries again, so under a few dozen concurrent requests most
of the latency would be sleeping. Writers here wait on a lock that wakes the next one the moment the
writer commits: threads of one process on a threading lock, processes (uvicorn's workers, a CLI beside
the web desk) on an advisory `flock` of a small file beside the database, `<database>-writer`.
SQLite's own locks stay in charge: this only orders the callers that would otherwise sleep.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: threads of a process still queue; processes meet SQLite's handler
    fcntl = None  # type: ignore[assignment]


class WriterLock:
    """Re-entrant for its thread, so a unit of work opened inside another behaves as before."""

    def __init__(self, database: Path) -> None:
        self._lock = threading.Lock()
        self._owner: int | None = None
        self._depth = 0
        self._path = database.with_name(database.name + "-writer")
        self._fd: int | None = None
        self._pid = 0

    def acquire(self) -> None:
        me = threading.get_ident()
        if self._owner == me:
            self._depth += 1
            return
        self._lock.acquire()
        try:
            fd = self._file()
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            self._lock.release()
            raise
        self._owner, self._depth = me, 1

    def release(self) -> None:
        self._depth -= 1
        if self._depth:
            return
        self._owner = None
        try:
            if self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._lock.release()

    def _file(self) -> int | None:
        # Opened per process: a forked child must not share its parent's open file (and so its lock).
        if fcntl is None:
            return None
        if self._fd is None or self._pid != os.getpid():
            try:
                self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError:  # a read-only folder: SQLite could not write there either
                self._fd = None
            self._pid = os.getpid()
        return self._fd


_locks: dict[str, WriterLock] = {}
_by_name: dict[str, WriterLock] = {}
_guard = threading.Lock()


def writer_lock(database: str) -> WriterLock:
    """The lock of one SQLite file, shared by every engine of the process on that file.

    >>> writer_lock("/tmp/a.db") is writer_lock("/tmp/../tmp/a.db")
    True
    """
    # Every unit of work on SQLite asks for its lock: resolving the path (a stat per part) is done
    # once per absolute name, not on every request (a relative one depends on the working folder).
    lock = _by_name.get(database)
    if lock is not None:
        return lock
    path = Path(database).expanduser().resolve()
    with _guard:
        lock = _locks.get(str(path))
        if lock is None:
            lock = _locks[str(path)] = WriterLock(path)
        if os.path.isabs(database):
            _by_name[database] = lock
        return lock
