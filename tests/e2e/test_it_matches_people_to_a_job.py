from tests.e2e.cli import run


def add_person(name: str, skills: str, city: str = "Milwaukee", seniority: str = "2") -> int:
    result = run("person", "add", "--name", name, "--phone", f"414-555-{len(name):04d}", "--title", "Engineer",
                 "--skills", skills, "--city", city, "--state", "WI", "--seniority", seniority, "--json")
    assert result.exit_code == 0, result.stderr
    return int(result.json()["id"])


def test_it_lists_the_best_fits_with_reasons_leaving_out_pipeline_and_suppressed(desk_env: dict[str, str]) -> None:
    job = run("job", "add", "--title", "DevOps Engineer", "--client", "Badger Freight", "--city", "Milwaukee",
              "--state", "WI", "--seniority", "3", "--skills", "kubernetes, terraform, aws, python", "--json").json()
    best = add_person("Ann Best", "k8s, terraform, aws, python", seniority="3")
    good = add_person("Bo Good", "kubernetes, aws", city="Waukesha")
    piped = add_person("Cy Piped", "kubernetes, terraform, aws, python", seniority="3")
    gone = add_person("Di Gone", "kubernetes, terraform, aws, python", seniority="3")
    add_person("Ed Other", "excel, visio")
    assert run("pipeline", "add", str(job["id"]), str(piped)).exit_code == 0
    from sqlalchemy import text

    from callsheet.store.engine import make_engine

    engine = make_engine(desk_env["CALLSHEET_DATABASE_URL"])
    with engine.begin() as conn:
        conn.execute(text("UPDATE people SET suppression = 'do_not_call' WHERE id = :id"), {"id": gone})
    engine.dispose()

    result = run("match", str(job["id"]), "--json")
    assert result.exit_code == 0, result.stderr
    found = result.json()
    assert [f["person_id"] for f in found] == [best, good]
    assert found[0]["why"][:3] == ["4 of 4 skills (kubernetes, terraform, aws, python)",
                                   "under a mile from the client", "same level"]
    assert found[1]["why"][0] == "2 of 4 skills (kubernetes, aws)" and found[0]["score"] > found[1]["score"]


def test_it_adds_the_top_people_to_the_pipeline(desk_env: dict[str, str]) -> None:
    job = run("job", "add", "--title", "Data Engineer", "--client", "Lakeshore", "--city", "Milwaukee", "--state",
              "WI", "--skills", "python, sql, spark", "--json").json()
    first, second = add_person("Fay First", "python, sql, spark"), add_person("Gus Second", "python, sql")
    add_person("Hal Third", "sql")
    result = run("match", str(job["id"]), "--add", "2")
    assert result.exit_code == 0 and "Added the top 2" in result.stdout
    pipeline = run("job", "show", str(job["id"]), "--json").json()["pipeline"]
    assert sorted(c["person_id"] for c in pipeline) == sorted([first, second])
    assert [f["name"] for f in run("match", str(job["id"]), "--json").json()] == ["Hal Third"]


def test_it_refuses_an_unknown_job(desk_env: dict[str, str]) -> None:
    result = run("match", "999")
    assert result.exit_code == 2 and "job 999 not found" in result.stderr
