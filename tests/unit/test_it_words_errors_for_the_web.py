from callsheet.web.wording import for_page, plain


def test_it_turns_command_line_hints_into_plain_words() -> None:
    assert plain("give both --near PLACE and --radius MILES") == "give both a place (near) and a radius in miles"
    assert plain("'declined' is about a job: give --job (the person is in 2)") == \
        "'declined' is about a job: give job (the person is in 2)"
    assert plain("which number was wrong? give --phone") == "which number was wrong? give phone"
    assert plain("no name column found in (a, b); add --map COLUMN=name") == \
        "no name column found in (a, b); map a column to name (COLUMN=name)"
    assert plain("must be between 0 and --limit (20), got 30") == "must be between 0 and limit (20), got 30"


def test_it_leaves_a_message_without_hints_alone() -> None:
    text = 'say what to look for, not only what to leave out (for example: cisco -"help desk")'
    assert plain(text) == text


def test_it_names_the_field_as_the_form_labels_it() -> None:
    assert for_page("query", "nothing to search for") == "Search: nothing to search for"
    assert for_page("callback_at", "is in the past") == "Callback time: is in the past"
    assert for_page("some_field", "bad") == "Some field: bad"
