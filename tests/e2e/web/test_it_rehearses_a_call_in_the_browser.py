"""The Rehearse page: from the card, each line posted and answered in place, the scorecard at the end."""

import re
from typing import Any

from fastapi.testclient import TestClient
from playwright.sync_api import expect
from sqlalchemy import text

from callsheet.store.engine import make_engine
from tests.e2e.web.conftest import Desk, screenshot, sign_in
from tests.e2e.web.report_history import sign_in as sign_in_client


def _stored(desk: Desk, table: str) -> int:
    engine = make_engine(desk.settings.database_url)
    with engine.connect() as connection:
        count = int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    engine.dispose()
    return count


def test_a_rehearsal_from_the_card_answers_each_line_in_place_and_ends_on_the_scorecard(page: Any,
                                                                                         desk: Desk) -> None:
    touches = _stored(desk, "touches")
    sign_in(page, "recruiter@example.com")
    page.goto(f"/people/{desk.jack}?job={desk.acme_job}")
    page.get_by_role("link", name="Rehearse this call").click()
    page.wait_for_url(re.compile(rf"/rehearse\?person={desk.jack}&job={desk.acme_job}&kind=recruiter_cold$"))
    page.goto(page.url + "&seed=5")  # the same listener every run
    expect(page.locator("h1")).to_have_text("Rehearse a call")
    line = page.get_by_label("Your line")
    line.fill("Hi Jack, this is Rita with Lakeshore Talent, calling about a Network Administrator role at Acme.")
    page.get_by_role("button", name="Say it").click()
    transcript = page.locator("#rehearsal .transcript")
    expect(transcript.locator("li.you")).to_have_count(1)
    expect(transcript.locator("li.listener")).to_have_count(2)  # the pick-up and the answer
    assert page.url.endswith("&seed=5")  # answered in place: the address stays the page's
    page.get_by_label("Your line").fill("Would you be open to hearing more?")
    page.get_by_role("button", name="Say it").click()
    expect(transcript.locator("li.you")).to_have_count(2)
    screenshot(page, "rehearse.png")
    page.get_by_role("button", name="End and score").click()
    page.wait_for_url(re.compile(r"/rehearsals/\d+$"))
    scorecard = page.locator("#scorecard")
    expect(scorecard).to_contain_text("Share: met")
    expect(scorecard).to_contain_text("Ask: met")
    expect(scorecard).to_contain_text("Close: missed")
    expect(scorecard).to_contain_text("Rung reached: none")
    expect(scorecard).to_contain_text("For close, the script says:")
    screenshot(page, "rehearse-scorecard.png")
    assert _stored(desk, "touches") == touches and _stored(desk, "rehearsals") == 1


def test_a_rehearsal_posted_with_a_bad_field_is_refused_plainly_and_a_scorecard_is_its_users_own(
        client: TestClient, desk: Desk) -> None:
    csrf = sign_in_client(client, "recruiter@example.com")
    form = {"csrf_token": csrf, "person": str(desk.jack), "kind": "recruiter_cold", "seed": "5"}
    bad_job = client.post("/rehearse/turn", data={**form, "job": "acme", "line": "Hello"})
    assert bad_job.status_code == 422 and "job" in bad_job.text
    bad_kind = client.post("/rehearse/turn", data={**form, "kind": "cold", "line": "Hello"})
    assert bad_kind.status_code == 422 and "recruiter_cold" in bad_kind.text
    nobody = client.post("/rehearse/turn", data={**form, "person": "999", "line": "Hello"})
    assert nobody.status_code == 404
    turn = client.post("/rehearse/turn", data={**form, "job": str(desk.acme_job), "line": "Hello Jack"})
    assert turn.status_code == 200 and "Hello Jack" in turn.text
    assert _stored(desk, "rehearsals") == 0  # a line said is not yet a rehearsal kept
    ended = client.post("/rehearse", data={**form, "said": ["Hello Jack"]}, follow_redirects=False)
    assert ended.status_code == 303
    assert client.get(ended.headers["location"]).status_code == 200
    for email, status in (("admin@example.com", 200), ("manager@example.com", 404)):
        app = desk.app()
        with TestClient(app, base_url="http://127.0.0.1") as other:
            sign_in_client(other, email)
            assert other.get(ended.headers["location"]).status_code == status, email
        app.state.desk.engine.dispose()
