"""A company is one company however people write it: "Acme", "ACME, Inc." and "Acme Corp" are Acme, in
imports, person add, jobs, introductions and the client's figures; "Acme Rockets" is another company."""

from pathlib import Path

from sqlalchemy import text

from callsheet.store.engine import make_engine
from tests.e2e.cli import run
from tests.e2e.imports import everyone, import_json

SPELLINGS = "Name,Phone,Company\n" \
            "Ann Acme,414-555-0101,Acme\n" \
            "Bo Acme,414-555-0102,\"ACME, Inc.\"\n" \
            "Cy Acme,414-555-0103,Acme Corp\n" \
            "Dee Rockets,414-555-0104,Acme Rockets\n"


def _companies(url: str) -> list[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text("SELECT name FROM companies ORDER BY id")).scalars())
    finally:
        engine.dispose()


def _person(name: str, company: str, phone: str) -> int:
    added = run("person", "add", "--name", name, "--company", company, "--phone", phone, "--json")
    assert added.exit_code == 0, added.stderr
    person_id: int = added.json()["id"]
    return person_id


def test_a_csv_with_acme_acme_inc_and_acme_corp_makes_one_company_named_as_first_seen(
        desk_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "spellings.csv"
    path.write_text(SPELLINGS)
    assert import_json("csv", path)["created"] == 4
    assert _companies(desk_env["CALLSHEET_DATABASE_URL"]) == ["Acme", "Acme Rockets"]
    by_name = {p["name"]: p for p in everyone()}
    assert {by_name[n]["company"] for n in ("Ann Acme", "Bo Acme", "Cy Acme")} == {"Acme"}
    assert len({by_name[n]["company_id"] for n in ("Ann Acme", "Bo Acme", "Cy Acme")}) == 1
    assert by_name["Dee Rockets"]["company_id"] != by_name["Ann Acme"]["company_id"]


def test_a_person_added_as_acme_corporation_joins_the_imported_acme(desk_env: dict[str, str],
                                                                     tmp_path: Path) -> None:
    path = tmp_path / "spellings.csv"
    path.write_text(SPELLINGS)
    import_json("csv", path)
    added = _person("Eve Acme", "  acme   corporation ", "414-555-0105")
    assert run("person", "show", str(added), "--json").json()["company"] == "Acme"
    assert _companies(desk_env["CALLSHEET_DATABASE_URL"]) == ["Acme", "Acme Rockets"]


def test_network_intro_acme_corp_finds_people_added_as_acme_inc(desk_env: dict[str, str]) -> None:
    known = _person("Ann Known", "ACME, Inc.", "414-555-0101")
    friend = _person("Bo Friend", "Beta LLC", "414-555-0102")
    target = _person("Cy Target", "Acme Corporation", "414-555-0103")
    _person("Dee Rockets", "Acme Rockets", "414-555-0104")
    for who in (known, friend):
        assert run("network", "know", str(who)).exit_code == 0
    run("network", "know", str(friend), "--knows", str(target))
    paths = run("network", "intro", "Acme Corp", "--json").json()
    assert [(p["hops"], p["target"]["id"]) for p in paths] == [(1, known), (2, target)]
    assert paths[1]["how"] == "Ask Bo Friend to introduce you to Cy Target at ACME, Inc."
    rockets = run("network", "intro", "Acme Rockets, Inc.", "--json").json()
    assert [p["target"]["name"] for p in rockets] == []


def test_jobs_for_acme_corp_and_acme_inc_belong_to_one_client_whose_figures_count_them_together(
        desk_env: dict[str, str]) -> None:
    jobs = []
    for client in ("Acme Corp", "ACME, Inc.", "Acme Rockets"):
        added = run("job", "add", "--title", "Network Administrator", "--client", client, "--city", "Milwaukee",
                    "--state", "WI", "--json")
        assert added.exit_code == 0, added.stderr
        jobs.append(added.json())
    assert jobs[0]["company_id"] == jobs[1]["company_id"] != jobs[2]["company_id"]
    assert {j["company"] for j in jobs[:2]} == {"Acme Corp"}
    person = _person("Ann Lee", "Globex", "414-555-0101")
    for job in jobs:
        assert run("pipeline", "add", str(job["id"]), str(person)).exit_code == 0
        logged = run("log", str(person), "--outcome", "no_answer", "--job", str(job["id"]),
                     "--at", "2026-11-16T10:00")
        assert logged.exit_code == 0, logged.stderr
    window = ("--from", "2026-11-01", "--to", "2026-11-17")
    assert run("stats", *window, "--client", "acme", "--json").json()["dials"] == 2
    assert run("stats", *window, "--client", "Acme Rockets LLC", "--json").json()["dials"] == 1
