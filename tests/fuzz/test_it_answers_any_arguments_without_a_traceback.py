"""hypothesis writes command lines for the main commands (a plausible one, with a few arguments changed
to anything: ids of any size, moments of any year, text with control characters, unknown options,
generated files to import, paths that cannot be written): the command line answers or refuses plainly,
exit 0 or 2, never a traceback, and a refused command leaves every stored count as it was, on both stores.
Bounded and derandomized."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callsheet.store.engine import make_engine
from tests.e2e.cli import run
from tests.fuzz.budget import budget
from tests.fuzz.stored import counts
from tests.fuzz.typed import FILES, TYPED


@dataclass(frozen=True)
class Command:
    #: A command line a user would type: {person}, {job}, {out} and {file} are filled in.
    sent: tuple[str, ...]
    #: Options the fuzz may add or change; a name ending in "!" is a flag.
    options: tuple[str, ...] = ()
    examples: int = 15


COMMANDS = (
    Command(("person", "add", "--name", "Bo Diaz", "--phone", "414-555-0150"),
            ("--name", "--phone", "--email", "--company", "--title", "--city", "--state", "--zip", "--timezone",
             "--seniority", "--skills", "--active!", "--linkedin", "--profile", "--json!")),
    Command(("person", "show", "{person}"), ("--at", "--json!")),
    Command(("log", "{person}", "--outcome", "no_answer", "--job", "{job}"),
            ("--outcome", "--job", "--phone", "--reason", "--note", "--callback-at", "--referral-name",
             "--referral-phone", "--kind", "--rung", "--duration", "--inbound!", "--at", "--json!"), examples=30),
    Command(("queue",), ("--at", "--owner", "--limit", "--json!")),
    Command(("why", "{person}"), ("--job", "--phone", "--at", "--json!")),
    Command(("search", "Lee"), ("--near", "--radius", "--seniority", "--active!", "--job", "--stage",
                                "--include-suppressed!", "--limit", "--json!")),
    Command(("job", "add", "--title", "DBA", "--client", "Initech"),
            ("--title", "--client", "--city", "--state", "--zip", "--seniority", "--skills", "--urgency",
             "--opportunity", "--fee-type", "--hiring-manager", "--owner", "--json!")),
    Command(("job", "show", "{job}"), ("--json!",)),
    Command(("report", "{job}", "--out", "{out}"), ("--format", "--out"), examples=10),
    Command(("export", "csv", "--out", "{out}"), ("--query", "--job", "--out", "--json!")),
    Command(("export", "ics", "--out", "{out}"), ("--mine!", "--out")),
    Command(("import", "csv", "{file}"), ("--map", "--dry-run!", "--delimiter", "--encoding", "--json!"),
            examples=20),
)


def _command_lines(command: Command, person: str, job: str, folder: Path) -> st.SearchStrategy[list[str]]:
    """The command as sent, with up to two arguments changed to anything and up to three options added."""
    # Paths stay inside the test's folder: a generated one names a file there, a folder, or a missing folder.
    inside = TYPED.map(lambda t: str(folder / quote(t, safe=""))[:200])
    outs = st.one_of(st.just(str(folder / "out.file")), st.just(str(folder / "missing" / "x")), inside)
    filled = st.fixed_dictionaries({"person": st.sampled_from([person, person, "1"]), "job": st.just(job),
                                    "out": outs, "file": st.just(str(folder / "import.file"))})
    option = st.sampled_from(command.options).flatmap(
        lambda name: st.just([name[:-1]]) if name.endswith("!")
        else (outs if name == "--out" else TYPED).map(lambda value: [name, value]))
    junk = st.sampled_from([["--bogus"], ["-x"], ["--"], ["--help"], [""]])

    def build(values: dict[str, str], changes: list[tuple[int, str]], extra: list[list[str]]) -> list[str]:
        args = [arg.format(**values) for arg in command.sent]
        for position, value in changes:
            args[position % len(args)] = value
        return args + [arg for more in extra for arg in more]

    # A changed argument may land where a path goes: never an absolute one (the test runs in its folder).
    changed = TYPED.filter(lambda t: not t.startswith(("/", "~")))
    return st.builds(build, filled, st.lists(st.tuples(st.integers(0, 20), changed), max_size=2),
                     st.lists(option if command.options else junk, max_size=3) | st.lists(junk, max_size=1))


def test_the_main_commands_answer_any_arguments_with_exit_0_or_2_and_no_traceback(
        desk_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a generated relative path is written here, never in the working tree
    person = run("person", "add", "--name", "Ann Lee", "--phone", "414-555-0177", "--city", "Milwaukee",
                 "--state", "WI", "--json")
    assert person.exit_code == 0, person.stderr
    job = run("job", "add", "--title", "SRE", "--client", "Acme", "--city", "Milwaukee", "--state", "WI", "--json")
    assert job.exit_code == 0, job.stderr
    ids = str(person.json()["id"]), str(job.json()["id"])
    assert run("pipeline", "add", ids[1], ids[0]).exit_code == 0
    engine = make_engine(desk_env["CALLSHEET_DATABASE_URL"])
    failures: list[str] = []

    def fuzz(command: Command) -> None:
        @budget(command.examples)
        @given(args=_command_lines(command, *ids, tmp_path), upload=FILES)
        def check(args: list[str], upload: tuple[str, bytes]) -> None:
            (tmp_path / "import.file").write_bytes(upload[1])
            before = counts(engine)
            result = run(*args)
            said = f"{args!r}: exit {result.exit_code}\n{result.stdout[-500:]}{result.stderr[-500:]}"
            if result.exit_code not in (0, 2) or "Traceback" in result.stdout + result.stderr:
                failures.append(said)
            elif result.exit_code == 2 and counts(engine) != before:
                failures.append(f"changed counts: {said}")

        check()

    try:
        for command in COMMANDS:
            fuzz(command)
    finally:
        engine.dispose()
    assert failures == []


@pytest.mark.parametrize(("args", "field"), [
    (("queue", "--owner", "\x00"), "owner"),
    (("person", "add", "--name", "Ann\x00Lee"), "name"),
    (("person", "add", "--name", "Ann Lee", "--company", "\x07Initech"), "company"),
    (("person", "add", "--name", "Ann Lee", "--phone", "414-555-0150", "--phone", "414\x00"), "phones"),
    (("job", "add", "--title", "SRE\x01", "--client", "Initech"), "title"),
    (("job", "add", "--title", "SRE", "--client", "Initech", "--owner", "\x00"), "owner"),
    (("log", "{person}", "--outcome", "referral", "--referral-name", "Bo\x07", "--referral-phone", "414-555-0150"),
     "referral_name"),
])
def test_text_holding_a_control_character_is_refused_naming_its_field_and_stores_nothing(
        desk_env: dict[str, str], args: tuple[str, ...], field: str) -> None:
    person = run("person", "add", "--name", "Ann Lee", "--phone", "414-555-0177", "--json")
    assert person.exit_code == 0, person.stderr
    engine = make_engine(desk_env["CALLSHEET_DATABASE_URL"])
    try:
        before = counts(engine)
        refused = run(*(arg.format(person=person.json()["id"]) for arg in args))
        assert refused.exit_code == 2, refused.stdout + refused.stderr
        assert f"{field}: must not contain control characters" in refused.stderr
        assert counts(engine) == before
    finally:
        engine.dispose()


@pytest.mark.parametrize("command", [("export", "csv"), ("export", "vcard"), ("export", "ics"), ("backup",)])
@pytest.mark.parametrize("out", [".", "..", "/"])
def test_an_out_path_naming_a_folder_is_refused_naming_the_option(desk_env: dict[str, str], tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  command: tuple[str, ...], out: str) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    refused = run(*command, "--out", out)
    assert refused.exit_code == 2, refused.stdout + refused.stderr
    assert "out: " in refused.stderr and "names a folder" in refused.stderr
    assert list(here.iterdir()) == []
