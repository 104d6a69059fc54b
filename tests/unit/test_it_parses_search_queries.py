import pytest
import tantivy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from callsheet.domain.errors import BadInput
from callsheet.domain.query import MAX_TERMS, And, Not, Or, Term, parse, to_text
from callsheet.store.search.documents import Doc
from callsheet.store.search.engine import WEIGHTS, compile_query, document, make_schema


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


_SCHEMA = make_schema()
_INDEX = tantivy.Index(_SCHEMA)  # in memory
_writer = _INDEX.writer(15_000_000, 1)
_writer.add_document(document(Doc(1, 1, "Ann Lee", "Network Administrator", "Acme", "cisco,vpn", "Help desk lead",
                                  "Milwaukee", 3, True, 43.0, -87.9, "none", "Call back Tuesday")))
_writer.add_document(document(Doc(1, 2, "Bob Ray", "Help Desk Technician", "Acme", "windows", "", "Madison", 1, False,
                                  None, None, "none")))
_writer.commit()
_writer.wait_merging_threads()
_INDEX.reload()


def found(typed: str) -> list[float]:
    return [score for score, _ in _INDEX.searcher().search(compile_query(_SCHEMA, parse(typed), WEIGHTS), 10).hits]


def test_it_compiles_a_parsed_query_to_tantivy_terms_phrases_and_prefixes() -> None:
    assert len(found('network admin* AND cisco NOT "help desk"')) == 0  # Ann's profile says "help desk"
    assert len(found("network admin* AND cisco")) == 1
    assert len(found('"help desk"')) == 2 and len(found('title:"help desk"')) == 1
    assert len(found('"help des"*')) == 2 and len(found("mil*")) == 1
    assert len(found("title:network OR skill:windows")) == 2
    assert len(found('"call back"')) == 1  # notes


_PIECES = st.sampled_from(list('abc xyz"()-*:') + [" AND ", " OR ", " NOT ", "title:", "skill:", "city:", "é", "#"])
_QUERIES = st.lists(_PIECES, max_size=40).map("".join) | st.text(max_size=80)


@settings(max_examples=400, deadline=None)
@given(_QUERIES)
@example("a(a OR  NOT a")  # a NOT inside an OR inside an AND: once reached the engine
def test_it_answers_any_string_with_a_query_or_a_clear_message(typed: str) -> None:
    try:
        tree = parse(typed)
    except BadInput as error:
        assert error.field == "query"
        return
    assert len(to_text(tree)) > 0
    # Whatever parses compiles to a tantivy query the engine runs.
    assert isinstance(_INDEX.searcher().search(compile_query(_SCHEMA, tree, WEIGHTS), 5).hits, list)
    assert parse(to_text(tree)) == tree  # the canonical text reads back as the same query


def test_it_caps_the_number_of_words() -> None:
    assert len(to_text(parse(" ".join(["w"] * MAX_TERMS))).split(" AND ")) == MAX_TERMS
