"""What the contact policy reads, as it stood at a moment: the one loader behind every `decide`.

`PolicyInputs.as_of(person_ids, at)` returns each person with their phones and the suppression in
force at `at` (from the audit trail of marks and lifts), and their history up to `at`, oldest first,
in one round trip. The call sheet, `why`, the person card, the client report and the job seeker's
follow-ups all read through it (services/calling/policy.loaded_as_of, which adds other people's marks
on the numbers), so they answer alike for the same person and moment.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from callsheet.domain.model import Person, Phone, PhoneStatus, Suppression, SuppressionEvent
from callsheet.domain.outcomes import Outcome, Touch
from callsheet.domain.policy import DIALS
from callsheet.store.people_repo import phone_zones
from callsheet.store.raw import RawStatement, time_param, utc
from callsheet.store.tenancy import desk_of

_OUTCOMES = {o.value: o for o in Outcome}
# People with their phones ('p'), their marks and lifts ('e') and their touches up to a moment ('t'),
# in one statement, all of the unit of work's desk. Columns: kind, person, phone id | job, then see `as_of`
# for the rest.
_SQL = """
SELECT 'p' AS kind, p.id, ph.id, p.name, p.timezone, p.state, p.suppression, p.suppressed_by,
       p.suppression_reason, p.suppressed_at, ph.status_at, ph.e164, ph.status, ph.label, ph.position
FROM people p LEFT JOIN phones ph ON ph.desk_id = p.desk_id AND ph.desk_id = :desk AND ph.person_id = p.id
WHERE p.desk_id = :desk AND p.id IN ({ids})
UNION ALL
SELECT 'e', e.person_id, NULL, e.action, e.suppression, e.reason, e.user_name, NULL, NULL, e.at, NULL, NULL,
       NULL, NULL, e.id
FROM suppression_events e
WHERE e.desk_id = :desk AND e.person_id IN ({ids})
UNION ALL
SELECT 't', t.person_id, t.job_id, t.phone, t.outcome, t.reason, u.name, NULL, NULL, t.at, t.callback_at, NULL,
       NULL, NULL, t.id
FROM touches t LEFT JOIN users u ON u.desk_id = t.desk_id AND u.desk_id = :desk AND u.id = t.user_id
WHERE t.desk_id = :desk AND t.person_id IN ({ids}) AND t.at <= :until {swaying}
ORDER BY 1, 2, 10, 15, 3
"""
# What domain.policy.swaying_touches keeps: touches about a job, wrong numbers, and recent dials.
_SWAYING = (f"AND (t.job_id IS NOT NULL OR t.outcome = '{Outcome.WRONG_NUMBER.value}' OR "
            f"(t.outcome IN ({', '.join(repr(o.value) for o in sorted(DIALS))}) AND t.at > :since))")
_IDS = {"sqlite": "SELECT value FROM json_each(:ids)", "postgresql": "SELECT unnest(CAST(:ids AS INTEGER[]))"}
_STATEMENTS = {(dialect, swaying): RawStatement(_SQL.replace("{ids}", ids).replace("{swaying}",
                                                                                   _SWAYING if swaying else ""))
               for dialect, ids in _IDS.items() for swaying in (False, True)}


def suppression_as_of(person: Person, marks: Sequence[SuppressionEvent], at: datetime) -> Person:
    """The person with the suppression in force at `at`: the latest mark or lift at or before it.

    An erasure holds at every moment (the data is gone). Before the first entry of the trail the
    person stood as that entry found them: unmarked before a first mark, marked before a first lift
    (a mark made before the trail was kept). Without any trail the person's own mark holds.
    """
    # A number released for its new holder leaves the person as they were.
    marks = [m for m in marks if m.action in ("set", "lift")]
    if person.suppression is Suppression.ERASED or not marks:
        return person
    state: SuppressionEvent | None = None
    for mark in marks:
        if mark.at > at:
            break
        state = mark
    if state is None and marks[0].action == "lift":
        return replace(person, suppression=Suppression(marks[0].suppression), suppressed_at=None, suppressed_by="",
                       suppression_reason="")
    if state is None or state.action == "lift":
        return replace(person, suppression=Suppression.NONE, suppressed_at=None, suppressed_by="",
                       suppression_reason="")
    return replace(person, suppression=Suppression(state.suppression), suppressed_at=state.at, suppressed_by=state.user,
                   suppression_reason=state.reason)


class PolicyInputs:
    def __init__(self, connection: Connection) -> None:
        self.c = connection

    def as_of(self, person_ids: Sequence[int], at: datetime,
              since: datetime | None = None) -> tuple[dict[int, Person], dict[int, list[Touch]]]:
        """Each person as they stood at `at` (phones, suppression) and their history up to `at`.

        A person comes with their phones (no emails, no company); a phone's candidate zones are looked
        up only for people without a zone of their own. A number found wrong after `at` was still
        usable then. With `since` (domain.policy.sway_since), a history holds only the touches that
        can sway the policy at `at` (domain.policy.swaying_touches): those about a job, wrong
        numbers, and dials after `since`. People not found are left out of the first map."""
        sqlite = self.c.dialect.name == "sqlite"
        ids: Any = json.dumps(list(person_ids)) if sqlite else list(person_ids)
        params = {"desk": desk_of(self.c), "ids": ids, "until": time_param(self.c, at)}
        if since is not None:
            params["since"] = time_param(self.c, since)
        persons: dict[int, Person] = {}
        marks: dict[int, list[SuppressionEvent]] = {}
        histories: dict[int, list[Touch]] = {pid: [] for pid in person_ids}
        for r in _STATEMENTS[(self.c.dialect.name, since is not None)].rows(self.c, params):
            kind = r[0]
            if kind == "t":
                histories[r[1]].append(Touch(person_id=r[1], at=utc(r[9]), outcome=_OUTCOMES[r[4]],  # type: ignore[arg-type]
                                             job_id=r[2], phone=r[3], reason=r[5], callback_at=utc(r[10]),
                                             user=r[6] or ""))
            elif kind == "e":
                marks.setdefault(r[1], []).append(
                    SuppressionEvent(r[1], r[3], r[4], r[5], r[6], utc(r[9]), r[14]))  # type: ignore[arg-type]
            else:
                person = persons.get(r[1])
                if person is None:
                    person = persons[r[1]] = Person(
                        id=r[1], name=r[3], timezone=r[4], state=r[5], suppression=Suppression(r[6]),
                        suppressed_by=r[7], suppression_reason=r[8], suppressed_at=utc(r[9]))
                if r[11] is not None:
                    status = PhoneStatus(r[12])
                    changed = utc(r[10])
                    if status is not PhoneStatus.OK and changed is not None and changed > at:
                        status = PhoneStatus.OK
                    person.phones.append(Phone(r[11], status, r[13],
                                               () if person.timezone else phone_zones(r[11]), r[2]))
        return {pid: suppression_as_of(p, marks.get(pid, []), at) for pid, p in persons.items()}, histories
