from pathlib import Path

from callsheet.store.tables import people
from tests.e2e.imports import by_name, everyone, fixture, import_json, rejects, rows_of


def _details(name: str) -> list[tuple[str, str]]:
    return [(p["e164"], p["label"]) for p in by_name(name)["phone_details"]]


def test_it_reads_an_iphone_export_with_item_groups_labels_and_a_photo(
        desk_env: dict[str, str], tmp_path: Path) -> None:
    path = fixture("iphone.vcf", tmp_path)
    summary = import_json("vcard", path)
    assert (summary["created"], summary["merged"], summary["rejected"]) == (2, 0, 0)
    jack = by_name("Jack Kowalski")
    assert _details("Jack Kowalski") == [("+14145550142", "mobile"), ("+12625550187", "desk line")]
    assert jack["emails"] == ["jack@example.com"]
    assert (jack["company"], jack["title"], jack["city"], jack["state"]) == ("Acme, Inc.", "Senior DBA",
                                                                            "Milwaukee", "WI")
    assert _details("Zoë Ørsted-Nowak") == [("+14145550199", "home")]
    # The 7-digit number cannot be dialled: it goes to the rejects file, the card stays.
    assert [(r["row"], r["reason"]) for r in rejects(Path(summary["rejects_file"]))] == [
        ("2", "phone: '555-0100' is not a valid phone number")]


def test_it_reads_google_contacts_with_repeated_types_and_folded_lines(
        desk_env: dict[str, str], tmp_path: Path) -> None:
    import_json("vcard", fixture("google.vcf", tmp_path))
    assert _details("Maria Lopez") == [("+16085550123", "mobile"), ("+16085550124", "work")]
    assert by_name("Maria Lopez")["emails"] == ["maria.lopez@example.com", "mlopez@brewersit.example"]
    assert by_name("Sam O'Neil")["linkedin_url"] == "https://www.linkedin.com/in/sam-oneil"


def test_it_decodes_vcard_2_1_quoted_printable_from_old_android_phones(
        desk_env: dict[str, str], database_url: str, tmp_path: Path) -> None:
    summary = import_json("vcard", fixture("android-2.1.vcf", tmp_path))
    assert (summary["created"], summary["rejected"], summary["problems"]) == (2, 0, 1)
    assert _details("Jürgen Müller") == [("+14145550111", "mobile"), ("+12625550112", "work")]
    assert by_name("Jürgen Müller")["company"] == "Kohl, Hart & Co."
    assert _details("Kate Brown") == [("+19205550131", "home")]
    profile = next(r.profile for r in rows_of(database_url, people) if r.name == "Jürgen Müller")
    assert profile == "Called twice, no answer; try\nevenings after 6. Long line that Android splits with a soft break."


def test_it_reads_vcard_4_with_tel_uris(desk_env: dict[str, str], tmp_path: Path) -> None:
    import_json("vcard", fixture("contacts-4.0.vcf", tmp_path))
    assert _details("Omar Haddad") == [("+13125550150", "mobile"), ("+13125550151", "work")]
    assert by_name("Omar Haddad")["city"] == "Chicago"


def test_it_imports_a_vcard_file_twice_without_a_second_copy(desk_env: dict[str, str], tmp_path: Path) -> None:
    for name in ("iphone.vcf", "google.vcf", "android-2.1.vcf", "contacts-4.0.vcf"):
        import_json("vcard", fixture(name, tmp_path))
    before = everyone()
    for name in ("iphone.vcf", "google.vcf", "android-2.1.vcf", "contacts-4.0.vcf"):
        assert import_json("vcard", fixture(name, tmp_path))["created"] == 0
    assert everyone() == before
