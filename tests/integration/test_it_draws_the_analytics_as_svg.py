"""Each analytics chart is an SVG string the web desk can embed inline, the same for the same figures."""

from datetime import UTC, date, datetime
from xml.etree import ElementTree

from sqlalchemy import Engine

from callsheet.clock import FixedClock
from callsheet.services.reports.analytics import make_scope, outreach_stats
from callsheet.services.reports.charts import analytics_svgs, funnel_svg
from callsheet.services.reports.job_report import build_report
from callsheet.settings import Settings
from callsheet.store.uow import UnitOfWork
from tests import fixture_desk

NOW = FixedClock(datetime(2026, 11, 17, 16, 0, tzinfo=UTC))
SETTINGS = Settings(timezone="America/Chicago")


def test_every_chart_is_inline_svg_and_repeatable(engine: Engine) -> None:
    fx = fixture_desk.build(engine)
    scope = make_scope(NOW, SETTINGS, date(2026, 11, 1), date(2026, 11, 17))
    stats = outreach_stats(UnitOfWork(engine), NOW, SETTINGS, scope)
    charts = analytics_svgs(stats)
    assert set(charts) == {"rates", "reach_by_hour", "reach_by_weekday", "hang_ups_by_seniority", "decline_reasons"}
    for svg in [*charts.values(), funnel_svg(build_report(UnitOfWork(engine), NOW, SETTINGS, fx.dba))]:
        assert svg.startswith("<svg")
        ElementTree.fromstring(svg)  # well-formed XML
    assert "Compensation" in charts["decline_reasons"]
    assert analytics_svgs(stats) == charts
