"""OpenAPI links: how an answer's person id leads to the next request of the natural flow (add a person,
read their card, log a call, ask why). Clients may follow them; the stateful fuzz tests do."""

from __future__ import annotations

from typing import Any

#: The operations the links name (each route sets its operation_id to one of these).
CREATE_PERSON, GET_PERSON, LOG_TOUCH, WHY = "createPerson", "getPerson", "logTouch", "why"


def person_links(person_id: str) -> dict[str, Any]:
    """Links from an answer whose `person_id` runtime expression (e.g. `$response.body#/id`) names a person."""
    return {
        "GetPerson": {"operationId": GET_PERSON, "parameters": {"person_id": person_id},
                      "description": "The person's card."},
        "LogTouch": {"operationId": LOG_TOUCH, "requestBody": {"person_id": person_id, "outcome": "no_answer"},
                     "description": "Log an unanswered call to the person.",
                     "x-schemathesis": {"merge_body": False}},  # this body as it is, for the stateful tests
        "Why": {"operationId": WHY, "parameters": {"person_id": person_id},
                "description": "Whether the person may be called now, and why."},
    }
