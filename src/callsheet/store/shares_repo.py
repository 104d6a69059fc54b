"""Links that open one job's report: only the token's hash is stored.

A link's hash is also a desk key (kind "share", written with the link): the public report page finds
the link's desk there (`desk_of_share`, store/desks_repo.py) before it opens that desk.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from callsheet.domain.desks import SHARE
from callsheet.store.desks_repo import DeskRepository
from callsheet.store.tables import desk_keys, report_shares, users
from callsheet.store.tenancy import desk_of


def desk_of_share(connection: Connection, token_hash: str) -> int | None:
    """The desk that made the link with this token's hash, or None (a global look-up: any connection)."""
    return DeskRepository(connection).desk_of(SHARE, token_hash)


class ShareRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    def add(self, job_id: int, token_hash: str, user_id: int, created_at: datetime, expires_at: datetime) -> None:
        self.c.execute(insert(report_shares).values(
            job_id=job_id, token_hash=token_hash, user_id=user_id, created_at=created_at, expires_at=expires_at))
        self.c.execute(insert(desk_keys).values(kind=SHARE, key=token_hash, desk_id=self.desk))

    def desk_of_token_hash(self, token_hash: str) -> int | None:
        """The desk of the link with this token's hash, whichever desk this unit of work serves."""
        return desk_of_share(self.c, token_hash)

    def by_token_hash(self, token_hash: str) -> tuple[int, datetime, datetime | None] | None:
        """(job, expires at, withdrawn at) of this desk's link with this token's hash, live or not."""
        row = self.c.execute(select(report_shares).where(report_shares.c.desk_id == self.desk,
                                                         report_shares.c.token_hash == token_hash)).first()
        return (int(row.job_id), row.expires_at, row.revoked_at) if row else None

    def live(self, job_id: int, now: datetime) -> list[tuple[int, datetime, datetime, str]]:
        """(id, created at, expires at, made by) of a job's links still working at `now`, newest first."""
        rows = self.c.execute(
            select(report_shares.c.id, report_shares.c.created_at, report_shares.c.expires_at, users.c.name,
                   users.c.login)
            .select_from(report_shares.outerjoin(users, (users.c.desk_id == report_shares.c.desk_id)
                                                 & (users.c.id == report_shares.c.user_id)
                                                 & (users.c.desk_id == self.desk)))
            .where(report_shares.c.desk_id == self.desk, report_shares.c.job_id == job_id,
                   report_shares.c.revoked_at.is_(None), report_shares.c.expires_at > now)
            .order_by(report_shares.c.created_at.desc(), report_shares.c.id.desc())).all()
        return [(r.id, r.created_at, r.expires_at, r.name or r.login or "") for r in rows]

    def revoke(self, job_id: int, now: datetime, link_id: int | None = None) -> int:
        """Withdraw a job's live links (only `link_id`, when given); returns how many were withdrawn."""
        where = [report_shares.c.desk_id == self.desk, report_shares.c.job_id == job_id,
                 report_shares.c.revoked_at.is_(None), report_shares.c.expires_at > now]
        if link_id is not None:
            where.insert(1, report_shares.c.id == link_id)
        done = self.c.execute(update(report_shares).where(*where).values(revoked_at=now))
        return int(done.rowcount or 0)
