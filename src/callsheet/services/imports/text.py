"""Files as people have them: the encoding and the delimiter guessed (or told), binary and empty files refused.

Excel writes semicolons where the comma is the decimal mark, tabs as "Unicode text" (UTF-16 with a
byte-order mark), and Windows-1252 in older versions; phones and Google write UTF-8, with or without a
byte-order mark. Anything told on the command line wins over the guess.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from callsheet.domain.errors import BadInput

#: How much of a file's start is read to guess its encoding and delimiter.
HEAD = 65536
#: The longest value a row may hold; a longer one rejects its row, not the file.
FIELD_MAX = 64 * 1024
#: The csv module's own limit is raised well above FIELD_MAX so that such a row can be read and rejected.
_READ_MAX = 16 * 1024 * 1024
DELIMITERS = (",", ";", "\t")
_NAMES = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252"}
_DELIMITER_WORDS = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";"}
_CONTROLS = frozenset(chr(c) for c in range(32)) - set("\t\n\r\f\v\x1a") | {"\ufffd"}

csv.field_size_limit(max(csv.field_size_limit(), _READ_MAX))


@dataclass(frozen=True)
class Reading:
    """How a file is read: None leaves it to the guess."""

    encoding: str | None = None
    delimiter: str | None = None


def encoding_name(encoding: str) -> str:
    """'utf-8-sig' -> 'UTF-8', for messages."""
    return _NAMES.get(codecs.lookup(encoding).name, _NAMES.get(encoding, encoding))


def told(encoding: str | None, delimiter: str | None) -> Reading:
    """The options as given (`--encoding cp1252 --delimiter ';'`), checked."""
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise BadInput("encoding", f"{encoding!r} is not an encoding; try utf-8, utf-16 or cp1252") from None
    if delimiter is not None:
        delimiter = _DELIMITER_WORDS.get(delimiter.lower(), delimiter)
        if len(delimiter) != 1 or delimiter in "\"\r\n":
            raise BadInput("delimiter", f"{delimiter!r} is not one character; try ',', ';' or tab")
    return Reading(encoding, delimiter)


def sniff_encoding(head: bytes) -> str:
    """A byte-order mark decides; else UTF-8 if the start is UTF-8, else Windows-1252."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def sniff_delimiter(sample: str, whole: bool) -> str:
    """The delimiter under which the first lines read as the most rows as wide as the header."""
    lines = [line for line in sample.splitlines(keepends=True) if line.strip()]
    if not whole and len(lines) > 1:
        lines = lines[:-1]  # the last line read may be cut short
    best, score = ",", (0, 0, 0)
    for delimiter in DELIMITERS:
        try:
            parsed = list(csv.reader(lines[:50], delimiter=delimiter))
        except csv.Error:
            continue
        if not parsed or len(parsed[0]) < 2:
            continue
        width = len(parsed[0])
        found = (1, sum(len(r) == width for r in parsed[1:]), width)
        if found > score:
            best, score = delimiter, found
    return best


def settle(binary: BinaryIO, reading: Reading | None = None) -> Reading:
    """The reading told, with what was not told guessed from the file's start."""
    reading = reading or Reading()
    head = binary.read(HEAD)
    binary.seek(0)
    encoding = reading.encoding or sniff_encoding(head)
    delimiter = reading.delimiter or sniff_delimiter(
        head.decode(encoding, errors="replace"), whole=len(head) < HEAD)
    return Reading(encoding, delimiter)


def refuse_unreadable(path: Path, binary: BinaryIO, encoding: str | None = None) -> None:
    """An empty file, or one that is not text (a picture, a spreadsheet's own .xlsx...), is refused."""
    head = binary.read(HEAD)
    binary.seek(0)
    text = head.decode(encoding or sniff_encoding(head), errors="replace").lstrip("\ufeff")
    if not text.strip():
        raise BadInput("file", f"{path} is empty: there is nothing to import")
    strange = sum(1 for c in text if c in _CONTROLS)
    if "\x00" in text or strange > len(text) // 100 + 2:
        raise BadInput("file", f"{path} is not a text file (binary content): export it as CSV or vCard text")


def text_stream(binary: BinaryIO, newline: str | None = "", encoding: str | None = None) -> io.TextIOWrapper:
    """Decoded text; newlines left to the csv module unless told otherwise."""
    if encoding is None:
        encoding = sniff_encoding(binary.read(HEAD))
        binary.seek(0)
    return io.TextIOWrapper(binary, encoding=encoding, newline=newline)
