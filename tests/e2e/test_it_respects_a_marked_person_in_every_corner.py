"""A person marked do not call or deceased is respected everywhere: the pipeline, the network, the
client's report and the guided call."""

import re
from pathlib import Path

from tests.e2e.cli import run


def _person(name: str, phone: str, company: str = "") -> int:
    args = ["person", "add", "--name", name, "--phone", phone, "--city", "Milwaukee", "--state", "WI", "--json"]
    return int(run(*args, *(["--company", company] if company else [])).json()["id"])


def _job(*people: int) -> int:
    job = int(run("job", "add", "--title", "Database Administrator", "--client", "Acme", "--city", "Waukesha",
                  "--state", "WI", "--json").json()["id"])
    for person in people:
        run("pipeline", "add", str(job), str(person))
    return job


def _stage(person: int, job: int) -> str:
    card = run("person", "show", str(person), "--json").json()
    return str(next(c["stage"] for c in card["candidacies"] if c["job_id"] == job))


def test_no_outcome_logged_on_a_marked_person_moves_their_pipeline(desk_env: dict[str, str]) -> None:
    jack = _person("Jack Kowalski", "414-555-0142")
    job = _job(jack)
    marked = run("log", str(jack), "--outcome", "deceased", "--job", str(job), "--note", "His widow answered.",
                 "--at", "2026-11-16T15:00")
    assert marked.exit_code == 0, marked.stderr
    assert _stage(jack, job) == "sourced"  # the mark itself moves no pipeline either
    logged = run("log", str(jack), "--outcome", "interested", "--job", str(job), "--json")
    assert logged.exit_code == 0, logged.stderr  # what happened is recorded: history is true
    assert logged.json()["pipeline_held_for"] == "deceased"
    assert "marked deceased: the touch is recorded, the pipeline was left as is" in logged.stderr
    assert _stage(jack, job) == "sourced"
    history = run("person", "show", str(jack), "--json").json()["history"]
    assert [t["outcome"] for t in history] == ["interested", "deceased"]


def test_the_network_map_and_introductions_leave_marked_people_out(desk_env: dict[str, str], tmp_path: Path) -> None:
    ann = _person("Ann Direct", "414-555-0101", "Beta LLC")
    dee = _person("Dee Blocked", "414-555-0104", "Delta Co")
    eve = _person("Eve Gone", "414-555-0105", "Acme Corp")
    gus = _person("Gus Target", "414-555-0107", "Acme Corp")
    for who in (ann, dee):
        assert run("network", "know", str(who)).exit_code == 0
    run("network", "know", str(ann), "--knows", str(eve))
    run("network", "know", str(dee), "--knows", str(gus))
    run("log", str(dee), "--outcome", "do_not_call")
    run("log", str(eve), "--outcome", "deceased", "--note", "Her husband answered.")
    out = tmp_path / "net.svg"
    drawn = run("network", "map", "--out", str(out))
    assert drawn.exit_code == 0 and "Drew 1 person" in drawn.stdout
    text = out.read_text()
    assert "Ann Direct" in text and "Dee Blocked" not in text and "Delta Co" not in text
    assert run("network", "intro", "Acme Corp", "--json").json() == []


def _cell(html: str, label: str) -> int:
    found = re.search(rf"<td>{label}</td><td class=\"num\">(\d+)</td>", html)
    assert found is not None, label
    return int(found.group(1))


def test_the_client_report_counts_a_marked_person_only_as_no_longer_contacted(desk_env: dict[str, str],
                                                                               tmp_path: Path) -> None:
    jack, ann, bo = _person("Jack Kowalski", "414-555-0142"), _person("Ann Nowak", "414-555-0100"), _person(
        "Bo Lis", "414-555-0102")
    job = _job(jack, ann, bo)
    run("log", str(jack), "--outcome", "interested", "--job", str(job), "--at", "2026-11-16T10:00")
    run("log", str(ann), "--outcome", "declined", "--job", str(job), "--reason", "compensation",
        "--at", "2026-11-16T10:00")
    run("log", str(bo), "--outcome", "declined", "--job", str(job), "--reason", "location", "--at", "2026-11-16T10:00")
    run("log", str(jack), "--outcome", "deceased", "--at", "2026-11-16T15:00")
    run("log", str(ann), "--outcome", "do_not_call", "--at", "2026-11-16T15:00")
    out = tmp_path / "report.html"
    assert run("report", str(job), "--format", "html", "--out", str(out)).exit_code == 0
    html = out.read_text()
    assert _cell(html, "Sourced") == 3 and _cell(html, "Interested") == 0
    assert "Location or commute" in html and "Compensation" not in html
    assert "<b>1</b>declines" in html
    assert html.count("No longer being contacted") == 2


def test_the_guided_call_refuses_before_it_shows_a_number_to_dial(desk_env: dict[str, str]) -> None:
    ann, jack = _person("Ann Nowak", "414-555-0100"), _person("Jack Kowalski", "414-555-0142")
    run("log", str(ann), "--outcome", "do_not_call", "--note", "Asked us never to call", "--at", "2026-11-16T15:00")
    run("log", str(jack), "--outcome", "deceased", "--note", "His widow answered.", "--at", "2026-11-16T15:00")
    kim = _person("Kim Kowalski", "414-555-0142")  # his number, under another name
    for person, name in ((ann, "Ann Nowak"), (kim, "Kim Kowalski")):
        result = run("call", str(person), input="v\n\n")
        assert result.exit_code == 1, result.stdout
        assert name in result.stdout and "Refused: " in result.stderr
        assert "555" not in result.stdout and "Dial" not in result.stdout
    assert "never called" in run("call", str(kim), input="v\n\n").stderr
