from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from callsheet.store import schema


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

    from callsheet.store.tables import metadata

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
