"""`callsheet rehearse` at a real terminal: a prompt for each line, the listener's answer, the scorecard."""

import os
import sys

import pexpect

from tests.e2e.cli import run


def test_a_rehearsal_at_the_terminal_answers_each_line_and_ends_on_bye_with_the_scorecard(
        desk_env: dict[str, str]) -> None:
    ann = run("person", "add", "--name", "Ann Nowak", "--phone", "414-555-0100", "--json").json()["id"]
    child = pexpect.spawn(sys.executable, ["-m", "callsheet", "rehearse", "recruiter_cold", "--person", str(ann),
                                           "--seed", "5"],
                          env={**os.environ, **desk_env, "COLUMNS": "200"}, encoding="utf-8", timeout=60)
    try:
        child.expect("an empty line or bye ends")
        child.expect(r"you>\S* ")
        child.sendline("Hi Ann, this is Andrew, calling about a DBA role.")
        child.expect(r"listener>\S* (.+)\r\n")
        assert child.match.group(1).strip()
        child.expect(r"you>\S* ")
        child.sendline("bye")
        child.expect("Scorecard")
        child.expect(pexpect.EOF)
        card = child.before
    finally:
        child.close()
    assert child.exitstatus == 0
    assert "✔ share" in card and "✘ ask" in card and "✘ close" in card and "Rung reached: none" in card
    assert "For ask, the script says:" in card
