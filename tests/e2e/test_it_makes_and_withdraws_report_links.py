"""`callsheet share` prints a link to one job's report with its expiry, and `--revoke` withdraws it."""

from datetime import UTC, datetime

from sqlalchemy import Engine

from tests import fixture_desk
from tests.e2e.cli import run


def test_a_link_is_made_and_withdrawn_from_the_command_line(engine: Engine, desk_env: dict[str, str]) -> None:
    fx = fixture_desk.build(engine)
    made = run("share", str(fx.dba), "--days", "14", "--json")
    assert made.exit_code == 0, made.stderr
    link = made.json()
    assert link["job_id"] == fx.dba and link["path"] == "/share/" + link["token"]
    assert datetime.fromisoformat(link["expires_at"]) == datetime(2026, 12, 1, 16, 0, tzinfo=UTC)
    withdrawn = run("share", str(fx.dba), "--revoke", "--json")
    assert withdrawn.json() == {"job_id": fx.dba, "revoked": 1}
    too_long = run("share", str(fx.dba), "--days", "400")
    assert too_long.exit_code == 2 and "days" in too_long.stderr
