"""Without a telephony provider, a recruiter back on the card from a tel: call is offered "log this
call" with the call's length filled in, and the call is logged with it."""

from __future__ import annotations

from typing import Any

from tests.e2e.web.conftest import Desk, sign_in
from tests.e2e.web.telephony import touches_of


def test_back_from_a_tel_call_the_card_offers_to_log_it_with_its_length(page: Any, desk: Desk) -> None:
    sign_in(page, "recruiter@example.com")
    page.goto(f"/people/{desk.jack}")
    form = page.locator("#log-call")
    assert form.is_hidden()
    # The browser hands tel: to the phone; here the page only remembers when it was followed.
    page.evaluate("""() => {
        const link = document.querySelector('a[href^="tel:"]');
        link.addEventListener('click', (event) => event.preventDefault(), { once: true });
        link.click();
        const started = Date.now();
        Date.now = () => started + 61000;  // a minute later, the recruiter comes back to the page
        window.dispatchEvent(new Event('focus'));
    }""")
    form.wait_for(state="visible")
    assert form.locator('input[name="duration_s"]').input_value() == "61"
    form.get_by_role("button", name="Voicemail").click()
    page.wait_for_url(f"**/people/{desk.jack}")
    [touch] = touches_of(desk, desk.jack)
    assert (touch.outcome.value, touch.duration_s, touch.phone) == ("voicemail", 61, "+14145550101")
