"""The suite's check that every statement a desk's unit of work sends names its desk.

Citus routes a statement to a desk's node by its desk_id condition, and SQLite has no row-level security
to fall back on, so each statement on a tenant table must say which desk it works in: every reference to
a tenant table (FROM, JOIN, UPDATE, DELETE, a subquery) is matched by a desk_id condition on that table
or its alias, and every INSERT or COPY into one lists desk_id. Statements sent outside a desk (migrations,
the operator's work across desks, the tests' own set-up) are not checked.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Engine, event

from callsheet.store.tables import DESK_ID, metadata

TENANT_TABLES = frozenset(t.name for t in metadata.sorted_tables if DESK_ID in t.c)

_NOT_ALIASES = frozenset("""where on join left right inner outer full cross set values select order group limit
offset using natural returning union except intersect for having window default as""".split())
_REFERENCE = re.compile(r"\b(from|join|update|into|copy)\s+\"?(\w+)\"?(?:\s+(?:as\s+)?(\w+))?", re.IGNORECASE)
_INSERT = re.compile(r"\b(?:insert\s+into|copy)\s+\"?(\w+)\"?\s*\(([^)]*)\)", re.IGNORECASE)


class DeskWallBreached(AssertionError):
    pass


def unnamed_desk(statement: str) -> str | None:
    """What in `statement` works on a tenant table without naming the desk, or None."""
    text = " ".join(statement.split())
    lowered = text.lower()
    if lowered.startswith(("create ", "drop ", "alter ", "truncate ", "pragma ", "set ", "savepoint ",
                           "release ", "rollback", "begin", "commit", "select set_config", "reset ")):
        return None
    for match in _INSERT.finditer(text):
        table, columns = match.group(1).lower(), match.group(2).lower()
        if table in TENANT_TABLES and not re.search(r"\bdesk_id\b", columns):
            return f"a row of {table} written without its desk_id"
    for match in _REFERENCE.finditer(text):
        keyword, table = match.group(1).lower(), match.group(2).lower()
        if table not in TENANT_TABLES or keyword in ("into", "copy"):
            continue
        alias = (match.group(3) or "").lower()
        name = table if not alias or alias in _NOT_ALIASES else alias
        if re.search(rf"\b{re.escape(name)}\.\"?desk_id\b", lowered):
            continue
        if re.search(r"(?<![\w.])\"?desk_id\"?\s*(=|in\b)", lowered) and _references(lowered) == 1:
            continue
        return f"{table} read or changed without a desk_id condition on {name}"
    return None


def _references(lowered: str) -> int:
    return sum(1 for m in _REFERENCE.finditer(lowered) if m.group(2) in TENANT_TABLES and m.group(1) != "into")


def _check(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
    if conn.info.get(DESK_ID) is None:
        return
    problem = unnamed_desk(statement)
    if problem is not None:
        raise DeskWallBreached(f"{problem}: {' '.join(statement.split())[:400]}")


def guard() -> None:
    """Check every statement of every engine from now on."""
    if not event.contains(Engine, "before_cursor_execute", _check):
        event.listen(Engine, "before_cursor_execute", _check)
