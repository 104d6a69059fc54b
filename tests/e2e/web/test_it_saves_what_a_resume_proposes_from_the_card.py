"""Under what a résumé proposes, the card holds a form filled in with those values: the recruiter corrects
them and saves them on the person, who is then found by the skills saved."""

import html
import re

from bench.resume_files import candidate, text_file
from fastapi.testclient import TestClient

from callsheet.services.people.records import get_person
from callsheet.store.engine import make_engine
from callsheet.store.search import place, wait_until_searchable
from callsheet.store.uow import UnitOfWork
from tests.e2e.web.conftest import Desk
from tests.e2e.web.test_it_guards_the_search_import_and_match_pages import sign_in


def _proposed_form(page: str) -> dict[str, str]:
    form = page.split('id="proposed-edit"', 1)[1].split("</form>", 1)[0]
    return {name: html.unescape(value) for name, value in re.findall(r'name="(\w+)"[^>]*?value="([^"]*)"', form)}


def test_the_proposed_skills_and_city_saved_from_the_card_find_the_person(client: TestClient, desk: Desk) -> None:
    csrf = sign_in(client, "recruiter@example.com")
    resume = text_file(candidate(7, skills="Cisco, Juniper"))
    attached = client.post(f"/people/{desk.pat}/resumes", data={"csrf_token": csrf},
                           files={"files": ("pat.txt", resume)}, follow_redirects=False)
    assert attached.status_code == 303
    shown = _proposed_form(client.get(f"/people/{desk.pat}").text)
    assert shown["city"] == "Milwaukee" and shown["state"] == "WI" and "juniper" in shown["skills"]
    assert client.get("/search?q=terraform").text.count(f"/people/{desk.pat}\"") == 0

    shown["skills"] += ", Terraform"
    saved = client.post(f"/people/{desk.pat}/details", data=shown, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"].startswith(f"/people/{desk.pat}")

    engine = make_engine(desk.settings.database_url)
    person = get_person(UnitOfWork(engine), desk.pat)
    assert wait_until_searchable(engine, place.index_dir_of(engine))  # the index follows the store's log
    engine.dispose()
    assert (person.city, person.state, person.timezone) == ("Milwaukee", "WI", "America/Chicago")
    assert {"cisco", "juniper", "terraform"} <= set(person.skills)
    assert f"/people/{desk.pat}\"" in client.get("/search?q=terraform").text


def test_a_bad_seniority_on_the_card_form_is_refused_naming_it(client: TestClient, desk: Desk) -> None:
    csrf = sign_in(client, "recruiter@example.com")
    for value in ("9", "senior"):
        refused = client.post(f"/people/{desk.pat}/details", data={"csrf_token": csrf, "seniority": value},
                              follow_redirects=False)
        assert 400 <= refused.status_code < 500 and "eniority" in refused.text, refused.text
