"""A database that does not answer is a plain sentence and exit 1 on the command line, never a driver's
traceback (the web desk's 503 is in web/test_it_answers_touches_through_the_api.py)."""

from __future__ import annotations

import pytest

from callsheet.bootstrap import Desk
from callsheet.domain.errors import StoreUnavailable
from callsheet.settings import Settings
from tests.e2e.cli import run

NOWHERE = "postgresql+psycopg://postgres@127.0.0.1:1/nowhere?connect_timeout=2"


def test_it_tells_the_command_line_the_database_is_unavailable() -> None:
    result = run("--db", NOWHERE, "person", "list")
    assert result.exit_code == 1
    assert result.stderr.startswith("Database unavailable: "), result.stderr
    assert "Traceback" not in result.stderr


def test_it_gives_entrypoints_the_store_failure_in_the_desks_words() -> None:
    with pytest.raises(StoreUnavailable):
        Desk(Settings(database_url=NOWHERE)).open()

