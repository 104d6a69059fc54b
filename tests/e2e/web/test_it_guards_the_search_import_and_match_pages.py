from datetime import datetime

from fastapi.testclient import TestClient

from callsheet.clock import FixedClock
from callsheet.services.accounts import users as accounts
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork
from tests.conftest import NOW
from tests.e2e.web.conftest import PASSWORD, Desk
from tests.e2e.web.fits import add_fits
from tests.e2e.web.test_it_protects_sessions_and_forms import csrf_of

SHEET = b"Full Name,Mobile\nAnn Lee,414-555-0150\n"


def sign_in(client: TestClient, email: str) -> str:
    """Signs in; returns the session's CSRF token."""
    page = client.get("/login")
    client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": csrf_of(page.text)})
    return client.get("/import" if email != "manager@example.com" else "/jobs").text.split(
        '"X-CSRF-Token": "')[1].split('"')[0]


def test_a_hiring_manager_finds_no_search_import_or_matches(client: TestClient, desk: Desk) -> None:
    token = sign_in(client, "manager@example.com")
    for path in ("/search", "/search?q=cisco", "/import", "/import/anything", f"/jobs/{desk.acme_job}/matches"):
        assert client.get(path).status_code == 404, path
    posted = client.post("/import", data={"kind": "csv", "csrf_token": token}, files={"file": ("a.csv", SHEET)})
    assert posted.status_code == 404
    added = client.post(f"/jobs/{desk.acme_job}/pipeline", data={"person_id": desk.pat, "csrf_token": token})
    assert added.status_code == 404


def test_it_refuses_an_upload_or_an_addition_without_the_form_token(client: TestClient, desk: Desk) -> None:
    sign_in(client, "recruiter@example.com")
    assert client.post("/import", data={"kind": "csv"}, files={"file": ("a.csv", SHEET)}).status_code == 403
    assert client.post(f"/jobs/{desk.acme_job}/pipeline", data={"person_id": desk.pat}).status_code == 403


def test_it_says_what_is_wrong_with_an_upload_in_the_pages_words(client: TestClient, desk: Desk) -> None:
    token = sign_in(client, "recruiter@example.com")

    def upload(body: bytes, **form: str) -> tuple[int, str]:
        answer = client.post("/import", data={"csrf_token": token, **form}, files={"file": ("a.csv", body)})
        return answer.status_code, answer.text

    status, page = upload(SHEET)
    assert status == 422 and "Kind of file: choose what kind of file this is" in page
    status, page = upload(b"Colour\nred\n", kind="csv")
    assert status == 422 and "no name column found in (Colour)" in page and "--map" not in page
    status, page = upload(SHEET, kind="csv", column_map_text="Cell=mobile")
    assert status == 422 and "Column map: no column &#39;Cell&#39; in the header" in page
    status, page = upload(SHEET, kind="linkedin", column_map_text="Mobile=phone")
    assert status == 422 and "a column map is only for CSV files" in page
    status, page = upload(b"", kind="csv")
    assert status == 422 and "File: is empty" in page


def test_an_import_is_seen_only_by_whoever_started_it_or_an_admin(desk: Desk) -> None:
    engine = make_engine(desk.settings.database_url)
    accounts.add_user(UnitOfWork(engine), FixedClock(datetime.fromisoformat(NOW)), "dana@example.com", "recruiter",
                      password=PASSWORD, name="Dana")
    engine.dispose()
    app = desk.app()
    with TestClient(app, base_url="http://127.0.0.1") as rita, TestClient(app, base_url="http://127.0.0.1") as ada, \
            TestClient(app, base_url="http://127.0.0.1") as dana:
        token = sign_in(rita, "recruiter@example.com")
        started = rita.post("/import", data={"csrf_token": token, "kind": "csv"}, files={"file": ("a.csv", SHEET)},
                            follow_redirects=False)
        assert started.status_code == 303
        run = started.headers["location"]
        assert app.state.desk.imports.wait(run.rsplit("/", 1)[1], 120)
        assert 'data-count="created">1<' in rita.get(run).text
        sign_in(ada, "admin@example.com")
        assert ada.get(run).status_code == 200
        sign_in(dana, "dana@example.com")
        assert dana.get(run).status_code == 404
        assert dana.get(run + "/progress").status_code == 404


def test_the_match_button_works_without_javascript(client: TestClient, desk: Desk) -> None:
    fits = add_fits(desk)
    token = sign_in(client, "recruiter@example.com")
    added = client.post(f"/jobs/{desk.acme_job}/pipeline", data={"person_id": fits.nina, "csrf_token": token},
                        follow_redirects=False)
    assert added.status_code == 303 and added.headers["location"] == f"/jobs/{desk.acme_job}"
    assert "Nina Cisneros" in client.get(f"/jobs/{desk.acme_job}").text
    missing = client.post(f"/jobs/{desk.acme_job}/pipeline", data={"person_id": 999999, "csrf_token": token})
    assert missing.status_code == 404
