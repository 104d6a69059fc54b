"""SQLite: an FTS5 table `people_fts` (rowid = person id), kept current by triggers (migration 0005).

Ranked with bm25, weighting a hit in the name or title above one in the notes.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from callsheet.domain.query import Node, Not, Or, Term
from callsheet.store.search.common import HIT_COLUMNS, Filters, Hit, filter_sql, hit, is_light, ranked_then_filtered

# Column order of people_fts, and bm25 weights in the same order.
COLUMNS = ("name", "title", "company", "skills", "profile", "notes", "city")
WEIGHTS = "10.0, 8.0, 3.0, 6.0, 1.0, 0.5, 2.0"
SKILL_WEIGHTS = "0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0"

# The document of every person, as the triggers build it one row at a time (used by rebuild).
DOCUMENTS = """
SELECT p.id, p.name, p.title, coalesce(c.name, ''), p.skills, p.profile, coalesce(n.notes, ''), p.city
FROM people p
LEFT JOIN companies c ON c.id = p.company_id
LEFT JOIN (SELECT person_id, group_concat(notes, ' ') AS notes FROM touches WHERE notes != ''
           GROUP BY person_id) n ON n.person_id = p.id
"""


def compile_match(node: Node) -> str:
    """FTS5 MATCH syntax for a parsed query. Every token is a quoted string of letters and digits.

    FTS5's NOT is binary ("a NOT b"), so an AND's negated children are gathered after its positive
    ones; the parser guarantees every AND with a NOT also has something positive.

    >>> from callsheet.domain.query import parse
    >>> compile_match(parse('network admin* cisco -"help desk" title:lead'))
    '("network" AND "admin"* AND "cisco" AND title : "lead") NOT ("help desk")'
    """
    if isinstance(node, Term):
        body = '"' + " ".join(node.tokens) + '"' + ("*" if node.prefix else "")
        return f"{node.field} : {body}" if node.field else body
    if isinstance(node, Not):  # only reachable for a query the parser would refuse
        raise ValueError("a NOT needs something positive beside it")
    if isinstance(node, Or):
        return " OR ".join(_group(c) for c in node.children)
    positive = [c for c in node.children if not isinstance(c, Not)]
    negative = [c.child for c in node.children if isinstance(c, Not)]
    out = " AND ".join(_group(c) for c in positive)
    if negative:
        out = f"({out}) NOT ({' OR '.join(_group(c) for c in negative)})"
    return out


def _group(node: Node) -> str:
    return compile_match(node) if isinstance(node, Term) else f"({compile_match(node)})"


class Fts5Index:
    def __init__(self, connection: Connection) -> None:
        self.c = connection

    def search(self, query: Node, filters: Filters, limit: int, offset: int = 0,
               skills_only: bool = False) -> list[Hit]:
        where, params = filter_sql(filters)
        weights = SKILL_WEIGHTS if skills_only else WEIGHTS
        match = compile_match(query)
        if is_light(filters):
            def page(k: int, o: int) -> list[Hit]:
                sql = (f"SELECT {HIT_COLUMNS}, -f.rank AS score FROM (SELECT rowid AS id, rank FROM people_fts "
                       "WHERE people_fts MATCH :match AND rank MATCH :rank ORDER BY rank, rowid LIMIT :k OFFSET :o) f "
                       "JOIN people p ON p.id = f.id LEFT JOIN companies c ON c.id = p.company_id "
                       "ORDER BY f.rank, p.id")
                rows = self.c.execute(text(sql), {"match": match, "rank": f"bm25({weights})", "k": k, "o": o})
                return [hit(r) for r in rows]
            return ranked_then_filtered(self.c, page, filters, limit, offset)
        sql = (f"SELECT {HIT_COLUMNS}, -bm25(people_fts, {weights}) AS score "
               "FROM people_fts JOIN people p ON p.id = people_fts.rowid "
               "LEFT JOIN companies c ON c.id = p.company_id "
               f"WHERE people_fts MATCH :match{where} ORDER BY score DESC, p.id LIMIT :limit OFFSET :offset")
        rows = self.c.execute(text(sql), {**params, "match": match, "limit": limit, "offset": offset})
        return [hit(r) for r in rows]

    def rebuild(self) -> int:
        self.c.execute(text("DELETE FROM people_fts"))
        self.c.execute(text(f"INSERT INTO people_fts (rowid, {', '.join(COLUMNS)}) {DOCUMENTS}"))
        self.c.execute(text("INSERT INTO people_fts (people_fts) VALUES ('optimize')"))
        return self.size()

    def size(self) -> int:
        return int(self.c.execute(text("SELECT count(*) FROM people_fts")).scalar_one())
