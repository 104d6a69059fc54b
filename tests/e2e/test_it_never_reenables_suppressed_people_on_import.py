from pathlib import Path

import pytest

from tests.e2e.imports import by_name, fixture, import_json, set_suppression


@pytest.mark.parametrize("suppression", ["do_not_call", "deceased"])
def test_it_counts_a_row_for_a_suppressed_person_as_suppressed_and_changes_nothing(
        desk_env: dict[str, str], database_url: str, tmp_path: Path, suppression: str) -> None:
    import_json("linkedin", fixture("Connections.csv", tmp_path))
    dana = by_name("Dana Nevercall")
    set_suppression(database_url, dana["id"], suppression)
    # A row that matches her by email must not give her a number, a new title, or anything else.
    rows = tmp_path / "more.csv"
    rows.write_text("Name,Phone,Email,Title\nDana Nevercall,(414) 555-0177,dana@example.com,VP\n", encoding="utf-8")
    summary = import_json("csv", rows)
    assert (summary["created"], summary["merged"], summary["suppressed"]) == (0, 0, 1)
    after = by_name("Dana Nevercall")
    assert after["suppression"] == suppression
    assert after["phones"] == [] and after["title"] == "Manager"
    # And again from LinkedIn: still suppressed, still unchanged.
    again = import_json("linkedin", fixture("Connections.csv", tmp_path))
    assert again["suppressed"] == 1 and by_name("Dana Nevercall") == after
