"""full-text search index over people: SQLite FTS5 or PostgreSQL tsvector + GIN, kept by triggers

Revision ID: 0005
Revises: 0009 (re-chained after merging main; written against 0001)
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0009"
branch_labels = None
depends_on = None

# -- SQLite ------------------------------------------------------------------------------------
# A regular FTS5 table (it keeps its own copy of the text) so a touch's note can be appended to a
# person's document without rebuilding it from every touch. remove_diacritics 0 matches the
# PostgreSQL side, which has no unaccent without an extension.
_NOTES = "coalesce((SELECT group_concat(notes, ' ') FROM touches WHERE person_id = {pid} AND notes != ''), '')"
_SQLITE = [
    "CREATE VIRTUAL TABLE people_fts USING fts5(name, title, company, skills, profile, notes, city, "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4')",
    f"""CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
      INSERT INTO people_fts (rowid, name, title, company, skills, profile, notes, city)
      VALUES (NEW.id, NEW.name, NEW.title, coalesce((SELECT name FROM companies WHERE id = NEW.company_id), ''),
              NEW.skills, NEW.profile, {_NOTES.format(pid='NEW.id')}, NEW.city);
    END""",
    """CREATE TRIGGER people_fts_update AFTER UPDATE OF name, title, company_id, skills, profile, city ON people
    BEGIN
      UPDATE people_fts SET name = NEW.name, title = NEW.title,
        company = coalesce((SELECT name FROM companies WHERE id = NEW.company_id), ''),
        skills = NEW.skills, profile = NEW.profile, city = NEW.city
      WHERE rowid = NEW.id;
    END""",
    "CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN DELETE FROM people_fts WHERE rowid = OLD.id; END",
    """CREATE TRIGGER touches_fts_insert AFTER INSERT ON touches WHEN NEW.notes != '' BEGIN
      UPDATE people_fts SET notes = CASE WHEN notes = '' THEN NEW.notes ELSE notes || ' ' || NEW.notes END
      WHERE rowid = NEW.person_id;
    END""",
    f"""CREATE TRIGGER touches_fts_update AFTER UPDATE OF notes, person_id ON touches BEGIN
      UPDATE people_fts SET notes = {_NOTES.format(pid='OLD.person_id')} WHERE rowid = OLD.person_id;
      UPDATE people_fts SET notes = {_NOTES.format(pid='NEW.person_id')} WHERE rowid = NEW.person_id;
    END""",
    f"""CREATE TRIGGER touches_fts_delete AFTER DELETE ON touches WHEN OLD.notes != '' BEGIN
      UPDATE people_fts SET notes = {_NOTES.format(pid='OLD.person_id')} WHERE rowid = OLD.person_id;
    END""",
    """CREATE TRIGGER companies_fts_update AFTER UPDATE OF name ON companies BEGIN
      UPDATE people_fts SET company = NEW.name WHERE rowid IN (SELECT id FROM people WHERE company_id = NEW.id);
    END""",
    f"""INSERT INTO people_fts (rowid, name, title, company, skills, profile, notes, city)
      SELECT p.id, p.name, p.title, coalesce((SELECT name FROM companies WHERE id = p.company_id), ''),
             p.skills, p.profile, {_NOTES.format(pid='p.id')}, p.city FROM people p""",
]
_SQLITE_DOWN = [
    *(f"DROP TRIGGER IF EXISTS {t}" for t in (
        "people_fts_insert", "people_fts_update", "people_fts_delete", "touches_fts_insert",
        "touches_fts_update", "touches_fts_delete", "companies_fts_update")),
    "DROP TABLE IF EXISTS people_fts",
]

# -- PostgreSQL --------------------------------------------------------------------------------
# Statement-level triggers with transition tables: a bulk insert of 5,000 touches refreshes each
# person once, not 5,000 times. Text is reduced to letters and digits before to_tsvector so the
# tokens are the ones FTS5's unicode61 tokenizer makes.
_PG = [
    """CREATE TABLE people_search (
      person_id integer PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
      doc tsvector NOT NULL, title_v tsvector NOT NULL, skills_v tsvector NOT NULL,
      company_v tsvector NOT NULL, city_v tsvector NOT NULL)""",
    "CREATE INDEX ix_people_search_doc ON people_search USING gin (doc)",
    """CREATE FUNCTION callsheet_search_words(body text) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
      SELECT to_tsvector('simple'::regconfig, regexp_replace(coalesce(body, ''), '[^[:alnum:]]+', ' ', 'g'))
    $$""",
    # Drivers often send a bulk insert row by row, so these run once per row while a table grows
    # inside one transaction: force_custom_plan re-plans each call against the table's current size
    # (a cached plan made while it was empty would scan it whole, every time).
    """CREATE FUNCTION callsheet_search_refresh(ids integer[]) RETURNS void LANGUAGE plpgsql
    SET plan_cache_mode = force_custom_plan AS $$
      BEGIN
      INSERT INTO people_search (person_id, doc, title_v, skills_v, company_v, city_v)
      SELECT p.id,
             setweight(callsheet_search_words(p.name), 'A') || setweight(callsheet_search_words(p.title), 'A')
             || setweight(callsheet_search_words(p.skills), 'B') || setweight(callsheet_search_words(c.name), 'C')
             || setweight(callsheet_search_words(p.city), 'C') || callsheet_search_words(p.profile)
             || callsheet_search_words(n.notes),
             callsheet_search_words(p.title), callsheet_search_words(p.skills),
             callsheet_search_words(c.name), callsheet_search_words(p.city)
      FROM people p
      LEFT JOIN companies c ON c.id = p.company_id
      LEFT JOIN (SELECT t.person_id, string_agg(t.notes, ' ') AS notes FROM touches t
                 WHERE t.person_id = ANY (ids) AND t.notes <> '' GROUP BY t.person_id) n ON n.person_id = p.id
      WHERE p.id = ANY (ids)
      ON CONFLICT (person_id) DO UPDATE SET doc = EXCLUDED.doc, title_v = EXCLUDED.title_v,
        skills_v = EXCLUDED.skills_v, company_v = EXCLUDED.company_v, city_v = EXCLUDED.city_v;
      END
    $$""",
    """CREATE FUNCTION callsheet_search_people() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM callsheet_search_refresh(ARRAY(SELECT id FROM changed)); RETURN NULL; END $$""",
    # A new touch only adds words: append them rather than re-reading every touch of the person.
    """CREATE FUNCTION callsheet_search_touches_added() RETURNS trigger LANGUAGE plpgsql
    SET plan_cache_mode = force_custom_plan AS $$
      BEGIN
        UPDATE people_search s SET doc = s.doc || callsheet_search_words(n.notes)
        FROM (SELECT person_id, string_agg(notes, ' ') AS notes FROM changed WHERE notes <> ''
              GROUP BY person_id) n
        WHERE s.person_id = n.person_id;
        RETURN NULL;
      END $$""",
    """CREATE FUNCTION callsheet_search_touches() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM callsheet_search_refresh(ARRAY(SELECT DISTINCT person_id FROM changed WHERE notes <> ''));
      RETURN NULL; END $$""",
    """CREATE FUNCTION callsheet_search_touches_moved() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM callsheet_search_refresh(ARRAY(SELECT person_id FROM changed UNION SELECT person_id FROM gone));
      RETURN NULL; END $$""",
    """CREATE FUNCTION callsheet_search_companies() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM callsheet_search_refresh(ARRAY(SELECT p.id FROM people p JOIN changed c ON c.id = p.company_id));
      RETURN NULL; END $$""",
    "CREATE TRIGGER people_search_insert AFTER INSERT ON people REFERENCING NEW TABLE AS changed "
    "FOR EACH STATEMENT EXECUTE FUNCTION callsheet_search_people()",
    "CREATE TRIGGER people_search_update AFTER UPDATE ON people REFERENCING NEW TABLE AS changed "
    "FOR EACH STATEMENT EXECUTE FUNCTION callsheet_search_people()",
    "CREATE TRIGGER touches_search_insert AFTER INSERT ON touches REFERENCING NEW TABLE AS changed "
    "FOR EACH STATEMENT EXECUTE FUNCTION callsheet_search_touches_added()",
    "CREATE TRIGGER touches_search_delete AFTER DELETE ON touches REFERENCING OLD TABLE AS changed "
    "FOR EACH STATEMENT EXECUTE FUNCTION callsheet_search_touches()",
    "CREATE TRIGGER touches_search_update AFTER UPDATE ON touches REFERENCING OLD TABLE AS gone "
    "NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION callsheet_search_touches_moved()",
    "CREATE TRIGGER companies_search_update AFTER UPDATE ON companies REFERENCING NEW TABLE AS changed "
    "FOR EACH STATEMENT EXECUTE FUNCTION callsheet_search_companies()",
    "SELECT callsheet_search_refresh(ARRAY(SELECT id FROM people))",
]
_PG_DOWN = [
    "DROP TRIGGER IF EXISTS people_search_insert ON people",
    "DROP TRIGGER IF EXISTS people_search_update ON people",
    "DROP TRIGGER IF EXISTS touches_search_insert ON touches",
    "DROP TRIGGER IF EXISTS touches_search_delete ON touches",
    "DROP TRIGGER IF EXISTS touches_search_update ON touches",
    "DROP TRIGGER IF EXISTS companies_search_update ON companies",
    "DROP TABLE IF EXISTS people_search",
    *(f"DROP FUNCTION IF EXISTS {f}" for f in (
        "callsheet_search_people()", "callsheet_search_touches()", "callsheet_search_touches_added()", "callsheet_search_touches_moved()",
        "callsheet_search_companies()", "callsheet_search_refresh(integer[])", "callsheet_search_words(text)")),
]


def upgrade() -> None:
    for statement in _SQLITE if op.get_bind().dialect.name == "sqlite" else _PG:
        op.execute(statement)


def downgrade() -> None:
    for statement in _SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else _PG_DOWN:
        op.execute(statement)
