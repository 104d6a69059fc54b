"""Business days skip the holiday calendar's own weekend: Friday and Saturday in Israel, Saturday and
Sunday in the US. One rule counts them for the contact policy's cool-offs and the job seeker's wait."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from callsheet.domain.business_days import business_days_after, business_days_between
from callsheet.domain.followups import followup_state
from callsheet.domain.model import Person, Phone
from callsheet.domain.outcomes import Outcome, Touch
from callsheet.domain.policy import PolicySettings, add_business_days, decide
from callsheet.domain.windows import Window
from callsheet.services.calling.policy import policy_settings
from callsheet.settings import Settings

CHICAGO = ZoneInfo("America/Chicago")
FRIDAY_SATURDAY = frozenset({4, 5})
THURSDAY = date(2026, 11, 19)


def test_the_calendar_says_its_weekend_and_the_calling_days_follow_it() -> None:
    israel = policy_settings(Settings(holidays="IL"), 2026)
    assert israel.weekend == FRIDAY_SATURDAY and israel.window.days == frozenset({6, 0, 1, 2, 3})
    us = policy_settings(Settings(holidays="US"), 2026)
    assert us.weekend == frozenset({5, 6}) and us.window.days == frozenset(range(5))


def test_calling_days_set_by_the_desk_stay_as_set() -> None:
    assert policy_settings(Settings(holidays="IL", window_days=[0, 1]), 2026).window.days == frozenset({0, 1})


def test_a_friday_saturday_weekend_skips_friday_and_saturday() -> None:
    assert business_days_after(THURSDAY, 1, frozenset(), FRIDAY_SATURDAY) == date(2026, 11, 22)
    assert business_days_after(THURSDAY, 1, frozenset()) == date(2026, 11, 20)
    assert business_days_between(THURSDAY, date(2026, 11, 22), frozenset(), FRIDAY_SATURDAY) == 1
    at = datetime(2026, 11, 19, 15, 30, tzinfo=CHICAGO)
    assert add_business_days(at, 1, frozenset(), "America/Chicago", FRIDAY_SATURDAY) == \
        datetime(2026, 11, 22, 15, 30, tzinfo=CHICAGO)


def test_a_no_answer_on_thursday_is_retried_on_sunday() -> None:
    rules = PolicySettings(window=Window(datetime.min.time().replace(hour=8), datetime.min.time().replace(hour=20),
                                         frozenset({6, 0, 1, 2, 3})),
                           weekend=FRIDAY_SATURDAY, desk_zone="America/Chicago")
    jack = Person(id=1, name="Jack Kowalski", timezone="America/Chicago", state="WI",
                  phones=[Phone("+14145550142", timezones=("America/Chicago",))])
    no_answer = Touch(person_id=1, at=datetime(2026, 11, 19, 10, tzinfo=CHICAGO), outcome=Outcome.NO_ANSWER)
    decision = decide(jack, None, [no_answer], datetime(2026, 11, 20, 16, tzinfo=UTC), rules)
    assert not decision.callable
    assert decision.next_ok_at == datetime(2026, 11, 22, 10, tzinfo=CHICAGO)


def test_the_job_seekers_five_business_days_skip_friday_and_saturday() -> None:
    state = followup_state(THURSDAY, [], date(2026, 11, 25), frozenset(), weekend=FRIDAY_SATURDAY)
    assert state.due_on == date(2026, 11, 26) and not state.due
    assert "4 business days ago" in state.reason
