import csv
import io

from fastapi.testclient import TestClient

from tests.e2e.imports import FIXTURES
from tests.e2e.web.conftest import Desk
from tests.e2e.web.fits import add_fits
from tests.e2e.web.test_it_guards_the_api_with_tokens_and_roles import token_for

PEOPLE_CSV = (b"Full Name,Cell #,Company\n"
              b"Ann Lee,414-555-0150,Acme Corp\n"
              b"Bo Badphone,12345,Acme Corp\n"
              b"Jack Kowalski,414-555-0101,Acme Corp\n")


def test_it_searches_with_the_query_language_and_leaves_the_deceased_out(client: TestClient, desk: Desk) -> None:
    fits = add_fits(desk)
    auth = token_for(desk, "recruiter@example.com")
    found = client.get("/api/v1/search", params={"q": "cisco NOT linux"}, headers=auth)
    assert found.status_code == 200
    assert [f["person_id"] for f in found.json()] == [fits.nina]
    near = client.get("/api/v1/search", params={"q": "cisco", "near": "Milwaukee, WI", "radius": 10}, headers=auth)
    assert {f["person_id"] for f in near.json()} == {fits.nina, fits.otto} and near.json()[0]["miles"] <= 10
    asked = client.get("/api/v1/search", params={"q": "ccna", "include_suppressed": "true"}, headers=auth).json()
    assert {f["person_id"]: f["suppression"] for f in asked} == {fits.nina: "none", fits.dee: "deceased"}


def test_it_refuses_a_bad_search_naming_the_field_in_api_words(client: TestClient, desk: Desk) -> None:
    auth = token_for(desk, "recruiter@example.com")
    only_not = client.get("/api/v1/search", params={"q": "-cisco"}, headers=auth)
    assert only_not.status_code == 422 and only_not.json()["detail"]["field"] == "query"
    half_place = client.get("/api/v1/search", params={"q": "cisco", "near": "Milwaukee, WI"}, headers=auth)
    assert half_place.status_code == 422 and "--" not in half_place.json()["detail"]["message"]
    assert client.get("/api/v1/search", params={"q": "cisco", "radius": "-3"}, headers=auth).status_code == 422
    assert client.get("/api/v1/search", params={"q": "cisco", "near": "Nowhere, ZZ", "radius": 5},
                      headers=auth).status_code == 422
    assert client.get("/api/v1/search", params={"q": "x", "job_id": 999999}, headers=auth).status_code == 404


def test_it_matches_a_job_and_adds_the_best_to_its_pipeline(client: TestClient, desk: Desk) -> None:
    fits = add_fits(desk)
    auth = token_for(desk, "recruiter@example.com")
    best = client.get(f"/api/v1/jobs/{desk.acme_job}/matches", headers=auth)
    assert best.status_code == 200
    assert [m["person_id"] for m in best.json()] == [fits.nina, fits.otto]  # never the deceased Dee
    assert "2 of 2 skills (cisco, ccna)" in best.json()[0]["why"]
    added = client.post(f"/api/v1/jobs/{desk.acme_job}/matches", json={"add": 1}, headers=auth)
    assert added.status_code == 201 and added.json()["added"] == [fits.nina]
    pipeline = client.get(f"/api/v1/jobs/{desk.acme_job}", headers=auth).json()["pipeline"]
    assert fits.nina in {c["person_id"] for c in pipeline}
    assert [m["person_id"] for m in client.get(f"/api/v1/jobs/{desk.acme_job}/matches", headers=auth).json()] \
        == [fits.otto]
    too_many = client.post(f"/api/v1/jobs/{desk.acme_job}/matches", json={"add": 5, "limit": 2}, headers=auth)
    assert too_many.status_code == 422 and too_many.json()["detail"]["field"] == "add"
    assert client.get("/api/v1/jobs/999999/matches", headers=auth).status_code == 404


def test_it_imports_an_upload_and_offers_its_rejects(client: TestClient, desk: Desk) -> None:
    auth = token_for(desk, "recruiter@example.com")
    sent = client.post("/api/v1/imports", headers=auth, data={"kind": "csv", "map": ["Cell #=mobile"]},
                       files={"file": ("people.csv", PEOPLE_CSV, "text/csv")})
    assert sent.status_code == 201, sent.text
    summary = sent.json()
    assert (summary["status"], summary["created"], summary["merged"], summary["rejected"]) == ("done", 2, 1, 0)
    assert summary["problems"] == 1 and summary["rejects_url"]
    rejects = client.get(summary["rejects_url"], headers=auth)
    assert rejects.status_code == 200 and rejects.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(rejects.text)))
    assert [(r["Full Name"], r["reason"]) for r in rows] == [("Bo Badphone", "phone: '12345' is not a valid phone "
                                                                             "number")]
    again = client.post("/api/v1/imports", headers=auth, data={"kind": "csv", "map": ["Cell #=mobile"]},
                        files={"file": ("people.csv", PEOPLE_CSV, "text/csv")}).json()
    assert (again["created"], again["merged"]) == (0, 3)  # idempotent
    assert client.get(f"/api/v1/imports/{summary['id']}", headers=auth).json()["created"] == 2
    other = token_for(desk, "admin@example.com")  # an admin may read anyone's import
    assert client.get(f"/api/v1/imports/{summary['id']}", headers=other).status_code == 200


