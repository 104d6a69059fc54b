"""`callsheet rehearse`: a listener weighted by the desk's own calls, a scorecard, and practice kept apart
from the touches log."""

from collections import Counter
from dataclasses import replace
from datetime import datetime

from sqlalchemy import Engine, text

from callsheet.clock import FixedClock
from callsheet.services.scripts.rehearse import prepare
from callsheet.settings import Settings
from callsheet.store.uow import UnitOfWork
from tests.conftest import DESK_ZONE, NOW
from tests.e2e.cli import run

SHARES_ASKS_AND_CLOSES = ("Hi Ann, this is Andrew with Lakeshore Talent, I'm calling about a DBA role at Acme.\n"
                          "Would you be open to hearing more about it?\n"
                          "Could we talk Thursday at 10am?\n")
#: A seed whose listener neither hangs up nor objects to the close, on a desk without history.
SEED = "1"


def _ann_and_a_job() -> tuple[str, str]:
    ann = run("person", "add", "--name", "Ann Nowak", "--phone", "414-555-0100", "--json").json()["id"]
    job = run("job", "add", "--title", "DBA", "--client", "Acme", "--city", "Waukesha", "--state", "WI",
              "--json").json()["id"]
    return str(ann), str(job)


def _touches(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM touches")).scalar_one())


def test_a_rehearsal_that_shares_asks_and_closes_meets_all_three_objectives(desk_env: dict[str, str]) -> None:
    ann, job = _ann_and_a_job()
    result = run("rehearse", "recruiter_cold", "--person", ann, "--job", job, "--seed", SEED, "--json",
                 input=SHARES_ASKS_AND_CLOSES)
    assert result.exit_code == 0, result.stderr
    card = result.json()
    assert set(card) == {"objectives", "rung", "transcript"}
    assert card["objectives"] == {"share": True, "ask": True, "close": True}
    assert card["rung"] in ("interested", "referral", "stay_in_touch")
    assert [t["speaker"] for t in card["transcript"]] == ["you", "listener"] * 3
    assert card["transcript"][0]["text"].startswith("Hi Ann, this is Andrew")
    # The same seed and lines make the same conversation.
    again = run("rehearse", "recruiter_cold", "--person", ann, "--job", job, "--seed", SEED, "--json",
                input=SHARES_ASKS_AND_CLOSES).json()
    assert again == card


def test_an_empty_or_off_topic_rehearsal_meets_no_objective(desk_env: dict[str, str]) -> None:
    ann, job = _ann_and_a_job()
    none = {"share": False, "ask": False, "close": False}
    empty = run("rehearse", "recruiter_cold", "--person", ann, "--seed", "5", "--json", input="\n")
    assert empty.exit_code == 0, empty.stderr
    assert empty.json() == {"objectives": none, "rung": None, "transcript": []}
    off_topic = run("rehearse", "recruiter_cold", "--person", ann, "--job", job, "--seed", "5", "--json",
                    input="Nice weather we are having.\nThe game was great.\nbye\n").json()
    assert off_topic["objectives"] == none and off_topic["rung"] is None


def test_the_scorecard_names_the_script_line_that_would_have_helped(desk_env: dict[str, str]) -> None:
    ann, job = _ann_and_a_job()
    result = run("rehearse", "recruiter_cold", "--person", ann, "--job", job, "--seed", "5",
                 input="Hello there.\nbye\n")
    assert result.exit_code == 0, result.stderr
    assert "✘ share" in result.stdout and "Rung reached: none" in result.stdout
    assert 'For share, the script says: "I\'m working with Acme on a DBA search in Waukesha, WI."' in result.stdout
    assert 'For close, the script says: "Would you be open to a deeper conversation this week about the DBA role?"' \
        in result.stdout


def test_the_listener_declines_for_the_desks_own_reasons_as_often_as_its_people_do(
        engine: Engine, desk_env: dict[str, str]) -> None:
    ann, job = _ann_and_a_job()
    # The desk's history: 6 of 10 declines were about timing, 3 about money, 1 about the commute.
    for reason, times in (("timing", 6), ("compensation", 3), ("location", 1)):
        for i in range(times):
            person = run("person", "add", "--name", f"Person {reason} {i}", "--json").json()["id"]
            logged = run("log", str(person), "--outcome", "declined", "--reason", reason, "--job", job)
            assert logged.exit_code == 0, logged.stderr
    settings = Settings(database_url=desk_env["CALLSHEET_DATABASE_URL"], now=datetime.fromisoformat(NOW),
                        timezone=DESK_ZONE, user="andrew")
    clock = FixedClock(datetime.fromisoformat(NOW))
    prepared = prepare(UnitOfWork(engine), clock, settings, "andrew", "recruiter_cold", int(ann), int(job), 0)
    lines = ["Hi Ann, this is Andrew, calling about a DBA role.", "What are you working on these days?",
             "If you made a move, what would it have to offer you?", "What would make the timing right?",
             "What else matters to you?", "What does your team do?"]
    heard: Counter[str] = Counter()
    for seed in range(300):
        heard.update(replace(prepared, seed=seed).replay(lines).declines)
    total = sum(heard.values())
    assert total > 200
    for reason, share in (("timing", 0.6), ("compensation", 0.3), ("location", 0.1)):
        assert abs(heard[reason] / total - share) <= 0.08, (reason, heard)
    assert set(heard) == {"timing", "compensation", "location"}


def test_a_rehearsal_is_practice_never_a_touch(engine: Engine, desk_env: dict[str, str]) -> None:
    ann, job = _ann_and_a_job()
    logged = run("log", ann, "--outcome", "connected", "--rung", "referral")
    assert logged.exit_code == 0, logged.stderr
    before = _touches(engine)
    card = run("rehearse", "recruiter_cold", "--person", ann, "--job", job, "--seed", SEED, "--json",
               input=SHARES_ASKS_AND_CLOSES).json()
    assert _touches(engine) == before
    assert run("person", "show", ann, "--json").json()["history"][0]["outcome"] == "connected"
    column = run("wins", "--weeks", "2", "--json").json()
    assert column["total"] == 1  # the real call's referral; the rehearsal is no win
    assert column["practice"] == {"this_week": 1, "total": 1, "by_rung": {card["rung"]: 1}}
    assert "Practice (rehearsals, not wins): 1 this week" in run("wins").stdout


def test_a_rehearsal_with_a_kind_person_or_seed_the_desk_lacks_is_refused_plainly(desk_env: dict[str, str]) -> None:
    ann, _ = _ann_and_a_job()
    kind = run("rehearse", "cold_call", "--person", ann, input="\n")
    assert kind.exit_code == 2 and "kind" in kind.stderr and "recruiter_cold" in kind.stderr
    nobody = run("rehearse", "recruiter_cold", "--person", "999", input="\n")
    assert nobody.exit_code != 0 and "999" in nobody.stderr and "Traceback" not in nobody.stderr
    seed = run("rehearse", "recruiter_cold", "--person", ann, "--seed", "-1", input="\n")
    assert seed.exit_code == 2 and "seed" in seed.stderr
    control = run("rehearse", "recruiter_cold", "--person", ann, "--seed", "5", input="Hi\x00 there\n")
    assert control.exit_code == 2 and "line 1" in control.stderr and "control characters" in control.stderr
    missing = run("rehearse", "recruiter_cold", input="\n")
    assert missing.exit_code == 2 and "--person" in missing.stderr


def test_the_listener_hangs_up_as_often_as_the_desks_people_of_that_seniority_do(
        engine: Engine, desk_env: dict[str, str]) -> None:
    ann, _ = _ann_and_a_job()
    senior = run("job", "add", "--title", "CTO", "--client", "Acme", "--seniority", "5", "--json").json()["id"]
    # Half of the desk's calls about its senior job were hung up on.
    for i, outcome in enumerate(["hung_up", "connected"] * 5):
        person = run("person", "add", "--name", f"Person {i}", "--json").json()["id"]
        logged = run("log", str(person), "--outcome", outcome, "--job", str(senior))
        assert logged.exit_code == 0, logged.stderr
    settings = Settings(database_url=desk_env["CALLSHEET_DATABASE_URL"], now=datetime.fromisoformat(NOW),
                        timezone=DESK_ZONE, user="andrew")
    clock = FixedClock(datetime.fromisoformat(NOW))
    line = ["Hi Ann, this is Andrew, calling about a role."]
    for job_id, rate in ((senior, 0.5), (None, 0.1)):  # a call about no job: the desk's default
        prepared = prepare(UnitOfWork(engine), clock, settings, "andrew", "recruiter_cold", int(ann), job_id, 0)
        hung_up = sum(replace(prepared, seed=seed).replay(line).hung_up for seed in range(300))
        assert abs(hung_up / 300 - rate) <= 0.08, (job_id, hung_up)
