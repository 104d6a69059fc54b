from pathlib import Path
from typing import Any

from bench.resume_files import broken_pdf, candidate, docx_file, pdf_file, scanned_pdf
from fastapi.testclient import TestClient
from playwright.sync_api import expect

from tests.e2e.web.conftest import Desk, screenshot, sign_in
from tests.e2e.web.test_it_guards_the_search_import_and_match_pages import sign_in as client_sign_in


def test_a_resume_dropped_on_a_card_is_kept_there_and_its_text_is_searchable(
        page: Any, desk: Desk, tmp_path: Path) -> None:
    resume = tmp_path / "jack-kowalski.pdf"
    resume.write_bytes(pdf_file(candidate(1, skills="Cisco", story="Rolled out Meraki wireless in twelve clinics.")))
    sign_in(page, "recruiter@example.com")
    page.goto(f"/people/{desk.jack}")
    page.get_by_label("Résumé files").set_input_files(str(resume))
    page.get_by_role("button", name="Attach").click()
    page.wait_for_url(f"**/people/{desk.jack}#resumes")
    section = page.locator("#resumes")
    expect(section.get_by_role("link", name="jack-kowalski.pdf")).to_be_visible()
    expect(section).to_contain_text("current")
    expect(page.locator("#proposed")).to_contain_text("Milwaukee, WI")
    screenshot(page, "card-resume.png")
    with page.expect_download() as download:
        section.get_by_role("link", name="jack-kowalski.pdf").click()
    saved = tmp_path / "downloaded.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes() == resume.read_bytes()

    page.goto("/search?q=meraki")
    expect(page.locator("#results").get_by_role("link", name="Jack Kowalski")).to_be_visible()


def test_resumes_dropped_on_the_import_page_say_what_became_of_each(page: Any, desk: Desk, tmp_path: Path) -> None:
    files = {"ann.docx": docx_file(candidate(0)), "scan.pdf": scanned_pdf()}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    sign_in(page, "recruiter@example.com")
    page.goto("/import")
    page.get_by_label("Résumé files").set_input_files([str(tmp_path / name) for name in files])
    page.get_by_role("button", name="Import résumés").click()
    summary = page.locator("#resume-summary")
    expect(summary.locator('[data-count="created"]')).to_have_text("1")
    expect(summary.locator('[data-count="rejected"]')).to_have_text("1")
    expect(page.locator(".resume-outcomes")).to_contain_text("no text layer: scanned?")
    page.get_by_role("link", name="person", exact=False).first.click()
    expect(page.locator("h1")).to_have_text(candidate(0).name)


def test_a_broken_resume_gets_a_plain_answer_and_a_hiring_manager_no_resume(client: TestClient, desk: Desk) -> None:
    token = client_sign_in(client, "recruiter@example.com")
    refused = client.post(f"/people/{desk.jack}/resumes", data={"csrf_token": token},
                          files={"files": ("cv.pdf", broken_pdf())})
    assert refused.status_code == 422 and "cv.pdf" in refused.text
    empty = client.post("/import/resumes", data={"csrf_token": token})
    assert empty.status_code == 422
    kept = client.post(f"/people/{desk.jack}/resumes", data={"csrf_token": token},
                       files={"files": ("jack.docx", docx_file(candidate(1)))}, follow_redirects=False)
    assert kept.status_code == 303
    card = client.get(f"/people/{desk.jack}")
    resume_id = card.text.split(f"/people/{desk.jack}/resumes/")[1].split('"')[0]
    assert client.get(f"/people/{desk.mary}/resumes/{resume_id}").status_code == 404
    client.post("/logout", data={"csrf_token": token})
    client.cookies.clear()
    client_sign_in(client, "manager@example.com")
    assert client.get(f"/people/{desk.jack}/resumes/{resume_id}").status_code == 404
