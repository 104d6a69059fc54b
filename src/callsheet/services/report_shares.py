"""Links that show a hiring manager one job's status report, and nothing else, until they expire.

The web desk serves `/share/<token>` by calling `report_for_token`; the command line makes and
withdraws links. The token is random and only its SHA-256 is stored, so the link itself is the only
key; it names one job, and the report it opens is the same client-safe model as every other format.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput, Forbidden, NotFound
from callsheet.services.reports import JobReport, build_report
from callsheet.services.users import acting_user
from callsheet.settings import Settings
from callsheet.store.tables import report_shares
from callsheet.store.uow import UnitOfWork

MAX_DAYS = 90
SHARE_PATH = "/share/"


@dataclass(frozen=True)
class ShareLink:
    job_id: int
    token: str
    expires_at: datetime

    @property
    def path(self) -> str:
        return SHARE_PATH + self.token


class LinkExpired(Forbidden):
    """The link was real but its time is up (the web desk answers 410 Gone)."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def share_report(uow: UnitOfWork, clock: Clock, job_id: int, days: int, acting_login: str) -> ShareLink:
    """A new link to one job's report, valid for `days` days (1-90)."""
    if not 1 <= days <= MAX_DAYS:
        raise BadInput("days", f"a link lasts 1 to {MAX_DAYS} days, got {days}")
    now = clock.now()
    token = secrets.token_urlsafe(32)
    expires = now + timedelta(days=days)
    with uow:
        if uow.jobs.get(job_id) is None:
            raise NotFound("job", job_id)
        user = acting_user(uow, clock, acting_login)
        uow.connection.execute(insert(report_shares).values(
            job_id=job_id, token_hash=_hash(token), user_id=user.id, created_at=now, expires_at=expires))
    return ShareLink(job_id, token, expires)


def job_for_token(uow: UnitOfWork, clock: Clock, token: str) -> int:
    """The one job a link opens; NotFound for a link never made or withdrawn, LinkExpired after its time."""
    with uow:
        row = uow.connection.execute(select(report_shares).where(
            report_shares.c.token_hash == _hash(token.strip()))).first()
    if row is None or row.revoked_at is not None:
        raise NotFound("report link", "(unknown or withdrawn)")
    if clock.now() >= row.expires_at:
        raise LinkExpired(f"This report link expired on {row.expires_at:%Y-%m-%d %H:%M} UTC; ask your recruiter "
                          "for a new one.")
    return int(row.job_id)


def report_for_token(uow: UnitOfWork, clock: Clock, settings: Settings, token: str) -> JobReport:
    """The report a hiring manager's link opens, as of now."""
    return build_report(uow, clock, settings, job_for_token(uow, clock, token))


def revoke_links(uow: UnitOfWork, clock: Clock, job_id: int) -> int:
    """Withdraw every live link to a job's report; returns how many were live."""
    now = clock.now()
    with uow:
        if uow.jobs.get(job_id) is None:
            raise NotFound("job", job_id)
        done = uow.connection.execute(update(report_shares).where(
            report_shares.c.job_id == job_id, report_shares.c.revoked_at.is_(None),
            report_shares.c.expires_at > now).values(revoked_at=now))
    return int(done.rowcount or 0)
