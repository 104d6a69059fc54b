"""The call sheet in a terminal: whatever its width, the number to dial is shown whole."""

from tests.e2e.cli import run, run_process


def test_the_sheet_never_cuts_the_number_or_the_callees_time(desk_env: dict[str, str]) -> None:
    person = run("person", "add", "--name", "Maximiliana Wojciechowska-Kowalczyk", "--phone", "(262) 555-0142",
                 "--city", "Kenosha", "--state", "WI", "--json").json()
    job = run("job", "add", "--title", "Senior Network Infrastructure Engineer", "--client", "Lakeshore Health",
              "--city", "Kenosha", "--state", "WI", "--json").json()
    run("pipeline", "add", str(job["id"]), str(person["id"]))
    for width in ("60", "80"):
        shown = run_process("queue", env={"COLUMNS": width})
        assert shown.exit_code == 0, shown.stderr
        assert "+12625550142" in shown.stdout, shown.stdout
        assert "CST" in shown.stdout  # the callee's local time, on one line with its zone
