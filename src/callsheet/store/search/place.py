"""Where a desk's search index lives on this machine, and which state of the desk it was built from.

The store is the source of truth; the index is a disposable copy. A desk's `search_epoch` (a row of
desk_meta) names the copy: wiping the desk (demo --fresh) deletes the row and restoring a backup
replaces it, so an index built from another state of the desk is rebuilt before it answers.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import weakref
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir
from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.engine import URL

from callsheet.settings import get_settings
from callsheet.store.tables import desk_meta

EPOCH_KEY = "search_epoch"
STATE_FILE = "callsheet-index.json"

#: The search_dir setting of the desk each engine serves (the bootstrap places them). An engine made
#: elsewhere (a migration, a test, the bench) follows CALLSHEET_SEARCH_DIR.
_ROOTS: weakref.WeakKeyDictionary[Engine, Path | None] = weakref.WeakKeyDictionary()


def place_indexes(engine: Engine, root: Path | None) -> None:
    """Keep the search indexes of `engine`'s desk under `root` (None: the default place)."""
    _ROOTS[engine] = root


def index_dir_of(engine: Engine) -> Path:
    root = _ROOTS[engine] if engine in _ROOTS else get_settings().search_dir
    return index_dir(engine.url, root)


def index_dir(url: URL, root: Path | None) -> Path:
    """`<file>.search` beside a SQLite desk; `<cache>/search/<server-db>` for PostgreSQL; or under
    `root` (CALLSHEET_SEARCH_DIR), one folder per desk (each SQLite file and each server+database its own).
    """
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database in ("", ":memory:"):  # a private in-memory desk: a private index for this process
            return Path(user_cache_dir("callsheet")) / "search" / f"memory-{os.getpid()}"
        path = Path(database).expanduser().resolve()
        if root is None:
            return path.with_name(path.name + ".search")
        return Path(root) / f"sqlite-{path.stem}-{_digest(str(path))}"
    server = f"{url.host or 'local'}-{url.port or 5432}-{url.database or ''}"
    key = f"pg-{server}-{_digest(url.render_as_string(hide_password=True))}"
    return Path(root if root is not None else Path(user_cache_dir("callsheet")) / "search") / key


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:10]


def desk_epoch(connection: Connection) -> str:
    """The desk's search epoch, made now when the desk has none (a new, wiped or restored desk)."""
    found = connection.execute(select(desk_meta.c.value).where(desk_meta.c.key == EPOCH_KEY)).scalar()
    if found is not None:
        return str(found)
    epoch = secrets.token_hex(8)
    connection.execute(insert(desk_meta).values(key=EPOCH_KEY, value=epoch))
    return epoch


def read_state(directory: Path) -> dict[str, Any]:
    """What the index folder says of itself: the desk state it was built from ("epoch"), its match
    arrays' snapshot ("build"), and where it stands in the change log ("cursor", "windows"); empty when unknown."""
    try:
        state = json.loads((directory / STATE_FILE).read_text())
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def write_state(directory: Path, **state: Any) -> None:
    tmp = directory / (STATE_FILE + ".tmp")
    tmp.write_text(json.dumps(state))
    tmp.replace(directory / STATE_FILE)  # atomic: a reader sees the old state or the new one
