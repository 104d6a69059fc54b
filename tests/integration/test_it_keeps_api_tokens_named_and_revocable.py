"""API tokens in the store: a token made before tokens had names keeps working, a token's use is
written at most once a minute, and a revoked token finds nobody."""

import threading
from datetime import datetime, timedelta
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, event, text

from callsheet.clock import FixedClock
from callsheet.services.accounts import tokens as tokens
from callsheet.services.accounts import users as accounts
from callsheet.services.accounts.access import DeskToken
from callsheet.services.calling.log import LogRequest, log_touch
from callsheet.services.people import records as people_service
from callsheet.store import schema
from callsheet.store.engine import autocommit_twin, make_engine
from callsheet.store.raw import RawStatement
from callsheet.store.uow import DEFAULT_DESK, UnitOfWork
from callsheet.store.wall import wall_statements
from tests.conftest import NOW

AT = datetime.fromisoformat(NOW)


def _migrate(engine: Engine, target: str) -> None:
    config = schema.alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)


def test_a_token_made_before_tokens_had_names_keeps_working_as_token_1(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)  # a desk of before tokens had names, upgraded in place
    _migrate(engine, "0123")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO users (login, name, role, active, created_at, token_hash, session_version) "
                          "VALUES ('ann@example.com', 'Ann', 'recruiter', :yes, :at, :hash, 0)"),
                     {"yes": True, "at": AT, "hash": tokens.hash_token("cs_from_before")})
    schema.upgrade(engine)  # as `callsheet init` upgrades a desk
    clock = FixedClock(AT)
    user = tokens.user_for_token(UnitOfWork(engine), clock, "cs_from_before")
    assert user is not None and user.login == "ann@example.com"
    [kept] = tokens.list_tokens(UnitOfWork(engine), clock, user)
    assert kept.name == "token 1" and kept.owner == "ann@example.com" and kept.last_used_at == AT
    tokens.new_token(UnitOfWork(engine), clock, "ann@example.com")
    names = [t.name for t in tokens.list_tokens(UnitOfWork(engine), clock, user)]
    assert names == ["token 1", "token 2"]
    engine.dispose()


def test_a_tokens_use_is_written_at_most_once_a_minute(engine: Engine) -> None:
    clock = FixedClock(AT)
    accounts.add_user(UnitOfWork(engine), clock, "ann@example.com", "recruiter")
    token = tokens.new_token(UnitOfWork(engine), clock, "ann@example.com", "nightly sync")
    jack = people_service.add_person(UnitOfWork(engine), clock, people_service.NewPerson(
        name="Jack Kowalski", phones=["414-555-0101"])).id or 0

    def last_used() -> datetime | None:
        [listed] = tokens.list_tokens(UnitOfWork(engine), clock, "ann@example.com")
        return listed.last_used_at

    def logged_at(moment: datetime) -> None:
        log_touch(UnitOfWork(engine), FixedClock(moment), LogRequest(person_id=jack, outcome="no_answer"),
                  DeskToken(token))

    assert last_used() is None
    logged_at(AT)
    assert last_used() == AT
    logged_at(AT + timedelta(seconds=59))  # within the minute: nothing written
    tokens.user_for_token(UnitOfWork(engine), FixedClock(AT + timedelta(seconds=30)), token)
    assert last_used() == AT
    logged_at(AT + timedelta(minutes=1, seconds=5))
    [listed] = tokens.list_tokens(UnitOfWork(engine), clock, "ann@example.com")
    assert listed.name == "nightly sync" and listed.last_used_at == AT + timedelta(minutes=1, seconds=5)


def test_a_revoked_token_finds_nobody_and_keeps_who_revoked_it(engine: Engine) -> None:
    clock = FixedClock(AT)
    accounts.add_user(UnitOfWork(engine), clock, "ann@example.com", "recruiter")
    admin = accounts.add_user(UnitOfWork(engine), clock, "ada@example.com", "admin")
    token = tokens.new_token(UnitOfWork(engine), clock, "ann@example.com", "laptop")
    [made] = tokens.list_tokens(UnitOfWork(engine), clock, admin, "ann@example.com")
    revoked = tokens.revoke_token(UnitOfWork(engine), clock, admin, made.id)
    assert revoked.revoked_at == AT and revoked.revoked_by == "ada@example.com"
    assert tokens.user_for_token(UnitOfWork(engine), clock, token) is None


def test_a_touch_through_a_token_used_within_the_minute_costs_no_extra_statement(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FixedClock(AT)
    accounts.add_user(UnitOfWork(engine), clock, "ann@example.com", "recruiter")
    token = tokens.new_token(UnitOfWork(engine), clock, "ann@example.com")
    jack = people_service.add_person(UnitOfWork(engine), clock, people_service.NewPerson(
        name="Jack Kowalski", phones=["414-555-0101"])).id or 0
    statements: list[str] = []
    counted_rows = RawStatement.rows

    here = threading.get_ident()  # the touch's own statements, not the search follower's in its thread

    def rows(self: RawStatement, connection: Any, params: dict[str, Any]) -> Any:
        if threading.get_ident() == here:
            statements.append(self.sqlite_sql)
        return counted_rows(self, connection, params)

    monkeypatch.setattr(RawStatement, "rows", rows)

    # A pooled PostgreSQL connection is put behind its desk's wall once, on its first use (store/wall.py),
    # and keeps that session setting: a cost of the connection, not of a touch, so it is not counted. A
    # wall set for each transaction alone (SET LOCAL) would be a touch's own statement, and is counted.
    once_a_connection = wall_statements(DEFAULT_DESK, local=False)

    def sql(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        if threading.get_ident() == here and statement != once_a_connection:
            statements.append(statement)

    for counted in (engine, autocommit_twin(engine)):  # single statements run on the autocommit pool
        if counted is not None:
            event.listen(counted, "before_cursor_execute", sql)

    def statements_of_a_touch_at(moment: datetime) -> int:
        statements.clear()
        log_touch(UnitOfWork(engine), FixedClock(moment), LogRequest(person_id=jack, outcome="no_answer"),
                  DeskToken(token))
        return len(statements)

    first = statements_of_a_touch_at(AT)  # the token's first use is written
    assert statements_of_a_touch_at(AT + timedelta(seconds=30)) == first - 1 == 2  # the read and the touch
    assert statements_of_a_touch_at(AT + timedelta(seconds=61)) == first
