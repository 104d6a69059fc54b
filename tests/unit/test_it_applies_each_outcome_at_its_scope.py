"""Logging a touch, as a service over a fake unit of work: each outcome acts at its own scope.

No database here: the fake keeps what the store would, in dictionaries, behind the same names the
services ask for (services/unit.py). The stores themselves are tested in tests/integration.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

import pytest

from callsheet.clock import FixedClock
from callsheet.domain.errors import BadInput
from callsheet.domain.model import Callee, Candidacy, Person, Phone, PhoneStatus, Stage, Suppression, SuppressionEvent
from callsheet.domain.outcomes import Touch
from callsheet.domain.users import User
from callsheet.services.calling.log import LogRequest, Where, log_touch

NOW = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)  # a Tuesday, 10:00 in Milwaukee
DANA = User(id=7, login="dana", name="Dana Ruiz", role="recruiter")
MILWAUKEE = Where(zone="America/Chicago", region="US")


class FakePeople:
    def __init__(self, people: dict[int, Person]) -> None:
        self.rows = people

    def callee(self, person_id: int) -> Callee | None:
        p = self.rows.get(person_id)
        return Callee(person_id, p.name, list(p.phones), p.suppression) if p else None

    def get(self, person_id: int) -> Person | None:
        return self.rows.get(person_id)

    def update(self, person: Person, at: datetime) -> None:
        assert person.id is not None
        self.rows[person.id] = person

    def set_phone_status(self, person_id: int, e164: str, status: PhoneStatus, at: datetime) -> None:
        person = self.rows[person_id]
        person.phones = [replace(p, status=status) if p.e164 == e164 else p for p in person.phones]


class FakeJobs:
    def __init__(self, candidacies: list[Candidacy]) -> None:
        self.rows = {(c.job_id, c.person_id): c for c in candidacies}

    def get(self, job_id: int) -> object | None:
        return object() if any(j == job_id for j, _ in self.rows) else None

    def candidacy(self, job_id: int, person_id: int) -> Candidacy | None:
        return self.rows.get((job_id, person_id))

    def candidacies_of(self, person_id: int) -> list[Candidacy]:
        return [c for (_, p), c in self.rows.items() if p == person_id]

    def set_stage(self, job_id: int, person_id: int, stage: Stage, at: datetime) -> None:
        self.rows[(job_id, person_id)] = replace(self.rows[(job_id, person_id)], stage=stage)


class FakeTouches:
    def __init__(self) -> None:
        self.rows: list[Touch] = []
        self.audit: list[SuppressionEvent] = []

    def add(self, touch: Touch, user_id: int | None, at: datetime) -> int:
        self.rows.append(touch)
        return len(self.rows)

    def add_suppression_event(self, event: SuppressionEvent, user_id: int | None) -> None:
        self.audit.append(event)


class FakeUnitOfWork:
    """What services/unit.py describes, held in memory; counts its commits like the store would make them."""

    def __init__(self, people: dict[int, Person], candidacies: list[Candidacy]) -> None:
        self.people = FakePeople(people)
        self.jobs = FakeJobs(candidacies)
        self.touches = FakeTouches()
        self.commits = 0
        self.dialect = "fake"

    def one_statement(self) -> FakeUnitOfWork:
        return self

    def reading(self) -> FakeUnitOfWork:
        return self

    def commit(self) -> None:
        self.commits += 1

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.commits += 1


def jack(**kw: Any) -> Person:
    base: dict[str, Any] = dict(id=1, name="Jack Kowalski", timezone="America/Chicago", state="WI",
                                phones=[Phone("+14145550142", id=1), Phone("+14145550143", id=2)])
    base.update(kw)
    return Person(**base)


def desk(stage: Stage = Stage.SOURCED, **kw: Any) -> FakeUnitOfWork:
    return FakeUnitOfWork({1: jack(**kw)}, [Candidacy(job_id=3, person_id=1, stage=stage)])


def log(uow: FakeUnitOfWork, outcome: str, **kw: Any) -> Touch:
    return log_touch(uow, FixedClock(NOW), LogRequest(person_id=1, outcome=outcome, **kw), DANA,  # type: ignore[arg-type]
                     MILWAUKEE)


def test_a_wrong_number_retires_that_number_and_keeps_the_other() -> None:
    uow = desk()
    log(uow, "wrong_number", phone="414-555-0142")
    statuses = {p.e164: p.status for p in uow.people.rows[1].phones}
    assert statuses == {"+14145550142": PhoneStatus.WRONG_NUMBER, "+14145550143": PhoneStatus.OK}


def test_a_wrong_number_needs_to_know_which_number() -> None:
    with pytest.raises(BadInput) as refused:
        log(desk(phones=[]), "wrong_number")
    assert refused.value.field == "phone"


def test_a_decline_closes_that_job_for_the_person_and_keeps_the_reason() -> None:
    uow = desk(Stage.CONTACTED)
    touch = log(uow, "declined", job_id=3, reason="mid_project")
    assert uow.jobs.rows[(3, 1)].stage is Stage.DECLINED
    assert touch.reason == "mid_project" and uow.people.rows[1].suppression is Suppression.NONE


def test_interested_never_moves_a_submitted_candidate_back() -> None:
    uow = desk(Stage.SUBMITTED)
    log(uow, "interested", job_id=3)
    assert uow.jobs.rows[(3, 1)].stage is Stage.SUBMITTED


def test_a_first_call_about_a_job_marks_the_person_contacted() -> None:
    uow = desk(Stage.SOURCED)
    log(uow, "voicemail", job_id=3)
    assert uow.jobs.rows[(3, 1)].stage is Stage.CONTACTED


def test_deceased_holds_for_the_person_and_is_audited_with_who_and_why() -> None:
    uow = desk()
    log(uow, "deceased", note="His daughter answered")
    person = uow.people.rows[1]
    assert person.suppression is Suppression.DECEASED and person.suppressed_by == "Dana Ruiz"
    assert [(e.action, e.suppression, e.reason) for e in uow.touches.audit] == [
        ("set", "deceased", "His daughter answered")]


def test_a_later_do_not_call_never_rewrites_a_deceased_mark() -> None:
    uow = desk(suppression=Suppression.DECEASED, suppressed_by="Andrew Borresen")
    log(uow, "do_not_call")
    assert uow.people.rows[1].suppression is Suppression.DECEASED and uow.touches.audit == []


def test_a_callback_time_without_an_offset_is_in_the_callees_zone() -> None:
    uow = desk(timezone="America/Los_Angeles")
    touch = log(uow, "callback", job_id=3, callback_at=datetime(2026, 11, 18, 14, 0))
    assert touch.callback_at == datetime(2026, 11, 18, 22, 0, tzinfo=UTC)  # 14:00 in Los Angeles


def test_a_touch_is_never_logged_in_the_future() -> None:
    with pytest.raises(BadInput) as refused:
        log(desk(), "no_answer", at=datetime(2026, 11, 18, 9, 0, tzinfo=UTC))
    assert refused.value.field == "at"


def test_an_outcome_on_a_marked_person_is_recorded_but_moves_no_pipeline() -> None:
    uow = desk(Stage.CONTACTED, suppression=Suppression.DO_NOT_CALL)
    touch = log(uow, "interested", job_id=3)
    assert uow.jobs.rows[(3, 1)].stage is Stage.CONTACTED and touch.pipeline_held_for == "do_not_call"
    assert [t.outcome.value for t in uow.touches.rows] == ["interested"]
