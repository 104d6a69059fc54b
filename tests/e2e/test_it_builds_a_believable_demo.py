from tests.e2e.cli import run


def test_it_builds_a_demo_desk_around_milwaukee(desk_env: dict[str, str]) -> None:
    result = run("demo", "--people", "200", "--no-serve", "--json")
    assert result.exit_code == 0, result.stderr
    summary = result.json()
    assert summary["people"] >= 200 and summary["jobs"] >= 30 and summary["touches"] > 1000
    people = run("person", "list", "--json").json()
    cities = {p.get("company") for p in people}
    assert len(cities) > 10
    jack = next(p for p in people if p["name"] == "Jack Kowalski")
    assert jack["suppression"] == "deceased"
    card = run("person", "show", str(jack["id"]), "--json").json()
    assert card["history"][0]["outcome"] == "deceased" and card["history"][0]["user"] == "Andrew Borresen"
    jobs = run("job", "list", "--json").json()
    assert {j["owner"] for j in jobs} >= {"andrew", "dana", "sam"}
    assert len({j["urgency"] for j in jobs}) >= 3


def test_it_is_the_same_desk_every_time_and_refuses_to_overwrite(desk_env: dict[str, str]) -> None:
    first = run("demo", "--people", "50", "--no-serve", "--json").json()
    names = [p["name"] for p in run("person", "list", "--json").json()]
    refused = run("demo", "--people", "50", "--no-serve")
    assert refused.exit_code == 2 and "--fresh" in refused.stderr
    again = run("demo", "--people", "50", "--no-serve", "--fresh", "--json").json()
    assert again == first
    assert [p["name"] for p in run("person", "list", "--json").json()] == names


def test_it_prints_the_desk_in_tables(desk_env: dict[str, str]) -> None:
    result = run("demo", "--people", "30", "--no-serve")
    assert result.exit_code == 0 and "Jobs" in result.stdout and "Demo desk ready" in result.stdout
