"""The importer's repository: the desk's salt, batch look-ups by key, and writing a batch."""

from __future__ import annotations

import secrets

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from callsheet.store.tables import desk_meta

_SALT_KEY = "hash_salt"


class ImportRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection

    def desk_salt(self) -> str:
        """The desk's salt for hashing keys, created on first use."""
        connection = self.c
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
