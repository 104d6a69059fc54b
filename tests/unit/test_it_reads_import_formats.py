import io

import pytest

from callsheet.domain.errors import BadInput
from callsheet.lookup.phones import normalize
from callsheet.services.imports import csv_rows, linkedin, vcard
from callsheet.services.imports.incoming import Incoming, Prepared, Rejected, fast_e164, prepare


def test_it_finds_the_header_after_a_multi_line_notes_block() -> None:
    data = ('\ufeffNotes:\n"First line, with a comma\nand a second line"\n\n'
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Ann,Nowak,https://www.linkedin.com/in/ann,,Acme,DBA,15 Mar 2024\n").encode()
    [row] = list(linkedin.rows(io.BytesIO(data)))
    assert (row.name, row.company, row.title, row.row) == ("Ann Nowak", "Acme", "DBA", 6)
    assert row.connected_on is not None and row.connected_on.isoformat() == "2024-03-15T00:00:00+00:00"


def test_it_refuses_a_file_that_is_not_a_linkedin_export() -> None:
    with pytest.raises(BadInput, match="Connections.csv"):
        list(linkedin.rows(io.BytesIO(b"Name,Phone\nAnn,414-555-0100\n")))


def test_it_recognises_spreadsheet_headers_by_their_usual_names() -> None:
    header = ["First Name", "Last Name", "Cell Phone", "E-mail Address", "Organization", "Job Title", "Zip Code",
              "Phone 1 - Value", "Favourite colour"]
    assert csv_rows.header_fields(header, {}) == ["first_name", "last_name", "mobile", "email", "company", "title",
                                                  "zip", "phone", None]


def test_it_splits_several_numbers_in_one_cell_and_undoes_formula_neutralising() -> None:
    item = csv_rows.record(2, ["name", "phone"], ["Ann", "'+14145550100; (262) 555-0199"])
    assert item.phones == [("+14145550100", ""), ("(262) 555-0199", "")]


def test_it_takes_the_same_e164_shortcut_as_the_full_parser() -> None:
    for raw in ["(414) 555-0142", "414.555.0142", "1-414-555-0142", "+1 414 555 0142", "+44 20 7946 0958",
                "(800) 555-0199"]:
        assert fast_e164(raw, "US") == normalize(raw, "US")
    with pytest.raises(BadInput):
        fast_e164("(123) 555-0142", "US")


def test_it_keeps_a_row_whose_phone_is_bad_and_rejects_one_without_a_name() -> None:
    kept = prepare(Incoming(row=3, name="Ann", phones=[("12345", "")], emails=["ANN@Example.com"]))
    assert kept.phones == [] and kept.emails == ["ann@example.com"]
    assert kept.problems == ["phone: '12345' is not a valid phone number"]
    assert kept.keys == () and kept.erased is None  # keys only with the desk's salt
    with pytest.raises(Rejected, match="name"):
        prepare(Incoming(row=4, phones=[("414-555-0100", "")]))


def test_it_reads_several_vcards_and_skips_a_photo() -> None:
    data = (b"BEGIN:VCARD\nVERSION:3.0\nFN:A One\nPHOTO;ENCODING=b:AAAA\n BBBB\nTEL:414-555-0100\nEND:VCARD\n"
            b"BEGIN:VCARD\nVERSION:3.0\nFN:B Two\nEND:VCARD\n")
    cards = list(vcard.rows(io.BytesIO(data)))
    assert [(c.row, c.name, c.phones) for c in cards] == [(1, "A One", [("414-555-0100", "")]), (2, "B Two", [])]


def test_it_reads_a_windows_1252_spreadsheet_from_outlook() -> None:
    data = "Name,Phone\nRenée Café,414-555-0100\n".encode("cp1252")
    [row] = list(csv_rows.rows(io.BytesIO(data)))
    assert row.name == "Renée Café"


def test_it_keys_a_checked_row_by_its_phones_emails_and_url_or_else_by_its_content() -> None:
    row = prepare(Incoming(row=2, name="Ann Nowak", phones=[("(414) 555-0100", ""), ("414.555.0100", "work")],
                           emails=["Ann@Example.com"], linkedin="linkedin.com/in/Ann-N", city="Milwaukee",
                           state="wi"), "US", salt="s", with_erased=True)
    assert len(row) == len(Prepared._fields) and row.row == 2 and row.name == "Ann Nowak"
    assert row.phones == [("+14145550100", "main")]  # the same number twice is kept once
    assert row.keys == ("p:+14145550100", "e:ann@example.com", "u:https://www.linkedin.com/in/ann-n")
    assert row.erased is not None and len(row.erased) == 3 and all(k.startswith("x:") for k in row.erased)
    assert (row.city, row.state, row.placed, row.timezone) == ("Milwaukee", "WI", True, "America/Chicago")
    bare = prepare(Incoming(row=3, name="Nobody Known", city="Nowhere Town", state="ZZ"), "US", salt="s")
    assert len(bare.keys) == 1 and bare.keys[0].startswith("r:") and bare.erased is None
    assert (bare.city, bare.state, bare.placed) == ("Nowhere Town", "ZZ", False)  # kept as text
    assert prepare(Incoming(row=4, name="Nobody Known", city="Nowhere Town", state="ZZ"), "US", salt="s").keys == \
        bare.keys
