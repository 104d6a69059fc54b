"""Reading a do-not-call list as agencies get them: one number a line in any common format
("(414) 555-0142", "414.555.0142", "+1 414 555 0142", "4145550142"), or a spreadsheet (CSV) with a
phone column. Files are read as every import reads them (services/imports/text.py and csv_rows.py);
a line that holds no phone number goes to the rejects file with its line number and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from callsheet.domain.cells import from_spreadsheet
from callsheet.domain.errors import BadInput
from callsheet.services.imports import csv_rows
from callsheet.services.imports.files import rejects_path
from callsheet.services.imports.incoming import fast_e164
from callsheet.services.imports.rejects import RejectsFile
from callsheet.services.imports.text import Reading, encoding_name, refuse_unreadable, settle, text_stream

#: A line longer than this holds no phone number; only its start is kept in the rejects file.
_LINE_MAX = 200


@dataclass
class Listing:
    """The numbers a file lists (E.164), and what could not be read."""

    numbers: set[str] = field(default_factory=set)
    read: int = 0  # numbers read, each time the file gives one
    rejected: int = 0  # lines (rows) with something that is not a number
    rejects_file: str | None = None

    @property
    def repeated(self) -> int:
        """Numbers the file gives more than once (each is listed once)."""
        return self.read - len(self.numbers)


def read_list(path: Path, region: str, reading: Reading | None = None) -> Listing:
    """Every number of the file, 10-digit ones taken in the desk's `region`; unreadable lines rejected."""
    if not path.is_file():
        raise BadInput("file", f"{path} does not exist")
    with path.open("rb") as binary:
        refuse_unreadable(path, binary, reading.encoding if reading else None)
        reading = settle(binary, reading)
        header = csv_rows.header_of(binary, reading)
        binary.seek(0)
        phone_columns = [f for f in csv_rows.header_fields(header, {}, need_name=False) if f in csv_rows.PHONE_FIELDS]
        listing = Listing()
        rejects = RejectsFile(rejects_path(path), header if phone_columns else ["text"])
        try:
            if phone_columns:
                _read_rows(binary, reading, region, listing, rejects)
            else:
                _read_lines(binary, reading, region, listing, rejects, header)
        finally:
            listing.rejects_file = rejects.close()
    listing.rejected = rejects.count
    return listing


def _take(raw: str, region: str, listing: Listing) -> str:
    """The number listed, or why the text is not one ("" when taken)."""
    try:
        listing.numbers.add(fast_e164(raw, region))
    except BadInput as exc:
        return exc.message
    listing.read += 1
    return ""


def _read_rows(binary: BinaryIO, reading: Reading, region: str, listing: Listing, rejects: RejectsFile) -> None:
    for item in csv_rows.rows(binary, reading=reading, need_name=False):
        if item.error:
            rejects.write(item.row, item.error, item.raw)
            continue
        if not item.phones:
            rejects.write(item.row, "no phone number on this row", item.raw)
            continue
        reasons = [reason for raw, _ in item.phones if (reason := _take(raw, region, listing))]
        if reasons:
            rejects.write(item.row, "; ".join(reasons), item.raw)


def _read_lines(binary: BinaryIO, reading: Reading, region: str, listing: Listing, rejects: RejectsFile,
                header: list[str]) -> None:
    if len([c for c in header if c.strip()]) > 1 and _take(",".join(header), region, Listing()):
        raise BadInput("file", f"no phone column in the header ({', '.join(header)}): name the column Phone, "
                               "or give one number a line")
    text = text_stream(binary, newline=None, encoding=reading.encoding)
    number = 0
    try:
        for number, line in enumerate(text, start=1):
            value = from_spreadsheet(line.strip().lstrip("\ufeff"))
            if not value:
                continue
            if len(value) > _LINE_MAX:
                rejects.write(number, f"a line of {len(value):,} characters is not a phone number",
                              [value[:_LINE_MAX] + " ..."])
            elif reason := _take(value, region, listing):
                rejects.write(number, reason, [value])
    except UnicodeDecodeError as exc:
        raise BadInput("file", f"line {number + 1}: not {encoding_name(reading.encoding or 'utf-8')} text "
                               f"({exc.reason}); name the file's encoding with --encoding") from exc
    finally:
        text.detach()
