"""Users of the desk: recruiters, admins, hiring managers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from callsheet.domain.users import User
from callsheet.store.desks_repo import LOGIN, DeskRepository
from callsheet.store.tables import users
from callsheet.store.tenancy import desk_of


class LoginTaken(Exception):
    """The login signs in to another desk: a login is unique across every desk."""


class UserRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)
        self._mine = users.c.desk_id == self.desk

    def _from_row(self, row: object) -> User:
        m = row._mapping  # type: ignore[attr-defined]
        return User(m["id"], m["login"], m["name"], m["role"], m["company_id"], m["phone"])

    def get(self, user_id: int) -> User | None:
        row = self.c.execute(select(users).where(self._mine, users.c.id == user_id)).first()
        return self._from_row(row) if row else None

    def by_login(self, login: str) -> User | None:
        row = self.c.execute(select(users).where(self._mine, users.c.login == login)).first()
        return self._from_row(row) if row else None

    def add(self, login: str, name: str, role: str, now: datetime, company_id: int | None = None,
            password_hash: str | None = None, phone: str = "") -> User:
        """A new user of the desk; LoginTaken when the login signs in to any desk already."""
        if not DeskRepository(self.c).claim(LOGIN, login, self.desk):
            raise LoginTaken(login)
        new_id = self.c.execute(
            insert(users).values(login=login, name=name, role=role, company_id=company_id,
                                 password_hash=password_hash, active=True, created_at=now, phone=phone)
        ).inserted_primary_key._mapping["id"]  # type: ignore[union-attr]
        return User(new_id, login, name, role, company_id, phone)

    def get_or_add(self, login: str, now: datetime, role: str = "recruiter") -> User:
        """The user of a login, added the first time it acts.

        Two requests of a new login can race (on PostgreSQL both see no row and both insert): the
        insert runs in a savepoint, so the loser's unique violation undoes only the insert, and it
        reads the winner's row instead of failing the whole request.
        """
        found = self.by_login(login)
        if found is not None:
            return found
        try:
            with self.c.begin_nested():
                return self.add(login, login, role, now)
        except (IntegrityError, LoginTaken):
            found = self.by_login(login)
            if found is None:
                raise
            return found

    def all(self) -> list[User]:
        return [self._from_row(r) for r in self.c.execute(select(users).where(self._mine).order_by(users.c.id))]

    # -- credentials: only hashes are ever stored ---------------------------------------------
    def password_hash(self, user_id: int) -> str | None:
        row = self.c.execute(select(users.c.password_hash, users.c.active)
                             .where(self._mine, users.c.id == user_id)).first()
        return row.password_hash if row and row.active else None

    def active(self, user_id: int, session_version: int) -> User | None:
        """The user, if still active and the session still current: one read by primary key, the check
        every signed-in request makes."""
        row = self.c.execute(select(users).where(self._mine, users.c.id == user_id, users.c.active.is_(True),
                                                 users.c.session_version == session_version)).first()
        return self._from_row(row) if row else None

    def session_version(self, user_id: int) -> int:
        row = self.c.execute(select(users.c.session_version).where(self._mine, users.c.id == user_id)).first()
        return int(row.session_version) if row else 0

    def end_sessions(self, user_id: int) -> None:
        """Every session cookie issued so far stops opening the desk."""
        self.c.execute(update(users).where(self._mine, users.c.id == user_id)
                       .values(session_version=users.c.session_version + 1))

    def set_account(self, user_id: int, role: str, company_id: int | None, name: str,
                    password_hash: str | None) -> None:
        values: dict[str, object] = {"role": role, "company_id": company_id, "name": name, "active": True}
        if password_hash is not None:
            # A new password ends every session signed in with the old one.
            values["password_hash"] = password_hash
            values["session_version"] = users.c.session_version + 1
        self.c.execute(update(users).where(self._mine, users.c.id == user_id).values(**values))

    def set_phone(self, user_id: int, phone: str) -> None:
        self.c.execute(update(users).where(self._mine, users.c.id == user_id).values(phone=phone))
