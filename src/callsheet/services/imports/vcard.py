"""vCard 2.1, 3.0 and 4.0 (iPhone, Google Contacts, older Android and Outlook), one card at a time.

vobject reads each card; this module first cuts the stream into cards (so a large file is never
held in memory), drops photos and other binary blobs, and turns vCard 2.1's quirks (bare TYPE
parameters, QUOTED-PRINTABLE with soft line breaks, unescaped commas) into 3.0 form.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

import vobject

from callsheet.domain.errors import BadInput
from callsheet.services.imports.incoming import Incoming
from callsheet.services.imports.text import text_stream

_BLOBS = {"PHOTO", "LOGO", "SOUND", "KEY"}
_TEXT = {"FN", "N", "NOTE", "ORG", "TITLE", "ADR", "ROLE"}
_STRUCTURED = {"N", "ADR", "ORG"}
_LABELS = {"cell": "mobile", "mobile": "mobile", "iphone": "mobile", "work": "work", "home": "home",
           "main": "main", "fax": "fax", "pager": "pager"}


def _prop_name(line: str) -> str:
    head = re.split(r"[;:]", line, maxsplit=1)[0]
    return head.rsplit(".", 1)[-1].strip().upper()


def _is_qp(line: str) -> bool:
    head = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def cards(binary: BinaryIO) -> Iterator[tuple[int, int, list[str]]]:
    """(card number, first line number, logical lines) for each BEGIN:VCARD ... END:VCARD."""
    text = text_stream(binary, newline=None)
    lines: list[str] | None = None
    number = start = 0
    skipping = False
    try:
        for line_no, raw in enumerate(text, start=1):
            line = raw.rstrip("\r\n")
            if lines is None:
                if line.strip().upper() == "BEGIN:VCARD":
                    lines, number, start, skipping = [], number + 1, line_no, False
                continue
            if line[:1] in (" ", "\t") or (skipping and not line.strip()):
                if not skipping and lines:
                    lines[-1] += line[1:]  # folded line (3.0/4.0; 2.1 base64 continuations)
                continue
            if lines and _is_qp(lines[-1]) and lines[-1].endswith("="):
                lines[-1] = lines[-1][:-1] + line  # QUOTED-PRINTABLE soft line break
                continue
            skipping = _prop_name(line) in _BLOBS
            if skipping or not line.strip():
                continue
            if line.strip().upper() == "END:VCARD":
                yield number, start, lines
                lines = None
                continue
            lines.append(line)
    except UnicodeDecodeError as exc:
        raise BadInput("file", f"card {number + 1}: not UTF-8 text ({exc.reason})") from exc
    if lines is not None:
        yield number, start, ["X-CALLSHEET-ERROR:no END:VCARD"]
    elif number == 0:
        raise BadInput("file", "has no BEGIN:VCARD line: is this a vCard (.vcf) file?")


def _v21_line(line: str) -> str:
    """One vCard 2.1 line rewritten as 3.0: TYPE=... params, QP decoded, commas escaped."""
    head, _, value = line.partition(":")
    parts = head.split(";")
    params, charset, qp = [], "utf-8", False
    for param in parts[1:]:
        key, eq, val = param.partition("=")
        upper = key.strip().upper()
        if (upper == "ENCODING" and val.strip().upper() == "QUOTED-PRINTABLE") or upper == "QUOTED-PRINTABLE":
            qp = True
        elif upper == "CHARSET":
            charset = val.strip() or "utf-8"
        elif not eq:
            params.append(f"TYPE={key.strip()}")
        else:
            params.append(param)
    if qp:
        try:
            value = quopri.decodestring(value.encode("utf-8")).decode(charset, errors="replace")
        except LookupError:
            value = quopri.decodestring(value.encode("utf-8")).decode("utf-8", errors="replace")
    name = _prop_name(line)
    if name in _TEXT:
        value = value.replace("\r\n", "\n").replace("\n", "\\n").replace(",", "\\,")
        if name not in _STRUCTURED:
            value = value.replace(";", "\\;")
    return ";".join([parts[0], *params]) + ":" + value


def _types(prop: Any) -> list[str]:
    found: list[str] = []
    for value in prop.params.get("TYPE", []) + list(getattr(prop, "singletonparams", [])):
        found += [v.strip().strip('"').lower() for v in str(value).split(",") if v.strip()]
    return found


def _label(prop: Any, ab_labels: dict[str, str]) -> str:
    custom = ab_labels.get((prop.group or "").lower(), "")
    if custom:
        # Apple writes built-in labels as "_$!<Mobile>!$_".
        custom = re.sub(r"^_\$!<(.*)>!\$_$", r"\1", custom).strip().lower()
        return _LABELS.get(custom, custom)[:40]
    return next((_LABELS[t] for t in _types(prop) if t in _LABELS), "")


def _text(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(_text(v) for v in value if _text(v))
    return str(value or "").strip()


def record(number: int, lines: list[str]) -> Incoming:
    version = next((ln.split(":", 1)[1].strip() for ln in lines if _prop_name(ln) == "VERSION"), "3.0")
    if version == "2.1":
        lines = [_v21_line(ln) for ln in lines]
    item = Incoming(row=number)
    try:
        card = vobject.readOne("BEGIN:VCARD\r\n" + "\r\n".join(lines) + "\r\nEND:VCARD\r\n")
    except Exception as exc:  # noqa: BLE001 - vobject raises several kinds for one unreadable card
        item.error = f"card: unreadable vCard ({exc})"
        return item
    children = list(card.getChildren())
    ab_labels = {(c.group or "").lower(): _text(c.value) for c in children if c.name == "X-ABLABEL" and c.group}
    for prop in children:
        name = prop.name
        if name == "FN":
            item.name = _text(prop.value)
        elif name == "N" and not item.name:
            n = prop.value
            item.name = " ".join(_text(x) for x in (n.prefix, n.given, n.additional, n.family, n.suffix) if _text(x))
        elif name == "TEL":
            number_text = _text(prop.value)
            item.phones.append((number_text[4:] if number_text.lower().startswith("tel:") else number_text,
                                _label(prop, ab_labels)))
        elif name == "EMAIL":
            item.emails.append(_text(prop.value).removeprefix("mailto:"))
        elif name == "ORG":
            org = prop.value if isinstance(prop.value, list) else [prop.value]
            item.company = _text(org[0]) if org else ""
        elif name == "TITLE":
            item.title = _text(prop.value)
        elif name == "ADR" and not item.city:
            adr = prop.value
            item.city, item.state, item.zip = _text(adr.city), _text(adr.region), _text(adr.code)
        elif name == "NOTE":
            item.notes = f"{item.notes}\n{_text(prop.value)}".strip()
        elif name in ("URL", "X-SOCIALPROFILE") and "linkedin.com/in" in _text(prop.value).lower():
            item.linkedin = _text(prop.value)
        elif name == "X-CALLSHEET-ERROR":
            item.error = f"card: {_text(prop.value)}"
    item.raw = [item.name, "; ".join(p for p, _ in item.phones), "; ".join(item.emails)]
    return item


def rows(binary: BinaryIO) -> Iterator[Incoming]:
    for number, _start, lines in cards(binary):
        yield record(number, lines)
