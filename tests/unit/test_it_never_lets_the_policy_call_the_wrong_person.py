"""Property tests: over random people, phones, zones, histories and moments."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from callsheet.domain.model import Person, Phone, PhoneStatus, Suppression
from callsheet.domain.outcomes import Outcome, Touch
from callsheet.domain.policy import PolicySettings, decide, swaying_touches

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


# A holiday calendar that stretches the business-day cool-offs over long weekends.
HOLIDAY_RULES = PolicySettings(desk_zone="America/Chicago", holidays=frozenset(
    START.date() + timedelta(days=d) for d in range(0, 365, 9) if (START.date() + timedelta(days=d)).weekday() < 5
) | {date(2026, 11, 26), date(2026, 11, 27)})

# A one-day hang-up hold, so the dials' business-day cool-offs set how far back touches matter.
SHORT_RULES = replace(HOLIDAY_RULES, hung_up_days=1)

# Histories crowded into the weeks before the moment asked about, where the cool-offs end.
recent = st.lists(st.tuples(
    st.integers(min_value=-2 * 24 * 60, max_value=40 * 24 * 60), st.sampled_from(list(Outcome)),
    st.sampled_from([None, 1, 2]), st.sampled_from(["", "+14145550100", "+17755550101"])), max_size=12)


@settings(max_examples=1500, deadline=None)
@given(person=people, back=recent, now=moments, job_id=st.sampled_from([None, 1, 2]),
       rules=st.sampled_from([RULES, HOLIDAY_RULES, SHORT_RULES]), phone=st.sampled_from([None, 0]))
def test_the_sheet_decides_the_same_on_the_touches_that_can_sway_the_policy(
        person: Person, back: list[tuple[int, Outcome, int | None, str]], now: datetime, job_id: int | None,
        rules: PolicySettings, phone: int | None) -> None:
    # The call sheet reads only these touches (old background calls left out): same answer, same reasons.
    history = sorted((Touch(person_id=1, at=now - timedelta(minutes=m), outcome=o, job_id=j, phone=ph,
                            callback_at=now + timedelta(minutes=m)) for m, o, j, ph in back), key=lambda t: t.at)
    number = person.phones[phone] if phone is not None and person.phones else None
    swaying = swaying_touches(history, now, rules)
    assert decide(person, number, swaying, now, rules, job_id) == decide(person, number, history, now, rules, job_id)
