"""An inbound call to the desk's number pops the caller's card on the desk of the recruiter it rings,
without a reload; a deceased caller's card says so plainly."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
from twilio.request_validator import RequestValidator

from callsheet.clock import FixedClock
from callsheet.services.calling.log import LogRequest, log_touch
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork
from tests.conftest import NOW
from tests.e2e.web.conftest import Desk, screenshot, serving, sign_in
from tests.e2e.web.telephony import DESK_NUMBER, PUBLIC, TOKEN, give_rita_a_phone, twilio_stand_in, with_twilio


def _ring(base: str, sid: str, caller: str) -> str:
    params = {"CallSid": sid, "From": caller, "To": DESK_NUMBER, "Direction": "inbound", "CallStatus": "ringing"}
    signature = RequestValidator(TOKEN).compute_signature(PUBLIC + "/telephony/voice", params)
    answer = httpx.post(base + "/telephony/voice", data=params, headers={"X-Twilio-Signature": signature})
    assert answer.status_code == 200, answer.text
    return answer.text


def test_an_inbound_call_pops_the_callers_card_on_the_recruiters_desk(browser: Any, desk: Desk) -> None:
    engine = make_engine(desk.settings.database_url)
    log_touch(UnitOfWork(engine), FixedClock(datetime.fromisoformat(NOW)),
              LogRequest(person_id=desk.pat, outcome="deceased", job_id=desk.globex_job), "recruiter@example.com")
    engine.dispose()
    with twilio_stand_in() as stand_in:
        desk.settings = with_twilio(desk.settings, stand_in.base)
        give_rita_a_phone(desk)
        with serving(desk.app()) as base:
            context = browser.new_context(base_url=base)
            context.set_default_timeout(10_000)
            page = context.new_page()
            try:
                sign_in(page, "recruiter@example.com")
                page.goto("/sheet")
                page.wait_for_selector("#pops", state="attached")
                page.evaluate("window.__notReloaded = true")

                _ring(base, "CA" + "1" * 32, "(414) 555-0101")
                pop = page.locator(".pop", has_text="Jack Kowalski")
                pop.wait_for()
                assert pop.get_by_role("link", name="Jack Kowalski").get_attribute("href") == f"/people/{desk.jack}"

                _ring(base, "CA" + "2" * 32, "(608) 555-0103")
                marked = page.locator(".pop.marked")
                marked.wait_for()
                assert "Deceased" in marked.inner_text() and "Never call it back" in marked.inner_text()
                assert page.evaluate("window.__notReloaded") is True  # the same page: no reload
                screenshot(page, "inbound-pop.png")
            finally:
                context.close()
