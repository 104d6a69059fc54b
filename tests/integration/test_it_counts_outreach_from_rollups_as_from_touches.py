"""Outreach analytics read from the roll-ups answer exactly what counting the touches themselves answers.

Random desks (people with and without zones and seniorities, jobs of two clients, recruiters), random
touches of every kind, outcome and reason around a change of daylight saving time, then random edits:
touches moved, re-scored, given another job or deleted, people's seniority or zone changed, jobs'
seniority changed, people and jobs deleted; and a demo desk built in bulk, then people merged and erased, and emptied.
Any range and filter then counts the same from the roll-ups
(`counts`) as from touches (`counts_from_touches`, the store's own reference).
"""

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete, func, insert, select, update

from callsheet.clock import FixedClock
from callsheet.domain.outcomes import Outcome
from callsheet.services.demo.desk import build_demo, wipe
from callsheet.services.people.erase import erase_person
from callsheet.services.people.merge import merge_people
from callsheet.store.tables import ROLLUPS, companies, desks, jobs, people, touches, users
from callsheet.store.uow import UnitOfWork

# A week around the night the United States set their clocks forward (8 March 2026).
BASE = datetime(2026, 3, 5, 0, 0, tzinfo=UTC)
MINUTES = 7 * 24 * 60
ZONES = ["", "America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Kolkata"]
SENIORITY = st.one_of(st.none(), st.integers(1, 5))
KINDS = ["call", "voicemail", "email", "text"]
REASONS = ["", "not_looking", "money"]

touch = st.tuples(st.integers(0, 9), st.integers(-1, 3), st.integers(-1, 1), st.sampled_from(KINDS),
                  st.sampled_from([o.value for o in Outcome]), st.sampled_from(REASONS), st.integers(0, MINUTES))
edit = st.one_of(
    st.tuples(st.just("move"), st.integers(0, 99), st.integers(0, MINUTES)),
    st.tuples(st.just("outcome"), st.integers(0, 99), st.sampled_from([o.value for o in Outcome])),
    st.tuples(st.just("job"), st.integers(0, 99), st.integers(-1, 3)),
    st.tuples(st.just("delete"), st.integers(0, 99)),
    st.tuples(st.just("seniority"), st.integers(0, 9), SENIORITY),
    st.tuples(st.just("zone"), st.integers(0, 9), st.sampled_from(ZONES)),
    st.tuples(st.just("job seniority"), st.integers(0, 3), SENIORITY),
    st.tuples(st.just("drop job"), st.integers(0, 3)),
    st.tuples(st.just("drop person"), st.integers(0, 9)),
)
scope = st.tuples(st.integers(-60, MINUTES), st.integers(1, MINUTES + 60), st.integers(-1, 1),
                  st.sampled_from(["desk", "job", "client"]), st.integers(0, 3))


def _desk(conn: Any, people_rows: list[tuple[str, int | None]],
          job_rows: list[tuple[int, int | None]]) -> dict[str, Any]:
    desk = conn.execute(insert(desks).values(name=f"desk {datetime.now().timestamp()}", created_at=BASE)
                        .returning(desks.c.id)).scalar_one()
    ids: dict[str, Any] = {"desk": desk}
    ids["users"] = [conn.execute(insert(users).values(desk_id=desk, login=f"u{desk}-{i}", created_at=BASE)
                                 .returning(users.c.id)).scalar_one() for i in range(2)]
    ids["companies"] = [conn.execute(insert(companies).values(desk_id=desk, name=f"Co {i}", name_key=f"co{i}",
                                                              created_at=BASE).returning(companies.c.id)).scalar_one()
                        for i in range(2)]
    ids["people"] = [conn.execute(insert(people).values(
        desk_id=desk, name=f"P {i}", timezone=zone, seniority=sen, created_at=BASE, updated_at=BASE)
        .returning(people.c.id)).scalar_one() for i, (zone, sen) in enumerate(people_rows)]
    ids["jobs"] = [conn.execute(insert(jobs).values(
        desk_id=desk, title=f"J {i}", company_id=ids["companies"][company], seniority=sen, created_at=BASE)
        .returning(jobs.c.id)).scalar_one() for i, (company, sen) in enumerate(job_rows)]
    return ids


def _pick(rows: list[int], i: int) -> int | None:
    return rows[i % len(rows)] if i >= 0 and rows else None


