import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from callsheet.store import schema
from tests.conftest import PARTITIONED


def test_it_runs_init_twice_without_harm(engine: Engine) -> None:
    first = schema.upgrade(engine)
    second = schema.upgrade(engine)
    assert first[1] == second[1] == schema.head_revision()
    assert second[0] == second[1]
    assert {"people", "phones", "touches", "suppression_events"} <= set(inspect(engine).get_table_names())


def test_its_migration_history_starts_at_the_first_table() -> None:
    scripts = ScriptDirectory.from_config(schema.alembic_config())
    base = scripts.get_revision("0001")
    assert base is not None and base.down_revision is None
    assert [r.revision for r in scripts.walk_revisions()][-1] == "0001"


def test_its_migrations_build_exactly_the_tables_the_code_uses(engine: Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from callsheet.store.tables import SQLITE_ID_REFERENCES, include_name, metadata

    if PARTITIONED and engine.dialect.name == "postgresql":
        pytest.skip("the partitions of a partitioned desk are tables the code does not name")
    with engine.connect() as connection:
        # The search index is engine-specific and outside the metadata (see tables.include_name).
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": include_name})
        differences = compare_metadata(context, metadata)
    if engine.dialect.name == "sqlite":  # SQLite's SET NULL references name the id alone (store/tables.py)
        differences = [d for d in differences
                       if not (d[0] in ("add_fk", "remove_fk") and d[1].name in SQLITE_ID_REFERENCES)]
    assert differences == []


def test_its_name_parts_migration_fills_first_and_last_name_for_people_already_stored(
        empty_database_url: str) -> None:
    from alembic import command
    from sqlalchemy import text

    from callsheet.store.engine import make_engine

    engine = make_engine(empty_database_url)
    config = schema.alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0124")
    names = ["Dr. Ann van der Berg", "Mr. José de la Cruz Jr.", "Kowalski, Jack", "Cher", "Dr. Smith"]
    with engine.begin() as connection:
        for name in names:
            connection.execute(text("INSERT INTO people (name, title, skills, city, state, zip, timezone, active, "
                                    "profile, suppression, suppressed_by, suppression_reason, created_at, "
                                    "updated_at) VALUES (:name, '', '', '', '', '', '', false, '', 'none', '', '', "
                                    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"), {"name": name})
        changes_before = connection.execute(text("SELECT count(*) FROM search_changes")).scalar_one()
    schema.upgrade(engine)
    with engine.connect() as connection:
        parts = connection.execute(text("SELECT name, first_name, last_name FROM people ORDER BY id")).all()
        changes_after = connection.execute(text("SELECT count(*) FROM search_changes")).scalar_one()
    assert [tuple(p) for p in parts] == [
        ("Dr. Ann van der Berg", "Ann", "van der Berg"), ("Mr. José de la Cruz Jr.", "José", "de la Cruz"),
        ("Kowalski, Jack", "Jack", "Kowalski"), ("Cher", "Cher", ""), ("Dr. Smith", "", "Smith")]
    # The parts hold no words the search index reads: filling them asks it to re-read nobody.
    assert changes_after == changes_before
