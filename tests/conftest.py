"""Shared fixtures: every store test runs on SQLite and, when configured, on PostgreSQL."""

from __future__ import annotations

import os
import shutil
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.engine import make_url

from callsheet.settings import get_settings
from callsheet.store import schema
from callsheet.store.engine import make_engine
from callsheet.store.partitioning import partition_by_desk
from callsheet.store.tables import metadata


def worker_database_url(url: str, worker: str) -> str:
    """The PostgreSQL database of one pytest-xdist worker: the configured name with the worker's id.

    Tests truncate and rebuild their database, so workers running side by side (`pytest -n 2`) each
    need one of their own; without xdist (`worker` empty) the configured database is used as named.

    >>> worker_database_url("postgresql+psycopg://postgres@127.0.0.1:5432/callsheet_test", "gw1")
    'postgresql+psycopg://postgres@127.0.0.1:5432/callsheet_test_gw1'
    >>> worker_database_url("postgresql+psycopg://postgres@127.0.0.1:5432/callsheet_test", "")
    'postgresql+psycopg://postgres@127.0.0.1:5432/callsheet_test'
    """
    if not url or not worker:
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


#: This process's PostgreSQL test database (one per xdist worker), or "" to test SQLite only.
PG_URL = worker_database_url(os.environ.get("CALLSHEET_TEST_DATABASE_URL", ""),
                             os.environ.get("PYTEST_XDIST_WORKER", ""))
STORES = ["sqlite", "postgresql"]
#: CALLSHEET_TEST_PARTITIONED=1: the PostgreSQL test database has its tenant tables partitioned by desk.
PARTITIONED = os.environ.get("CALLSHEET_TEST_PARTITIONED", "0") != "0"

# The desk's clock in tests: a Tuesday morning in Milwaukee.
NOW = "2026-11-17T10:00:00-06:00"
DESK_ZONE = "America/Chicago"


def pytest_configure(config: pytest.Config) -> None:
    # Every statement a desk's unit of work sends must name its desk (tests/desk_wall.py).
    if os.environ.get("CALLSHEET_TEST_DESK_WALL", "1") != "0":
        from tests.desk_wall import guard

        guard()
    if os.environ.get("CI") == "true" and not PG_URL:
        raise pytest.UsageError("CI needs CALLSHEET_TEST_DATABASE_URL: both stores are tested every time")


#: Every engine that connected during the current test (a weak set: a dropped engine leaves it).
_CONNECTED: weakref.WeakSet[Engine] = weakref.WeakSet()


@event.listens_for(Engine, "engine_connect")
def _note_engine(connection: Any) -> None:
    _CONNECTED.add(connection.engine)


@pytest.fixture(autouse=True)
def close_idle_connections() -> Iterator[None]:
    """After each test, the idle connections of every PostgreSQL engine it used are closed (the engine stays usable,
    with a fresh pool): a test that never disposes its engine, or a search follower left polling, must not
    hold PostgreSQL's connections for the rest of the run."""
    yield
    for engine in list(_CONNECTED):
        if engine.dialect.name == "postgresql":  # an in-memory SQLite desk would go with its pool
            engine.dispose()
    _CONNECTED.clear()


@pytest.fixture(autouse=True)
def search_dir(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Each test's search indexes in a folder of its own: tests never share (or inherit) an index."""
    path = tmp_path_factory.mktemp("search")
    monkeypatch.setenv("CALLSHEET_SEARCH_DIR", str(path))
    get_settings.cache_clear()  # the index's place is read through the cached settings
    yield path
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite desk each test copies. Session-scoped, so each xdist worker builds its own
    (in its own base temporary folder)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    schema.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_engine() -> Iterator[Engine]:
    if not PG_URL:
        pytest.skip("PostgreSQL not configured (set CALLSHEET_TEST_DATABASE_URL)")
    url = make_url(PG_URL)
    admin = make_engine(url.set(database="postgres").render_as_string(hide_password=False),
                        isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()
    engine = make_engine(PG_URL)
    schema.upgrade(engine)
    if PARTITIONED:  # every tenant table hash-partitioned by desk_id: Citus's layout rules, proven here
        with engine.begin() as conn:
            partition_by_desk(conn)
    yield engine
    engine.dispose()


def truncate_all(engine: Engine) -> None:
    names = ", ".join(t.name for t in metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        # A database always has its first desk (the migration that brings desks makes it).
        conn.execute(text("INSERT INTO desks (name, created_at) VALUES ('Default', CURRENT_TIMESTAMP)"))


@pytest.fixture
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path, database_url: str) -> Iterator[str]:
    """A database of the store under test with no schema at all, for migrations from an old revision."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    url = make_url(PG_URL)
    name = f"{url.database}_empty"
    admin = make_engine(url.set(database="postgres").render_as_string(hide_password=False),
                        isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=STORES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "desk.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    engine: Engine = request.getfixturevalue("pg_engine")
    truncate_all(engine)
    return PG_URL


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def desk_env(monkeypatch: pytest.MonkeyPatch, database_url: str) -> dict[str, str]:
    """Environment of a desk on the store under test, with a pinned clock."""
    env = {
        "CALLSHEET_DATABASE_URL": database_url,
        "CALLSHEET_NOW": NOW,
        "CALLSHEET_TIMEZONE": DESK_ZONE,
        "CALLSHEET_USER": "andrew",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env
