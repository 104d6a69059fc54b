"""What the desk's reports read from the touches log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, and_, select

from callsheet.store.tables import touches, users
from callsheet.store.tenancy import desk_of


class ReportRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    def rungs(self, since: datetime, until: datetime, login: str | None = None) -> list[tuple[datetime, str]]:
        """(when, rung) of every touch in [since, until] that reached a rung, of one user's touches if named."""
        query = (select(touches.c.at, touches.c.rung)
                 .select_from(touches.outerjoin(users, and_(users.c.desk_id == touches.c.desk_id,
                                                            users.c.desk_id == self.desk,
                                                            users.c.id == touches.c.user_id)))
                 .where(touches.c.desk_id == self.desk, touches.c.rung > "", touches.c.at >= since,
                        touches.c.at <= until))
        if login:
            query = query.where(users.c.login == login)
        return [(at, rung) for at, rung in self.c.execute(query)]
