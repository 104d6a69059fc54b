"""Scripts are editable: stored in the database after they render, or read from a folder of files."""

from pathlib import Path

import pytest

from tests.e2e.cli import run


def _person_and_job() -> tuple[dict, dict]:  # type: ignore[type-arg]
    person = run("person", "add", "--name", "Ann Nowak", "--phone", "414-555-0100", "--json").json()
    job = run("job", "add", "--title", "DBA", "--client", "Acme", "--json").json()
    return person, job


def test_an_edited_script_is_used_once_it_renders(desk_env: dict[str, str], tmp_path: Path) -> None:
    person, job = _person_and_job()
    mine = tmp_path / "vm.j2"
    mine.write_text("Hi {{ person.first_name }}, {{ caller.name }} here about {% if job %}{{ job.title }} at "
                    "{{ company.name }}{% else %}a role{% endif %}.")
    edited = run("script", "edit", "recruiter_cold", "--part", "voicemail", "--file", str(mine))
    assert edited.exit_code == 0, edited.stderr
    shown = run("script", "show", "recruiter_cold", "--person", str(person["id"]), "--job", str(job["id"]), "--json")
    assert shown.json()["voicemail"]["text"] == "Hi Ann, Andrew here about DBA at Acme."
    listed = {(r["kind"], r["part"]): r["origin"] for r in run("script", "list", "--json").json()}
    assert listed[("recruiter_cold", "voicemail")].startswith("edited by andrew")
    assert listed[("recruiter_cold", "conversation")] == "default"


def test_a_script_naming_a_missing_field_is_refused_and_the_old_one_kept(desk_env: dict[str, str],
                                                                         tmp_path: Path) -> None:
    person, job = _person_and_job()
    bad = tmp_path / "bad.j2"
    bad.write_text("Hi {{ person.nickname }}!")
    result = run("script", "edit", "recruiter_cold", "--part", "voicemail", "--file", str(bad))
    assert result.exit_code == 2 and "person.nickname" in result.stderr and "Traceback" not in result.stderr
    shown = run("script", "show", "recruiter_cold", "--person", str(person["id"]), "--json").json()
    assert shown["voicemail"]["origin"] == "default" and shown["voicemail"]["text"].startswith("Hi Ann,")


@pytest.mark.parametrize(("args", "field"), [(["nonsense", "--part", "voicemail"], "kind"),
                                             (["recruiter_cold", "--part", "sermon"], "part")])
def test_it_names_a_wrong_kind_or_part(desk_env: dict[str, str], tmp_path: Path, args: list[str],
                                       field: str) -> None:
    script = tmp_path / "ok.j2"
    script.write_text("Hi.")
    result = run("script", "edit", *args, "--file", str(script))
    assert result.exit_code == 2 and field in result.stderr


def test_scripts_can_live_in_a_folder_of_files(desk_env: dict[str, str], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    person, _ = _person_and_job()
    (tmp_path / "recruiter_followup.conversation.j2").write_text("Ask {{ person.name }} what changed.")
    monkeypatch.setenv("CALLSHEET_SCRIPTS_DIR", str(tmp_path))
    shown = run("script", "show", "recruiter_followup", "--person", str(person["id"]), "--json").json()
    assert shown["conversation"]["text"] == "Ask Ann Nowak what changed."
    assert shown["conversation"]["origin"].startswith("file ")
    broken = tmp_path / "recruiter_followup.voicemail.j2"
    broken.write_text("{{ caller.salary }}")
    result = run("script", "show", "recruiter_followup", "--person", str(person["id"]))
    assert result.exit_code == 2 and "caller.salary" in result.stderr
