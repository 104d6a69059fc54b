from datetime import datetime
from typing import Any

from callsheet.clock import FixedClock
from callsheet.services.seeker.network import know
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork
from tests.conftest import NOW
from tests.e2e.web.conftest import Desk, screenshot, sign_in


def test_the_web_desk_draws_the_same_network_map(page: Any, desk: Desk) -> None:
    engine = make_engine(desk.settings.database_url)
    clock = FixedClock(datetime.fromisoformat(NOW))
    for person in (desk.jack, desk.mary):
        know(UnitOfWork(engine), clock, person, "recruiter@example.com")
    engine.dispose()
    sign_in(page, "recruiter@example.com")
    page.get_by_role("link", name="Network", exact=True).click()
    page.wait_for_url("**/network")
    figure = page.get_by_label("Network map")
    assert figure.locator("svg").is_visible()
    assert "Mary Ann Nowak" in figure.inner_text() or "Mary Ann Nowak" in page.content()
    assert "2 people you know" in page.locator("main").inner_text()
    screenshot(page, "network-map.png")


def test_a_hiring_manager_has_no_network_page(page: Any) -> None:
    sign_in(page, "manager@example.com")
    response = page.goto("/network")
    assert response is not None and response.status == 404
