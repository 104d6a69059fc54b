"""schemathesis generates requests from the API's OpenAPI schema and sends them in process (ASGI), signed
in with a real token of the seeded desk: whatever it sends, no 5xx comes back, and every answer has a
status the schema documents, its content type and its shape.

Two modes: each operation alone (valid and invalid requests), and the flows the schema's links describe
(add a person, read their card, log a call, ask why) as a state machine. Bounded and derandomized.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import given
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from callsheet.api.links import CREATE_PERSON, GET_PERSON, LOG_TOUCH, WHY
from callsheet.server import create_app
from tests.e2e.web.conftest import Desk
from tests.e2e.web.test_it_guards_the_api_with_tokens_and_roles import token_for
from tests.fuzz.budget import budget

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES_PER_OPERATION = 15
FLOW = ("POST /api/v1/people", "GET /api/v1/people/{person_id}", "POST /api/v1/touches",
        "GET /api/v1/why/{person_id}")


def _schema(desk: Desk) -> Any:
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(desk.settings))


def _failures(error: FailureGroup, case: schemathesis.Case) -> list[str]:
    return [f"{case.operation.label}: {failure.title}: {failure.message[:300]}" for failure in error.exceptions]


def test_every_operation_answers_generated_requests_as_its_schema_says(desk: Desk) -> None:
    auth = token_for(desk, "admin@example.com")
    operations = [result.ok() for result in _schema(desk).get_all_operations()]
    assert len(operations) >= 15
    failures: list[str] = []

    for operation in operations:
        cases = operation.as_strategy() | operation.as_strategy(schemathesis.GenerationMode.NEGATIVE)

        @budget(EXAMPLES_PER_OPERATION)
        @given(case=cases, signed_in=st.integers(0, 4))
        def check(case: schemathesis.Case, signed_in: int) -> None:
            # Mostly signed in, so requests get past the token check to the services.
            headers = auth if signed_in else {}
            response = case.call(headers=headers)
            try:
                case.validate_response(response, checks=CHECKS, headers=headers)
            except FailureGroup as error:
                failures.extend(_failures(error, case))

        check()
    assert failures == []


def test_the_linked_flow_from_a_new_person_to_why_answers_as_its_schema_says(desk: Desk) -> None:
    auth = token_for(desk, "admin@example.com")
    # The flow's operations only, so the budget goes to the links between them.
    schema = _schema(desk).include(operation_id=[CREATE_PERSON, GET_PERSON, LOG_TOUCH, WHY])
    seen: set[tuple[str, int]] = set()

    class Flows(schema.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
            return {"headers": auth}

        def after_call(self, response: Any, case: schemathesis.Case) -> None:
            seen.add((case.operation.label, response.status_code))

        def validate_response(self, response: Any, case: schemathesis.Case, additional_checks: Any = None,
                              **kwargs: Any) -> None:
            case.validate_response(response, checks=CHECKS, transport_kwargs=kwargs)

    Flows.run(settings=budget(30, stateful_step_count=6))
    reached = {label for label, status in seen if status < 300}
    assert set(FLOW) <= reached, sorted(seen)


def test_a_body_that_is_not_json_is_refused_naming_the_body(client: Any, desk: Desk) -> None:
    auth = token_for(desk, "admin@example.com")
    for path in ("/api/v1/touches", "/api/v1/people"):
        answer = client.post(path, content=b"\x00", headers={**auth, "Content-Type": "application/json"})
        assert answer.status_code == 422, answer.text
        assert answer.json() == {"detail": {"field": "body", "message": "is not valid JSON"}}


def test_a_queue_asked_for_an_owner_holding_a_nul_is_refused_naming_the_owner(client: Any, desk: Desk) -> None:
    answer = client.get("/api/v1/queue", params={"owner": "\x00"}, headers=token_for(desk, "admin@example.com"))
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"]["field"] == "owner"
