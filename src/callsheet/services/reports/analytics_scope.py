"""The analytics page's filter form: which scopes can be picked, and a submitted form turned into a scope.

A scope is one value, `desk` or `KIND:ID` (`recruiter:4`, `client:2`, `job:7`), so the page needs one
select and the URL stays short. Every refusal is a BadInput naming the form field (`scope`, `from`,
`to`), which the web desk answers with 422 and the form again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from callsheet.clock import Clock, read_day
from callsheet.domain.errors import BadInput
from callsheet.services.accounts.access import DESK_ROLES
from callsheet.services.reports.analytics import StatsScope, make_scope
from callsheet.services.unit import UnitOfWork
from callsheet.settings import Settings

KINDS = ("recruiter", "client", "job")


@dataclass(frozen=True)
class ScopeChoices:
    """The options of the scope select, grouped as the page shows them: (value, label) pairs."""

    recruiters: list[tuple[str, str]]
    clients: list[tuple[str, str]]
    jobs: list[tuple[str, str]]


def scope_choices(uow: UnitOfWork) -> ScopeChoices:
    """Recruiters and admins, the clients that have jobs, and the jobs (open ones first)."""
    with uow:
        users = [u for u in uow.users.all() if u.role in DESK_ROLES]
        jobs = uow.jobs.all(None)
    clients = sorted({(j.company_id, j.company) for j in jobs}, key=lambda c: c[1].lower())
    jobs.sort(key=lambda j: (j.status.value != "open", j.company.lower(), j.title.lower()))
    return ScopeChoices(
        recruiters=[(f"recruiter:{u.id}", u.display) for u in sorted(users, key=lambda u: u.display.lower())],
        clients=[(f"client:{cid}", name) for cid, name in clients],
        jobs=[(f"job:{j.id}", f"{j.title} — {j.company}" + ("" if j.status.value == "open" else
                                                            f" ({j.status.value})")) for j in jobs])


def parse_day(text: str, field: str) -> date | None:
    """A day from a date input; blank means the default.

    >>> parse_day("2026-11-02", "from"), parse_day("", "to")
    (datetime.date(2026, 11, 2), None)
    """
    text = (text or "").strip()
    if not text:
        return None
    return read_day(text, field)


def scope_from_form(uow: UnitOfWork, clock: Clock, settings: Settings, scope: str, start: str,
                    end: str) -> StatsScope:
    """The StatsScope a submitted filter form asks for; BadInput naming the field otherwise."""
    first, last = parse_day(start, "from"), parse_day(end, "to")
    if first and last and first > last:
        raise BadInput("from", f"the range starts on {first}, after it ends on {last}")
    owner, client, job_id = _resolve(uow, (scope or "desk").strip())
    return make_scope(clock, settings, first, last, owner, client, job_id)


def _resolve(uow: UnitOfWork, scope: str) -> tuple[str | None, str | None, int | None]:
    if scope == "desk":
        return None, None, None
    kind, _, raw = scope.partition(":")
    if kind not in KINDS or not raw.strip().isdigit():
        raise BadInput("scope", f"{scope!r} is not one of: desk, recruiter:ID, client:ID, job:ID")
    key = int(raw)
    with uow:
        if kind == "recruiter":
            user = uow.users.get(key)
            if user is None or user.role not in DESK_ROLES:
                raise BadInput("scope", f"there is no recruiter with id {key}")
            return user.login, None, None
        if kind == "client":
            company = uow.jobs.company(key)
            if company is None:
                raise BadInput("scope", f"there is no client with id {key}")
            return None, company.name, None
        if uow.jobs.get(key) is None:
            raise BadInput("scope", f"there is no job with id {key}")
        return None, None, key
