"""Rehearsals: practice calls with a simulated listener, kept apart from the touches log."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, func, insert, select

from callsheet.store.tables import rehearsals, users
from callsheet.store.tenancy import desk_of


class PracticeRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)
        self._rehearsers = rehearsals.join(users, and_(users.c.desk_id == rehearsals.c.desk_id,
                                                       users.c.id == rehearsals.c.user_id))

    def add(self, user_id: int, kind: str, person_id: int, job_id: int | None, seed: int,
            objectives: dict[str, bool], rung: str | None, transcript: list[dict[str, str]], at: datetime) -> int:
        row = self.c.execute(insert(rehearsals).values(
            user_id=user_id, kind=kind, person_id=person_id, job_id=job_id, seed=seed,
            share=objectives["share"], ask=objectives["ask"], close=objectives["close"], rung=rung or "",
            transcript=json.dumps(transcript, ensure_ascii=False), at=at).returning(rehearsals.c.id)).scalar_one()
        return int(row)

    def get(self, rehearsal_id: int) -> dict[str, Any] | None:
        row = self.c.execute(select(rehearsals, users.c.login).select_from(self._rehearsers)
                             .where(rehearsals.c.desk_id == self.desk, users.c.desk_id == self.desk,
                                    rehearsals.c.id == rehearsal_id)).mappings().first()
        if row is None:
            return None
        return {"id": row["id"], "login": row["login"], "user_id": row["user_id"], "kind": row["kind"],
                "person_id": row["person_id"], "job_id": row["job_id"], "seed": row["seed"],
                "objectives": {"share": row["share"], "ask": row["ask"], "close": row["close"]},
                "rung": row["rung"] or None, "transcript": json.loads(row["transcript"]), "at": row["at"]}

    def rungs(self, since: datetime, until: datetime, login: str | None = None) -> list[tuple[datetime, str]]:
        """(when, rung or "") of every rehearsal in [since, until], of one user's if named."""
        query = (select(rehearsals.c.at, rehearsals.c.rung).select_from(self._rehearsers)
                 .where(rehearsals.c.desk_id == self.desk, users.c.desk_id == self.desk,
                        rehearsals.c.at >= since, rehearsals.c.at <= until))
        if login:
            query = query.where(users.c.login == login)
        return [(at, rung) for at, rung in self.c.execute(query)]

    def count(self) -> int:
        return int(self.c.execute(select(func.count()).select_from(rehearsals)
                                   .where(rehearsals.c.desk_id == self.desk)).scalar_one())
