"""Spreadsheet exports (CSV): common headers recognised, others mapped with --map column=field."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import BinaryIO

from callsheet.domain.cells import from_spreadsheet
from callsheet.domain.errors import BadInput
from callsheet.services.imports.incoming import Incoming
from callsheet.services.imports.text import FIELD_MAX, Reading, encoding_name, settle, text_stream

PHONE_FIELDS = {"phone": "", "mobile": "mobile", "work_phone": "work", "home_phone": "home"}
FIELDS = ("name", "first_name", "last_name", *PHONE_FIELDS, "email", "company", "title", "city", "state", "zip",
          "notes", "linkedin")

_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "fullname", "contact", "contact name", "display name", "candidate"),
    "first_name": ("first name", "first", "firstname", "given name"),
    "last_name": ("last name", "last", "lastname", "surname", "family name"),
    "phone": ("phone", "phones", "phone number", "telephone", "tel", "primary phone", "main phone"),
    "mobile": ("mobile", "mobile phone", "cell", "cell phone", "cellphone", "mobile number"),
    "work_phone": ("work phone", "business phone", "office phone"),
    "home_phone": ("home phone",),
    "email": ("email", "emails", "e mail", "email address", "e mail address", "primary email", "work email",
              "personal email"),
    "company": ("company", "company name", "organization", "organisation", "employer", "account"),
    "title": ("title", "job title", "position", "role"),
    "city": ("city", "town"),
    "state": ("state", "province", "region", "st"),
    "zip": ("zip", "zip code", "zipcode", "postal code", "postcode"),
    "notes": ("notes", "note", "comments", "comment"),
    "linkedin": ("linkedin", "linkedin url", "linkedin profile", "profile url"),
}
_BY_ALIAS = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
# Google Contacts: "Phone 1 - Value", "E-mail 2 - Value".
_NUMBERED = [(re.compile(r"^phone \d+ value$"), "phone"), (re.compile(r"^e mail \d+ value$"), "email")]
_SEPARATORS = re.compile(r"\s*(?:;|:::)\s*")


def header_key(header: str) -> str:
    """'E-mail Address ' -> 'e mail address'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", header.lower()).split())


def header_fields(header: list[str], overrides: dict[str, str], need_name: bool = True) -> list[str | None]:
    """The field each column feeds, or None for columns the desk does not keep; a file of people
    (`need_name`) must have a name column."""
    keys = [header_key(h) for h in header]
    fields: list[str | None] = []
    for key in keys:
        found = _BY_ALIAS.get(key)
        if found is None:
            found = next((f for pattern, f in _NUMBERED if pattern.match(key)), None)
        fields.append(found)
    for column, target in overrides.items():
        if target not in FIELDS:
            raise BadInput("map", f"{target!r} is not a field; use one of {', '.join(FIELDS)}")
        matches = [i for i, h in enumerate(header) if h.strip() == column.strip() or keys[i] == header_key(column)]
        if not matches:
            raise BadInput("map", f"no column {column!r} in the header ({', '.join(header)})")
        for i in matches:
            fields[i] = target
    if need_name and not any(f in ("name", "first_name", "last_name") for f in fields):
        raise BadInput("header", f"no name column found in ({', '.join(header)}); add --map COLUMN=name")
    return fields


def parse_map(pairs: list[str]) -> dict[str, str]:
    """--map "Cell #=mobile" --map "Employer=company"."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.rpartition("=")
        if not sep or not column.strip():
            raise BadInput("map", f"{pair!r} is not COLUMN=FIELD")
        mapping[column.strip()] = target.strip().lower()
    return mapping


def record(row: int, fields: list[str | None], cells: list[str]) -> Incoming:
    return _record(row, _plan(tuple(fields)), cells)


def _record(row: int, plan: tuple[tuple[int, str], ...], cells: list[str]) -> Incoming:
    item = Incoming(row=row, raw=cells)
    first = last = ""
    count = len(cells)
    for i, target in plan:
        if i >= count:
            break
        value = cells[i]
        if not value:
            continue
        value = value.strip()
        value = from_spreadsheet(value)  # our own export's "'+1414..." is "+1414..." again
        if not value:
            continue
        if target in PHONE_FIELDS:
            label = PHONE_FIELDS[target]
            if ";" in value or ":::" in value:
                item.phones += [(p, label) for p in _SEPARATORS.split(value) if p]
            else:
                item.phones.append((value, label))
        elif target == "email":
            item.emails += [e for e in _SEPARATORS.split(value) if e] if ";" in value or ":::" in value else [value]
        elif target == "first_name":
            first = value
        elif target == "last_name":
            last = value
        elif target == "notes":
            item.notes = f"{item.notes}\n{value}".strip()
        else:
            setattr(item, target, value)
    if not item.name:
        item.name = f"{first} {last}".strip()
    return item


@lru_cache(maxsize=64)
def _plan(fields: tuple[str | None, ...]) -> tuple[tuple[int, str], ...]:
    # The columns the desk keeps, worked out once per header rather than once per cell.
    return tuple((i, f) for i, f in enumerate(fields) if f is not None)


def rows(binary: BinaryIO, overrides: dict[str, str] | None = None,
         reading: Reading | None = None, need_name: bool = True) -> Iterator[Incoming]:
    """Stream a CSV file's records; row numbers are the file's line numbers."""
    reading = settle(binary, reading)
    reader = csv.reader(text_stream(binary, encoding=reading.encoding), delimiter=reading.delimiter or ",")
    try:
        header = next((r for r in reader if any(c.strip() for c in r)), None)
        if header is None:
            raise BadInput("file", "is empty: no header row")
        plan = _plan(tuple(header_fields(header, overrides or {}, need_name)))
        for cells in reader:
            if "".join(cells).strip():  # blank lines and rows of empty cells are skipped
                if max(map(len, cells)) > FIELD_MAX:
                    yield oversize(reader.line_num, header, cells)
                else:
                    yield _record(reader.line_num, plan, cells)
    except csv.Error as exc:
        raise BadInput("file", f"line {reader.line_num}: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise BadInput("file", f"line {reader.line_num + 1}: not {encoding_name(reading.encoding or 'utf-8')} text "
                               f"({exc.reason}); name the file's encoding with --encoding") from exc


def oversize(row: int, header: list[str], cells: list[str]) -> Incoming:
    """A row with a value longer than FIELD_MAX: rejected with the column named, the value cut short."""
    i = max(range(len(cells)), key=lambda j: len(cells[j]))
    column = header[i] if i < len(header) else f"column {i + 1}"
    raw = [c if len(c) <= FIELD_MAX else c[:200] + " ..." for c in cells]
    return Incoming(row=row, raw=raw, error=f"{column}: a value of {len(cells[i]):,} characters is over the "
                                            f"limit of {FIELD_MAX:,}")


def header_of(binary: BinaryIO, reading: Reading | None = None) -> list[str]:
    reading = settle(binary, reading)
    text = text_stream(binary, encoding=reading.encoding)
    try:
        return next((r for r in csv.reader(text, delimiter=reading.delimiter or ",") if any(c.strip() for c in r)), [])
    except (csv.Error, UnicodeDecodeError):
        return []
    finally:
        text.detach()  # leave the file open for the import itself
