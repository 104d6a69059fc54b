"""A value the store refuses in one of its hand-written reads (the call sheet's) comes out as bad input in
the desk's words, as from any other statement: never the driver's own exception, on either store."""

from datetime import UTC, datetime

from sqlalchemy import Engine

from callsheet.bootstrap import store_errors
from callsheet.domain.errors import BadInput
from callsheet.store.uow import UnitOfWork

NOW = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)


def test_a_hand_written_read_of_a_value_the_store_refuses_comes_out_as_bad_input(engine: Engine) -> None:
    uow = UnitOfWork(engine)
    try:
        with store_errors(), uow.reading():
            found = uow.sheet.pipelines("owner\x00", NOW)  # PostgreSQL refuses a NUL in text; SQLite finds no one
        assert not found.jobs
    except BadInput as refused:
        assert refused.field == "input"
