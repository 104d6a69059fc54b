"""The guided call asks before storing an outcome weaker than its note: the suggested one, or the one chosen."""

from tests.e2e.cli import run


def _person() -> int:
    return run("person", "add", "--name", "Ann Nowak", "--phone", "414-555-0100", "--city", "Milwaukee",  # type: ignore[no-any-return]
               "--state", "WI", "--json").json()["id"]


def test_a_hang_up_noted_as_a_request_never_to_be_called_is_logged_as_do_not_call_when_confirmed(
        desk_env: dict[str, str]) -> None:
    ann = _person()
    result = run("call", str(ann), input="h\nTake me off your list, she said\ny\n")
    assert result.exit_code == 0, result.stderr
    assert "asked never to be called again" in result.stderr and "Log it as do_not_call?" in result.stdout
    card = run("person", "show", str(ann), "--json").json()
    assert [t["outcome"] for t in card["history"]] == ["do_not_call"] and card["suppression"] == "do_not_call"


def test_a_hang_up_kept_on_purpose_is_logged_once_as_a_hang_up(desk_env: dict[str, str]) -> None:
    ann = _person()
    result = run("call", str(ann), input="h\nHer husband said she passed away\nn\n")
    assert result.exit_code == 0, result.stderr
    assert "Log it as deceased?" in result.stdout and "Logged hung_up" in result.stdout
    card = run("person", "show", str(ann), "--json").json()
    assert [t["outcome"] for t in card["history"]] == ["hung_up"] and card["suppression"] == "none"
