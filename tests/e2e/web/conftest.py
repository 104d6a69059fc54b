"""A small desk behind a real web server (uvicorn in a thread), users of every role, and a browser.

The browser is Debian's chromium driven by Playwright; where none can be had, browser tests skip with
the reason, except under CI=true, where a missing browser fails the run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from callsheet.clock import FixedClock
from callsheet.server import create_app
from callsheet.services.accounts import users as accounts
from callsheet.services.calling.log import LogRequest, log_touch
from callsheet.services.jobs import pipelines as job_service
from callsheet.services.people import records as people_service
from callsheet.settings import Settings
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork
from tests.conftest import DESK_ZONE, NOW

PASSWORD = "correct horse battery"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
OUTPUT = Path(__file__).resolve().parents[3] / "test-output"
SCRIPT_NOTE = "<script>window.__pwned = 1</script> said call after lunch"


@dataclass
class Desk:
    """What the tests rely on: ids of the seeded records and the app's settings."""

    settings: Settings
    acme_job: int
    globex_job: int
    jack: int
    mary: int
    pat: int
    acme: int

    def app(self) -> FastAPI:
        return create_app(self.settings)


def seed(database_url: str, upload_dir: Path | None = None) -> Desk:
    settings = Settings(database_url=database_url, now=datetime.fromisoformat(NOW), timezone=DESK_ZONE,
                        cookie_secure=False, secret_key="test-secret", user="andrew")
    if upload_dir is not None:  # uploads land beside the test, never in the user's cache
        settings = settings.model_copy(update={"upload_dir": upload_dir})
    engine = make_engine(database_url)
    clock = FixedClock(datetime.fromisoformat(NOW))

    def uow() -> UnitOfWork:
        return UnitOfWork(engine)

    acme = job_service.add_job(uow(), clock, job_service.NewJob(
        title="Network Administrator", client="Acme Corp", city="Milwaukee", state="WI", urgency=5, opportunity=5,
        skills="cisco, ccna"), "andrew")
    globex = job_service.add_job(uow(), clock, job_service.NewJob(
        title="Database Administrator", client="Globex", city="Madison", state="WI", urgency=3), "andrew")
    ids = []
    for name, phone in (("Jack Kowalski", "414-555-0101"), ("Mary Ann Nowak", "414-555-0102"),
                        ("Pat O'Brien <b>", "608-555-0103")):
        person = people_service.add_person(uow(), clock, people_service.NewPerson(
            name=name, phones=[phone], city="Milwaukee", state="WI"))
        ids.append(person.id or 0)
    jack, mary, pat = ids
    for job_id, person_id in ((acme.id, jack), (acme.id, mary), (globex.id, pat)):
        job_service.add_to_pipeline(uow(), clock, job_id or 0, person_id)
    # An earlier call whose note holds markup: it must render as text, never run.
    log_touch(uow(), FixedClock(datetime.fromisoformat("2026-11-10T10:00:00-06:00")),
              LogRequest(person_id=pat, outcome="no_answer", job_id=globex.id, note=SCRIPT_NOTE), "andrew")
    accounts.add_user(uow(), clock, "admin@example.com", "admin", password=PASSWORD, name="Ada Admin")
    accounts.add_user(uow(), clock, "recruiter@example.com", "recruiter", password=PASSWORD, name="Rita Recruiter")
    accounts.add_user(uow(), clock, "manager@example.com", "hiring_manager", company_id=acme.company_id,
                      password=PASSWORD, name="Hank Manager")
    engine.dispose()
    return Desk(settings, acme.id or 0, globex.id or 0, jack, mary, pat, acme.company_id)


@pytest.fixture
def desk(database_url: str, tmp_path: Path) -> Desk:
    return seed(database_url, tmp_path / "uploads")


@pytest.fixture
def client(desk: Desk) -> Iterator[TestClient]:
    app = desk.app()
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client
    app.state.desk.engine.dispose()  # close the pool now: a shared PostgreSQL has few connections to spare


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def serving(app: FastAPI, lifespan: str = "off") -> Iterator[str]:
    """The app on uvicorn in a thread, on a free port of 127.0.0.1; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan=lifespan)
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web desk did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=10)
        app.state.desk.engine.dispose()


@pytest.fixture
def server(desk: Desk) -> Iterator[str]:
    """The app on uvicorn in a thread, on a free port of 127.0.0.1; yields its base URL."""
    with serving(desk.app()) as base:
        yield base


def _no_browser(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests need a browser under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("Playwright for Python is not installed (pip install -e '.[dev]')")
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        _no_browser(f"no chromium at {CHROMIUM} (make install-browser installs Debian's package)")
    with sync_playwright() as playwright:
        try:
            instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:  # noqa: BLE001 - any launch failure means no browser here
            _no_browser(f"chromium would not start: {exc}")
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=server)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def sign_in(page: Any, email: str) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def screenshot(page: Any, name: str) -> None:
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / name), full_page=True)
