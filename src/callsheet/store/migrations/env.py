"""Alembic environment: the URL comes from the caller's config, else from Settings."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from callsheet.store.tables import include_name, metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # Batch mode rewrites tables on SQLite, whose ALTER TABLE cannot change columns.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from callsheet.store.engine import make_engine

    url = config.get_main_option("sqlalchemy.url")
    if not url:
        from callsheet.settings import get_settings

        url = get_settings().database_url
    engine = make_engine(url)
    with engine.connect() as conn:
        _run(conn)


run_migrations_online()
