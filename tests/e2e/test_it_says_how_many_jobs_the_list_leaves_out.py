import pytest

from tests.e2e.cli import run


@pytest.fixture
def demo_desk(desk_env: dict[str, str]) -> dict[str, str]:
    assert run("demo", "--people", "100", "--no-serve").exit_code == 0
    return desk_env


def test_it_says_how_many_jobs_the_list_leaves_out_and_how_to_see_them(demo_desk: dict[str, str]) -> None:
    every = run("job", "list", "--all", "--json").json()
    shown = run("job", "list", "--json").json()
    hidden = [j for j in every if j["status"] != "open"]
    assert hidden and all(j["status"] == "open" for j in shown) and len(shown) + len(hidden) == len(every)
    said = run("job", "list", "--all").stdout
    assert "not shown" not in said
    said = run("job", "list").stdout
    assert f"{len(hidden)} job{'' if len(hidden) == 1 else 's'} not shown (" in said
    assert "callsheet job list --all" in said
