"""Salted hashes: what is left of an erased person, and the keys of imported rows.

The salt is made once per desk and kept in the database (desk_meta), so the hashes cannot be
compared across desks or reversed with a table of known phone numbers alone.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection

from callsheet.store.numbers_repo import NumberRepository


def desk_salt(connection: Connection) -> str:
    """The desk's salt, created on first use."""
    return NumberRepository(connection).make_salt()


def digest(salt: str, kind: str, value: str) -> str:
    """Salted SHA-256 of a normalised value ("phone" +1414..., "email" a@b.c, "linkedin" URL, "row" ...)."""
    return hashlib.sha256(f"{salt}\x1f{kind}\x1f{value}".encode()).hexdigest()
