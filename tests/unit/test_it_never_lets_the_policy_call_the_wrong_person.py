"""Property tests: over random people, phones, zones, histories and moments."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from callsheet.domain.model import Person, Phone, PhoneStatus, Suppression
from callsheet.domain.outcomes import Outcome, Touch
from callsheet.domain.policy import PolicySettings, decide

ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
         "America/Boise", "America/Anchorage", "Pacific/Honolulu"]
RULES = PolicySettings(desk_zone="America/Chicago")
START = datetime(2026, 1, 1, tzinfo=UTC)

phones = st.builds(
    Phone,
    e164=st.sampled_from(["+14145550100", "+17755550101", "+12125550102", "+13035550103"]),
    status=st.sampled_from(list(PhoneStatus)),
    timezones=st.lists(st.sampled_from(ZONES), min_size=1, max_size=2, unique=True).map(tuple),
)
people = st.builds(
    Person, name=st.just("P"), id=st.just(1),
    phones=st.lists(phones, max_size=3, unique_by=lambda p: p.e164),
    timezone=st.sampled_from([""] + ZONES),
    state=st.sampled_from(["", "WI", "CT", "FL", "NV", "TX"]),
    suppression=st.sampled_from(list(Suppression)),
)
moments = st.integers(min_value=0, max_value=365 * 24 * 60).map(lambda m: START + timedelta(minutes=m))
touches = st.lists(st.builds(
    Touch, person_id=st.just(1), at=moments, outcome=st.sampled_from(list(Outcome)),
    job_id=st.sampled_from([None, 1, 2]),
    phone=st.sampled_from(["", "+14145550100", "+17755550101"]),
    callback_at=st.one_of(st.none(), moments),
), max_size=12).map(lambda ts: sorted(ts, key=lambda t: t.at))


@settings(max_examples=400, deadline=None)
@given(person=people, history=touches, now=moments, job_id=st.sampled_from([None, 1, 2]))
def test_a_callable_answer_is_never_suppressed_wrong_or_outside_the_window(
        person: Person, history: list[Touch], now: datetime, job_id: int | None) -> None:
    decision = decide(person, None, history, now, RULES, job_id)
    if not decision.callable:
        assert decision.reasons, "every no carries a reason"
        return
    assert person.suppression is Suppression.NONE
    wrong = {t.phone for t in history if t.outcome is Outcome.WRONG_NUMBER and t.at <= now}
    usable = [p for p in person.phones if p.status is PhoneStatus.OK and p.e164 not in wrong]
    assert usable
    # The window held in every zone the callee may be in, for the number used.
    zone_sets = [(person.timezone,) if person.timezone else p.timezones for p in usable]
    assert any(all(_in_window(now, z, person.state) for z in zones) for zones in zone_sets)


def _in_window(now: datetime, zone: str, state: str) -> bool:
    local = now.astimezone(ZoneInfo(zone))
    start, end = (9, 20) if state in ("CT", "TX") else (8, 20)
    return local.weekday() < 5 and start <= local.hour < end


@settings(max_examples=200, deadline=None)
@given(person=people, history=touches, now=moments)
def test_a_not_yet_callable_answer_points_to_a_later_moment_or_never(
        person: Person, history: list[Touch], now: datetime) -> None:
    decision = decide(person, None, history, now, RULES)
    if decision.next_ok_at is not None:
        assert decision.next_ok_at >= now
        assert not decision.callable
