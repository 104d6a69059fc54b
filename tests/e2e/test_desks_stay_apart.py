"""Two desks in one database, Alpha and Beta, each with its recruiter, API token, people (one phone number held
in both), a job, touches with notes, a share link and exports. Beta's recruiter and token never read nor
change anything of Alpha's — not from the command line, the web desk or the API: Alpha's records answer
404 (never Alpha's data), lists, searches, matches, reports and calendar feeds hold Beta's alone, and a
number Alpha was asked never to call again stays callable for Beta."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from callsheet.server import create_app
from callsheet.settings import Settings
from tests.conftest import DESK_ZONE, NOW
from tests.e2e.cli import Result, run
from tests.e2e.web.conftest import PASSWORD
from tests.e2e.web.report_history import sign_in

SHARED_NUMBER = "414-555-0142"


@dataclass
class Desk:
    """One desk as its recruiter built it from the command line."""

    name: str
    word: str  # in every name and note of the desk, so a leak shows wherever it lands
    login: str
    token: str
    holder: int  # holds SHARED_NUMBER
    callee: int  # in the job's pipeline, with a callback promised and a note
    job: int
    share_path: str

    @property
    def note_word(self) -> str:
        return f"{self.word.lower()}secret"


class Desks:
    """Runs the command line as a desk's recruiter: CALLSHEET_DESK names the desk."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch

    def as_(self, desk: str, login: str, *args: str, input: str | None = None) -> Result:
        self.monkeypatch.setenv("CALLSHEET_DESK", desk)
        self.monkeypatch.setenv("CALLSHEET_USER", login)
        return run(*args, input=input)

    def build(self, name: str, word: str, other_number: str) -> Desk:
        made = run("desk", "add", name, "--json")
        assert made.exit_code == 0, made.stderr
        assert made.json()["name"] == name
        login = f"{word.lower()}@example.com"
        user = run("user", "add", login, "--role", "recruiter", "--desk", name, "--name", f"{word} Recruiter",
                   "--password-stdin", input=PASSWORD + "\n")
        assert user.exit_code == 0, user.stderr

        def ok(*args: str) -> Result:
            done = self.as_(name, login, *args)
            assert done.exit_code == 0, (args, done.stderr)
            return done

        token = ok("token", "add", login).stdout.strip()
        holder = ok("person", "add", "--name", f"{word} Kowalski", "--phone", SHARED_NUMBER, "--city", "Milwaukee",
                    "--state", "WI", "--title", "Network Administrator", "--skills", "cisco", "--json").json()
        callee = ok("person", "add", "--name", f"{word} Nowak", "--phone", other_number, "--city", "Milwaukee",
                    "--state", "WI", "--title", "Network Administrator", "--skills", "cisco, ccna",
                    "--email", f"{word.lower()}.nowak@example.com", "--json").json()
        job = ok("job", "add", "--title", "Network Administrator", "--client", f"{word} Corp", "--city", "Milwaukee",
                 "--state", "WI", "--skills", "cisco", "--json").json()
        ok("pipeline", "add", str(job["id"]), str(callee["id"]))
        ok("log", str(callee["id"]), "--outcome", "callback", "--job", str(job["id"]), "--callback-at",
           "2026-11-18T09:15", "--note", f"Call after stand-up, {word.lower()}secret project")
        share = ok("share", str(job["id"]), "--days", "14", "--json").json()
        return Desk(name, word, login, token, holder["id"], callee["id"], job["id"], share["path"])


@dataclass
class TwoDesks:
    alpha: Desk
    beta: Desk
    run: Desks
    settings: Settings

    def as_beta(self, *args: str) -> Result:
        return self.run.as_(self.beta.name, self.beta.login, *args)

    def as_alpha(self, *args: str) -> Result:
        return self.run.as_(self.alpha.name, self.alpha.login, *args)

    def alpha_history(self) -> list[dict[str, object]]:
        card = self.as_alpha("person", "show", str(self.alpha.callee), "--json")
        assert card.exit_code == 0, card.stderr
        history: list[dict[str, object]] = card.json()["history"]
        return history


def _no_alpha(text: str, alpha: Desk) -> None:
    assert alpha.word not in text and alpha.note_word not in text, text[:2000]


