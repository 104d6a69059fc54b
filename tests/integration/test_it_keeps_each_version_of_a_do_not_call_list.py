"""Each version of a do-not-call list is kept: the policy answers as of any moment, a number dropped and
listed again is held again, and a list written a batch a transaction is whole at the end."""

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from callsheet.clock import FixedClock
from callsheet.services.accounts.users import add_user
from callsheet.services.calling.policy import why
from callsheet.services.numbers.lists import import_list, show
from callsheet.settings import Settings
from callsheet.store.uow import UnitOfWork
from tests.conftest import DESK_ZONE, NOW
from tests.integration.desks import add_person

MONDAY = datetime.fromisoformat(NOW) - timedelta(days=1)
SETTINGS = Settings(timezone=DESK_ZONE)
ADMIN = "dana@example.com"


def _version(engine: Engine, tmp_path: Path, at: datetime, *numbers: str) -> dict[str, int]:
    path = tmp_path / f"state-{at:%H%M}.txt"
    path.write_text("\n".join(numbers) + "\n")
    done = import_list(UnitOfWork(engine), FixedClock(at), path, "State DNC", ADMIN, batch_size=2)
    return {"listed": done.listed, "added": done.added, "released": done.released, "kept": done.kept}


def _callable(engine: Engine, person_id: int, at: datetime) -> bool:
    return why(UnitOfWork(engine), FixedClock(at), SETTINGS, person_id).callable


def test_a_number_dropped_and_listed_again_is_held_again_and_each_moment_answers_as_it_stood(
        engine: Engine, tmp_path: Path) -> None:
    add_user(UnitOfWork(engine), FixedClock(MONDAY), ADMIN, "admin", name="Dana Reyes")
    held = add_person(engine, MONDAY, "Greta Lindqvist", ["414-555-0142"])
    first, dropped, again = MONDAY + timedelta(hours=1), MONDAY + timedelta(hours=2), MONDAY + timedelta(hours=3)
    others = ["414-555-0150", "414-555-0160", "414-555-0170", "414-555-0180"]
    assert _version(engine, tmp_path, first, "414-555-0142", *others) == {
        "listed": 5, "added": 5, "released": 0, "kept": 0}
    assert _version(engine, tmp_path, dropped, *others) == {"listed": 4, "added": 0, "released": 1, "kept": 4}
    assert _version(engine, tmp_path, again, *others, "(414) 555-0142") == {
        "listed": 5, "added": 1, "released": 0, "kept": 4}

    assert _callable(engine, held, first - timedelta(minutes=1))
    assert not _callable(engine, held, first + timedelta(minutes=1))
    assert _callable(engine, held, dropped + timedelta(minutes=1))
    assert not _callable(engine, held, again + timedelta(minutes=1))
    shown = show(UnitOfWork(engine), "State DNC")
    assert shown["count"] == 5
    assert [(e["added"], e["released"], e["user"]) for e in shown["audit"]] == [
        (5, 0, "Dana Reyes"), (0, 1, "Dana Reyes"), (1, 0, "Dana Reyes")]
