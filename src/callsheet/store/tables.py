"""Table definitions (SQLAlchemy Core). Alembic migrations create them; this module mirrors them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    FetchedValue,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine.interfaces import ExecutionContext
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import DDLCompiler

# Named constraints keep Alembic's batch mode (SQLite) and PostgreSQL in agreement.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on both stores.

    SQLite keeps no zone, so every time is stored as UTC and given its zone back on the way out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; services work in aware times")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _at(name: str, nullable: bool = True) -> Column[datetime]:
    return Column(name, UTCDateTime(), nullable=nullable)


# -- desks: the tenants ------------------------------------------------------------------------------
#
# A desk is an agency, or a job seeker's own desk. Every table below but the few global ones is a tenant
# table: it carries desk_id, its primary key and unique constraints start with it, and its foreign keys to
# other tenant tables include it, so one desk's rows stay together (on one Citus node) and no row can
# point into another desk. docs/scale-out.md explains the layout.

#: The connection's `info` key of the desk a unit of work works in (set by store/uow.py).
DESK_ID = "desk_id"

desks = Table(
    "desks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    # The desk's own calling policy; "" (or no narrowing) means the server's settings.
    Column("timezone", String(64), nullable=False, default="", server_default=""),
    Column("holidays", String(20), nullable=False, default="", server_default=""),
    Column("window_start", String(5), nullable=False, default="", server_default=""),
    Column("window_end", String(5), nullable=False, default="", server_default=""),
    # The desk's own number at the telephony provider (E.164; "" for the server's): its outbound calls'
    # caller ID and the number its inbound calls ring (a desk key of kind "number").
    Column("number", String(20), nullable=False, default="", server_default=""),
    # The salt of the desk's erased people's hashes and released numbers (never leaves the database).
    Column("hash_salt", String(64), nullable=False, default="", server_default=""),
    _at("created_at", nullable=False),
)

#: Facts unique across every desk (login names, API token hashes, share-link token hashes, a telephony
#: provider's call ids), each mapped to the desk that holds it: a request that carries one finds its desk
#: here before it opens that desk. Small and read on every request: a Citus reference table.
desk_keys = Table(
    "desk_keys",
    metadata,
    Column("kind", String(10), primary_key=True),  # "login", "token", "share", "call", "number"
    Column("key", String(320), primary_key=True),
    Column("desk_id", Integer, nullable=False),
)


def _current_desk(context: ExecutionContext) -> int:
    # Every row a unit of work inserts belongs to its desk: the one place a write learns its desk_id.
    desk = context.connection.info.get(DESK_ID)
    if desk is None:
        raise LookupError("a tenant row written outside a desk's unit of work")
    return int(desk)


#: References cleared when their row goes: on SQLite they name the referred id alone (see below).
SQLITE_ID_REFERENCES: set[str] = set()


class Ref:
    """A column's reference to a row of another tenant table of the same desk (made a foreign key on
    (desk_id, column) by `tenant`)."""

    def __init__(self, table: str, ondelete: str | None = None) -> None:
        self.table = table
        self.ondelete = ondelete


def ref(name: str, table: str, ondelete: str | None = None, **options: Any) -> Column[int]:
    """An integer column naming a row of `table` in the same desk."""
    return Column(name, Integer, info={"ref": Ref(table, ondelete)}, **options)


def tenant(name: str, *items: Any) -> Table:
    """A tenant table: desk_id first, in the primary key, in every unique constraint and in every
    reference to another tenant table. An integer `id` key is numbered by the database."""
    columns: list[Column[Any]] = [Column(DESK_ID, Integer, nullable=False, default=_current_desk)]
    extras: list[Any] = []
    key: list[str] = []
    for item in items:
        if not isinstance(item, Column):
            if isinstance(item, UniqueConstraint):
                item = UniqueConstraint(DESK_ID, *[str(c) for c in item._pending_colargs], name=item.name)
            extras.append(item)
            continue
        if item.primary_key:
            key.append(item.name)
            item.primary_key = False
            if item.name == "id" and isinstance(item.type, Integer):
                item.autoincrement = False
                FetchedValue()._set_parent_with_dispatch(item)
        if item.unique:
            item.unique = None
            extras.append(UniqueConstraint(DESK_ID, item.name, name=f"uq_{name}_{item.name}"))
        ref = item.info.pop("ref", None)
        if ref is not None:
            ondelete = ref.ondelete
            if ondelete == "SET NULL":  # clear the reference only, never the row's desk
                ondelete = f"SET NULL ({item.name})"
                SQLITE_ID_REFERENCES.add(f"fk_{name}_{item.name}_{ref.table}")
            extras.append(ForeignKeyConstraint(
                [DESK_ID, item.name], [f"{ref.table}.{DESK_ID}", f"{ref.table}.id"], ondelete=ondelete,
                name=f"fk_{name}_{item.name}_{ref.table}"))
        columns.append(item)
    return Table(name, metadata, *columns, PrimaryKeyConstraint(DESK_ID, *key, name=f"pk_{name}"), *extras)


@compiles(PrimaryKeyConstraint, "sqlite")
def _sqlite_primary_key(constraint: PrimaryKeyConstraint, compiler: DDLCompiler, **kw: Any) -> str:
    # SQLite numbers only a lone INTEGER PRIMARY KEY: there the id alone is the key (ids never repeat
    # across desks of one file) and (desk_id, id) is unique, so references that include the desk hold.
    names = [c.name for c in constraint.columns]
    if names == [DESK_ID, "id"]:
        return f"CONSTRAINT {constraint.name} PRIMARY KEY (id), UNIQUE (desk_id, id)"
    return compiler.visit_primary_key_constraint(constraint, **kw)


@compiles(ForeignKeyConstraint, "sqlite")
def _sqlite_foreign_key(constraint: ForeignKeyConstraint, compiler: DDLCompiler, **kw: Any) -> str:
    # SQLite's SET NULL would clear every column of the key, desk_id too: such a reference points at the
    # referred id alone (unique in the file).
    ondelete = constraint.ondelete or ""
    if ondelete.startswith("SET NULL ("):
        column = ondelete[len("SET NULL ("):-1]
        target = constraint.elements[-1].column.table.name
        return (f"CONSTRAINT {constraint.name} FOREIGN KEY({column}) REFERENCES {target} (id) "
                "ON DELETE SET NULL")
    return compiler.visit_foreign_key_constraint(constraint, **kw)


users = tenant(
    "users",
    Column("id", Integer, primary_key=True),
    Column("login", String(200), nullable=False, unique=True),
    Column("name", String(200), nullable=False, default=""),
    Column("role", String(20), nullable=False, default="recruiter"),
    ref("company_id", "companies", nullable=True),
    Column("password_hash", String(200), nullable=True),
    Column("active", Boolean, nullable=False, default=True),
    _at("created_at", nullable=False),
    # Carried in the session cookie; signing out, a new password or "sign out everywhere" raises it,
    # which ends every copy of the cookie (checked on every signed-in request, migration 0123).
    Column("session_version", Integer, nullable=False, default=0, server_default="0"),
    # The user's own phone, E.164: click-to-call rings it first, inbound calls are forwarded to it (migration 0130).
    Column("phone", String(20), nullable=False, default="", server_default=""),
)

#: API tokens, named and revocable; only a hash of each is kept (migration 0126).
api_tokens = tenant(
    "api_tokens",
    Column("id", Integer, primary_key=True),
    ref("user_id", "users", nullable=False, index=True),
    Column("name", String(100), nullable=False),
    # Every API request finds its token by this hash: unique, so two holders never answer to one token.
    Column("token_hash", String(64), nullable=False, unique=True),
    _at("created_at", nullable=False),
    # Written at most once a minute per token (domain/tokens.USE_RECORDED_EVERY).
    _at("last_used_at"),
    _at("revoked_at"),
    ref("revoked_by", "users", nullable=True),
)

#: Failed sign-ins per account ("account:<login>") and per client address ("address:<ip>"): kept in the
#: store so that every server process refuses the same attempts (services/accounts/signin.py).
sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("key", String(320), primary_key=True),
    Column("failures", Integer, nullable=False, default=0),
    _at("last_at", nullable=False),
    # No attempt is heard before this moment: a growing delay, then a lock.
    _at("refused_until"),
)

companies = tenant(
    "companies",
    Column("id", Integer, primary_key=True),
    Column("name", String(300), nullable=False),
    # lookup.companies.company_key of the name: "ACME, Inc.", "Acme Corp" and "acme" are one company,
    # shown by the name it was first seen under.
    Column("name_key", String(300), nullable=False, unique=True),
    Column("city", String(120), nullable=False, default=""),
    Column("state", String(2), nullable=False, default=""),
    Column("is_client", Boolean, nullable=False, default=False),
    _at("created_at", nullable=False),
)

company_merges = tenant(
    "company_merges",
    # One row per company folded into another because both are spellings of one name (migration 0124):
    # what it was called and where its people, jobs, users and applications went.
    Column("id", Integer, primary_key=True),
    ref("kept_id", "companies", "CASCADE", nullable=False, index=True),
    Column("merged_id", Integer, nullable=False),
    Column("merged_name", String(300), nullable=False),
    _at("at", nullable=False),
)

people = tenant(
    "people",
    Column("id", Integer, primary_key=True),
    Column("name", String(300), nullable=False),
    # The name's parts, parsed from it when the person is written unless a user set them (migration 0125).
    Column("first_name", String(300), nullable=False, default="", server_default=""),
    Column("last_name", String(300), nullable=False, default="", server_default=""),
    Column("title", String(300), nullable=False, default=""),
    ref("company_id", "companies", nullable=True, index=True),
    Column("seniority", Integer, nullable=True),
    Column("skills", Text, nullable=False, default=""),
    Column("city", String(120), nullable=False, default=""),
    Column("state", String(2), nullable=False, default=""),
    Column("zip", String(10), nullable=False, default=""),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
    Column("timezone", String(64), nullable=False, default=""),
    Column("active", Boolean, nullable=False, default=False),
    Column("profile", Text, nullable=False, default=""),
    Column("linkedin_url", String(500), nullable=True, index=True),
    Column("suppression", String(20), nullable=False, default="none", index=True),
    _at("suppressed_at"),
    Column("suppressed_by", String(200), nullable=False, default=""),
    Column("suppression_reason", Text, nullable=False, default=""),
    ref("referred_by_id", "people", nullable=True),
    _at("created_at", nullable=False),
    _at("updated_at", nullable=False),
    # The latest touch's time, kept by every write of touches (log, merge, erase, demo): the call
    # sheet reads staleness here instead of asking touches for a max per pipeline row.
    _at("last_touch_at"),
)

phones = tenant(
    "phones",
    Column("id", Integer, primary_key=True),
    # No index of its own on person_id: uq_phones_person_e164 starts with it and serves every look-up
    # by person (and the cascade), so an import writes one index fewer per phone (migration 0120).
    ref("person_id", "people", "CASCADE", nullable=False),
    # Not unique: a household's landline can belong to several people.
    Column("e164", String(20), nullable=False, index=True),
    Column("label", String(40), nullable=False, default=""),
    Column("status", String(20), nullable=False, default="ok"),
    _at("status_at"),
    Column("position", Integer, nullable=False, default=0),
    UniqueConstraint("person_id", "e164", name="uq_phones_person_e164"),
)

emails = tenant(
    "emails",
    Column("id", Integer, primary_key=True),
    # As for phones: uq_emails_person_address serves look-ups by person (migration 0120).
    ref("person_id", "people", "CASCADE", nullable=False),
    Column("address", String(320), nullable=False, index=True),
    Column("position", Integer, nullable=False, default=0),
    UniqueConstraint("person_id", "address", name="uq_emails_person_address"),
)

jobs = tenant(
    "jobs",
    Column("id", Integer, primary_key=True),
    Column("title", String(300), nullable=False),
    ref("company_id", "companies", nullable=False, index=True),
    ref("hiring_manager_id", "people", nullable=True),
    Column("city", String(120), nullable=False, default=""),
    Column("state", String(2), nullable=False, default=""),
    Column("zip", String(10), nullable=False, default=""),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
    Column("timezone", String(64), nullable=False, default=""),
    Column("seniority", Integer, nullable=True),
    Column("skills", Text, nullable=False, default=""),
    Column("urgency", Integer, nullable=False, default=3),
    Column("opportunity", Integer, nullable=False, default=3),
    Column("fee_type", String(20), nullable=False, default="contingent"),
    Column("status", String(20), nullable=False, default="open"),
    ref("owner_id", "users", nullable=True, index=True),
    Column("description", Text, nullable=False, default=""),
    _at("created_at", nullable=False),
)

candidacies = tenant(
    "candidacies",
    Column("id", Integer, primary_key=True),
    ref("job_id", "jobs", "CASCADE", nullable=False),
    ref("person_id", "people", "CASCADE", nullable=False, index=True),
    Column("stage", String(20), nullable=False, default="sourced"),
    # A person the client named and asked us to call.
    Column("is_target", Boolean, nullable=False, default=False),
    _at("created_at", nullable=False),
    _at("updated_at", nullable=False),
    UniqueConstraint("job_id", "person_id", name="uq_candidacies_job_person"),
    Index("ix_candidacies_job_stage", "job_id", "stage"),
)

touches = tenant(
    "touches",
    Column("id", Integer, primary_key=True),
    ref("person_id", "people", "CASCADE", nullable=False),
    ref("job_id", "jobs", "SET NULL", nullable=True),
    Column("phone", String(20), nullable=False, default=""),
    Column("kind", String(20), nullable=False, default="call"),
    Column("direction", String(10), nullable=False, default="out"),
    _at("at", nullable=False),
    Column("duration_s", Integer, nullable=True),
    Column("outcome", String(30), nullable=False),
    Column("reason", String(40), nullable=False, default=""),
    Column("notes", Text, nullable=False, default=""),
    Column("rung", String(40), nullable=False, default=""),
    _at("callback_at"),
    ref("user_id", "users", nullable=True),
    ref("referral_person_id", "people", nullable=True),
    _at("created_at", nullable=False),
    # Covers what the contact policy reads of a history (the call sheet reads it index-only).
    Index("ix_touches_person_history", "person_id", "at", "job_id", "outcome", "phone", "callback_at", "user_id",
          "reason"),
    Index("ix_touches_job_at", "job_id", "at"),
    # A range of the desk's touches by time (the part-days of an analytics range, store/queries/rollups.py).
    Index("ix_touches_desk_at", "desk_id", "at"),
    # The few calls that came in and the few touches that got a referral, by person or time: analytics
    # find returned voicemails from the calls that came in, and referrals, without reading every touch.
    Index("ix_touches_inbound", "desk_id", "at", "person_id", sqlite_where=text("direction = 'in'"),
          postgresql_where=text("direction = 'in'")),
    Index("ix_touches_referrals", "desk_id", "at", sqlite_where=text("referral_person_id IS NOT NULL"),
          postgresql_where=text("referral_person_id IS NOT NULL")),
)

# -- outreach roll-ups: touches counted by UTC day, kept by triggers on every write (migration 0135) ------
#
# Key columns hold 0 or '' where the touch has none (no user, unknown seniority, a person without a zone),
# so each group is one row under the primary key. The "_by_job" twins hold only touches about a job.


def _rollup(name: str, job: bool, *items: Any) -> Table:
    keys: list[Column[Any]] = [Column("day", Date, primary_key=True)]
    if job:
        keys.append(Column("job_id", Integer, primary_key=True))
    return tenant(name, *keys, Column("user_id", Integer, primary_key=True), *items)


def _counted(name: str, job: bool) -> Table:
    return _rollup(name, job, Column("seniority", Integer, primary_key=True),
                   Column("kind", String(20), primary_key=True), Column("outcome", String(30), primary_key=True),
                   Column("reason", String(40), primary_key=True), Column("n", BigInteger, nullable=False))


def _hourly(name: str, job: bool) -> Table:
    # Dials only: by the callee's zone and the UTC hour, turned into the callee's local hour when read.
    return _rollup(name, job, Column("zone", String(64), primary_key=True), Column("hour", Integer, primary_key=True),
                   Column("dials", BigInteger, nullable=False), Column("reached", BigInteger, nullable=False))


touch_counts = _counted("touch_counts", job=False)
touch_counts_by_job = _counted("touch_counts_by_job", job=True)
touch_hours = _hourly("touch_hours", job=False)
touch_hours_by_job = _hourly("touch_hours_by_job", job=True)
#: Every outreach roll-up (kept by triggers, never written by the code).
ROLLUPS = (touch_counts, touch_counts_by_job, touch_hours, touch_hours_by_job)

calls = tenant(
    "calls",
    # Calls placed or taken through a telephony provider, keyed by the provider's call id (migration 0130).
    Column("id", Integer, primary_key=True),
    Column("provider_call_id", String(64), nullable=False, unique=True),
    ref("touch_id", "touches", "SET NULL", nullable=True),
    ref("person_id", "people", "CASCADE", nullable=True),
    ref("user_id", "users", nullable=True),
    Column("phone", String(20), nullable=False, default=""),
    ref("job_id", "jobs", "SET NULL", nullable=True),
    Column("direction", String(10), nullable=False, default="out"),
    Column("state", String(20), nullable=False),
    Column("state_rank", Integer, nullable=False),
    Column("duration_s", Integer, nullable=True),
    _at("created_at", nullable=False),
    _at("updated_at", nullable=False),
    # The desk's stream of inbound calls reads a user's newest calls.
    Index("ix_calls_user_id", "user_id", "id"),
)

suppression_events = tenant(
    "suppression_events",
    Column("id", Integer, primary_key=True),
    ref("person_id", "people", "CASCADE", nullable=False, index=True),
    # "set" a suppression, "lift" it, or "release" one of the person's numbers for a new holder
    # (lift and release: admin only, reason required).
    Column("action", String(10), nullable=False),
    Column("suppression", String(20), nullable=False),
    Column("reason", Text, nullable=False, default=""),
    ref("user_id", "users", nullable=True),
    Column("user_name", String(200), nullable=False, default=""),
    _at("at", nullable=False),
)

person_links = tenant(
    "person_links",
    Column("id", Integer, primary_key=True),
    ref("person_id", "people", "CASCADE", nullable=False, index=True),
    # "knows": the desk's user knows this person (LinkedIn, contacts); "referred_by": see other_id.
    Column("kind", String(20), nullable=False),
    ref("other_person_id", "people", "CASCADE", nullable=True),
    ref("user_id", "users", "CASCADE", nullable=True),
    _at("since"),
    _at("created_at", nullable=False),
)

# -- the job seeker's desk ---------------------------------------------------------------------------
applications = tenant(
    "applications",
    Column("id", Integer, primary_key=True),
    ref("user_id", "users", nullable=True, index=True),
    ref("company_id", "companies", nullable=False),
    Column("role", String(300), nullable=False),
    Column("posting_url", String(1000), nullable=False, default=""),
    Column("applied_on", Date, nullable=False),
    Column("channel", String(20), nullable=False, default="job_board"),
    # The hiring manager or recruiter, when known: the person the follow-up call goes to.
    ref("contact_person_id", "people", "SET NULL", nullable=True),
    Column("status", String(20), nullable=False, default="applied"),
    Column("notes", Text, nullable=False, default=""),
    _at("created_at", nullable=False),
)

application_touches = tenant(
    "application_touches",
    ref("touch_id", "touches", "CASCADE", primary_key=True),
    ref("application_id", "applications", "CASCADE", nullable=False,
           index=True),
    # True for the one follow-up call the rule allows.
    Column("is_followup", Boolean, nullable=False, default=True),
)

# Promised callbacks are found by outcome and due time, not by scanning every touch of a job.
Index("ix_touches_outcome_callback", touches.c.outcome, touches.c.callback_at)

seeker_plans = tenant(
    "seeker_plans",
    Column("id", Integer, primary_key=True),
    ref("user_id", "users", "CASCADE", nullable=False, unique=True),
    Column("strengths", Text, nullable=False, default=""),
    Column("passions", Text, nullable=False, default=""),
    Column("target_roles", Text, nullable=False, default=""),
    Column("target_companies", Text, nullable=False, default=""),
    Column("weekly_calls", Integer, nullable=False, default=15),
    Column("weekly_followups", Integer, nullable=False, default=5),
    Column("weekly_contacts", Integer, nullable=False, default=10),
    Column("weekly_applications", Integer, nullable=False, default=5),
    _at("updated_at", nullable=False),
)

desk_meta = Table(
    "desk_meta",
    metadata,
    # Small values of the database itself, e.g. the epoch that names this copy to its search indexes.
    Column("key", String(50), primary_key=True),
    Column("value", Text, nullable=False),
)

erased_keys = tenant(
    "erased_keys",
    Column("id", Integer, primary_key=True),
    # The erased person's tombstone row: a match on a key finds a suppressed person, never a new one.
    ref("person_id", "people", "CASCADE", nullable=False, index=True),
    Column("kind", String(10), nullable=False),
    # Salted SHA-256 of the phone (E.164), email (lower-cased) or LinkedIn URL; the value itself is gone.
    Column("digest", String(64), nullable=False, index=True),
)

number_releases = tenant(
    "number_releases",
    # An admin's release of one number from one marked person's claim on it (the number was given to
    # someone else): the mark stays on the person, the number is free for its new holder.
    Column("id", Integer, primary_key=True),
    ref("person_id", "people", "CASCADE", nullable=False, index=True),
    # Salted SHA-256 of the number, as erased_keys keeps it: an erased person's number is never stored.
    Column("digest", String(64), nullable=False, index=True),
    Column("reason", Text, nullable=False),
    ref("user_id", "users", nullable=True),
    Column("user_name", String(200), nullable=False, default=""),
    _at("at", nullable=False),
)

# -- do-not-call lists from outside: the agency's own, a state's, a client's -------------------------
dnc_lists = tenant(
    "dnc_lists",
    Column("id", Integer, primary_key=True),
    Column("name", String(300), nullable=False, unique=True),  # the --source it is imported as
    _at("created_at", nullable=False),
    _at("removed_at"),  # an admin removed it: every number released, the audit kept
)

dnc_events = tenant(
    "dnc_events",
    # The audit of a list: each import (a new version replaces the old) and its removal, with counts.
    Column("id", Integer, primary_key=True),
    ref("list_id", "dnc_lists", "CASCADE", nullable=False, index=True),
    Column("action", String(10), nullable=False),  # "import" or "remove"
    Column("file", String(300), nullable=False, default=""),
    Column("listed", Integer, nullable=False),  # numbers on the list after it
    Column("added", Integer, nullable=False),
    Column("released", Integer, nullable=False),
    Column("rejected", Integer, nullable=False),
    ref("user_id", "users", nullable=True),
    Column("user_name", String(200), nullable=False, default=""),
    _at("at", nullable=False),
)

dnc_numbers = tenant(
    "dnc_numbers",
    # A number on a list from the import that listed it until the import (or removal) that released it.
    # The ids point at dnc_lists and dnc_events without foreign keys: a list brings up to millions of
    # numbers at once, PostgreSQL's check of each key would triple the cost of writing them, and only a
    # list's own import and removal (store/dnc_repo.py) write these rows; lists and events are never deleted.
    Column("id", Integer, primary_key=True),
    Column("list_id", Integer, nullable=False),
    Column("e164", String(20), nullable=False, index=True),
    Column("listed_event_id", Integer, nullable=False),
    Column("released_event_id", Integer, nullable=True),
)
# A list's numbers: read whole when a new version is compared with it, released by number.
Index("ix_dnc_numbers_list_id_e164", dnc_numbers.c.list_id, dnc_numbers.c.e164)

import_keys = tenant(
    "import_keys",
    # Salted digest of an imported row that had no phone, email or LinkedIn URL to match on, so
    # importing it again finds the same person instead of creating another.
    Column("digest", String(64), primary_key=True),
    ref("person_id", "people", "CASCADE", nullable=False, index=True),
)


resumes = tenant(
    "resumes",
    # A résumé file kept on a person's card, bytes and all (every server of a desk reads the one
    # database); the newest is the person's current résumé, and its text is searched with them.
    Column("id", Integer, primary_key=True),
    ref("person_id", "people", "CASCADE", nullable=False, index=True),
    Column("file_name", String(300), nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("size", Integer, nullable=False),
    # Hex SHA-256 of the bytes: the same file imported again is found, not stored twice.
    Column("sha256", String(64), nullable=False, index=True),
    Column("content", LargeBinary, nullable=False),
    Column("text", Text, nullable=False),
    # What the text proposed (name, phones, emails, LinkedIn URL, place, skills, seniority), as JSON.
    Column("proposed", Text, nullable=False, default="{}"),
    Column("user_name", String(200), nullable=False, default=""),
    _at("created_at", nullable=False),
    UniqueConstraint("person_id", "sha256", name="uq_resumes_person_id"),
)


# -- call scripts: the user's own versions, overriding the shipped defaults -------------------------
scripts = tenant(
    "scripts",
    Column("id", Integer, primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("part", String(20), nullable=False),
    Column("body", Text, nullable=False),
    Column("updated_by", String(200), nullable=False, default=""),
    _at("updated_at", nullable=False),
    UniqueConstraint("kind", "part", name="uq_scripts_kind_part"),
)

# The win column reads only touches that reached a rung, by date: a narrow index keeps it off the full log.
Index("ix_touches_rung_at", touches.c.rung, touches.c.at)


search_changes = tenant(
    "search_changes",
    # People whose searchable data changed (migration 0105's triggers write it). Each index folder
    # follows it from its own cursor (store/search/follow.py), which also keeps only each person's
    # latest change. No foreign key: the row of an erased or deleted person must still reach the index.
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, nullable=False),
    # Followed across every desk by id (store/search/follow.py).
    Index("ix_search_changes_id", "id"),
)

#: The store's own search index of migration 0005 (FTS5 / tsvector tables), dropped by 0105; left out
#: of schema comparisons for a database between those two revisions.
SEARCH_INDEX_TABLES = ("people_fts", "people_search")


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic's filter: leave the search index out of autogenerate and schema comparisons."""
    return not (type_ == "table" and (name or "").startswith(SEARCH_INDEX_TABLES))


