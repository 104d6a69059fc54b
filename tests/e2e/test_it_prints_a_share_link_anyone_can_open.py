"""`callsheet share` prints a whole address (the web desk's, from CALLSHEET_PUBLIC_URL), not a bare path."""

import pytest
from sqlalchemy import Engine

from tests import fixture_desk
from tests.e2e.cli import run


def test_it_prints_a_share_link_under_the_web_desks_public_address(
        desk_env: dict[str, str], engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    fx = fixture_desk.build(engine)
    monkeypatch.setenv("CALLSHEET_PUBLIC_URL", "https://desk.example.com/")
    link = run("share", str(fx.dba), "--json").json()
    assert link["url"] == "https://desk.example.com" + link["path"]
    said = run("share", str(fx.dba)).stdout
    assert said.startswith("https://desk.example.com/share/") and "this machine only" not in said


def test_it_prints_the_local_address_and_says_how_to_share_it(desk_env: dict[str, str], engine: Engine,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    fx = fixture_desk.build(engine)
    monkeypatch.delenv("CALLSHEET_PUBLIC_URL", raising=False)
    said = run("share", str(fx.dba)).stdout
    assert said.startswith("http://127.0.0.1:8000/share/") and "CALLSHEET_PUBLIC_URL" in said
