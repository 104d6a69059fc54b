from tests.e2e.cli import run


def test_it_adds_a_job_and_a_pipeline_from_the_command_line(desk_env: dict[str, str]) -> None:
    job = run("job", "add", "--title", "Network Administrator", "--client", "Acme", "--city", "Kenosha",
              "--state", "WI", "--seniority", "2", "--skills", "cisco, ccna", "--urgency", "5", "--json").json()
    assert job["company_id"] and job["timezone"] == "America/Chicago" and job["owner"] == "andrew"
    person = run("person", "add", "--name", "Jack", "--phone", "414-555-0142", "--json").json()
    added = run("pipeline", "add", str(job["id"]), str(person["id"]), "--json")
    assert added.exit_code == 0 and added.json()["stage"] == "sourced"
    moved = run("pipeline", "move", str(job["id"]), str(person["id"]), "--stage", "interested", "--json")
    assert moved.json()["stage"] == "interested"
    shown = run("job", "show", str(job["id"]), "--json").json()
    assert [(c["person_id"], c["stage"], c["name"]) for c in shown["pipeline"]] == [
        (person["id"], "interested", "Jack")]
    assert [j["id"] for j in run("job", "list", "--json").json()] == [job["id"]]


def test_it_refuses_bad_job_fields_with_exit_two(desk_env: dict[str, str]) -> None:
    bad = run("job", "add", "--title", "DBA", "--client", "Acme", "--urgency", "9")
    assert bad.exit_code == 2 and "urgency" in bad.stderr
    bad = run("job", "add", "--title", "DBA", "--client", "Acme", "--fee-type", "free")
    assert bad.exit_code == 2 and "fee_type" in bad.stderr
    assert run("job", "list", "--json").json() == []
    missing = run("pipeline", "add", "77", "88")
    assert missing.exit_code == 2 and "not found" in missing.stderr
