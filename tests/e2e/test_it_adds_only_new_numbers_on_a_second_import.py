"""A second file about people already on the desk: most rows bring nothing new, some a number or
an address. The import reads a stored person's phones and emails only when a row may add to them;
whatever it reads or skips, nothing is doubled and numbers keep their order."""

from pathlib import Path

from tests.e2e.imports import by_name, import_json


def test_it_adds_a_new_number_after_the_stored_ones_and_doubles_nothing(desk_env: dict[str, str],
                                                                       tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    first.write_text("Name,Phone,Mobile,Email\n"
                     "Ann Nowak,(414) 555-0100,(414) 555-0101,ann@example.com\n"
                     "Bob Lee,(414) 555-0200,,bob@example.com\n", encoding="utf-8")
    assert import_json("csv", first)["created"] == 2
    second = tmp_path / "second.csv"
    # Ann twice in one batch: first with what the desk knows, then by her email with a new number;
    # Bob with a new address found by his phone; then Bob again exactly as stored.
    second.write_text("Name,Phone,Email\n"
                      "Ann Nowak,(414) 555-0101,ann@example.com\n"
                      "Ann N.,(262) 555-0102,ANN@example.com\n"
                      "Bob Lee,(414) 555-0200,robert@example.com\n"
                      "Bob Lee,(414) 555-0200,bob@example.com\n", encoding="utf-8")
    summary = import_json("csv", second)
    assert (summary["created"], summary["merged"]) == (0, 4)
    ann, bob = by_name("Ann Nowak"), by_name("Bob Lee")
    assert ann["phones"] == ["+14145550100", "+14145550101", "+12625550102"]
    assert ann["emails"] == ["ann@example.com"]
    assert bob["phones"] == ["+14145550200"]
    assert bob["emails"] == ["bob@example.com", "robert@example.com"]
    again = import_json("csv", second)
    assert (again["created"], again["merged"]) == (0, 4)
    assert by_name("Ann Nowak") == ann and by_name("Bob Lee") == bob


def test_it_fills_a_blank_field_from_a_row_that_brings_no_new_number(desk_env: dict[str, str],
                                                                   tmp_path: Path) -> None:
    # A row whose every phone and email is stored with one person is settled without a merge only
    # when it would add nothing; a title or a city still fills what is blank.
    first = tmp_path / "first.csv"
    first.write_text("Name,Phone,Email\nCara Diaz,(414) 555-0300,cara@example.com\n", encoding="utf-8")
    import_json("csv", first)
    second = tmp_path / "second.csv"
    second.write_text("Name,Phone,Email,Title,City,State\n"
                      "Cara Diaz,(414) 555-0300,cara@example.com,DBA,Madison,WI\n", encoding="utf-8")
    assert import_json("csv", second)["merged"] == 1
    cara = by_name("Cara Diaz")
    assert (cara["title"], cara["city"]) == ("DBA", "Madison")
    assert (import_json("csv", first)["merged"], import_json("csv", second)["merged"]) == (1, 1)
    assert by_name("Cara Diaz") == cara
