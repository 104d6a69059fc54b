"""The rejects file beside an input: every row (or part of a row) not taken, with its reason.

Every cell is written formula-safe, as every other file the product writes; the CSV import reads such
cells back as they were.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO, Any

from callsheet.domain.cells import spreadsheet_safe


class RejectsFile:
    """Opened on the first reject only; a clean import leaves no file (and removes a stale one)."""

    def __init__(self, path: Path, header: list[str]) -> None:
        self.path, self.header = path, header
        self._file: IO[str] | None = None
        self._csv: Any = None
        self.count = 0
        if path.exists():
            path.unlink()

    def write(self, row: int, reason: str, cells: list[str]) -> None:
        if self._file is None:
            self._file = self.path.open("w", encoding="utf-8", newline="")
            self._csv = csv.writer(self._file)
            self._csv.writerow([spreadsheet_safe(c) for c in ["row", "reason", *self.header]])
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
