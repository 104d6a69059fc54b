"""Each tenant table hash-partitioned by desk_id: the layout rules of a Citus cluster, on one PostgreSQL.

A table partitioned by `PARTITION BY HASH (desk_id)` must have desk_id in each primary key and unique
constraint, as a Citus table distributed by desk_id must; references between such tables carry desk_id
too. Turning every tenant table of a database into one (with `partition_by_desk`) and running the store
against it proves the layout (docs/scale-out.md): the tests do it with CALLSHEET_TEST_PARTITIONED=1.

Everything is read from the catalog, so the function follows the schema the migrations made: columns
(with their defaults and the sequences behind them, which the new table comes to own), the primary key,
unique and check constraints, references in and out, indexes, triggers, row-level security with its
policies, and the grants on each table. Rows already stored move into the new table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection

from callsheet.store.wall import tenant_tables

#: How many partitions each tenant table gets (rows of one desk always land in the same one).
PARTITIONS = 4

#: Tables of no desk: copied to every node of a Citus cluster.
REFERENCE_TABLES = ("desks", "desk_keys", "sign_in_failures", "desk_meta")


@dataclass
class _Shape:
    """What a table is besides its columns, as the statements that make it again."""

    constraints: list[tuple[str, str]] = field(default_factory=list)  # (name, definition): key, unique, check
    indexes: list[str] = field(default_factory=list)
    triggers: list[str] = field(default_factory=list)
    policies: list[str] = field(default_factory=list)
    security: list[str] = field(default_factory=list)
    grants: list[str] = field(default_factory=list)
    sequences: list[tuple[str, str]] = field(default_factory=list)  # (sequence, column)


def partition_by_desk(connection: Connection, partitions: int = PARTITIONS) -> list[str]:
    """Make every tenant table not yet partitioned a table hash-partitioned by desk_id; returns their names.

    Run as the tables' owner, in one transaction: nothing else may use the tables meanwhile.
    """
    tables = [t for t in tenant_tables(connection) if _kind(connection, t) == "r"]
    if not tables:
        return []
    references = _references(connection, tables)
    for table, name, _ in references:  # they point at tables about to be made again
        connection.exec_driver_sql(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    for table in tables:
        _partition(connection, table, _shape(connection, table), partitions)
    for table, name, definition in references:
        connection.exec_driver_sql(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
    return tables


def _kind(connection: Connection, table: str) -> str:
    return str(connection.exec_driver_sql(
        "SELECT relkind FROM pg_class WHERE oid = %(t)s::regclass", {"t": f'"{table}"'}).scalar_one())


def _references(connection: Connection, tables: list[str]) -> list[tuple[str, str, str]]:
    """(table, name, definition) of every reference from or to one of `tables`."""
    rows = connection.exec_driver_sql(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND (conrelid::regclass::text = ANY(%(t)s) OR confrelid::regclass::text = ANY(%(t)s)) "
        "ORDER BY 1, 2", {"t": tables}).all()
    return [(str(table).strip('"'), name, definition) for table, name, definition in rows]


def _shape(connection: Connection, table: str) -> _Shape:
    """The table's statements, read while it still has its name (the definitions name it)."""
    run = connection.exec_driver_sql
    t = {"t": f'"{table}"'}
    shape = _Shape()
    shape.constraints = [(n, d) for n, d in run(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %(t)s::regclass "
        "AND contype IN ('p', 'u', 'c') ORDER BY contype = 'p' DESC, conname", t).all()]
    shape.indexes = list(run(
        "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = %(t)s::regclass AND NOT EXISTS "
        "(SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid) ORDER BY 1",
        t).scalars())
    shape.triggers = list(run(
        "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = %(t)s::regclass AND NOT tgisinternal "
        "ORDER BY tgname", t).scalars())
    for name, permissive, roles, command, using, check in run(
            "SELECT policyname, permissive, roles, cmd, qual, with_check FROM pg_policies "
            "WHERE schemaname = current_schema() AND tablename = %(n)s ORDER BY policyname", {"n": table}).all():
        to = ", ".join("PUBLIC" if r == "public" else f'"{r}"' for r in roles)
        shape.policies.append(
            f'CREATE POLICY "{name}" ON "{table}" AS {permissive} FOR {command} TO {to}'
            + (f" USING ({using})" if using is not None else "")
            + (f" WITH CHECK ({check})" if check is not None else ""))
    enabled, forced = run("SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = %(t)s::regclass",
                          t).one()
    shape.security = ([f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY'] if enabled else []) + (
        [f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY'] if forced else [])
    shape.grants = [f'GRANT {privilege} ON "{table}" TO "{grantee}"' for grantee, privilege in run(
        "SELECT grantee, privilege_type FROM information_schema.role_table_grants "
        "WHERE table_schema = current_schema() AND table_name = %(n)s AND grantee <> current_user", {"n": table})]
    shape.sequences = [(s, c) for s, c in run(
        "SELECT d.objid::regclass::text, a.attname FROM pg_depend d JOIN pg_attribute a "
        "ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid WHERE d.classid = 'pg_class'::regclass "
        "AND d.refobjid = %(t)s::regclass AND d.deptype IN ('a', 'i') "
        "AND (SELECT relkind FROM pg_class WHERE oid = d.objid) = 'S'", t).all()]
    return shape


def _partition(connection: Connection, table: str, shape: _Shape, partitions: int) -> None:
    run = connection.exec_driver_sql
    old = f"_unpartitioned_{table}"
    run(f'ALTER TABLE "{table}" RENAME TO "{old}"')
    run(f'CREATE TABLE "{table}" (LIKE "{old}" INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING IDENTITY '
        f"INCLUDING STORAGE INCLUDING COMMENTS) PARTITION BY HASH (desk_id)")
    for remainder in range(partitions):
        run(f'CREATE TABLE "{table}_p{remainder}" PARTITION OF "{table}" '
            f"FOR VALUES WITH (MODULUS {partitions}, REMAINDER {remainder})")
    for sequence, column in shape.sequences:  # before the old table goes: it would take them along
        run(f'ALTER SEQUENCE {sequence} OWNED BY "{table}"."{column}"')
    run(f'INSERT INTO "{table}" SELECT * FROM "{old}"')
    run(f'DROP TABLE "{old}"')
    for name, definition in shape.constraints:
        run(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
    for statement in shape.indexes + shape.triggers + shape.security + shape.policies + shape.grants:
        run(statement)


def distribute_on_citus(connection: Connection) -> list[str]:
    """Citus: the global tables copied to every node, every tenant table sharded by desk_id in one
    co-location group (people's), referred tables before the tables that refer to them (a reference
    needs its target distributed first). Returns the tenant tables in the order they were distributed."""
    run = connection.exec_driver_sql
    for table in REFERENCE_TABLES:
        run(f"SELECT create_reference_table('{table}')")
    ordered = _in_reference_order(connection, tenant_tables(connection))
    for table in ordered:
        colocate = ordered[0] if table != ordered[0] else "default"
        run(f"SELECT create_distributed_table('{table}', 'desk_id', colocate_with => '{colocate}')")
    return ordered


def _in_reference_order(connection: Connection, tables: list[str]) -> list[str]:
    """Referred tables before the tables that refer to them (self-references aside)."""
    needs: dict[str, set[str]] = {t: set() for t in tables}
    for child, parent in connection.exec_driver_sql(
            "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid <> confrelid").all():
        if child in needs and parent in needs:
            needs[child].add(parent)
    ordered: list[str] = []
    while needs:
        ready = sorted(t for t, parents in needs.items() if parents <= set(ordered))
        if not ready:
            raise RuntimeError(f"references run in a circle among {sorted(needs)}")
        ordered.extend(ready)
        for t in ready:
            del needs[t]
    return ordered
