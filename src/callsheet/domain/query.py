"""The search language recruiters type, parsed by us so no input ever reaches an engine as syntax.

Words, "quoted phrases", AND, OR, NOT / -word, prefix*, parentheses and field filters
(title:, skill:, company:, city:). NOT binds tightest, then AND, then OR; words next to each other
are AND-ed. Operators are upper-case; a lower-case "and" is a word. The parser is forgiving: an
unclosed quote runs to the end, a missing ")" is added, a stray ")" or a dangling operator is
dropped. What cannot be searched at all raises BadInput with a message a recruiter can act on.

>>> to_text(parse('network admin* AND cisco NOT "help desk"'))
'network AND admin* AND cisco AND NOT "help desk"'
>>> to_text(parse("java OR python -title:intern"))
'java OR (python AND NOT title:intern)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

from callsheet.domain.errors import BadInput

#: The field names a user may type, and the indexed field each one means.
FIELDS = {"title": "title", "skill": "skills", "skills": "skills", "company": "company", "city": "city"}
MAX_TERMS = 64
MAX_DEPTH = 16
MAX_TOKEN = 100
_TOKEN = re.compile(r"[^\W_]+")  # letters and digits: what both engines' tokenizers keep


@dataclass(frozen=True)
class Term:
    """One word, or a phrase when it has several tokens; `prefix` marks the last token as a prefix."""

    tokens: tuple[str, ...]
    prefix: bool = False
    field: str | None = None


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = Union[Term, Not, And, Or]  # noqa: UP007 - a runtime alias, evaluated on 3.11


def tokens_of(text: str) -> tuple[str, ...]:
    """Lower-cased letter/digit runs, as the store's tokenizers split text.

    >>> tokens_of("SD-WAN, C#")
    ('sd', 'wan', 'c')
    """
    return tuple(_TOKEN.findall(text.lower()))


# -- lexing -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Tok:
    kind: str  # "(", ")", "AND", "OR", "NOT", "FIELD", "TERM"
    text: str = ""
    phrase: bool = False
    prefix: bool = False


def _lex(query: str) -> list[_Tok]:
    out: list[_Tok] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            out.append(_Tok(ch))
            i += 1
        elif ch == '"':
            end = query.find('"', i + 1)
            end = n if end < 0 else end
            text, i = query[i + 1:end], end + 1
            prefix = i < n and query[i] == "*"
            i += 1 if prefix else 0
            out.append(_Tok("TERM", text, phrase=True, prefix=prefix))
        elif ch == "-" and i + 1 < n and not query[i + 1].isspace() and query[i + 1] != "-":
            out.append(_Tok("NOT"))
            i += 1
        else:
            start = i
            while i < n and not query[i].isspace() and query[i] not in '()"':
                i += 1
            out.extend(_word(query[start:i]))
    return out


def _word(word: str) -> list[_Tok]:
    if word in ("AND", "OR", "NOT"):
        return [_Tok(word)]
    if word in ("&&", "||"):
        return [_Tok("AND" if word == "&&" else "OR")]
    name, colon, rest = word.partition(":")
    if colon and name.lower() in FIELDS:
        field = _Tok("FIELD", FIELDS[name.lower()])
        return [field, *_word(rest)] if rest else [field]
    prefix = word.endswith("*")
    return [_Tok("TERM", word.rstrip("*"), prefix=prefix)]


# -- parsing ------------------------------------------------------------------------------------
class _Parser:
    def __init__(self, toks: list[_Tok]) -> None:
        self.toks = toks
        self.pos = 0
        self.terms = 0

    def peek(self) -> str | None:
        return self.toks[self.pos].kind if self.pos < len(self.toks) else None

    def top(self) -> Node | None:
        parts: list[Node] = []
        while self.peek() is not None:
            node = self.either(0)
            if node is not None:
                parts.append(node)
            if self.peek() == ")":  # a stray closing parenthesis: drop it and go on
                self.pos += 1
        return _make(And, parts)

    def either(self, depth: int) -> Node | None:
        parts: list[Node] = []
        while True:
            node = self.both(depth)
            if node is not None:
                parts.append(node)
            if self.peek() != "OR":
                return _make(Or, parts)
            self.pos += 1

    def both(self, depth: int) -> Node | None:
        parts: list[Node] = []
        while self.peek() not in (None, ")", "OR"):
            if self.peek() == "AND":
                self.pos += 1
                continue
            node = self.unary(depth)
            if node is not None:
                parts.append(node)
        return _make(And, parts)

    def unary(self, depth: int) -> Node | None:
        negate = False
        while self.peek() == "NOT":  # a loop, not recursion: "- - - -" cannot exhaust the stack
            negate = not negate
            self.pos += 1
        if self.peek() in (None, ")", "OR", "AND"):
            return None  # a dangling NOT
        node = self.primary(depth)
        if node is None:
            return None
        return _negate(node) if negate else node

    def primary(self, depth: int) -> Node | None:
        tok = self.toks[self.pos]
        self.pos += 1
        if tok.kind == "(":
            if depth >= MAX_DEPTH:
                raise BadInput("query", f"too many nested parentheses (at most {MAX_DEPTH} levels)")
            node = self.either(depth + 1)
            if self.peek() == ")":
                self.pos += 1
            return node
        if tok.kind == "FIELD":
            while self.peek() == "FIELD":  # "title:skill:x": the innermost field wins, without recursion
                tok = self.toks[self.pos]
                self.pos += 1
            if self.peek() not in ("(", "TERM"):
                return None  # "title:" with nothing after it
            inner = self.primary(depth)
            return _with_field(inner, tok.text) if inner is not None else None
        tokens = tokens_of(tok.text)
        if not tokens:
            return None  # punctuation only: "#", "*", "..."
        if any(len(t) > MAX_TOKEN for t in tokens):
            raise BadInput("query", f"a word longer than {MAX_TOKEN} characters cannot match anything")
        self.terms += len(tokens)
        if self.terms > MAX_TERMS:
            raise BadInput("query", f"too long: at most {MAX_TERMS} words")
        return Term(tokens, tok.prefix)


def _make(kind: type[And] | type[Or], parts: list[Node]) -> Node | None:
    flat: list[Node] = []
    for part in parts:
        flat.extend(part.children if isinstance(part, kind) else (part,))
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else kind(tuple(flat))


def _negate(node: Node) -> Node:
    return node.child if isinstance(node, Not) else Not(node)


def _with_field(node: Node, field: str) -> Node:
    """Give a field to every term of a group that has none of its own: title:(java OR python)."""
    if isinstance(node, Term):
        return node if node.field else Term(node.tokens, node.prefix, field)
    if isinstance(node, Not):
        return Not(_with_field(node.child, field))
    return type(node)(tuple(_with_field(c, field) for c in node.children))


def is_positive(node: Node) -> bool:
    """True when the node names something to look for, not only things to leave out.

    Neither engine can list "everyone except X" from its index, so `-cisco` alone, or
    `java OR -cisco`, is refused the same way on both stores.
    """
    if isinstance(node, Term):
        return True
    if isinstance(node, Not):
        return False
    if isinstance(node, And):
        kept = [c for c in node.children if not isinstance(c, Not)]
        left_out = [c.child for c in node.children if isinstance(c, Not)]
        return bool(kept) and all(is_positive(c) for c in kept + left_out)
    return all(is_positive(c) for c in node.children)


def parse(query: str) -> Node:
    """Parse what a user typed; raises BadInput when nothing searchable is left."""
    node = _Parser(_lex(query or "")).top()
    if node is None:
        raise BadInput("query", "nothing to search for: type a word, a \"phrase\" or a field such as title:engineer")
    if not is_positive(node):
        raise BadInput("query", "say what to look for, not only what to leave out "
                                "(for example: cisco -\"help desk\")")
    return node


def terms(node: Node) -> list[Term]:
    """Every term of the query, in order."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Not):
        return terms(node.child)
    return [t for c in node.children for t in terms(c)]


def to_text(node: Node) -> str:
    """A canonical, fully explicit rendering (for messages and tests)."""
    if isinstance(node, Term):
        body = " ".join(node.tokens)
        body = f'"{body}"' if len(node.tokens) > 1 else body
        body += "*" if node.prefix else ""
        return f"{node.field}:{body}" if node.field else body
    if isinstance(node, Not):
        inner = to_text(node.child)
        return f"NOT {inner}" if isinstance(node.child, Term) else f"NOT ({inner})"
    sep = " AND " if isinstance(node, And) else " OR "
    return sep.join(f"({to_text(c)})" if isinstance(c, (And, Or)) else to_text(c) for c in node.children)
