"""Users of the desk: recruiters, admins, hiring managers (the people who sign in)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class User:
    id: int
    login: str
    name: str
    role: str
    company_id: int | None = None
    #: Their own phone (E.164): click-to-call rings it first; inbound calls are forwarded to it.
    phone: str = ""

    @property
    def display(self) -> str:
        return self.name or self.login
