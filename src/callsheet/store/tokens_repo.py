"""API tokens: only their hashes are stored, with a name, when each was made, last used and revoked."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, func, insert, or_, select, update
from sqlalchemy.orm import aliased

from callsheet.domain.tokens import ApiToken, Holder
from callsheet.domain.users import User
from callsheet.store.desks_repo import TOKEN, DeskRepository
from callsheet.store.raw import RawStatement, utc
from callsheet.store.tables import api_tokens, users
from callsheet.store.tenancy import desk_of

#: The columns that make a `Holder`, in order; the touch path reads them beside the callee (people_repo).
HOLDER_COLUMNS = "u.id, u.login, u.name, u.role, u.company_id, u.phone, t.id, t.last_used_at"
#: The active holder of a token not revoked: the join every API request runs.
HOLDER_JOIN = ("api_tokens t JOIN users u ON u.id = t.user_id AND u.active "
               "AND t.token_hash = :token_hash AND t.revoked_at IS NULL")

# Every API request runs this: straight to the driver, prepared once per connection on PostgreSQL;
# inside the request's desk (the token's, found in desk_keys).
_HOLDER = RawStatement(f"SELECT {HOLDER_COLUMNS} FROM {HOLDER_JOIN} "
                       "AND t.desk_id = :desk AND u.desk_id = :desk AND u.desk_id = t.desk_id")


def holder_of(row: tuple[Any, ...]) -> Holder | None:
    """The holder in a row of HOLDER_COLUMNS (None when the row found no token)."""
    if row[0] is None:
        return None
    return Holder(User(*row[:6]), row[6], utc(row[7]))


class TokenRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)
        self._mine = api_tokens.c.desk_id == self.desk

    def add(self, user_id: int, name: str, token_hash: str, now: datetime) -> int:
        """A new token of the desk; its hash maps to the desk (desk_keys), where every request finds it."""
        DeskRepository(self.c).claim(TOKEN, token_hash, self.desk)
        made = self.c.execute(insert(api_tokens).values(
            user_id=user_id, name=name, token_hash=token_hash, created_at=now)).inserted_primary_key
        new_id: int = made._mapping["id"]  # type: ignore[union-attr]
        return new_id

    def count_for(self, user_id: int) -> int:
        query = select(func.count()).select_from(api_tokens).where(self._mine, api_tokens.c.user_id == user_id)
        return int(self.c.execute(query).scalar_one())

    def holder(self, token_hash: str) -> Holder | None:
        rows = _HOLDER.rows(self.c, {"token_hash": token_hash, "desk": self.desk})
        return holder_of(rows[0]) if rows else None

    def record_use(self, token_id: int, now: datetime, unless_since: datetime) -> None:
        """Note a use at `now`, unless one at or after `unless_since` is already noted (another request's)."""
        self.c.execute(update(api_tokens).where(
            self._mine, api_tokens.c.id == token_id,
            or_(api_tokens.c.last_used_at.is_(None), api_tokens.c.last_used_at < unless_since),
        ).values(last_used_at=now))

    def _select(self) -> Any:
        revoker = aliased(users)
        return (select(api_tokens, users.c.login.label("owner"), revoker.c.login.label("revoker"))
                .join(users, and_(users.c.desk_id == api_tokens.c.desk_id, users.c.id == api_tokens.c.user_id))
                .outerjoin(revoker, and_(revoker.c.desk_id == api_tokens.c.desk_id,
                                         revoker.c.id == api_tokens.c.revoked_by, revoker.c.desk_id == self.desk))
                .where(self._mine, users.c.desk_id == self.desk)
                .order_by(users.c.login, api_tokens.c.id))

    @staticmethod
    def _token(r: Any) -> ApiToken:
        return ApiToken(r.id, r.owner, r.name, r.created_at, r.last_used_at, r.revoked_at, r.revoker or "")

    def get(self, token_id: int) -> tuple[ApiToken, int] | None:
        """A token and its owner's id."""
        row = self.c.execute(self._select().where(api_tokens.c.id == token_id)).first()
        return (self._token(row), row.user_id) if row else None

    def listed(self, user_id: int | None = None) -> list[ApiToken]:
        """A user's tokens, or every user's; by owner, then oldest first."""
        query = self._select()
        if user_id is not None:
            query = query.where(api_tokens.c.user_id == user_id)
        return [self._token(r) for r in self.c.execute(query)]

    def revoke(self, token_id: int, by_user_id: int, now: datetime) -> None:
        self.c.execute(update(api_tokens)
                       .where(self._mine, api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None))
                       .values(revoked_at=now, revoked_by=by_user_id))
