"""Every web form that changes something answers with a redirect (303) to a page, so reloading that page
never sends the form again."""

import importlib
import pkgutil
import re
from datetime import datetime

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from callsheet.clock import FixedClock
from callsheet.services.calling.log import LogRequest, log_touch
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork
from callsheet.web import routers
from tests.conftest import NOW
from tests.e2e.web.conftest import PASSWORD, Desk
from tests.e2e.web.report_history import csrf_of, sign_in

#: Forms answered in place, not with a page: htmx swaps the answer into the page that sent it, so the
#: browser's address never becomes the POST and a reload re-sends nothing.
FRAGMENTS = {
    # The sheet's outcome buttons (htmx only: the form has no action of its own); the answer redraws that row.
    "/sheet/log",
    # The Rehearse page's "Say it" (htmx only): the conversation so far is redrawn; nothing is stored until
    # "End and score", which posts the page's form and is answered with a redirect to the scorecard.
    "/rehearse/turn",
}
#: Not forms of a page: Twilio's webhooks, answered with TwiML to the provider; and the Call button, which
#: needs a provider (with one, it redirects to the card: tests/e2e/web/test_it_calls_through_twilio_...).
NOT_PAGES = {"/telephony/bridge", "/telephony/status", "/telephony/dial-action", "/telephony/voice",
             "/people/{person_id}/dial"}


def _web_posts() -> set[str]:
    """Every POST route of the web desk: those of each module under callsheet/web/routers."""
    found = set()
    for module in pkgutil.iter_modules(routers.__path__):
        router = importlib.import_module(f"{routers.__name__}.{module.name}").router
        found |= {route.path for route in router.routes if isinstance(route, APIRoute) and "POST" in route.methods}
    return found


def _mark(desk: Desk, person_id: int, outcome: str) -> None:
    engine = make_engine(desk.settings.database_url)
    log_touch(UnitOfWork(engine), FixedClock(datetime.fromisoformat(NOW)),
              LogRequest(person_id=person_id, outcome=outcome, job_id=desk.acme_job), "recruiter@example.com")
    engine.dispose()


def test_every_web_form_that_changes_something_answers_with_a_redirect(client: TestClient, desk: Desk) -> None:
    _mark(desk, desk.mary, "do_not_call")  # for the admin to lift
    _mark(desk, desk.jack, "deceased")  # whose number the admin releases
    answers: dict[str, int] = {}
    login_form = {"csrf_token": csrf_of(client.get("/login").text), "email": "admin@example.com",
                  "password": PASSWORD}
    answers["/login"] = client.post("/login", data=login_form, follow_redirects=False).status_code
    csrf = csrf_of(client.get("/import").text)

    def post(route: str, url: str, files: dict[str, tuple[str, bytes]] | None = None, **form: object) -> str:
        answer = client.post(url, data={"csrf_token": csrf, **form}, files=files, follow_redirects=False)
        answers[route] = answer.status_code
        return answer.headers.get("location", "")

    ran = post("/import", "/import", files={"file": ("a.csv", b"Full Name,Mobile\nAnn Lee,414-555-0150\n")},
               kind="csv")
    assert client.app.state.desk.imports.wait(ran.rsplit("/", 1)[1], 120)  # type: ignore[attr-defined]
    # Sent by htmx, the match list's Add button is answered in place (the row, and the pipeline redrawn);
    # sent as a plain form, it is answered as every other form.
    post("/jobs/{job_id}/pipeline", f"/jobs/{desk.acme_job}/pipeline", person_id=desk.pat)
    post("/people/{person_id}/lift", f"/people/{desk.mary}/lift", reason="Asked us to call again")
    post("/people/{person_id}/release-number", f"/people/{desk.jack}/release-number", phone="+14145550101",
         reason="Reassigned by the carrier")
    post("/jobs/{job_id}/report/links", f"/jobs/{desk.acme_job}/report/links", days="7")
    link_id = re.findall(r"/report/links/(\d+)/withdraw", client.get(f"/jobs/{desk.acme_job}/report").text)[0]
    post("/jobs/{job_id}/report/links/{link_id}/withdraw", f"/jobs/{desk.acme_job}/report/links/{link_id}/withdraw")
    post("/people/{person_id}/name", f"/people/{desk.pat}/name", first_name="Patricia", shown_first_name="Pat")
    post("/people/{person_id}/details", f"/people/{desk.pat}/details", skills="cisco, juniper", city="Milwaukee",
         state="WI")
    resume = b"Dana Wright\nSenior DBA\n(414) 555-0177\ndana.wright@example.com\n"
    post("/import/resumes", "/import/resumes", files={"files": ("dana.txt", resume)})
    post("/people/{person_id}/resumes", f"/people/{desk.pat}/resumes",
         files={"files": ("pat.txt", b"Pat Moore\n(414) 555-0178\npat@example.com\n")})
    post("/people/{person_id}/log-call", f"/people/{desk.pat}/log-call", outcome="no_answer", duration_s="42")
    post("/dnc-lists", "/dnc-lists", files={"file": ("state.txt", b"(414) 555-0199\n")}, source="State DNC")
    post("/dnc-lists/remove", "/dnc-lists/remove", name="State DNC")
    post("/rehearse", "/rehearse", person=desk.jack, kind="recruiter_cold", seed="5", said=["Hello Jack"])
    post("/tokens", "/tokens", name="laptop script")
    token_id = re.findall(r"/tokens/(\d+)/revoke", client.get("/tokens").text)[0]
    post("/tokens/{token_id}/revoke", f"/tokens/{token_id}/revoke")
    post("/users/signout", "/users/signout", email="recruiter@example.com")
    post("/logout", "/logout")

    assert set(answers) == _web_posts() - FRAGMENTS - NOT_PAGES, "a new form needs its case here, or a reason"
    assert answers == dict.fromkeys(answers, 303)


def test_a_reload_of_the_report_after_making_a_share_link_makes_no_second_link(client: TestClient,
                                                                                desk: Desk) -> None:
    csrf = sign_in(client, "recruiter@example.com")
    made = client.post(f"/jobs/{desk.acme_job}/report/links", data={"csrf_token": csrf, "days": "7"})
    assert made.status_code == 200 and made.url.path == f"/jobs/{desk.acme_job}/report"
    assert 'aria-label="New share link"' in made.text and made.headers["cache-control"] == "no-store"
    reloaded = client.get(made.url)
    assert reloaded.status_code == 200
    assert len(re.findall(r"/report/links/\d+/withdraw", reloaded.text)) == 1
    assert 'aria-label="New share link"' not in reloaded.text  # shown once: only its hash is kept
