"""The policy sees other people's marks on a person's numbers: such a number is never dialled, the others are."""

from datetime import UTC, datetime, timedelta

from callsheet.domain.model import NumberMark, Phone, Suppression
from callsheet.domain.policy import decide
from tests.unit.test_it_decides_who_may_be_called import RULES, TUESDAY_10_CHICAGO, person

JACKS = "+14145550142"
MARKED = datetime(2026, 11, 16, 15, tzinfo=UTC)
DECEASED = NumberMark(JACKS, 7, Suppression.DECEASED, MARKED, "Andrew Borresen")


def test_it_never_calls_a_person_whose_only_number_a_deceased_persons_mark_holds() -> None:
    decision = decide(person(), None, [], TUESDAY_10_CHICAGO, RULES, None, [DECEASED])
    assert not decision.callable and decision.next_ok_at is None
    assert decision.reasons == ("This number belongs to someone marked deceased on 2026-11-16 by Andrew Borresen"
                                " — never called",)
    asked = decide(person(), person().phones[0], [], TUESDAY_10_CHICAGO, RULES, None, [DECEASED])
    assert not asked.callable and asked.reasons == decision.reasons


def test_it_calls_the_persons_other_number() -> None:
    two = person(phones=[Phone(JACKS, timezones=("America/Chicago",)),
                         Phone("+14145550143", timezones=("America/Chicago",))])
    assert decide(two, None, [], TUESDAY_10_CHICAGO, RULES, None, [DECEASED]).callable


def test_it_names_each_kind_of_mark() -> None:
    for mark, words in ((Suppression.DO_NOT_CALL, "someone marked do not call on 2026-11-16"),
                        (Suppression.ERASED, "someone whose personal data was erased on 2026-11-16")):
        held = NumberMark(JACKS, 7, mark, MARKED, "Andrew Borresen")
        assert words in decide(person(), None, [], TUESDAY_10_CHICAGO, RULES, None, [held]).reasons[0]


def test_it_asks_as_of_a_moment_a_mark_not_yet_made_or_already_released() -> None:
    later = NumberMark(JACKS, 7, Suppression.DECEASED, TUESDAY_10_CHICAGO + timedelta(hours=1), "Andrew Borresen")
    released = NumberMark(JACKS, 7, Suppression.DECEASED, MARKED, "Andrew Borresen",
                          released_at=TUESDAY_10_CHICAGO - timedelta(minutes=1))
    for mark in (later, released):
        assert decide(person(), None, [], TUESDAY_10_CHICAGO, RULES, None, [mark]).callable
    assert not decide(person(), None, [], TUESDAY_10_CHICAGO - timedelta(hours=1), RULES, None, [released]).callable


def test_a_number_on_a_do_not_call_list_is_refused_naming_the_list_while_the_list_holds_it() -> None:
    listed = NumberMark(JACKS, None, Suppression.DO_NOT_CALL, MARKED, "Dana Reyes", list_name="State DNC")
    decision = decide(person(), None, [], TUESDAY_10_CHICAGO, RULES, None, [listed])
    assert not decision.callable and decision.next_ok_at is None
    assert decision.reasons == ("On the list 'State DNC' imported 2026-11-16 by Dana Reyes — never called",)
    dropped = NumberMark(JACKS, None, Suppression.DO_NOT_CALL, MARKED, "Dana Reyes",
                         released_at=TUESDAY_10_CHICAGO - timedelta(minutes=1), list_name="State DNC")
    assert decide(person(), None, [], TUESDAY_10_CHICAGO, RULES, None, [dropped]).callable
    assert not decide(person(), None, [], TUESDAY_10_CHICAGO - timedelta(hours=1), RULES, None, [dropped]).callable
