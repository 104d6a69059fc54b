"""PostgreSQL: a side table `people_search` of tsvectors with a GIN index, kept current by
statement-level triggers (migration 0005) through the SQL function callsheet_search_refresh.

`doc` holds every searched field (name and title weighted A, skills B, company and city C, profile
and notes D); title_v, skills_v, company_v and city_v hold one field each for title:, skill:,
company: and city:. The GIN index on `doc` finds candidates; field filters are checked on the
candidate rows. Both use the 'simple' configuration (no stemming, no stop words), as FTS5's
unicode61 tokenizer does, so both stores answer a query alike.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from callsheet.domain.query import And, Node, Not, Or, Term
from callsheet.store.search.common import HIT_COLUMNS, Filters, Hit, filter_sql, hit, is_light, ranked_then_filtered

FIELD_VECTORS = {"title": "title_v", "skills": "skills_v", "company": "company_v", "city": "city_v"}


def compile_tsquery(node: Node) -> str:
    """to_tsquery('simple', ...) text for a parsed query; tokens are letters and digits, quoted.

    >>> from callsheet.domain.query import parse
    >>> compile_tsquery(parse('network admin* cisco -"help desk"'))
    "'network' & 'admin':* & 'cisco' & !('help' <-> 'desk')"
    """
    if isinstance(node, Term):
        quoted = [f"'{t}'" for t in node.tokens]
        if node.prefix:
            quoted[-1] += ":*"
        return " <-> ".join(quoted)
    if isinstance(node, Not):
        return f"!{_group(node.child)}"
    sep = " & " if isinstance(node, And) else " | "
    return sep.join(_group(c) for c in node.children)


def _group(node: Node) -> str:
    if isinstance(node, Not) or (isinstance(node, Term) and len(node.tokens) == 1):
        return compile_tsquery(node)  # "!" binds tightest in a tsquery too
    return f"({compile_tsquery(node)})"


def has_fields(node: Node) -> bool:
    if isinstance(node, Term):
        return node.field is not None
    if isinstance(node, Not):
        return has_fields(node.child)
    return any(has_fields(c) for c in node.children)


def superset(node: Node) -> Node | None:
    """A field-free query matching at least what `node` matches (None: anything), for the GIN index.

    A field filter widens to the same words anywhere in the document; a NOT over a field filter
    cannot be widened and drops out (the exact check on the candidates applies it).
    """
    if isinstance(node, Term):
        return Term(node.tokens, node.prefix) if node.field else node
    if isinstance(node, Not):
        return None if has_fields(node.child) else node
    parts = [superset(c) for c in node.children]
    if isinstance(node, Or):
        return None if any(p is None for p in parts) else Or(tuple(p for p in parts if p is not None))
    kept = tuple(p for p in parts if p is not None)
    return And(kept) if len(kept) > 1 else (kept[0] if kept else None)


class _Exact:
    """The exact SQL condition for a query with field filters, one bound tsquery per leaf."""

    def __init__(self) -> None:
        self.params: dict[str, Any] = {}

    def sql(self, node: Node) -> str:
        if not has_fields(node):
            return self._leaf("s.doc", node)
        if isinstance(node, Term):
            return self._leaf(f"s.{FIELD_VECTORS[node.field or '']}", node)
        if isinstance(node, Not):
            return f"NOT ({self.sql(node.child)})"
        sep = " AND " if isinstance(node, And) else " OR "
        return "(" + sep.join(self.sql(c) for c in node.children) + ")"

    def _leaf(self, column: str, node: Node) -> str:
        name = f"q{len(self.params)}"
        self.params[name] = compile_tsquery(node)
        return f"{column} @@ to_tsquery('simple', :{name})"


class TsIndex:
    def __init__(self, connection: Connection) -> None:
        self.c = connection

    def search(self, query: Node, filters: Filters, limit: int, offset: int = 0,
               skills_only: bool = False) -> list[Hit]:
        where, params = filter_sql(filters)
        # ts_rank's weights run {D, C, B, A}; skills are the only B.
        rank = "ts_rank(CAST('{0, 0, 1, 0}' AS float4[]), s.doc, q.tsq)" if skills_only else "ts_rank(s.doc, q.tsq)"
        wide = superset(query)
        params["tsq"] = compile_tsquery(wide if wide is not None else query)
        fields = ""  # the exact field filters, checked on the rows the GIN index proposes
        if has_fields(query):
            exact = _Exact()
            fields = f" AND {exact.sql(query)}"
            params.update(exact.params)
        if is_light(filters):
            def page(k: int, o: int) -> list[Hit]:
                sql = (f"SELECT {HIT_COLUMNS}, f.score FROM (SELECT s.person_id, {rank} AS score "
                       "FROM people_search s CROSS JOIN to_tsquery('simple', :tsq) AS q(tsq) "
                       f"WHERE s.doc @@ q.tsq{fields} ORDER BY score DESC, s.person_id LIMIT :k OFFSET :o) f "
                       "JOIN people p ON p.id = f.person_id LEFT JOIN companies c ON c.id = p.company_id "
                       "ORDER BY f.score DESC, p.id")
                return [hit(r) for r in self.c.execute(text(sql), {**params, "k": k, "o": o})]
            return ranked_then_filtered(self.c, page, filters, limit, offset)
        sql = (f"SELECT {HIT_COLUMNS}, {rank} AS score "
               "FROM people_search s CROSS JOIN to_tsquery('simple', :tsq) AS q(tsq) "
               "JOIN people p ON p.id = s.person_id LEFT JOIN companies c ON c.id = p.company_id "
               f"WHERE s.doc @@ q.tsq{fields}{where} ORDER BY score DESC, p.id LIMIT :limit OFFSET :offset")
        rows = self.c.execute(text(sql), {**params, "limit": limit, "offset": offset})
        return [hit(r) for r in rows]

    def rebuild(self) -> int:
        self.c.execute(text("DELETE FROM people_search"))
        last = 0
        while True:  # in slices, so a million people never make one giant array
            ids = list(self.c.execute(text("SELECT id FROM people WHERE id > :last ORDER BY id LIMIT 20000"),
                                      {"last": last}).scalars())
            if not ids:
                break
            self.c.execute(text("SELECT callsheet_search_refresh(CAST(:ids AS integer[]))"), {"ids": ids})
            last = ids[-1]
        return self.size()

    def size(self) -> int:
        return int(self.c.execute(text("SELECT count(*) FROM people_search")).scalar_one())
