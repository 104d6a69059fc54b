import csv
import threading
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from callsheet.services.imports import uploads
from tests.e2e.web.conftest import Desk, screenshot, sign_in

SHEET = ("Full Name,Cell #,Company\n"
         "Ann Lee,414-555-0150,Acme Corp\n"
         "Bo Badphone,12345,Acme Corp\n"
         "Jack Kowalski,414-555-0101,Acme Corp\n")


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Imports wait after their first batch until the test lets them go, so the progress is there to see."""
    gate = threading.Event()
    real = uploads.import_file

    def held_import(*args: Any, on_progress: Any, **kwargs: Any) -> Any:
        def report(done: int, total: int, summary: Any) -> None:
            on_progress(done, total, summary)
            gate.wait(timeout=30)

        return real(*args, on_progress=report, **kwargs)

    monkeypatch.setattr(uploads, "import_file", held_import)
    return gate


def test_it_uploads_a_spreadsheet_shows_progress_then_the_summary_and_rejects(
        page: Any, desk: Desk, tmp_path: Path, held: threading.Event) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    sign_in(page, "recruiter@example.com")
    page.get_by_role("link", name="Import", exact=True).click()
    page.get_by_label("Spreadsheet (.csv)").check()
    page.get_by_label("File", exact=True).set_input_files(str(sheet))
    page.get_by_label("Column map").fill("Cell #=mobile")
    page.get_by_role("button", name="Upload and import").click()

    expect(page.get_by_label("Import progress")).to_be_visible()
    expect(page.locator(".import-progress [role=status]")).to_contain_text("3 rows so far")
    held.set()
    summary = page.locator("#import-summary")
    expect(summary).to_contain_text("Done: 3 rows")
    counts = {name: summary.locator(f'[data-count="{name}"]').inner_text()
              for name in ("created", "merged", "suppressed", "rejected")}
    assert counts == {"created": "2", "merged": "1", "suppressed": "0", "rejected": "0"}
    screenshot(page, "import.png")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the rejects file").click()
    saved = tmp_path / "rejects.csv"
    download.value.save_as(saved)
    with saved.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["Full Name"], r["reason"]) for r in rows] == [("Bo Badphone",
                                                              "phone: '12345' is not a valid phone number")]
    page.goto("/search?q=Ann+Lee")
    expect(page.locator("#results")).to_contain_text("Ann Lee")


def test_it_refuses_a_file_without_a_name_column_before_importing(page: Any, desk: Desk, tmp_path: Path) -> None:
    sheet = tmp_path / "colours.csv"
    sheet.write_text("Colour,Size\nred,4\n", encoding="utf-8")
    sign_in(page, "recruiter@example.com")
    page.goto("/import")
    page.get_by_label("File", exact=True).set_input_files(str(sheet))
    with page.expect_response("**/import") as answer:
        page.get_by_role("button", name="Upload and import").click()
    assert answer.value.status == 422
    error = page.locator("main [role=alert]").inner_text()
    assert error.startswith("File's header: no name column found in (Colour, Size)") and "--map" not in error
