"""The report, share and analytics pages over HTTP: private headers, 410/404 for dead links, 422 naming the field."""

import csv
import html
import io
import re
from datetime import datetime, timedelta

from fastapi.testclient import TestClient

from tests.conftest import NOW
from tests.e2e.web.conftest import Desk
from tests.e2e.web.report_history import DEATH_NOTE, PRIVATE_NOTE, add_history, sign_in


def _new_link(client: TestClient, desk: Desk, csrf: str, days: str = "7") -> str:
    made = client.post(f"/jobs/{desk.acme_job}/report/links", data={"csrf_token": csrf, "days": days},
                       follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"] == f"/jobs/{desk.acme_job}/report#share"
    shown = client.get(made.headers["location"])
    found = re.search(r'id="new-link"[^>]*value="http://127\.0\.0\.1(/share/[^"]+)"', shown.text)
    assert found, "the new link is shown once on the page"
    return found.group(1)


def _private(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    assert headers["cache-control"] == "no-store"
    assert "noindex" in headers["x-robots-tag"]


def test_a_shared_report_is_private_plain_and_only_that_job(client: TestClient, desk: Desk) -> None:
    add_history(desk)
    path = _new_link(client, desk, sign_in(client, "recruiter@example.com"))
    client.cookies.clear()  # the hiring manager has no account on this desk
    shared = client.get(path)
    assert shared.status_code == 200
    _private(shared)
    page = shared.text
    assert "Network Administrator" in page and "Jack Kowalski" in page and "Mary Ann Nowak" in page
    assert "No longer being contacted" in page
    for secret in (PRIVATE_NOTE, DEATH_NOTE, "eceased", "Database Administrator", "Globex", "Pat O",
                   "<nav", "/sheet", "/analytics", "Sign out", "csrf", "pinned"):
        assert secret not in page
    unknown = client.get("/share/not-a-real-token")
    assert unknown.status_code == 404 and "does not open any report" in unknown.text
    _private(unknown)


def test_a_link_is_gone_after_its_days_or_once_withdrawn(client: TestClient, desk: Desk) -> None:
    csrf = sign_in(client, "recruiter@example.com")
    kept, withdrawn = _new_link(client, desk, csrf, "7"), _new_link(client, desk, csrf, "30")
    report = client.get(f"/jobs/{desk.acme_job}/report").text
    link_ids = re.findall(r'/report/links/(\d+)/withdraw', report)
    assert len(link_ids) == 2  # newest first: the 30-day link
    done = client.post(f"/jobs/{desk.acme_job}/report/links/{link_ids[0]}/withdraw", data={"csrf_token": csrf},
                       follow_redirects=False)
    assert done.status_code == 303
    gone = client.get(withdrawn)
    assert gone.status_code == 410 and "withdrawn" in gone.text and "Network Administrator" not in gone.text
    _private(gone)
    assert client.get(kept).status_code == 200
    desk.settings.now = datetime.fromisoformat(NOW) + timedelta(days=7, minutes=1)
    expired = client.get(kept)
    assert expired.status_code == 410 and "expired" in expired.text
    _private(expired)


def test_a_share_link_needs_sensible_days_and_the_forms_token(client: TestClient, desk: Desk) -> None:
    csrf = sign_in(client, "recruiter@example.com")
    for days, said in (("0", "days: a link lasts 1 to 90 days"), ("91", "days: a link lasts 1 to 90 days"),
                       ("a week", "days: 'a week' is not a whole number")):
        refused = client.post(f"/jobs/{desk.acme_job}/report/links", data={"csrf_token": csrf, "days": days})
        assert refused.status_code == 422 and said in html.unescape(refused.text)
    assert client.post(f"/jobs/{desk.acme_job}/report/links", data={"days": "7"}).status_code == 403
    assert client.post("/jobs/999999/report/links", data={"csrf_token": csrf, "days": "7"}).status_code == 404


def test_the_report_downloads_as_csv_and_pdf(client: TestClient, desk: Desk) -> None:
    add_history(desk)
    sign_in(client, "recruiter@example.com")
    got = client.get(f"/jobs/{desk.acme_job}/report.csv")
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert "attachment" in got.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(got.content.decode("utf-8-sig"))))
    assert {r["candidate"]: r["stage"] for r in rows} == {"Jack Kowalski": "Interested",
                                                          "Mary Ann Nowak": "No longer being contacted"}
    assert PRIVATE_NOTE not in got.text and DEATH_NOTE not in got.text
    pdf = client.get(f"/jobs/{desk.acme_job}/report.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_a_hiring_manager_reads_only_their_own_companys_report(client: TestClient, desk: Desk) -> None:
    sign_in(client, "manager@example.com")
    own = client.get(f"/jobs/{desk.acme_job}/report")
    assert own.status_code == 200 and "Network Administrator" in own.text
    assert "Create share link" not in own.text  # sharing is the recruiter's
    assert client.get(f"/jobs/{desk.acme_job}/report.pdf").status_code == 200
    for path in (f"/jobs/{desk.globex_job}/report", f"/jobs/{desk.globex_job}/report.csv",
                 f"/jobs/{desk.globex_job}/report.pdf", "/analytics"):
        assert client.get(path).status_code == 404, path


def test_analytics_says_which_filter_is_wrong(client: TestClient, desk: Desk) -> None:
    assert client.get("/analytics", follow_redirects=False).status_code == 303  # to the sign-in page
    sign_in(client, "recruiter@example.com")
    good = client.get("/analytics", params={"from": "2026-11-01", "to": "2026-11-17",
                                            "scope": f"job:{desk.globex_job}"})
    assert good.status_code == 200 and good.text.count("<svg") == 5
    assert 'id="range">2026-11-01 to 2026-11-17' in good.text
    for params, said in (
        ({"from": "2026-13-01"}, "from: '2026-13-01' is not a date"),
        ({"to": "yesterday"}, "to: 'yesterday' is not a date"),
        ({"from": "2026-11-17", "to": "2026-11-01"},
         "from: the range starts on 2026-11-17, after it ends on 2026-11-01"),
        ({"scope": "job:999999"}, "scope: there is no job with id 999999"),
        ({"scope": "client:999999"}, "scope: there is no client with id 999999"),
        ({"scope": "recruiter:999999"}, "scope: there is no recruiter with id 999999"),
        ({"scope": "galaxy"}, "scope: 'galaxy' is not one of: desk, recruiter:ID, client:ID, job:ID"),
    ):
        bad = client.get("/analytics", params=params)
        assert bad.status_code == 422 and said in html.unescape(bad.text), params
        assert "<svg" not in bad.text and '<form class="filters"' in bad.text
