import logging
import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from tests.e2e.web.conftest import PASSWORD


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    return found.group(1)


def later(client: TestClient, by: timedelta) -> None:
    """Move the desk's pinned clock (CALLSHEET_NOW) forward, as time passing would."""
    desk = client.app.state.desk  # type: ignore[attr-defined]
    desk.settings = desk.settings.model_copy(update={"now": desk.settings.now + by})


def attempt(client: TestClient, token: str, password: str, email: str = "recruiter@example.com") -> Response:
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token},
                       follow_redirects=False)


def test_it_refuses_the_right_password_after_twenty_wrong_ones_and_says_when_to_try_again(
        client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    token = csrf_of(client.get("/login").text)
    caplog.set_level(logging.WARNING, logger="callsheet.services.accounts.sign_in")
    for _ in range(20):
        later(client, timedelta(seconds=61))  # slow enough that every guess is heard until the lock
        wrong = attempt(client, token, "not the password")
        assert wrong.status_code in (401, 429)
    refused = attempt(client, token, PASSWORD)
    assert refused.status_code == 429
    assert re.search(r"Too many attempts: try again in \d+ minutes\.", refused.text)
    assert "sign-in locked for account:recruiter@example.com after 10 failures" in caplog.text
    assert client.get("/sheet", follow_redirects=False).status_code == 303
    later(client, timedelta(minutes=15))
    signed_in = attempt(client, token, PASSWORD)
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/sheet"


def test_it_refuses_quick_guesses_unheard_with_a_growing_delay(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    for _ in range(3):
        assert attempt(client, token, "not the password").status_code == 401
    # The clock stands still: the fourth guess, right or wrong, comes too soon to be heard.
    for password in ("still not it", PASSWORD):
        refused = attempt(client, token, password)
        assert refused.status_code == 429
        assert "Too many attempts: try again in 1 second." in refused.text
    later(client, timedelta(seconds=1))
    assert attempt(client, token, "not the password").status_code == 401
    assert "try again in 2 seconds" in attempt(client, token, PASSWORD).text
    later(client, timedelta(seconds=2))
    assert attempt(client, token, PASSWORD).status_code == 303


def test_a_success_clears_the_accounts_failures(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    for _ in range(3):
        for _ in range(2):
            assert attempt(client, token, "not the password").status_code == 401
        assert attempt(client, token, PASSWORD).status_code == 303
        token = csrf_of(client.get("/login").text)


def test_it_slows_guesses_at_any_account_from_one_address(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    for n in range(10):
        assert attempt(client, token, "guess", f"nobody{n}@example.com").status_code == 401
    refused = attempt(client, token, PASSWORD, "admin@example.com")
    assert refused.status_code == 429
    later(client, timedelta(seconds=1))
    assert attempt(client, token, PASSWORD, "admin@example.com").status_code == 303
