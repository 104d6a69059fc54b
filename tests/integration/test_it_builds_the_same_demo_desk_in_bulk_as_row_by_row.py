"""A demo desk built through the bulk path (generated in a second process, driver statements, COPY on
PostgreSQL, a commit a chunk, indexes built after the load) is the desk the row-by-row path builds:
same people, phones, touches, suppressions, pipelines, last touches, change log and indexes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import Engine, inspect, text

from callsheet.services.demo import desk
from callsheet.services.demo.desk import build_demo, wipe
from callsheet.store.demo_writer import PERSON_TABLES
from callsheet.store.uow import UnitOfWork
from tests.conftest import DESK_ZONE, NOW

PEOPLE = 300


def _indexes(engine: Engine) -> dict[str, list[str]]:
    found = inspect(engine)
    return {table.name: sorted(str(i["name"]) for i in found.get_indexes(table.name)) for table, _ in PERSON_TABLES}


def _desk(engine: Engine, changes_after: int) -> dict[str, Any]:
    with engine.connect() as conn:
        def rows(sql: str) -> list[tuple[Any, ...]]:
            return [tuple(r) for r in conn.execute(text(sql))]

        return {
            "counts": {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                       for t in ("people", "phones", "emails", "touches", "candidacies", "suppression_events",
                                 "jobs", "companies")},
            "suppressions": rows("SELECT suppression, count(*) FROM people GROUP BY suppression ORDER BY 1"),
            "pipelines": rows("SELECT job_id, stage, count(*) FROM candidacies GROUP BY job_id, stage ORDER BY 1, 2"),
            "last touches": rows("SELECT id, last_touch_at FROM people ORDER BY id"),
            "names": rows("SELECT id, name, first_name, last_name FROM people ORDER BY id"),
            "phones": rows("SELECT person_id, e164, position FROM phones ORDER BY person_id, position"),
            # Whom the index is told to re-read (how often a statement-level trigger logs a person is
            # the engine's own matter).
            "logged for the search index": rows(f"SELECT DISTINCT person_id FROM search_changes WHERE id > "
                                                f"{changes_after} ORDER BY 1"),
        }


def _built(engine: Engine, bulk: bool) -> dict[str, Any]:
    with engine.connect() as conn:
        changes_after = conn.execute(text("SELECT coalesce(max(id), 0) FROM search_changes")).scalar_one()
    summary = build_demo(UnitOfWork(engine), datetime.fromisoformat(NOW), DESK_ZONE, PEOPLE, seed=11, bulk=bulk)
    return {"summary": summary, **_desk(engine, changes_after)}


def test_a_demo_built_in_bulk_is_the_desk_built_row_by_row(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    # In bulk, the people are generated in a forked child as a large desk's are.
    monkeypatch.setattr(desk, "FORK_FROM", 1)
    indexes = _indexes(engine)
    by_row = _built(engine, bulk=False)
    wipe(UnitOfWork(engine))
    in_bulk = _built(engine, bulk=True)
    assert by_row["counts"]["people"] >= PEOPLE and by_row["counts"]["touches"] > PEOPLE * 5
    assert by_row["suppressions"] != [("none", by_row["counts"]["people"])]  # the story's marked people
    assert sum(at is not None for _, at in by_row["last touches"]) >= PEOPLE  # kept by the store's triggers
    for key in by_row:
        assert in_bulk[key] == by_row[key], key
    # The indexes the bulk path dropped for its load are all back.
    assert _indexes(engine) == indexes

