import pytest

from tests.e2e.cli import run


@pytest.fixture
def demo_desk(desk_env: dict[str, str]) -> dict[str, str]:
    assert run("demo", "--people", "400", "--no-serve").exit_code == 0
    return desk_env


def test_it_finds_network_admins_near_milwaukee_who_are_not_help_desk(demo_desk: dict[str, str]) -> None:
    result = run("search", 'network admin* AND cisco NOT "help desk"', "--near", "Milwaukee, WI", "--radius", "40",
                 "--json")
    assert result.exit_code == 0, result.stderr
    found = result.json()
    assert 5 <= len(found) <= 20
    assert {"person_id", "name", "score", "miles"} <= set(found[0])
    assert all(f["miles"] <= 40 for f in found)
    assert [f["score"] for f in found] == sorted((f["score"] for f in found), reverse=True)
    for f in found:
        card = run("person", "show", str(f["person_id"]), "--json").json()
        assert "network" in card["title"].lower() and "cisco" in card["skills"]
        assert "help desk" not in card["skills"]


@pytest.mark.parametrize("query", ['"unclosed', "AND OR (", "x" * 10_000, "java " * 2_000, "(" * 3_000, "-cisco",
                                   "title:", "'; DROP TABLE people; --", 'NEAR("a" "b")', "*", "^~{}[]"])
def test_it_answers_a_broken_query_without_a_traceback(demo_desk: dict[str, str], query: str) -> None:
    result = run("search", "--json", "--", query)  # "--": a query may start with "-"
    assert result.exit_code in (0, 2)
    assert "Traceback" not in result.stderr + result.stdout
    if result.exit_code == 2:
        assert result.stderr.startswith("Error: query:") and result.stdout == ""
    else:
        assert isinstance(result.json(), list)


def test_it_filters_by_seniority_activity_and_pipeline(demo_desk: dict[str, str]) -> None:
    senior = run("search", "java OR python", "--seniority", "3-4", "--active", "--limit", "100", "--json").json()
    assert senior and all(3 <= f["seniority"] <= 4 and f["active"] for f in senior)
    passive = run("search", "java OR python", "--passive", "--limit", "100", "--json").json()
    assert passive and not any(f["active"] for f in passive)
    pipeline = {c["person_id"] for c in run("job", "show", "1", "--json").json()["pipeline"]}
    in_job = run("search", "javascript OR html", "--job", "1", "--limit", "100", "--json").json()
    assert in_job and {f["person_id"] for f in in_job} <= pipeline


def test_it_leaves_out_suppressed_people_unless_asked(demo_desk: dict[str, str]) -> None:
    quiet = run("search", "jack kowalski", "--json").json()
    assert quiet == []
    everyone = run("search", "jack kowalski", "--include-suppressed", "--json").json()
    assert [f["suppression"] for f in everyone] == ["deceased"]


@pytest.mark.parametrize(("args", "field"), [
    (["--near", "Milwaukee, WI"], "radius"), (["--near", "Atlantis", "--radius", "5"], "place"),
    (["--seniority", "4-2"], "seniority"), (["--stage", "placed"], "stage"), (["--limit", "0"], "limit"),
])
def test_it_names_the_bad_option(demo_desk: dict[str, str], args: list[str], field: str) -> None:
    result = run("search", "java", *args)
    assert result.exit_code == 2 and f"Error: {field}:" in result.stderr


def test_it_keeps_search_current_after_adding_and_reindexing(desk_env: dict[str, str]) -> None:
    added = run("person", "add", "--name", "Rosa Quill", "--phone", "414-555-0101", "--title", "Kubernetes Wrangler",
                "--json").json()
    assert [f["person_id"] for f in run("search", "wrangler", "--json").json()] == [added["id"]]
    assert run("reindex", "--json").json() == {"indexed": 1}
    assert [f["person_id"] for f in run("search", "title:kube*", "--json").json()] == [added["id"]]
