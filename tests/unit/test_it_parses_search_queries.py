import sqlite3

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from callsheet.domain.errors import BadInput
from callsheet.domain.query import MAX_TERMS, And, Not, Or, Term, parse, to_text
from callsheet.store.search.fts5 import compile_match
from callsheet.store.search.tsquery import compile_tsquery, superset


@pytest.mark.parametrize(("typed", "meant"), [
    ("java python", "java AND python"),
    ("java AND python", "java AND python"),
    ("java OR python", "java OR python"),
    ("java python OR go", "(java AND python) OR go"),
    ("a OR NOT b AND c", "a OR (NOT b AND c)"),
    ("NOT a b", "NOT a AND b"),
    ('"help desk" -windows', '"help desk" AND NOT windows'),
    ("admin*", "admin*"),
    ('"network admin"*', '"network admin"*'),
    ("(java OR python) AND aws", "(java OR python) AND aws"),
    ("title:architect", "title:architect"),
    ("skill:k8s company:acme city:milwaukee", "skills:k8s AND company:acme AND city:milwaukee"),
    ('title:"help desk"', 'title:"help desk"'),
    ("title:(lead OR senior)", "title:lead OR title:senior"),
    ("sd-wan", '"sd wan"'),
    ("java and python", "java AND and AND python"),  # lower-case operators are words
    ("foo:bar", '"foo bar"'),  # an unknown field is just text
])
def test_it_reads_what_a_recruiter_means(typed: str, meant: str) -> None:
    assert to_text(parse(typed)) == meant


@pytest.mark.parametrize(("typed", "meant"), [
    ('"unclosed', "unclosed"),
    ("(java OR python", "java OR python"),
    ("java) python)", "java AND python"),
    ("java AND", "java"),
    ("OR java", "java"),
    ("java NOT", "java"),
    ("- - java", "java"),
    ("NOT NOT java", "java"),
    ("title: java", "title:java"),  # a space after the colon is forgiven
    ("c# .net", "c AND net"),
])
def test_it_forgives_broken_syntax(typed: str, meant: str) -> None:
    assert to_text(parse(typed)) == meant


@pytest.mark.parametrize("typed", ["", "   ", "AND OR (", "()", "***", '""', "-java", "NOT java",
                                   "a(a OR  NOT a", "java (python OR -go)",
                                   "java OR -python", "x" * 10_000, "word " * 2_000, "(" * 5_000 + "java"])
def test_it_explains_a_query_it_cannot_search(typed: str) -> None:
    with pytest.raises(BadInput) as error:
        parse(typed)
    assert error.value.field == "query" and error.value.message


def test_it_binds_not_tightest_then_and_then_or() -> None:
    tree = parse("a OR b c -d")
    assert tree == Or((Term(("a",)), And((Term(("b",)), Term(("c",)), Not(Term(("d",)))))))


def test_it_compiles_to_quoted_fts5_and_tsquery() -> None:
    tree = parse('network admin* AND cisco NOT "help desk"')
    assert compile_match(tree) == '("network" AND "admin"* AND "cisco") NOT ("help desk")'
    assert compile_tsquery(tree) == "'network' & 'admin':* & 'cisco' & !('help' <-> 'desk')"


def test_it_widens_field_filters_for_the_index() -> None:
    tree = parse("title:lead -skill:java")
    assert superset(tree) == Term(("lead",))


_FTS = sqlite3.connect(":memory:")
_FTS.execute("CREATE VIRTUAL TABLE docs USING fts5(name, title, company, skills, profile, notes, city)")
_FTS.execute("INSERT INTO docs VALUES ('Ann Lee', 'Network Administrator', 'Acme', 'cisco,vpn', 'x', 'y', 'z')")

_PIECES = st.sampled_from(list('abc xyz"()-*:') + [" AND ", " OR ", " NOT ", "title:", "skill:", "city:", "é", "#"])
_QUERIES = st.lists(_PIECES, max_size=40).map("".join) | st.text(max_size=80)


@settings(max_examples=400, deadline=None)
@given(_QUERIES)
@example("a(a OR  NOT a")  # a NOT inside an OR inside an AND: once reached compile_match
def test_it_answers_any_string_with_a_query_or_a_clear_message(typed: str) -> None:
    try:
        tree = parse(typed)
    except BadInput as error:
        assert error.field == "query"
        return
    assert len(to_text(tree)) > 0
    # Whatever parses compiles to FTS5 syntax the engine accepts, and to a tsquery made of quoted tokens.
    _FTS.execute("SELECT rowid FROM docs WHERE docs MATCH ?", (compile_match(tree),)).fetchall()
    assert compile_tsquery(tree)
    assert parse(to_text(tree)) == tree  # the canonical text reads back as the same query


def test_it_caps_the_number_of_words() -> None:
    assert len(to_text(parse(" ".join(["w"] * MAX_TERMS))).split(" AND ")) == MAX_TERMS
