"""The first article: two recruiters have Jack in two jobs; one logs `deceased`."""

import os

from tests.e2e.cli import run


def _as(user: str, *args: str) -> object:
    os.environ["CALLSHEET_USER"] = user
    return run(*args)


def test_one_deceased_mark_takes_jack_off_every_sheet(desk_env: dict[str, str]) -> None:
    jack = run("person", "add", "--name", "Jack Kowalski", "--phone", "(262) 555-0142", "--city", "Kenosha",
               "--state", "WI", "--title", "Lead Software Engineer", "--json").json()
    other = run("person", "add", "--name", "Ann Nowak", "--phone", "414-555-0100", "--city", "Milwaukee",
                "--state", "WI", "--json").json()
    jobs = {}
    for recruiter, title in (("andrew", "Lead Software Engineer"), ("dana", "Java Developer")):
        jobs[recruiter] = _as(recruiter, "job", "add", "--title", title, "--client", "Acme", "--city", "Kenosha",
                              "--state", "WI", "--json").json()  # type: ignore[attr-defined]
        for person in (jack, other):
            _as(recruiter, "pipeline", "add", str(jobs[recruiter]["id"]), str(person["id"]))
    for recruiter in ("andrew", "dana"):
        sheet = run("queue", "--owner", recruiter, "--json").json()
        assert jack["id"] in [row["person_id"] for row in sheet]

    logged = _as("andrew", "log", str(jack["id"]), "--outcome", "deceased", "--job", str(jobs["andrew"]["id"]),
                 "--note", "His widow answered.", "--json")
    assert logged.exit_code == 0, logged.stderr  # type: ignore[attr-defined]

    for recruiter in ("andrew", "dana"):
        sheet = run("queue", "--owner", recruiter, "--json").json()
        assert [row["person_id"] for row in sheet] == [other["id"]]
    for job_id in (None, jobs["dana"]["id"]):
        args = ["why", str(jack["id"]), "--json"] + (["--job", str(job_id)] if job_id else [])
        verdict = run(*args).json()
        assert verdict["callable"] is False and verdict["next_ok_at"] is None
        assert "Marked deceased on 2026-11-17 by andrew" in verdict["reasons"][0]
    card = run("person", "show", str(jack["id"]), "--json").json()
    assert card["suppression"] == "deceased" and card["suppressed_by"] == "andrew"
    assert card["decision"]["callable"] is False
    assert card["history"][0]["outcome"] == "deceased" and card["history"][0]["notes"] == "His widow answered."
    shown = run("person", "show", str(jack["id"]))
    assert "Marked deceased" in shown.stdout
