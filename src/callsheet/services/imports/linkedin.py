"""LinkedIn's Connections.csv: a "Notes:" preamble, then a header, then one row per connection."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import lru_cache
from typing import BinaryIO

from callsheet.domain.errors import BadInput
from callsheet.services.imports.incoming import Incoming
from callsheet.services.imports.text import text_stream

_COLUMNS = {"first name": "first", "last name": "last", "url": "linkedin", "email address": "email",
            "company": "company", "position": "title", "connected on": "connected_on"}


@lru_cache(maxsize=8192)  # a few thousand distinct days; strptime is slow
def connected_on(text: str) -> datetime | None:
    """'15 Mar 2024' (and the older '3/15/24') as midnight UTC of that day; None if unreadable."""
    for pattern in ("%d %b %Y", "%m/%d/%y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def rows(binary: BinaryIO) -> Iterator[Incoming]:
    reader = csv.reader(text_stream(binary))
    try:
        # Skip the notes block (it may hold quoted commas and line breaks) up to the header row.
        for header in reader:
            if header and header[0].strip().lower() == "first name":
                break
        else:
            raise BadInput("file", "no 'First Name,Last Name,...' header row: is this LinkedIn's Connections.csv?")
        columns = [_COLUMNS.get(h.strip().lower()) for h in header]
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            values = {name: value.strip() for name, value in zip(columns, cells, strict=False) if name}
            item = Incoming(
                row=reader.line_num, raw=cells,
                name=f"{values.get('first', '')} {values.get('last', '')}".strip(),
                emails=[values["email"]] if values.get("email") else [],
                linkedin=values.get("linkedin", ""), company=values.get("company", ""),
                title=values.get("title", ""),
            )
            if values.get("connected_on"):
                item.connected_on = connected_on(values["connected_on"])
                if item.connected_on is None:
                    item.problems.append(f"connected_on: {values['connected_on']!r} is not a date; left out")
            yield item
    except csv.Error as exc:
        raise BadInput("file", f"line {reader.line_num}: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise BadInput("file", f"line {reader.line_num + 1}: not UTF-8 text ({exc.reason})") from exc
