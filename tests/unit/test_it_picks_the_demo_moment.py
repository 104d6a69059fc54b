from datetime import UTC, datetime

from callsheet.services.demo.desk import demo_moment


def test_it_keeps_a_weekday_morning_as_it_is() -> None:
    now = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)  # Tuesday 10:00 in Chicago
    moment, pinned = demo_moment(now, "America/Chicago")
    assert not pinned and moment == now


def test_it_moves_a_saturday_night_to_monday_morning() -> None:
    moment, pinned = demo_moment(datetime(2026, 11, 22, 3, 0, tzinfo=UTC), "America/Chicago")
    assert pinned
    assert moment.isoformat() == "2026-11-23T09:30:00-06:00"


def test_it_moves_an_early_morning_to_the_same_day() -> None:
    moment, pinned = demo_moment(datetime(2026, 11, 18, 12, 0, tzinfo=UTC), "America/Chicago")  # 06:00
    assert pinned and moment.isoformat() == "2026-11-18T09:30:00-06:00"
