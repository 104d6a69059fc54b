from tests.e2e.cli import run_process


def test_it_prints_only_json_on_stdout_and_errors_without_traceback(desk_env: dict[str, str]) -> None:
    added = run_process("person", "add", "--name", "Jack Kowalski", "--phone", "(414) 555-0142",
                        "--city", "Milwaukee", "--state", "WI", "--json")
    assert added.exit_code == 0, added.stderr
    assert added.json()["phones"] == ["+14145550142"]
    bad = run_process("person", "add", "--name", "Jack", "--phone", "12345")
    assert bad.exit_code == 2 and "Traceback" not in bad.stderr and "phone" in bad.stderr
    init = run_process("init")
    assert init.exit_code == 0 and "up to date" in init.stdout
