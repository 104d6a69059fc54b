import pytest

from tests.e2e.cli import run


@pytest.fixture
def demo_desk(desk_env: dict[str, str]) -> dict[str, str]:
    assert run("demo", "--people", "200", "--no-serve").exit_code == 0
    return desk_env


def test_it_reads_a_query_starting_with_a_minus_as_the_query(demo_desk: dict[str, str]) -> None:
    leading = run("search", '-"help desk" cisco', "--limit", "100", "--json")
    assert leading.exit_code == 0, leading.stderr
    trailing = run("search", 'cisco -"help desk"', "--limit", "100", "--json").json()
    assert leading.json() == trailing and trailing


def test_it_answers_only_a_minus_with_the_query_language_not_an_unknown_option(demo_desk: dict[str, str]) -> None:
    for args in (["search", "-cisco"], ["search", "--json", "-cisco"], ["search", "--", "-cisco"]):
        result = run(*args)
        assert result.exit_code == 2
        assert result.stderr.startswith("Error: query:") and "No such option" not in result.stderr