def _edit(conn: Any, ids: dict[str, Any], touch_ids: list[int], change: tuple[Any, ...]) -> None:
    desk, what = ids["desk"], change[0]
    if what in ("move", "outcome", "job", "delete"):
        if not touch_ids:
            return
        mine = (touches.c.desk_id == desk) & (touches.c.id == touch_ids[change[1] % len(touch_ids)])
        if what == "delete":
            conn.execute(delete(touches).where(mine))
            return
        value = {"move": lambda: {"at": BASE + timedelta(minutes=change[2])},
                 "outcome": lambda: {"outcome": change[2]},
                 "job": lambda: {"job_id": _pick(ids["jobs"], change[2])}}[what]()
        conn.execute(update(touches).where(mine).values(**value))
        return
    table = jobs if what in ("job seniority", "drop job") else people
    rows = ids["jobs"] if table is jobs else ids["people"]
    row = _pick(rows, change[1])
    if row is None:
        return
    mine = (table.c.desk_id == desk) & (table.c.id == row)
    if what.startswith("drop"):
        conn.execute(delete(table).where(mine))
        rows.remove(row)
    else:
        conn.execute(update(table).where(mine).values(
            **{"zone": {"timezone": change[2]}}.get(what, {"seniority": change[2]})))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people_rows=st.lists(st.tuples(st.sampled_from(ZONES), SENIORITY), min_size=1, max_size=6),
       job_rows=st.lists(st.tuples(st.integers(0, 1), SENIORITY), max_size=4),
       logged=st.lists(touch, max_size=60), edits=st.lists(edit, max_size=12), scopes=st.lists(scope, min_size=1,
                                                                                               max_size=4))
def test_any_range_and_filter_counts_the_same_from_rollups_as_from_touches(
        engine: Engine, people_rows: list[Any], job_rows: list[Any], logged: list[Any], edits: list[Any],
        scopes: list[Any]) -> None:
    with engine.begin() as conn:
        ids = _desk(conn, people_rows, job_rows)
        touch_ids = [conn.execute(insert(touches).values(
            desk_id=ids["desk"], person_id=ids["people"][p % len(ids["people"])], job_id=_pick(ids["jobs"], j),
            user_id=_pick(ids["users"], u), kind=kind, outcome=outcome, reason=reason,
            at=BASE + timedelta(minutes=minute), created_at=BASE).returning(touches.c.id)).scalar_one()
            for p, j, u, kind, outcome, reason, minute in logged]
    with engine.begin() as conn:  # a bulk write: one statement, many touches
        conn.execute(update(touches).where(touches.c.desk_id == ids["desk"], touches.c.kind == "text")
                     .values(reason="bulk"))
    for change in edits:
        with engine.begin() as conn:
            _edit(conn, ids, touch_ids, change)
        with engine.connect() as conn:
            touch_ids = list(conn.execute(select(touches.c.id).where(touches.c.desk_id == ids["desk"])).scalars())
    with UnitOfWork(engine, ids["desk"]) as uow:
        for start, length, user, kind, which in scopes:
            begin = BASE + timedelta(minutes=start)
            job_id = _pick(ids["jobs"], which) if kind == "job" else None
            company_id = ids["companies"][which % 2] if kind == "client" else None
            args = (begin, begin + timedelta(minutes=length), "America/Chicago", _pick(ids["users"], user), job_id,
                    company_id)
            assert uow.analytics.counts(*args) == uow.analytics.counts_from_touches(*args)


def test_a_desk_built_in_bulk_then_merged_and_erased_counts_the_same_from_rollups_as_from_touches(
        engine: Engine) -> None:
    now = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)
    build_demo(UnitOfWork(engine), now, "America/Chicago", 300, bulk=True)

    def same() -> None:
        with UnitOfWork(engine) as uow:
            for user_id in (None, 1):
                args = (now - timedelta(days=730, hours=5), now, "America/Chicago", user_id)
                assert uow.analytics.counts(*args) == uow.analytics.counts_from_touches(*args)

    same()
    with engine.connect() as conn:
        busiest = list(conn.execute(select(touches.c.person_id).where(touches.c.desk_id == 1)
                                    .group_by(touches.c.person_id).order_by(func.count().desc()).limit(3)).scalars())
    merge_people(UnitOfWork(engine), FixedClock(now), busiest[0], busiest[1])
    erase_person(UnitOfWork(engine), FixedClock(now), busiest[2], "andrew")
    same()
    wipe(UnitOfWork(engine))  # `callsheet demo --fresh`: nothing of the old desk is counted any more
    with engine.connect() as conn:
        assert [conn.execute(select(func.count()).select_from(t)).scalar_one() for t in ROLLUPS] == [0, 0, 0, 0]
