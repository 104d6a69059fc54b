from datetime import date

import pytest

from callsheet.domain.followups import followup_state
from callsheet.domain.sign_in import wait_words
from callsheet.domain.words import counted


@pytest.mark.parametrize(("n", "one", "many", "said"), [
    (1, "business day", None, "1 business day"), (2, "business day", None, "2 business days"),
    (0, "person", "people", "0 people"), (1, "person", "people", "1 person"), (1.4, "day", None, "1 day"),
    (1500, "touch", "touches", "1,500 touches"),
])
def test_it_counts_one_thing_in_the_singular(n: float, one: str, many: str | None, said: str) -> None:
    assert counted(n, one, many) == said


def test_it_says_one_business_day_ago_for_an_application_sent_yesterday() -> None:
    state = followup_state(date(2026, 11, 16), [], date(2026, 11, 17), frozenset())
    assert "1 business day ago" in state.reason and "days" not in state.reason.split(";")[0]


def test_it_says_one_minute_for_a_locked_sign_in() -> None:
    from datetime import datetime, timedelta
    now = datetime(2026, 11, 17, 10)
    assert wait_words(now + timedelta(seconds=60), now) == "1 minute"
    assert wait_words(now + timedelta(seconds=1), now) == "1 second"
