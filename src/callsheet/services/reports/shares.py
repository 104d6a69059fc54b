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

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput, Forbidden, NotFound
from callsheet.services.accounts.acting import acting_user
from callsheet.services.reports.job_report import JobReport, build_report
from callsheet.services.unit import UnitOfWork
from callsheet.settings import Settings

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


class LinkGone(Forbidden):
    """The link was real but no longer opens anything (the web desk answers 410 Gone)."""


class LinkExpired(LinkGone):
    """The link's time is up."""


class LinkWithdrawn(LinkGone):
    """A recruiter withdrew the link before its time was up."""


@dataclass(frozen=True)
class LiveLink:
    """A link still working, as the report page lists it (the token itself is never kept)."""

    id: int
    created_at: datetime
    expires_at: datetime
    created_by: str


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
        uow.shares.add(job_id, _hash(token), user.id, now, expires)
    return ShareLink(job_id, token, expires)


def link_for_token(uow: UnitOfWork, clock: Clock, token: str) -> ShareLink:
    """The live link a token opens: NotFound for a link never made, LinkWithdrawn or LinkExpired otherwise."""
    with uow:
        found = uow.shares.by_token_hash(_hash(token.strip()))
    if found is None:
        raise NotFound("report link", "(unknown)")
    job_id, expires_at, revoked_at = found
    if revoked_at is not None:
        raise LinkWithdrawn("This report link was withdrawn by the recruiter; ask them for a new one.")
    if clock.now() >= expires_at:
        raise LinkExpired(f"This report link expired on {expires_at:%Y-%m-%d %H:%M} UTC; ask your recruiter "
                          "for a new one.")
    return ShareLink(job_id, token.strip(), expires_at)


def job_for_token(uow: UnitOfWork, clock: Clock, token: str) -> int:
    """The one job a link opens (see `link_for_token` for the refusals)."""
    return link_for_token(uow, clock, token).job_id


def report_for_token(uow: UnitOfWork, clock: Clock, settings: Settings, token: str) -> JobReport:
    """The report a hiring manager's link opens, as of now."""
    return build_report(uow, clock, settings, job_for_token(uow, clock, token))


def live_links(uow: UnitOfWork, clock: Clock, job_id: int) -> list[LiveLink]:
    """The links to a job's report that still work, newest first."""
    with uow:
        rows = uow.shares.live(job_id, clock.now())
    return [LiveLink(*row) for row in rows]


def revoke_link(uow: UnitOfWork, clock: Clock, job_id: int, link_id: int) -> None:
    """Withdraw one live link of a job; NotFound when the job has no such live link."""
    now = clock.now()
    with uow:
        if not uow.shares.revoke(job_id, now, link_id):
            raise NotFound("live report link", link_id)


def revoke_links(uow: UnitOfWork, clock: Clock, job_id: int) -> int:
    """Withdraw every live link to a job's report; returns how many were live."""
    now = clock.now()
    with uow:
        if uow.jobs.get(job_id) is None:
            raise NotFound("job", job_id)
        withdrawn: int = uow.shares.revoke(job_id, now)
    return withdrawn
