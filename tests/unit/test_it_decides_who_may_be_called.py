"""The contact policy as a pure function: suppressions, windows, cool-offs and caps."""

from datetime import UTC, datetime, timedelta

from callsheet.domain.model import Person, Phone, PhoneStatus, Suppression
from callsheet.domain.outcomes import Outcome, Touch
from callsheet.domain.policy import PolicySettings, decide

RULES = PolicySettings(desk_zone="America/Chicago")
TUESDAY_10_CHICAGO = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)


def person(**kw: object) -> Person:
    base = dict(id=1, name="Jack Kowalski", timezone="America/Chicago", state="WI",
                phones=[Phone("+14145550142", timezones=("America/Chicago",))])
    base.update(kw)
    return Person(**base)  # type: ignore[arg-type]


def touch(outcome: Outcome, ago: timedelta, job_id: int | None = None, **kw: object) -> Touch:
    return Touch(person_id=1, at=TUESDAY_10_CHICAGO - ago, outcome=outcome, job_id=job_id, user="Dana Ruiz",
                 **kw)  # type: ignore[arg-type]


def test_it_lets_a_fresh_person_be_called_in_office_hours() -> None:
    decision = decide(person(), None, [], TUESDAY_10_CHICAGO, RULES)
    assert decision.callable and "Within calling hours" in decision.reasons[0]


def test_it_stops_everyone_from_calling_a_deceased_person_and_says_who_marked_it() -> None:
    marked = person(suppression=Suppression.DECEASED, suppressed_by="Andrew Borresen",
                    suppressed_at=datetime(2026, 11, 16, 15, tzinfo=UTC), suppression_reason="Passed away")
    decision = decide(marked, None, [], TUESDAY_10_CHICAGO, RULES)
    assert not decision.callable and decision.next_ok_at is None
    assert decision.reasons[0].startswith("Marked deceased on 2026-11-16 by Andrew Borresen")


def test_it_never_dials_a_wrong_number_but_uses_the_other_one() -> None:
    two = person(phones=[Phone("+14145550142", PhoneStatus.WRONG_NUMBER, timezones=("America/Chicago",)),
                         Phone("+14145550143", timezones=("America/Chicago",))])
    assert not decide(two, two.phones[0], [], TUESDAY_10_CHICAGO, RULES).callable
    assert decide(two, None, [], TUESDAY_10_CHICAGO, RULES).callable


def test_a_nevada_number_spanning_two_zones_is_not_callable_at_0730_los_angeles_time() -> None:
    nevada = person(timezone="", state="", phones=[Phone("+17755550100",
                                                         timezones=("America/Boise", "America/Los_Angeles"))])
    at_0730_la = datetime(2026, 11, 17, 15, 30, tzinfo=UTC)
    decision = decide(nevada, None, [], at_0730_la, RULES)
    assert not decision.callable
    assert decision.next_ok_at == datetime(2026, 11, 17, 16, 0, tzinfo=UTC)  # 08:00 in Los Angeles
    at_1930_la = datetime(2026, 11, 18, 3, 30, tzinfo=UTC)  # 20:30 in Boise
    assert not decide(nevada, None, [], at_1930_la, RULES).callable
    assert decide(nevada, None, [], datetime(2026, 11, 17, 18, 0, tzinfo=UTC), RULES).callable


def test_it_keeps_connecticut_to_nine_and_never_widens_past_the_law() -> None:
    ct = person(timezone="America/New_York", state="CT")
    at_0830_eastern = datetime(2026, 11, 17, 13, 30, tzinfo=UTC)
    assert not decide(ct, None, [], at_0830_eastern, RULES).callable
    wide = PolicySettings(window=RULES.window.__class__(datetime.min.time(), datetime.max.time().replace(
        microsecond=0), frozenset(range(7))), desk_zone="America/Chicago")
    at_2130_chicago = datetime(2026, 11, 18, 3, 30, tzinfo=UTC)
    assert not decide(person(), None, [], at_2130_chicago, wide).callable


def test_it_rests_a_person_for_thirty_days_after_a_hang_up_on_any_job() -> None:
    decision = decide(person(), None, [touch(Outcome.HUNG_UP, timedelta(days=3), job_id=7)],
                      TUESDAY_10_CHICAGO, RULES, job_id=8)
    assert not decision.callable and "Hung up" in decision.reasons[0]
    later = decide(person(), None, [touch(Outcome.HUNG_UP, timedelta(days=31), job_id=7)],
                   TUESDAY_10_CHICAGO, RULES, job_id=8)
    assert later.callable


def test_a_decline_ends_calls_about_that_job_only() -> None:
    history = [touch(Outcome.DECLINED, timedelta(days=2), job_id=7, reason="mid_project")]
    on_job = decide(person(), None, history, TUESDAY_10_CHICAGO, RULES, job_id=7)
    assert not on_job.callable and "mid_project" in on_job.reasons[0]
    assert decide(person(), None, history, TUESDAY_10_CHICAGO, RULES, job_id=8).callable
    assert decide(person(), None, history, TUESDAY_10_CHICAGO, RULES).callable


def test_no_answer_waits_a_business_day_over_the_weekend() -> None:
    friday_3pm = datetime(2026, 11, 20, 21, 0, tzinfo=UTC)
    history = [Touch(person_id=1, at=friday_3pm, outcome=Outcome.NO_ANSWER)]
    monday_10 = datetime(2026, 11, 23, 16, 0, tzinfo=UTC)
    decision = decide(person(), None, history, monday_10, RULES)
    assert not decision.callable and decision.next_ok_at == datetime(2026, 11, 23, 21, 0, tzinfo=UTC)


def test_it_caps_voicemails_and_rests_a_candidacy_after_six_attempts() -> None:
    vms = [touch(Outcome.VOICEMAIL, timedelta(days=d), job_id=7) for d in (9, 5)]
    decision = decide(person(), None, vms, TUESDAY_10_CHICAGO, RULES, job_id=7)
    assert not decision.callable and any("2 voicemails" in r for r in decision.reasons)
    six = [touch(Outcome.NO_ANSWER, timedelta(days=d), job_id=7) for d in (40, 35, 30, 25, 20, 15)]
    rested = decide(person(), None, six, TUESDAY_10_CHICAGO, RULES, job_id=7)
    assert not rested.callable and any("resting it 90 days" in r for r in rested.reasons)


def test_florida_allows_three_calls_in_twenty_four_hours() -> None:
    fl = person(timezone="America/New_York", state="FL")
    calls = [touch(Outcome.BUSY, timedelta(hours=h)) for h in (5, 3, 2)]
    decision = decide(fl, None, calls, TUESDAY_10_CHICAGO, RULES)
    assert not decision.callable and any("Florida" in r for r in decision.reasons)


def test_the_past_is_judged_by_the_history_known_then() -> None:
    history = [touch(Outcome.HUNG_UP, -timedelta(days=1))]  # a hang-up tomorrow is not known today
    assert decide(person(), None, history, TUESDAY_10_CHICAGO, RULES).callable


def test_a_promised_callback_is_not_called_early() -> None:
    due = TUESDAY_10_CHICAGO + timedelta(hours=4)
    history = [touch(Outcome.CALLBACK, timedelta(days=1), job_id=7, callback_at=due)]
    early = decide(person(), None, history, TUESDAY_10_CHICAGO, RULES, job_id=7)
    assert not early.callable and early.next_ok_at == due
    assert decide(person(), None, history, due + timedelta(minutes=1), RULES, job_id=7).callable
