"""A hiring manager's link opens that one job's report, and nothing once it expires or is withdrawn."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from callsheet.clock import FixedClock
from callsheet.domain.errors import BadInput, NotFound
from callsheet.services.reports.shares import (
    LinkExpired,
    LinkWithdrawn,
    live_links,
    report_for_token,
    revoke_link,
    revoke_links,
    share_report,
)
from callsheet.settings import Settings
from callsheet.store.tables import report_shares
from callsheet.store.uow import UnitOfWork
from tests import fixture_desk

NOW = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)
SETTINGS = Settings(timezone="America/Chicago")


def test_the_link_opens_only_its_job_and_expires(engine: Engine) -> None:
    fx = fixture_desk.build(engine)
    link = share_report(UnitOfWork(engine), FixedClock(NOW), fx.dba, 7, "andrew")
    report = report_for_token(UnitOfWork(engine), FixedClock(NOW + timedelta(days=6)), SETTINGS, link.token)
    assert (report.job_id, report.title) == (fx.dba, "Senior Database Administrator")
    assert link.path == "/share/" + link.token
    with pytest.raises(LinkExpired):
        report_for_token(UnitOfWork(engine), FixedClock(NOW + timedelta(days=7)), SETTINGS, link.token)
    with pytest.raises(NotFound):
        report_for_token(UnitOfWork(engine), FixedClock(NOW), SETTINGS, link.token[:-1] + "x")


def test_a_withdrawn_link_stops_working_and_only_a_hash_is_stored(engine: Engine) -> None:
    fx = fixture_desk.build(engine)
    link = share_report(UnitOfWork(engine), FixedClock(NOW), fx.network, 30, "dana")
    other = share_report(UnitOfWork(engine), FixedClock(NOW), fx.dba, 30, "andrew")
    assert revoke_links(UnitOfWork(engine), FixedClock(NOW), fx.network) == 1
    with pytest.raises(LinkWithdrawn):
        report_for_token(UnitOfWork(engine), FixedClock(NOW), SETTINGS, link.token)
    assert report_for_token(UnitOfWork(engine), FixedClock(NOW), SETTINGS, other.token).job_id == fx.dba
    with engine.connect() as conn:
        stored = conn.execute(select(report_shares.c.token_hash)).scalars().all()
    assert link.token not in stored and other.token not in stored


def test_a_link_needs_a_real_job_and_a_sensible_life(engine: Engine) -> None:
    fx = fixture_desk.build(engine)
    with pytest.raises(BadInput):
        share_report(UnitOfWork(engine), FixedClock(NOW), fx.dba, 0, "andrew")
    with pytest.raises(BadInput):
        share_report(UnitOfWork(engine), FixedClock(NOW), fx.dba, 365, "andrew")
    with pytest.raises(NotFound):
        share_report(UnitOfWork(engine), FixedClock(NOW), 999, 7, "andrew")


def test_one_link_is_withdrawn_and_the_others_still_work(engine: Engine) -> None:
    fx = fixture_desk.build(engine)
    first = share_report(UnitOfWork(engine), FixedClock(NOW), fx.dba, 7, "andrew")
    second = share_report(UnitOfWork(engine), FixedClock(NOW + timedelta(hours=1)), fx.dba, 14, "andrew")
    live = live_links(UnitOfWork(engine), FixedClock(NOW + timedelta(hours=2)), fx.dba)
    assert [link.expires_at for link in live] == [second.expires_at, first.expires_at]
    revoke_link(UnitOfWork(engine), FixedClock(NOW + timedelta(hours=2)), fx.dba, live[1].id)
    with pytest.raises(LinkWithdrawn):
        report_for_token(UnitOfWork(engine), FixedClock(NOW + timedelta(hours=3)), SETTINGS, first.token)
    assert report_for_token(UnitOfWork(engine), FixedClock(NOW + timedelta(hours=3)), SETTINGS,
                            second.token).job_id == fx.dba
    assert [link.id for link in live_links(UnitOfWork(engine), FixedClock(NOW + timedelta(days=8)), fx.dba)] == [
        live[0].id]  # the first is withdrawn; past its 7 days it would not be listed either
    with pytest.raises(NotFound):  # another job's link, or one already withdrawn
        revoke_link(UnitOfWork(engine), FixedClock(NOW), fx.network, live[0].id)
