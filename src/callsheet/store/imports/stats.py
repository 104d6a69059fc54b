"""The PostgreSQL planner's figures for the tables an import looks rows up in.

A table that held nothing when its figures were last taken has none (no column statistics): the
planner then guesses every condition's share of rows, and takes a batch's `e164 = ANY(900 numbers)`
for a weak condition beside `desk_id = 1`, walking the desk's whole index for each look-up. Once such
a table holds rows its figures are taken (ANALYZE, as the tables' owner: store/wall.py), once: column
statistics keep their shares as the table grows, and autovacuum keeps them after that.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection

from callsheet.store.wall import as_owner

# The tables (a partitioned table's partitions) whose planner figures were taken while they held no
# rows, or never, and that have grown since: the catalog's row count (reltuples) is -1 until a first
# ANALYZE and 0 when that found no live row; its page count (relpages) is the size then, so a table of
# dead rows alone is analyzed once, not for every batch. A look-up filters on its desk, so a partitioned
# table's look-ups are planned by the desk's partition's figures. (The statistics themselves, pg_stats,
# are hidden from the wall's role.)
_WITHOUT_FIGURES = """
SELECT quote_ident(p.relname) FROM pg_class c JOIN pg_class p
  ON p.oid = c.oid OR p.oid IN (SELECT i.inhrelid FROM pg_inherits i WHERE i.inhparent = c.oid)
WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY(%(names)s)
  AND p.relkind = 'r' AND p.reltuples <= 0
  AND pg_relation_size(p.oid) > p.relpages::bigint * current_setting('block_size')::bigint
ORDER BY p.relname
"""


def take_missing_figures(c: Connection, names: Sequence[str]) -> list[str]:
    """ANALYZE those of the tables `names` (or their partitions) that hold rows and have no figures yet;
    the tables analyzed.

    Rows this transaction wrote count (ANALYZE sees its own transaction's rows). Table names are the
    store's constants and the catalog's, never input. PostgreSQL only.
    """
    missing = [name for (name,) in c.exec_driver_sql(_WITHOUT_FIGURES, {"names": list(names)})]
    if missing:
        with as_owner(c):  # ANALYZE is the tables' owner's (store/wall.py)
            c.exec_driver_sql(f"ANALYZE {', '.join(missing)}")
    return missing
