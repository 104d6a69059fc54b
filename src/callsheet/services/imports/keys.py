"""Salted hashes: what is left of an erased person, and the keys of imported rows.

The salt is made once per desk and kept in the store (uow.imports.desk_salt), so the hashes cannot be
compared across desks or reversed with a table of known phone numbers alone.
"""

from __future__ import annotations

import hashlib


def digest(salt: str, kind: str, value: str) -> str:
    """Salted SHA-256 of a normalised value ("phone" +1414..., "email" a@b.c, "linkedin" URL, "row" ...)."""
    return hashlib.sha256(f"{salt}\x1f{kind}\x1f{value}".encode()).hexdigest()
