"""One writer at a time per SQLite file, queued in the process instead of in SQLite's busy handler.

SQLite lets one transaction write at a time. Threads that meet a held write lock sleep in SQLite's busy
handler (1, 2, 5, 10 ... 100 ms) and retry, so under a few dozen concurrent requests most of the
latency was sleeping. Threads of one process instead wait on a lock that wakes the next one the moment
the writer commits. Other processes on the same file still meet SQLite's own busy handler.
"""

from __future__ import annotations

import threading
from pathlib import Path

_locks: dict[str, threading.RLock] = {}
_guard = threading.Lock()


def writer_lock(database: str) -> threading.RLock:
    """The process-wide lock of one SQLite file (every engine on the file shares it).

    Re-entrant, so a unit of work opened inside another on the same thread behaves as before
    (SQLite itself decides) instead of waiting on itself.

    >>> writer_lock("/tmp/a.db") is writer_lock("/tmp/../tmp/a.db")
    True
    """
    key = str(Path(database).expanduser().resolve())
    with _guard:
        lock = _locks.get(key)
        if lock is None:
            lock = _locks[key] = threading.RLock()
        return lock
