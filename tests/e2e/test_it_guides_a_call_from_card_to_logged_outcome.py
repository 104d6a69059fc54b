"""`callsheet call` driven by scripted input: card first, the script, one key for the outcome, then only
the questions that outcome needs — from a real process reading stdin, and in-process."""

from tests.e2e.cli import run, run_process


def _desk() -> tuple[int, int, int]:
    ann = run("person", "add", "--name", "Ann Nowak", "--phone", "414-555-0100", "--city", "Milwaukee",
              "--state", "WI", "--title", "Senior DBA", "--json").json()["id"]
    bob = run("person", "add", "--name", "Bob Lis", "--phone", "414-555-0101", "--city", "Milwaukee",
              "--state", "WI", "--json").json()["id"]
    job = run("job", "add", "--title", "Database Administrator", "--client", "Acme", "--city", "Waukesha",
              "--state", "WI", "--json").json()["id"]
    for person in (ann, bob):
        run("pipeline", "add", str(job), str(person))
    return ann, bob, job


def _flat(text: str) -> str:
    """The output without Rich's panel borders and line wrapping."""
    return " ".join(text.replace("│", " ").split())


def _history(person: int) -> list[dict]:  # type: ignore[type-arg]
    return run("person", "show", str(person), "--json").json()["history"]  # type: ignore[no-any-return]


def test_a_voicemail_from_a_real_process_reading_stdin(desk_env: dict[str, str]) -> None:
    ann, _, job = _desk()
    result = run_process("call", str(ann), "--job", str(job), env=desk_env, input="v\n")
    assert result.exit_code == 0, result.stderr
    out = _flat(result.stdout)
    # The card comes first, then the script with the fields filled, then the outcome.
    assert out.index("Ann Nowak") < out.index("Voicemail") < out.index("Outcome key")
    assert "Hi Ann, this is Andrew" in out and "Database Administrator search for Acme" in out
    assert "Their time: Tue 10:00" in out and "Logged voicemail" in out
    # A voicemail needs no follow-up questions.
    assert "Notes" not in out and "Rung" not in out
    assert [(t["outcome"], t["kind"], t["job_id"]) for t in _history(ann)] == [("voicemail", "voicemail", job)]


def test_a_decline_with_its_reason_later_shows_in_lookup(desk_env: dict[str, str]) -> None:
    ann, _, job = _desk()
    run("log", str(ann), "--outcome", "voicemail", "--job", str(job), "--at", "2026-11-16T15:00")
    # The voicemail cool-off still runs: the call says so and asks to confirm; "n" stops with nothing logged.
    stopped = run("call", str(ann), "--job", str(job), input="n\n")
    assert stopped.exit_code == 0 and "not now" in stopped.stdout and "Not calling." in stopped.stdout
    assert len(_history(ann)) == 1
    typed = "y\nq\nd\n2\n\n3\nPromised a promotion in March\n"  # a wrong key is explained and asked again
    result = run("call", str(ann), "--job", str(job), input=typed)
    assert result.exit_code == 0, result.stderr
    assert "Recruiter: following up" in result.stdout  # called before: the follow-up script
    assert "'q' is not one of the keys" in result.stderr and "callback" not in result.stdout.split("Outcome key")[-1]
    last = _history(ann)[0]
    assert (last["outcome"], last["reason"], last["rung"], last["notes"]) == (
        "declined", "promised_promotion", "stay_in_touch", "Promised a promotion in March")
    memory = run("lookup", "(414) 555-0100", "--json").json()["people"][0]["memory"]
    assert [(d["reason"], d["at"][:10]) for d in memory["declines"]] == [("promised_promotion", "2026-11-17")]
    shown = _flat(run("lookup", "414.555.0100").stdout)
    assert "promised_promotion" in shown and "Promised a promotion in March" in shown
    assert run("wins", "--json").json()["this_week"]["by_rung"] == {"stay_in_touch": 1}


def test_a_referral_creates_a_linked_person(desk_env: dict[str, str]) -> None:
    _, bob, job = _desk()
    result = run("call", str(bob), input="r\nPiotr Zielinski\nnot a phone\n262-555-0177\n\nKnows every DBA in town\n")
    assert result.exit_code == 0, result.stderr
    assert "Added Piotr Zielinski" in _flat(result.stdout) and "A win: referral" in result.stdout
    touch = _history(bob)[0]
    assert (touch["outcome"], touch["job_id"], touch["rung"]) == ("referral", job, "referral")
    found = run("lookup", "262-555-0177", "--json").json()["people"]
    assert [(p["name"], p["referred_by"]["name"]) for p in found] == [("Piotr Zielinski", "Bob Lis")]
    assert [c["job_id"] for c in found[0]["candidacies"]] == [job]
    assert "Referred by Bob Lis" in _flat(run("lookup", "262-555-0177").stdout)


def test_it_refuses_to_call_a_do_not_call_person(desk_env: dict[str, str]) -> None:
    ann, _, job = _desk()
    run("log", str(ann), "--outcome", "do_not_call", "--job", str(job), "--note", "Asked us never to call",
        "--at", "2026-11-16T15:00")
    result = run("call", str(ann), "--job", str(job), input="v\n")
    assert result.exit_code == 1
    assert "Refused: Do not call: marked on 2026-11-16 by andrew (Asked us never to call)" in _flat(result.stderr)
    assert "Ann Nowak" in result.stdout and "Voicemail" not in result.stdout and "Outcome key" not in result.stdout
    assert len(_history(ann)) == 1
