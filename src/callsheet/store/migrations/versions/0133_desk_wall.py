"""desk wall: PostgreSQL keeps each desk's rows apart (row-level security), and lays desks out for Citus

Revision ID: 0133
Revises: 0132

PostgreSQL only (SQLite: nothing). The role `callsheet_app` (no login, owns nothing) may read and write
every table and use every sequence of the schema, now and later; the migrating role is made a member so
it may `SET ROLE` to it. Every tenant table gets row-level security, enabled and forced, with the policy
`desk_wall` (callsheet_app sees and writes only the desk named by the setting `app.desk_id`) and the
policy `operator` (the migrating role, the tables' owner, sees every desk). desk_id loses the default
the move into desks left on it: every row names its desk. With the `citus` extension installed, each
tenant table is distributed by desk_id, all of them co-located, and the global tables become reference
tables.
"""

from __future__ import annotations

from alembic import op

from callsheet.store.partitioning import distribute_on_citus
from callsheet.store.wall import POLICY_CONDITION, ROLE, tenant_tables

revision = "0133"
down_revision = "0132"
branch_labels = None
depends_on = None

#: The role is the cluster's, shared by its databases: another database's migration may be making it
#: at this very moment, and whoever comes second keeps the first one's.
_CREATE_ROLE = f"""
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ROLE}') THEN
        CREATE ROLE {ROLE} NOLOGIN NOSUPERUSER NOINHERIT NOCREATEDB NOCREATEROLE NOREPLICATION;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$"""
_JOIN_ROLE = f"""
DO $$ BEGIN
    IF NOT pg_has_role(current_user, '{ROLE}', 'MEMBER') THEN
        EXECUTE format('GRANT {ROLE} TO %I', current_user);
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(_CREATE_ROLE)
    op.execute(_JOIN_ROLE)
    database = bind.exec_driver_sql("SELECT current_database()").scalar_one()
    op.execute(f'GRANT TEMP ON DATABASE "{database}" TO {ROLE}')
    schema = '"' + bind.exec_driver_sql("SELECT current_schema()").scalar_one() + '"'
    op.execute(f"GRANT USAGE ON SCHEMA {schema} TO {ROLE}")
    # UPDATE on sequences too: a desk's bulk build moves them past the ids it wrote (setval).
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {ROLE}")
    op.execute(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {schema} TO {ROLE}")
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {ROLE}")
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {ROLE}")
    for table in tenant_tables(bind):
        wall_table(table)
        op.execute(f"ALTER TABLE {table} ALTER COLUMN desk_id DROP DEFAULT")
    if bind.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'citus'").first():
        distribute_on_citus(bind)


def wall_table(table: str) -> None:
    """Row-level security, enabled and forced, and the two policies, on one tenant table."""
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.execute(f"DROP POLICY IF EXISTS desk_wall ON {table}")
    op.execute(f"CREATE POLICY desk_wall ON {table} FOR ALL TO {ROLE} USING ({POLICY_CONDITION}) "
               f"WITH CHECK ({POLICY_CONDITION})")
    op.execute(f"DROP POLICY IF EXISTS operator ON {table}")
    op.execute(f"CREATE POLICY operator ON {table} FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table in tenant_tables(bind):
        op.execute(f"DROP POLICY IF EXISTS desk_wall ON {table}")
        op.execute(f"DROP POLICY IF EXISTS operator ON {table}")
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} ALTER COLUMN desk_id SET DEFAULT 1")
