"""No report format shows a private note, a suppression's kind or its reason: only "no longer being contacted"."""

import csv
import io
import re
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import Engine

from tests import fixture_desk
from tests.e2e.cli import run


def _text(path: Path) -> str:
    if path.suffix == ".pdf":
        text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    else:
        text = path.read_text(encoding="utf-8-sig")
    # PDF table cells wrap; compare words, not line breaks.
    return re.sub(r"\s+", " ", text)


def test_no_format_leaks_what_the_client_must_not_see(engine: Engine, desk_env: dict[str, str],
                                                      tmp_path: Path) -> None:
    fx = fixture_desk.build(engine)
    for fmt in ("html", "csv", "pdf"):
        out = tmp_path / f"report.{fmt}"
        result = run("report", str(fx.dba), "--format", fmt, "--out", str(out))
        assert result.exit_code == 0, result.stderr
        text = _text(out)
        for secret in fixture_desk.FORBIDDEN:
            assert secret.lower() not in text.lower(), f"{secret!r} leaked into the {fmt} report"
        assert "Dan Tester" in text and "Eve Tester" in text
        assert text.count("No longer being contacted") >= 2


def test_the_suppressed_rows_carry_nothing_but_the_fact(engine: Engine, desk_env: dict[str, str],
                                                        tmp_path: Path) -> None:
    fx = fixture_desk.build(engine)
    out = tmp_path / "report.csv"
    run("report", str(fx.dba), "--format", "csv", "--out", str(out))
    rows = {r["candidate"]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))}
    for name in ("Dan Tester", "Eve Tester"):
        assert rows[name]["stage"] == "No longer being contacted"
        assert [v for k, v in rows[name].items() if k not in ("candidate", "stage")] == [""] * 5


def test_the_web_desks_fragment_and_shared_report_leak_nothing_either(engine: Engine) -> None:
    from datetime import UTC, datetime

    from callsheet.clock import FixedClock
    from callsheet.services.reports.charts import funnel_svg
    from callsheet.services.reports.render import to_html_fragment
    from callsheet.services.reports.shares import report_for_token, share_report
    from callsheet.settings import Settings
    from callsheet.store.uow import UnitOfWork

    fx = fixture_desk.build(engine)
    clock = FixedClock(datetime(2026, 11, 17, 16, 0, tzinfo=UTC))
    link = share_report(UnitOfWork(engine), clock, fx.dba, 7, "andrew")
    report = report_for_token(UnitOfWork(engine), clock, Settings(timezone="America/Chicago"), link.token)
    for text in (to_html_fragment(report), funnel_svg(report)):
        for secret in fixture_desk.FORBIDDEN:
            assert secret.lower() not in text.lower()
    assert 'class="cs-report"' in to_html_fragment(report)
