"""Every column that points at a person, found from the table definitions.

Merging and erasing must reach all of them, including tables later features add, so they are
discovered from the metadata rather than listed by hand.
"""

from __future__ import annotations

from sqlalchemy import Column, Table

from callsheet.store.tables import metadata, people


def references() -> list[tuple[Table, Column[int]]]:
    found: list[tuple[Table, Column[int]]] = []
    for table in metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column is people.c.id and fk.parent.table is table:
                found.append((table, fk.parent))
    return found