@pytest.fixture
def desks(desk_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> TwoDesks:
    runner = Desks(monkeypatch)
    alpha = runner.build("Alpha", "Alpha", "414-555-0101")
    beta = runner.build("Beta", "Beta", "414-555-0202")
    # Alpha's holder of the shared number asked never to be called again.
    marked = runner.as_(alpha.name, alpha.login, "log", str(alpha.holder), "--outcome", "do_not_call", "--note",
                        "Asked never to be called again")
    assert marked.exit_code == 0, marked.stderr
    settings = Settings(database_url=desk_env["CALLSHEET_DATABASE_URL"], now=datetime.fromisoformat(NOW),
                        timezone=DESK_ZONE, cookie_secure=False, secret_key="test-secret")
    return TwoDesks(alpha, beta, runner, settings)


@pytest.fixture
def client(desks: TwoDesks) -> Iterator[TestClient]:
    with TestClient(create_app(desks.settings)) as client:
        yield client


def test_a_recruiter_of_one_desk_never_reads_another_desks_records_from_the_command_line(
        desks: TwoDesks, tmp_path: Path) -> None:
    alpha, beta = desks.alpha, desks.beta
    for args in (("person", "show", str(alpha.callee), "--json"), ("job", "show", str(alpha.job), "--json"),
                 ("why", str(alpha.holder), "--json"), ("match", str(alpha.job), "--json")):
        refused = desks.as_beta(*args)
        assert refused.exit_code != 0, args
        _no_alpha(refused.stdout + refused.stderr, alpha)
    people = desks.as_beta("person", "list", "--json").json()
    assert sorted(p["id"] for p in people) == sorted([beta.holder, beta.callee])
    assert [j["id"] for j in desks.as_beta("job", "list", "--json").json()] == [beta.job]
    assert desks.as_beta("search", alpha.note_word, "--json").json() == []
    assert [f["person_id"] for f in desks.as_beta("search", "Kowalski", "--json").json()] == [beta.holder]
    assert [f["person_id"] for f in desks.as_beta("search", beta.note_word, "--json").json()] == [beta.callee]
    matched = desks.as_beta("match", str(beta.job), "--json")
    assert matched.exit_code == 0, matched.stderr
    assert {m["person_id"] for m in matched.json()} <= {beta.holder}
    sheet = desks.as_beta("queue", "--json").json()
    assert {row["person_id"] for row in sheet} <= {beta.holder, beta.callee}
    report = tmp_path / "alpha.csv"
    refused = desks.as_beta("report", str(alpha.job), "--format", "csv", "--out", str(report))
    assert refused.exit_code != 0 and not report.exists()
    for kind, name in (("csv", "people.csv"), ("vcard", "people.vcf"), ("ics", "callbacks.ics")):
        out = tmp_path / name
        done = desks.as_beta("export", kind, "--out", str(out))
        assert done.exit_code == 0, done.stderr
        written = out.read_text()
        assert f"{beta.word} Nowak" in written
        _no_alpha(written, alpha)


def test_a_recruiter_of_one_desk_never_changes_another_desks_records_from_the_command_line(
        desks: TwoDesks, client: TestClient) -> None:
    alpha, beta = desks.alpha, desks.beta
    before = desks.alpha_history()
    for args in (("log", str(alpha.callee), "--outcome", "no_answer"),
                 ("person", "edit", str(alpha.callee), "--name", "Taken Over"),
                 ("pipeline", "add", str(alpha.job), str(beta.holder)),
                 ("pipeline", "add", str(beta.job), str(alpha.holder)),
                 ("pipeline", "move", str(alpha.job), str(alpha.callee), "--stage", "interested"),
                 ("share", str(alpha.job), "--days", "7", "--json"),
                 ("share", str(alpha.job), "--revoke", "--json")):
        refused = desks.as_beta(*args)
        withdrew_nothing = "--revoke" in args and refused.exit_code == 0 and refused.json()["revoked"] == 0
        assert refused.exit_code != 0 or withdrew_nothing, (args, refused.stdout)
        _no_alpha(refused.stdout + refused.stderr, alpha)
    assert desks.alpha_history() == before
    assert client.get(alpha.share_path).status_code == 200  # Alpha's link was not withdrawn
    card = desks.as_alpha("person", "show", str(alpha.callee), "--json").json()
    assert card["name"] == f"{alpha.word} Nowak"
    assert beta.word not in desks.as_alpha("job", "show", str(alpha.job), "--json").stdout
    assert alpha.word not in desks.as_beta("job", "show", str(beta.job), "--json").stdout


def test_a_number_one_desk_may_never_call_stays_callable_for_another(desks: TwoDesks) -> None:
    alpha, beta = desks.alpha, desks.beta
    refused = desks.as_alpha("why", str(alpha.holder), "--json").json()
    assert refused["callable"] is False and refused["next_ok_at"] is None
    allowed = desks.as_beta("why", str(beta.holder), "--json").json()
    assert allowed["callable"] is True, allowed
    sheet = desks.as_beta("queue", "--json").json()
    assert beta.holder not in {row["person_id"] for row in desks.as_alpha("queue", "--json").json()}
    assert alpha.holder not in {row["person_id"] for row in sheet}


def test_a_recruiter_of_one_desk_gets_404_for_another_desks_records_on_the_web_desk(
        desks: TwoDesks, client: TestClient) -> None:
    alpha, beta = desks.alpha, desks.beta
    csrf = sign_in(client, beta.login)
    for path in (f"/people/{alpha.callee}", f"/people/{alpha.holder}", f"/jobs/{alpha.job}",
                 f"/jobs/{alpha.job}/report", f"/jobs/{alpha.job}/report.csv", f"/jobs/{alpha.job}/report.pdf",
                 f"/jobs/{alpha.job}/matches"):
        answer = client.get(path)
        assert answer.status_code == 404, path
        _no_alpha(answer.text, alpha)
    for path in ("/jobs", "/sheet", f"/search?q={alpha.note_word}", "/search?q=Kowalski", f"/jobs/{beta.job}",
                 f"/jobs/{beta.job}/matches", f"/jobs/{beta.job}/report", f"/jobs/{beta.job}/report.csv"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        # The search box shows back what Beta's recruiter typed; the rest of the page holds no Alpha's data.
        _no_alpha(answer.text.replace(f'value="{alpha.note_word}"', 'value=""'), alpha)
    assert "0 found" in client.get(f"/search?q={alpha.note_word}").text
    assert f"{beta.word} Kowalski" in client.get("/search?q=Kowalski").text
    before = desks.alpha_history()
    for path, form in ((f"/people/{alpha.callee}/log-call", {"outcome": "no_answer"}),
                       (f"/people/{alpha.callee}/name", {"name": "Taken Over"}),
                       (f"/jobs/{alpha.job}/pipeline", {"person_id": str(beta.holder)}),
                       (f"/jobs/{alpha.job}/report/links", {"days": "7"})):
        answer = client.post(path, data={"csrf_token": csrf, **form}, follow_redirects=False)
        assert answer.status_code == 404, path
        _no_alpha(answer.text, alpha)
    assert desks.alpha_history() == before
    # A share link opens the report of its own desk's job, whoever follows it.
    shared = client.get(beta.share_path)
    assert shared.status_code == 200 and f"{beta.word} Corp" in shared.text
    _no_alpha(shared.text, alpha)
    assert alpha.word in client.get(alpha.share_path).text and beta.word not in client.get(alpha.share_path).text


def test_a_token_of_one_desk_gets_404_for_another_desks_records_through_the_api(
        desks: TwoDesks, client: TestClient) -> None:
    alpha, beta = desks.alpha, desks.beta
    auth = {"Authorization": f"Bearer {beta.token}"}
    for path in (f"/api/v1/people/{alpha.callee}", f"/api/v1/jobs/{alpha.job}", f"/api/v1/why/{alpha.holder}",
                 f"/api/v1/jobs/{alpha.job}/matches"):
        answer = client.get(path, headers=auth)
        assert answer.status_code == 404, path
        _no_alpha(answer.text, alpha)
    assert sorted(p["id"] for p in client.get("/api/v1/people", headers=auth).json()) == sorted(
        [beta.holder, beta.callee])
    assert [j["id"] for j in client.get("/api/v1/jobs", headers=auth).json()] == [beta.job]
    assert client.get("/api/v1/search", params={"q": alpha.note_word}, headers=auth).json() == []
    assert [f["person_id"] for f in client.get("/api/v1/search", params={"q": "Kowalski"}, headers=auth).json()] == [
        beta.holder]
    for path in ("/api/v1/queue", f"/api/v1/jobs/{beta.job}/matches", "/api/v1/tokens"):
        answer = client.get(path, headers=auth)
        assert answer.status_code == 200, path
        _no_alpha(answer.text, alpha)
    assert client.get(f"/api/v1/why/{beta.holder}", headers=auth).json()["callable"] is True
    feed = client.get("/api/v1/callbacks.ics", params={"token": beta.token})
    assert feed.status_code == 200 and f"{beta.word} Nowak" in feed.text
    _no_alpha(feed.text, alpha)
    before = desks.alpha_history()
    for method, path, body in (
            ("POST", "/api/v1/touches", {"person_id": alpha.callee, "outcome": "no_answer"}),
            ("PATCH", f"/api/v1/people/{alpha.callee}", {"name": "Taken Over"}),
            ("POST", f"/api/v1/jobs/{alpha.job}/pipeline", {"person_id": beta.holder}),
            ("POST", f"/api/v1/jobs/{beta.job}/pipeline", {"person_id": alpha.holder}),
            ("PUT", f"/api/v1/jobs/{alpha.job}/pipeline/{alpha.callee}", {"stage": "interested"}),
            ("POST", f"/api/v1/jobs/{alpha.job}/matches", {"limit": 5, "add": 1})):
        answer = client.request(method, path, headers=auth, json=body)
        assert answer.status_code == 404, (method, path, answer.text)
        _no_alpha(answer.text, alpha)
    assert desks.alpha_history() == before
    assert client.get(f"/api/v1/people/{alpha.callee}",
                      headers={"Authorization": f"Bearer {alpha.token}"}).json()["name"] == f"{alpha.word} Nowak"