def test_it_imports_linkedin_and_vcards_and_a_dry_run_stores_nothing(client: TestClient, desk: Desk) -> None:
    auth = token_for(desk, "recruiter@example.com")
    for kind, name in (("linkedin", "Connections.csv"), ("vcard", "iphone.vcf")):
        body = (FIXTURES / name).read_bytes()
        dry = client.post("/api/v1/imports", headers=auth, data={"kind": kind, "dry_run": "true"},
                          files={"file": (name, body)}).json()
        assert dry["dry_run"] is True and dry["created"] > 0
        real = client.post("/api/v1/imports", headers=auth, data={"kind": kind}, files={"file": (name, body)}).json()
        assert real["created"] == dry["created"], kind


def test_it_refuses_a_bad_upload_with_a_clear_4xx(client: TestClient, desk: Desk) -> None:
    auth = token_for(desk, "recruiter@example.com")

    def upload(kind: str, body: bytes, **data: object) -> tuple[int, dict[str, str]]:
        answer = client.post("/api/v1/imports", headers=auth, data={"kind": kind, **data},
                             files={"file": ("upload.csv", body, "text/csv")})
        return answer.status_code, answer.json()["detail"]

    status, detail = upload("csv", b"Colour,Size\nred,4\n")
    assert status == 422 and detail["field"] == "header" and "Colour" in detail["message"]
    assert "--map" not in detail["message"]
    status, detail = upload("csv", PEOPLE_CSV, map=["Nope=mobile"])
    assert status == 422 and detail["field"] == "map" and "Nope" in detail["message"]
    status, detail = upload("csv", PEOPLE_CSV, map=["Cell #=shoe_size"])
    assert status == 422 and detail["field"] == "map"
    assert upload("vcard", PEOPLE_CSV)[1]["field"] == "file"
    assert upload("linkedin", PEOPLE_CSV)[1]["field"] == "file"
    assert upload("csv", b"")[1] == {"field": "file", "message": "is empty"}
    assert upload("csv", "Name\nAnn\n".encode("utf-16-le"))[1]["field"] == "file"  # no byte-order mark
    assert upload("csv", bytes(range(256)) * 8)[1]["field"] == "file"
    status, detail = upload("pdf", PEOPLE_CSV)
    assert status == 422 and detail["field"] == "kind"
    assert upload("vcard", PEOPLE_CSV, map=["Cell #=mobile"])[1]["field"] == "map"
    assert client.get("/api/v1/imports/not-a-run", headers=auth).status_code == 404


def test_it_keeps_search_match_and_import_from_a_hiring_manager(client: TestClient, desk: Desk) -> None:
    auth = token_for(desk, "manager@example.com")
    assert client.get("/api/v1/search", params={"q": "cisco"}, headers=auth).status_code == 403
    assert client.get(f"/api/v1/jobs/{desk.acme_job}/matches", headers=auth).status_code == 403
    assert client.post(f"/api/v1/jobs/{desk.acme_job}/matches", json={"add": 1}, headers=auth).status_code == 403
    # Another company's job does not exist for them.
    assert client.get(f"/api/v1/jobs/{desk.globex_job}/matches", headers=auth).status_code == 404
    assert client.post(f"/api/v1/jobs/{desk.globex_job}/matches", json={"add": 1}, headers=auth).status_code == 404
    sent = client.post("/api/v1/imports", headers=auth, data={"kind": "csv"},
                       files={"file": ("people.csv", PEOPLE_CSV, "text/csv")})
    assert sent.status_code == 403
    recruiter = token_for(desk, "recruiter@example.com")
    run = client.post("/api/v1/imports", headers=recruiter, data={"kind": "csv", "map": ["Cell #=mobile"]},
                      files={"file": ("people.csv", PEOPLE_CSV, "text/csv")}).json()
    assert client.get(f"/api/v1/imports/{run['id']}", headers=auth).status_code == 403
    for path in ("/api/v1/search?q=cisco", f"/api/v1/jobs/{desk.acme_job}/matches", "/api/v1/imports/x"):
        assert client.get(path).status_code == 401, path


def test_it_lists_search_match_and_import_in_the_openapi_schema(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"get"} <= set(paths["/api/v1/search"]) and {"get", "post"} <= set(paths["/api/v1/jobs/{job_id}/matches"])
    upload = paths["/api/v1/imports"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert upload["responses"]["201"]["content"]["application/json"]["schema"]["$ref"].endswith("ImportOut")


def test_it_imports_excels_unicode_text_and_a_semicolon_file_uploaded_through_the_api(client: TestClient,
                                                                                       desk: Desk) -> None:
    auth = token_for(desk, "recruiter@example.com")
    unicode_text = "\ufeffFull Name\tCell #\r\nRenée Müller\t414-555-0160\r\n".encode("utf-16-le")
    semicolons = "Full Name;Cell #;Company\r\nZoë Novák;414-555-0161;Acme, Inc.\r\n".encode("cp1252")
    for name, body in (("people.txt", unicode_text), ("people.csv", semicolons)):
        answer = client.post("/api/v1/imports", headers=auth, data={"kind": "csv"}, files={"file": (name, body)})
        assert answer.status_code < 300 and answer.json()["created"] == 1, (name, answer.json())
    found = client.get("/api/v1/search", params={"q": "Müller"}, headers=auth)
    assert found.status_code == 200 and [f["name"] for f in found.json()] == ["Renée Müller"], found.json()
