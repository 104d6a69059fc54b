"""The rejects file beside an input: every row (or part of a row) not taken, with its reason.

Every cell is written formula-safe, as every other file the product writes; the CSV import reads such
cells back as they were. An import started from the web desk or the API keeps its rejects file in the
store, so there it is capped: once the file reaches `max_bytes`, further rows are counted, not written.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO, Any

from callsheet.domain.cells import spreadsheet_safe


class _Counted:
    """A text stream over a binary file that counts the bytes written, for the csv writer."""

    def __init__(self, binary: IO[bytes]) -> None:
        self.binary, self.size = binary, 0

    def write(self, text: str) -> int:
        data = text.encode("utf-8")
        self.size += len(data)
        return self.binary.write(data)


class RejectsFile:
    """Opened on the first reject only; a clean import leaves no file (and removes a stale one)."""

    def __init__(self, path: Path, header: list[str], max_bytes: int | None = None) -> None:
        self.path, self.header, self.max_bytes = path, header, max_bytes
        self._file: IO[bytes] | None = None
        self._out: _Counted | None = None
        self._csv: Any = None
        self.count = 0
        #: Rows not written because the file had reached `max_bytes`.
        self.left_out = 0
        if path.exists():
            path.unlink()

    def write(self, row: int, reason: str, cells: list[str]) -> None:
        if self._out is None:
            self._file = self.path.open("wb")
            self._out = _Counted(self._file)
            self._csv = csv.writer(self._out)
            self._csv.writerow([spreadsheet_safe(c) for c in ["row", "reason", *self.header]])
        elif self.max_bytes is not None and self._out.size >= self.max_bytes:
            self.left_out += 1
            return
        self._csv.writerow([str(row), *(spreadsheet_safe(c) for c in [reason, *cells])])
        self.count += 1

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> str | None:
        if self._file is None:
            return None
        self._file.close()
        return str(self.path)
