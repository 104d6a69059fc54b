"""What the desk's reports read from the touches log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select

from callsheet.store.tables import touches, users


class ReportRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection

    def rungs(self, since: datetime, until: datetime, login: str | None = None) -> list[tuple[datetime, str]]:
        """(when, rung) of every touch in [since, until] that reached a rung, of one user's touches if named."""
        query = (select(touches.c.at, touches.c.rung)
                 .select_from(touches.outerjoin(users, users.c.id == touches.c.user_id))
                 .where(touches.c.rung > "", touches.c.at >= since, touches.c.at <= until))
        if login:
            query = query.where(users.c.login == login)
        return [(at, rung) for at, rung in self.c.execute(query)]