# -- client report links -----------------------------------------------------------------------------
report_shares = tenant(
    "report_shares",
    Column("id", Integer, primary_key=True),
    ref("job_id", "jobs", "CASCADE", nullable=False, index=True),
    # Only a hash of the token is kept: a copy of the database cannot be turned into working links.
    Column("token_hash", String(64), nullable=False, unique=True),
    ref("user_id", "users", nullable=True),
    _at("created_at", nullable=False),
    _at("expires_at", nullable=False),
    _at("revoked_at"),
)


# -- imports started from the web desk or the API ------------------------------------------------------
import_runs = tenant(
    "import_runs",
    # The run's random id, as its pages and the API name it.
    Column("id", String(40), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("filename", String(200), nullable=False),
    ref("user_id", "users", nullable=False, index=True),
    Column("dry_run", Boolean, nullable=False, default=False),
    # running, done or failed; a running one whose progress stopped coming is shown as interrupted.
    Column("state", String(20), nullable=False),
    _at("started_at", nullable=False),
    # When progress was last written (after every batch of a real import, and at the end).
    _at("updated_at", nullable=False),
    _at("finished_at"),
    # How far through the file the import has read, in bytes, and the rows read so far.
    Column("bytes_total", BigInteger, nullable=False),
    Column("bytes_done", BigInteger, nullable=False, default=0),
    Column("rows", Integer, nullable=False, default=0),
    Column("created", Integer, nullable=False, default=0),
    Column("merged", Integer, nullable=False, default=0),
    Column("suppressed", Integer, nullable=False, default=0),
    Column("rejected", Integer, nullable=False, default=0),
    Column("problems", Integer, nullable=False, default=0),
    Column("error", Text, nullable=False, default=""),
    Column("error_field", String(40), nullable=False, default=""),
    # The rejects file itself (CSV), so any server of the desk offers it; rows past the size cap are
    # counted, not kept.
    Column("rejects", LargeBinary, nullable=True),
    Column("rejects_left_out", Integer, nullable=False, default=0),
)


# -- rehearsals: practice calls with a simulated listener, never touches --------------------------------
rehearsals = tenant(
    "rehearsals",
    Column("id", Integer, primary_key=True),
    ref("user_id", "users", nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    ref("person_id", "people", "CASCADE", nullable=False, index=True),
    ref("job_id", "jobs", "SET NULL", nullable=True),
    Column("seed", BigInteger, nullable=False),
    Column("share", Boolean, nullable=False),
    Column("ask", Boolean, nullable=False),
    Column("close", Boolean, nullable=False),
    # The rung the listener agreed to, "" when the call closed on nothing.
    Column("rung", String(40), nullable=False, default=""),
    # [{"speaker": "you" | "listener", "text": ...}, ...]
    Column("transcript", Text, nullable=False),
    _at("at", nullable=False),
    Index("ix_rehearsals_at", "at"),
)
