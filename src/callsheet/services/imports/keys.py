"""Salted hashes: what is left of an erased person, and the keys of imported rows.

The salt is made once per desk and kept in the database (desk_meta), so the hashes cannot be
compared across desks or reversed with a table of known phone numbers alone.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from callsheet.store.tables import desk_meta

_SALT_KEY = "hash_salt"


def desk_salt(connection: Connection) -> str:
    """The desk's salt, created on first use."""
    found = connection.execute(select(desk_meta.c.value).where(desk_meta.c.key == _SALT_KEY)).scalar()
    if found is not None:
        return str(found)
    salt = secrets.token_hex(16)
    try:
        with connection.begin_nested():
            connection.execute(insert(desk_meta).values(key=_SALT_KEY, value=salt))
    except IntegrityError:
        # Another process made it first; use theirs.
        return str(connection.execute(select(desk_meta.c.value).where(desk_meta.c.key == _SALT_KEY)).scalar_one())
    return salt


def digest(salt: str, kind: str, value: str) -> str:
    """Salted SHA-256 of a normalised value ("phone" +1414..., "email" a@b.c, "linkedin" URL, "row" ...)."""
    return hashlib.sha256(f"{salt}\x1f{kind}\x1f{value}".encode()).hexdigest()
