from pathlib import Path
from typing import Any

from bench.resume_files import MAKERS, broken_pdf, candidate, docx_file, pdf_file, scanned_pdf, text_file

from tests.e2e.cli import run
from tests.e2e.imports import by_name, everyone, rejects, set_suppression


def _import(*paths: Path) -> dict[str, Any]:
    result = run("import", "resumes", *map(str, paths), "--json")
    assert result.exit_code == 0, result.stderr
    summary: dict[str, Any] = result.json()
    return summary


def _folder(tmp_path: Path) -> Path:
    """A career fair's folder: one résumé of each kind, a scan, a broken file and a text with nobody in it."""
    folder = tmp_path / "career-fair"
    folder.mkdir()
    for i, (kind, make) in enumerate(MAKERS.items()):
        (folder / f"candidate-{i}.{kind}").write_bytes(make(candidate(i)))
    (folder / "scan.pdf").write_bytes(scanned_pdf())
    (folder / "broken.pdf").write_bytes(broken_pdf())
    (folder / "notes.txt").write_text("bring coffee for the booth\n")
    return folder


def _search(query: str) -> list[int]:
    result = run("search", query, "--json")
    assert result.exit_code == 0, result.stderr
    return [hit["person_id"] for hit in result.json()]


def test_it_proposes_name_phone_email_linkedin_place_skills_and_seniority_from_each_kind_of_file(
        desk_env: dict[str, str], tmp_path: Path) -> None:
    summary = _import(_folder(tmp_path))
    made = {f["file"]: f for f in summary["files"] if f["outcome"] == "created"}
    assert sorted(made) == ["candidate-0.pdf", "candidate-1.docx", "candidate-2.rtf", "candidate-3.txt"]
    for i, kind in enumerate(MAKERS):
        c = candidate(i)
        handle = c.email.split("@")[0].replace(".", "-")
        assert made[f"candidate-{i}.{kind}"]["proposed"] == {
            "name": c.name, "phones": [f"+1414200000{i}"], "emails": [c.email],
            "linkedin_url": f"https://www.linkedin.com/in/{handle}", "city": "Milwaukee", "state": "WI",
            "skills": ["python", "kubernetes", "postgresql"], "seniority": 3}
    person = by_name(candidate(0).name)
    assert (person["city"], person["skills"], person["seniority"]) == ("Milwaukee", ["python", "kubernetes",
                                                                                    "postgresql"], 3)


def test_it_sends_a_scan_a_broken_file_and_a_text_naming_nobody_to_the_rejects_file(
        desk_env: dict[str, str], tmp_path: Path) -> None:
    summary = _import(_folder(tmp_path))
    assert (summary["created"], summary["rejected"]) == (4, 3)
    reasons = {r["file"]: r["reason"] for r in rejects(Path(summary["rejects_file"]))}
    assert reasons == {"scan.pdf": "no text layer: scanned?",
                       "broken.pdf": "is not a readable PDF file (PdfStreamError)",
                       "notes.txt": "no name and no contact details found"}
    assert len(everyone()) == 4


def test_it_finds_a_person_by_a_skill_only_their_resume_names(desk_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "ann.docx"
    path.write_bytes(docx_file(candidate(7, skills="Cisco", story="Migrated the plant floor to Juniper switches.")))
    person_id = _import(path)["files"][0]["person_id"]
    assert _search("juniper") == [person_id]


def test_it_changes_nothing_when_the_same_folder_is_imported_again(desk_env: dict[str, str], tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _import(folder)
    before = everyone()
    again = _import(folder)
    assert (again["created"], again["attached"], again["unchanged"]) == (0, 0, 4)
    assert everyone() == before
    for i in range(4):
        assert len(run("person", "show", str(before[i]["id"]), "--json").json()["resumes"]) == 1


def test_it_attaches_a_resume_whose_phone_a_stored_person_has_to_that_person(
        desk_env: dict[str, str], tmp_path: Path) -> None:
    c = candidate(5)
    added = run("person", "add", "--name", "Luis B.", "--phone", c.phone, "--skills", "cisco", "--json").json()
    path = tmp_path / "luis.pdf"
    path.write_bytes(pdf_file(c))
    summary = _import(path)
    assert summary["files"][0]["outcome"] == "attached" and summary["files"][0]["person_id"] == added["id"]
    assert [p["id"] for p in everyone()] == [added["id"]]
    card = run("person", "show", str(added["id"]), "--json").json()
    assert card["name"] == "Luis B."  # what the recruiter typed stays
    assert card["skills"] == ["cisco", "python", "kubernetes", "postgresql"]
    assert [r["file"] for r in card["resumes"]] == ["luis.pdf"]


def test_it_never_attaches_a_resume_to_a_do_not_call_person(
        desk_env: dict[str, str], database_url: str, tmp_path: Path) -> None:
    c = candidate(6)
    added = run("person", "add", "--name", c.name, "--email", c.email, "--json").json()
    set_suppression(database_url, added["id"], "do_not_call")
    path = tmp_path / "grace.txt"
    path.write_bytes(text_file(c))
    summary = _import(path)
    assert (summary["suppressed"], summary["created"]) == (1, 0)
    assert run("person", "show", str(added["id"]), "--json").json()["resumes"] == []


def test_it_attaches_a_file_to_a_card_and_refuses_a_scan_plainly(desk_env: dict[str, str], tmp_path: Path) -> None:
    added = run("person", "add", "--name", "Omar Weber", "--json").json()
    newer, scan = tmp_path / "omar-2026.txt", tmp_path / "scan.pdf"
    newer.write_bytes(text_file(candidate(9, skills="Terraform")))
    scan.write_bytes(scanned_pdf())
    done = run("person", "attach", str(added["id"]), str(newer), "--json")
    assert done.exit_code == 0, done.stderr
    assert done.json()["proposed"]["skills"] == ["terraform"]
    assert run("person", "attach", str(added["id"]), str(newer), "--json").json()["outcome"] == "unchanged"
    refused = run("person", "attach", str(added["id"]), str(scan))
    assert refused.exit_code == 2 and "scan.pdf: no text layer: scanned?" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert run("person", "attach", "999", str(newer)).exit_code == 2
    assert _search("terraform") == [added["id"]]


def test_it_forgets_an_erased_persons_resume_and_never_takes_it_again(desk_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "priya.rtf"
    path.write_bytes(MAKERS["rtf"](candidate(4)))
    person_id = _import(path)["files"][0]["person_id"]
    assert run("person", "erase", str(person_id), "--yes").exit_code == 0
    assert run("person", "show", str(person_id), "--json").json()["resumes"] == []
    again = _import(path)
    assert (again["suppressed"], again["created"], again["attached"]) == (1, 0, 0)
    assert [p["id"] for p in everyone()] == [person_id]
    assert run("person", "attach", str(person_id), str(path)).exit_code == 2


def test_it_refuses_a_path_that_does_not_exist_plainly(desk_env: dict[str, str], tmp_path: Path) -> None:
    result = run("import", "resumes", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_it_keeps_one_copy_of_a_resume_both_halves_of_a_merge_held(desk_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "tom.txt"
    path.write_bytes(text_file(candidate(3)))
    a = run("person", "add", "--name", "Tom K", "--json").json()["id"]
    b = run("person", "add", "--name", "Tom Kowalski", "--json").json()["id"]
    for person_id in (a, b):
        assert run("person", "attach", str(person_id), str(path)).exit_code == 0
    assert run("merge", str(a), str(b)).exit_code == 0
    assert [r["file"] for r in run("person", "show", str(a), "--json").json()["resumes"]] == ["tom.txt"]
