"""A local stand-in of Twilio's REST API, signed webhooks, and a desk set up for click-to-call."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from fastapi.testclient import TestClient
from twilio.request_validator import RequestValidator

from callsheet.settings import Settings
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork
from tests.e2e.web.conftest import Desk

SID = "AC" + "0" * 32
TOKEN = "stand-in-auth-token"
DESK_NUMBER = "+14145550199"  # the caller ID and the desk's inbound number
RITAS_PHONE = "+14145550177"  # the recruiter's own phone
PUBLIC = "https://desk.example.com"
CALLS_PATH = f"/2010-04-01/Accounts/{SID}/Calls.json"


@dataclass
class StandIn:
    """Twilio's REST API as far as the desk uses it: each POST .../Calls.json recorded, answered with a sid."""

    base: str = ""
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def sids(self) -> list[str]:
        return [f"CA{i:032x}" for i in range(1, len(self.requests) + 1)]


@contextlib.contextmanager
def twilio_stand_in() -> Iterator[StandIn]:
    stand_in = StandIn()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
            form = {k: v[0] if len(v) == 1 else ",".join(v) for k, v in parse_qs(body).items()}
            stand_in.requests.append((self.path, form))
            answer = json.dumps({"sid": f"CA{len(stand_in.requests):032x}", "account_sid": SID,
                                 "status": "queued", "to": form.get("To"), "from": form.get("From")}).encode()
            self.send_response(201)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stand_in.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield stand_in
    finally:
        server.shutdown()
        server.server_close()


def with_twilio(settings: Settings, api_base: str) -> Settings:
    return settings.model_copy(update={
        "twilio_account_sid": SID, "twilio_auth_token": TOKEN, "twilio_from": DESK_NUMBER,
        "twilio_api_base": api_base, "public_url": PUBLIC})


def give_rita_a_phone(desk: Desk) -> None:
    engine = make_engine(desk.settings.database_url)
    uow = UnitOfWork(engine)
    with uow:
        user = uow.users.by_login("recruiter@example.com")
        uow.users.set_phone(user.id, RITAS_PHONE)
    engine.dispose()


def post_signed(client: TestClient, path: str, params: dict[str, str], token: str = TOKEN) -> Any:
    """Deliver a webhook as Twilio would: signed over the desk's public URL and the form."""
    signature = RequestValidator(token).compute_signature(PUBLIC + path, params)
    return client.post(path, data=params, headers={"X-Twilio-Signature": signature})


def touches_of(desk: Desk, person_id: int) -> list[Any]:
    engine = make_engine(desk.settings.database_url)
    uow = UnitOfWork(engine)
    with uow.reading():
        found = uow.touches.for_person(person_id)
    engine.dispose()
    return list(found)


def call_row(desk: Desk, call_id: str) -> Any:
    engine = make_engine(desk.settings.database_url)
    uow = UnitOfWork(engine)
    with uow.reading():
        found = uow.calls.get(call_id)
    engine.dispose()
    return found
