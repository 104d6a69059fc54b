"""Whatever a user types reaches either store only as quoted tokens: an answer or BadInput, never an engine error."""

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from callsheet.clock import FixedClock
from callsheet.domain.errors import BadInput
from callsheet.services.people import records as people_service
from callsheet.services.search import people as search_service
from callsheet.store.uow import UnitOfWork

PIECES = st.sampled_from(list('ab "()-*:\'\\;&|!<>') + [" AND ", " OR ", " NOT ", "title:", "skill:", "city:",
                                                         "company:", "ccna", "help desk", "ü", ":*", "<->", "\x00"])
QUERIES = st.lists(PIECES, max_size=30).map("".join) | st.text(max_size=60)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERIES)
def test_it_answers_any_query_on_the_store(engine: Engine, query: str) -> None:
    if not search_service.search(UnitOfWork(engine), search_service.SearchRequest("ccna", limit=1)):
        people_service.add_person(UnitOfWork(engine), FixedClock(datetime(2026, 11, 17, tzinfo=UTC)),
                                  people_service.NewPerson(name="Ab Ccna", title="Help Desk", skills="ccna, a b"))
    try:
        found = search_service.search(UnitOfWork(engine), search_service.SearchRequest(query))
    except BadInput as error:
        assert error.field == "query"
    else:
        assert isinstance(found, list)
