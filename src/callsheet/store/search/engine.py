"""The tantivy index itself: its schema, a person as a document, and our parsed query as a tantivy query.

Text is split by our own tokenizer (callsheet.domain.query.tokens_of) before it is indexed, and the
parsed query tree is turned into tantivy query objects term by term, so the index and the parser
always agree on what a word is and no user input is ever parsed by tantivy.
"""

from __future__ import annotations

import tantivy

from callsheet.domain.query import And, Node, Not, Or, Term, tokens_of
from callsheet.domain.search import Filters, bounding_box
from callsheet.store.search.documents import Doc

#: Bumped whenever the schema, the way a document is made or the match arrays change: an older index is rebuilt.
SCHEMA_VERSION = "4"
#: The searched fields and their boosts: a hit in the name or title counts above one in the notes.
WEIGHTS = {"name": 10.0, "title": 8.0, "company": 3.0, "skills": 6.0, "profile": 1.0, "notes": 0.5, "city": 2.0}
SKILLS_ONLY = {"skills": 1.0}


def make_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_unsigned_field("desk_id", indexed=True, fast=True)  # one index holds every desk's people
    sb.add_unsigned_field("person_id", indexed=True, fast=True)
    for name in WEIGHTS:
        # Already lower-cased letter/digit runs joined by spaces: splitting on whitespace is enough.
        sb.add_text_field(name, tokenizer_name="whitespace")
    sb.add_unsigned_field("suppressed", indexed=True)
    sb.add_unsigned_field("active", indexed=True)
    sb.add_integer_field("seniority", indexed=True, fast=True)
    sb.add_float_field("lat", indexed=True, fast=True)
    sb.add_float_field("lon", indexed=True, fast=True)
    return sb.build()


def document(doc: Doc) -> tantivy.Document:
    out = tantivy.Document()
    out.add_unsigned("desk_id", doc.desk)
    out.add_unsigned("person_id", doc.id)
    for name, value in (("name", doc.name), ("title", doc.title), ("company", doc.company), ("skills", doc.skills),
                        ("profile", doc.profile), ("notes", doc.notes), ("city", doc.city)):
        words = " ".join(tokens_of(value or ""))
        if words:
            out.add_text(name, words)
    out.add_unsigned("suppressed", 0 if doc.suppression == "none" else 1)
    out.add_unsigned("active", 1 if doc.active else 0)
    if doc.seniority is not None:
        out.add_integer("seniority", int(doc.seniority))
    if doc.lat is not None and doc.lon is not None:
        out.add_float("lat", float(doc.lat))
        out.add_float("lon", float(doc.lon))
    return out


def compile_query(schema: tantivy.Schema, node: Node, weights: dict[str, float]) -> tantivy.Query:
    """A tantivy query for a parsed query: every term a term, phrase or prefix query over its fields.

    The parser guarantees that every AND holding a NOT also holds something positive, and that a NOT
    never stands alone or under an OR, so every boolean query here has a clause to match on.
    """
    Q, Occur = tantivy.Query, tantivy.Occur
    if isinstance(node, Term):
        fields = {node.field: 1.0} if node.field else weights
        parts = [Q.boost_query(_leaf(schema, name, node), boost) for name, boost in fields.items()]
        return parts[0] if len(parts) == 1 else Q.boolean_query([(Occur.Should, p) for p in parts])
    if isinstance(node, Not):  # only reachable for a query the parser would refuse
        raise ValueError("a NOT needs something positive beside it")
    if isinstance(node, Or):
        return Q.boolean_query([(Occur.Should, compile_query(schema, c, weights)) for c in node.children])
    assert isinstance(node, And)
    return Q.boolean_query([(Occur.MustNot, compile_query(schema, c.child, weights)) if isinstance(c, Not)
                            else (Occur.Must, compile_query(schema, c, weights)) for c in node.children])


def _leaf(schema: tantivy.Schema, field: str, term: Term) -> tantivy.Query:
    words: list[str | tuple[int, str]] = list(term.tokens)
    if term.prefix and len(words) == 1:
        # Tokens are letters and digits only (the parser's tokenizer), so the pattern has no syntax
        # but its final ".*"; escape anyway so that can never change.
        return tantivy.Query.regex_query(schema, field, _escape(term.tokens[0]) + ".*")
    if term.prefix:
        return tantivy.Query.phrase_prefix_query(schema, field, words)
    if len(words) == 1:
        return tantivy.Query.term_query(schema, field, term.tokens[0])
    return tantivy.Query.phrase_query(schema, field, words)


def _escape(word: str) -> str:
    """A regex matching `word` literally.

    >>> _escape("c++"), _escape("node")
    ('c\\\\+\\\\+', 'node')
    """
    return "".join(ch if ch.isalnum() else "\\" + ch for ch in word)


def people_of(schema: tantivy.Schema, desk: int, ids: list[int]) -> tantivy.Query:
    """The documents of these people of one desk."""
    Q, Occur = tantivy.Query, tantivy.Occur
    return Q.boolean_query([(Occur.Must, Q.term_query(schema, "desk_id", desk)),
                            (Occur.Must, Q.term_set_query(schema, "person_id", ids))])


def filter_clauses(schema: tantivy.Schema, desk: int, f: Filters, only: list[int] | None,
                   leave_out: list[int]) -> list[tuple[tantivy.Occur, tantivy.Query]]:
    """The desk and the filters as clauses that select without scoring (the store re-checks every hit after)."""
    Q, Occur, F = tantivy.Query, tantivy.Occur, tantivy.FieldType
    out: list[tuple[tantivy.Occur, tantivy.Query]] = []

    def must(q: tantivy.Query) -> None:
        out.append((Occur.Must, Q.const_score_query(q, 0.0)))

    must(Q.term_query(schema, "desk_id", desk))

    # Every document holds both flags, so "not the other value" selects the same people; leaving out
    # a few (the suppressed) is far cheaper than intersecting with nearly everyone.
    if not f.include_suppressed:
        out.append((Occur.MustNot, Q.term_query(schema, "suppressed", 1)))
    if f.active is not None:
        out.append((Occur.MustNot, Q.term_query(schema, "active", 0 if f.active else 1)))
    if f.seniority_min is not None or f.seniority_max is not None:
        must(Q.range_query(schema, "seniority", F.Integer, f.seniority_min if f.seniority_min is not None else 1,
                           f.seniority_max if f.seniority_max is not None else 99))
    if f.near is not None and f.radius is not None:
        lat0, lat1, lon0, lon1 = bounding_box(f.near[0], f.near[1], f.radius)
        must(Q.range_query(schema, "lat", F.Float, lat0, lat1))
        must(Q.range_query(schema, "lon", F.Float, lon0, lon1))
    if only is not None:
        must(Q.term_set_query(schema, "person_id", only))
    if leave_out:
        out.append((Occur.MustNot, Q.term_set_query(schema, "person_id", leave_out)))
    return out
