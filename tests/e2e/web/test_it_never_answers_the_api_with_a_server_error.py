"""schemathesis generates requests from the OpenAPI schema; whatever it sends, no 5xx comes back.

Bounded: a few examples per operation, so both stores together finish well under two minutes.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callsheet.server import create_app
from tests.e2e.web.conftest import Desk
from tests.e2e.web.test_it_guards_the_api_with_tokens_and_roles import token_for

EXAMPLES_PER_OPERATION = 25


@pytest.mark.slow
def test_it_never_answers_generated_api_requests_with_a_server_error(desk: Desk) -> None:
    auth = token_for(desk, "admin@example.com")
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(desk.settings))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    failures: list[str] = []

    for operation in operations:
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(), signed_in=st.integers(0, 4))
        def check(case: schemathesis.Case, signed_in: int) -> None:
            # Mostly signed in, so requests get past the token check to the services.
            response = case.call(headers=auth if signed_in else {})
            if response.status_code >= 500:
                failures.append(f"{response.status_code}: {case.as_curl_command()}")

        check()
    assert failures == []
