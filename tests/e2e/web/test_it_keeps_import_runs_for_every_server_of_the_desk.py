"""An import's run (its progress, counts and rejects file) is kept in the store: another server of the same
desk shows it, a stopped server's run shows as interrupted, and only its starter and admins see it."""

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from callsheet.clock import FixedClock
from callsheet.server import create_app
from callsheet.services.accounts import users as accounts
from callsheet.services.imports import runs
from callsheet.services.imports.engine import Summary
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork
from tests.conftest import NOW
from tests.e2e.web.conftest import PASSWORD, Desk
from tests.e2e.web.report_history import sign_in
from tests.e2e.web.test_it_guards_the_api_with_tokens_and_roles import token_for

SHEET = (b"Full Name,Cell #,Company\n"
         b"Ann Lee,414-555-0150,Acme Corp\n"
         b"Bo Badphone,12345,Acme Corp\n"
         b"Jack Kowalski,414-555-0101,Acme Corp\n")


@contextmanager
def another_server(desk: Desk, uploads: Path) -> Iterator[TestClient]:
    """A second app on the same database, with its own memory and its own upload folder."""
    app = create_app(desk.settings.model_copy(update={"upload_dir": uploads}))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client
    app.state.desk.engine.dispose()


def _import_on(client: TestClient, csrf: str) -> str:
    started = client.post("/import", data={"csrf_token": csrf, "kind": "csv", "column_map_text": "Cell #=mobile"},
                          files={"file": ("people.csv", SHEET, "text/csv")}, follow_redirects=False)
    assert started.status_code == 303, started.text
    run_id = started.headers["location"].rsplit("/", 1)[1]
    assert client.app.state.desk.imports.wait(run_id, 120), "the import ended"  # type: ignore[attr-defined]
    return run_id


def _rejected_names(body: str) -> list[tuple[str, str]]:
    return [(r["Full Name"], r["reason"]) for r in csv.DictReader(io.StringIO(body))]


def test_an_imports_run_counts_and_rejects_are_seen_from_another_server_of_the_desk(
        client: TestClient, desk: Desk, tmp_path: Path) -> None:
    run_id = _import_on(client, sign_in(client, "recruiter@example.com"))
    assert list((tmp_path / "uploads").iterdir()) == []  # nothing of the run is left on the first server

    with another_server(desk, tmp_path / "elsewhere") as other:
        sign_in(other, "recruiter@example.com")
        listed = other.get("/import").text
        assert f'href="/import/{run_id}"' in listed and "people.csv" in listed
        assert f'href="/import/{run_id}/rejects.csv"' in listed
        page = other.get(f"/import/{run_id}").text
        counts = {name: page.split(f'data-count="{name}">')[1].split("<")[0]
                  for name in ("created", "merged", "suppressed", "rejected")}
        assert counts == {"created": "2", "merged": "1", "suppressed": "0", "rejected": "0"}
        rejects = other.get(f"/import/{run_id}/rejects.csv")
        assert rejects.status_code == 200 and rejects.headers["content-type"].startswith("text/csv")
        assert 'filename="people.rejects.csv"' in rejects.headers["content-disposition"]
        assert _rejected_names(rejects.text) == [("Bo Badphone", "phone: '12345' is not a valid phone number")]

        auth = token_for(desk, "recruiter@example.com")
        status = other.get(f"/api/v1/imports/{run_id}", headers=auth).json()
        assert (status["status"], status["rows"], status["created"], status["merged"], status["problems"]) == (
            "done", 3, 2, 1, 1)
        assert status["percent"] == 100 and status["login"] == "recruiter@example.com"
        assert [run["id"] for run in other.get("/api/v1/imports", headers=auth).json()] == [run_id]
        api_rejects = other.get(status["rejects_url"], headers=auth)
        assert api_rejects.status_code == 200 and _rejected_names(api_rejects.text) == _rejected_names(rejects.text)


def test_another_user_cannot_see_a_runs_rejects(client: TestClient, desk: Desk, tmp_path: Path) -> None:
    engine = make_engine(desk.settings.database_url)
    accounts.add_user(UnitOfWork(engine), FixedClock(datetime.fromisoformat(NOW)), "dana@example.com", "recruiter",
                      password=PASSWORD, name="Dana")
    engine.dispose()
    run_id = _import_on(client, sign_in(client, "recruiter@example.com"))

    with another_server(desk, tmp_path / "elsewhere") as other:
        sign_in(other, "dana@example.com")
        for path in (f"/import/{run_id}", f"/import/{run_id}/progress", f"/import/{run_id}/rejects.csv"):
            assert other.get(path).status_code == 404, path
        assert run_id not in other.get("/import").text
        dana = token_for(desk, "dana@example.com")
        for path in (f"/api/v1/imports/{run_id}", f"/api/v1/imports/{run_id}/rejects.csv"):
            assert other.get(path, headers=dana).status_code == 404, path
        assert other.get("/api/v1/imports", headers=dana).json() == []
        manager = token_for(desk, "manager@example.com")
        assert other.get(f"/api/v1/imports/{run_id}/rejects.csv", headers=manager).status_code == 403

        sign_in(other, "admin@example.com")  # an admin sees everyone's runs, and who started each
        listed = other.get("/import").text
        assert f'href="/import/{run_id}"' in listed and "recruiter@example.com" in listed
        assert other.get(f"/import/{run_id}/rejects.csv").status_code == 200


def test_a_run_whose_server_stopped_shows_as_interrupted(desk: Desk, tmp_path: Path) -> None:
    engine = make_engine(desk.settings.database_url)
    started = datetime.fromisoformat(NOW)
    dana = accounts.add_user(UnitOfWork(engine), FixedClock(started), "dana@example.com", "recruiter",
                             password=PASSWORD, name="Dana")
    # A server began an import, wrote the progress of its first batch, and stopped.
    runs.begin(UnitOfWork(engine), FixedClock(started), "left-behind", "csv", "big.csv", dana.id, False, 10_000)
    runs.record_progress(UnitOfWork(engine), FixedClock(started), "left-behind", 4_000, 10_000,
                         Summary(created=900, merged=100))
    engine.dispose()
    admin = token_for(desk, "admin@example.com")

    with another_server(desk, tmp_path / "elsewhere") as other:
        settings = other.app.state.desk.settings  # type: ignore[attr-defined]
        settings.now = started + runs.STALE_AFTER - timedelta(minutes=1)
        still = other.get("/api/v1/imports/left-behind", headers=admin).json()
        assert (still["status"], still["percent"], still["rows"], still["created"]) == ("running", 40, 1000, 900)

        settings.now = started + runs.STALE_AFTER + timedelta(minutes=1)  # the pinned clock moves on
        stopped = other.get("/api/v1/imports/left-behind", headers=admin).json()
        assert (stopped["status"], stopped["rows"], stopped["created"]) == ("interrupted", 1000, 900)
        assert "running the file again finishes it without duplicates" in stopped["error"]
        sign_in(other, "dana@example.com")
        page = other.get("/import/left-behind").text
        assert "The import was interrupted" in page and 'hx-get="/import/left-behind/progress"' not in page
        assert 'data-state="interrupted"' in other.get("/import").text
