from pathlib import Path

from callsheet.store.tables import person_links, users
from tests.e2e.imports import by_name, everyone, fixture, import_json, rejects, rows_of


def test_it_reads_a_linkedin_export_with_its_notes_block_and_byte_order_mark(
        desk_env: dict[str, str], tmp_path: Path) -> None:
    path = fixture("Connections.csv", tmp_path)
    summary = import_json("linkedin", path)
    assert summary == {"created": 5, "merged": 0, "suppressed": 0, "rejected": 1,
                       "rejects_file": str(path) + ".rejects.csv", "problems": 1, "dry_run": False}
    zoe = by_name("Zoë Ørsted-Nowak")
    assert zoe["title"] == 'Lead "Data" Engineer'
    assert zoe["linkedin_url"] == "https://www.linkedin.com/in/zoe-orsted"
    assert by_name("Jack Kowalski")["company"] == "Acme, Inc."
    assert by_name("Priya Patel")["emails"] == ["priya@example.com"]
    reasons = {(r["row"], r["reason"]) for r in rejects(Path(summary["rejects_file"]))}
    assert reasons == {("10", "connected_on: 'not a date' is not a date; left out"),
                       ("11", "name: a name is required")}


def test_it_links_every_connection_to_the_desks_user_with_the_date_connected(
        desk_env: dict[str, str], database_url: str, tmp_path: Path) -> None:
    import_json("linkedin", fixture("Connections.csv", tmp_path))
    andrew = next(u for u in rows_of(database_url, users) if u.login == "andrew")
    links = [link for link in rows_of(database_url, person_links) if link.kind == "knows"]
    assert len(links) == 5 and {link.user_id for link in links} == {andrew.id}
    jack = by_name("Jack Kowalski")
    since = next(link.since for link in links if link.person_id == jack["id"])
    assert since.date().isoformat() == "2024-03-15"


def test_it_changes_nothing_when_the_same_export_is_imported_again(
        desk_env: dict[str, str], database_url: str, tmp_path: Path) -> None:
    path = fixture("Connections.csv", tmp_path)
    import_json("linkedin", path)
    before = everyone(), len(rows_of(database_url, person_links))
    again = import_json("linkedin", path)
    assert (again["created"], again["merged"], again["rejected"]) == (0, 5, 1)
    assert (everyone(), len(rows_of(database_url, person_links))) == before


def test_it_reads_older_exports_without_the_url_column(desk_env: dict[str, str], tmp_path: Path) -> None:
    import_json("linkedin", fixture("Connections.csv", tmp_path))
    summary = import_json("linkedin", fixture("Connections-2019.csv", tmp_path))
    # Jack has no URL in 2019 and a new email: nothing matches, so he is a new record, flagged below.
    assert (summary["created"], summary["merged"], summary["rejected"]) == (3, 0, 0)
    assert by_name("Wei Chen")["company"] == "Rockwell Automation"
    again = import_json("linkedin", fixture("Connections-2019.csv", tmp_path))
    assert (again["created"], again["merged"]) == (0, 3)
