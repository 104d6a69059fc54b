"""Imports started from the web desk or the API: the upload saved and checked up front, then run in a
thread of its own while the page polls its progress.

Each upload lives in a folder of its own under Settings.upload_dir, named by the run's random id, so
its rejects file (written beside it by the engine) can be offered for download afterwards. The upload
itself is removed once the run ends: only the rejects file (the rows that need a person's eye) stays.
"""

from __future__ import annotations

import codecs
import logging
import re
import secrets
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput, NotFound, OutOfRange
from callsheet.services.imports import csv_rows, linkedin
from callsheet.services.imports.engine import Summary
from callsheet.services.imports.files import KINDS, import_file
from callsheet.services.unit import UnitOfWork

log = logging.getLogger(__name__)
CHUNK = 1 << 20
KEEP_RUNS = 200  # finished runs remembered for their summary pages; older ones are forgotten


def column_map(kind: str, lines: list[str]) -> dict[str, str]:
    """`Cell #=mobile` lines (blank ones ignored) as a column map; only a CSV file takes one."""
    pairs = [line.strip() for line in lines if line.strip()]
    if pairs and kind != "csv":
        raise BadInput("map", "a column map is only for CSV files; LinkedIn and vCard files are read as they are")
    return csv_rows.parse_map(pairs)


def check_file(kind: str, path: Path, mapping: dict[str, str]) -> None:
    """Refuse a file that cannot be this kind before any row is stored: wrong kind, no header, unknown column."""
    if kind not in KINDS:
        raise BadInput("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    with path.open("rb") as binary:
        if kind == "vcard":
            if b"begin:vcard" not in binary.read(CHUNK).lower():
                raise BadInput("file", "has no BEGIN:VCARD line: is this a vCard (.vcf) file?")
            return
        rows = csv_rows.rows(binary, mapping) if kind == "csv" else linkedin.rows(binary)
        next(rows, None)  # the readers check the header (and a CSV file's column map) on the first row


def safe_name(filename: str) -> str:
    """The uploaded file's own name, reduced to harmless characters.

    >>> safe_name("../../etc/pass wd.csv"), safe_name("")
    ('pass_wd.csv', 'upload')
    """
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(filename.replace("\\", "/")).name).strip("._")
    return name[:100] or "upload"


@dataclass
class ImportRun:
    """One import: what is known of it while it runs and after."""

    id: str
    kind: str
    filename: str
    user_id: int
    dry_run: bool
    total: int
    path: Path
    done: int = 0
    rows: int = 0
    status: str = "running"  # running, done or failed
    summary: Summary | None = None
    error: str = ""
    error_field: str = ""
    finished: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def percent(self) -> int:
        return 100 if self.status != "running" or not self.total else min(99, self.done * 100 // self.total)

    @property
    def rejects(self) -> Path | None:
        found = self.summary.rejects_file if self.summary else None
        return Path(found) if found and Path(found).is_file() else None

    def view(self) -> dict[str, Any]:
        s = self.summary
        return {"id": self.id, "status": self.status, "kind": self.kind, "filename": self.filename,
                "dry_run": self.dry_run, "percent": self.percent, "rows": self.rows,
                "created": s.created if s else 0, "merged": s.merged if s else 0,
                "suppressed": s.suppressed if s else 0, "rejected": s.rejected if s else 0,
                "problems": s.problems if s else 0, "has_rejects": self.rejects is not None,
                "error": self.error or None}


class ImportRunner:
    """Saves uploads and runs each import in a thread; remembers recent runs for their pages."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._runs: dict[str, ImportRun] = {}
        self._lock = threading.Lock()

    def save(self, stream: BinaryIO, filename: str, max_bytes: int) -> Path:
        """Copy an upload into a folder of its own; refuse it empty, too large or holding NUL bytes
        (unless it is UTF-16 text with its byte-order mark, as Excel's "Unicode text")."""
        folder = self.root / secrets.token_urlsafe(12)
        folder.mkdir(parents=True, exist_ok=False)
        target = folder / safe_name(filename)
        size, utf16 = 0, False
        try:
            with target.open("wb") as out:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise BadInput("file", f"is larger than {max_bytes // (1 << 20)} MB")
                    if size == len(chunk):
                        utf16 = chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
                    if b"\x00" in chunk and not utf16:
                        raise BadInput("file", "holds NUL bytes: it looks like a binary file; "
                                               "save it as CSV or as vCard text")
                    out.write(chunk)
            if size == 0:
                raise BadInput("file", "is empty")
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return target

    def discard(self, path: Path) -> None:
        shutil.rmtree(path.parent, ignore_errors=True)

    def start(self, new_uow: Callable[[], UnitOfWork], clock: Clock, kind: str, path: Path, *, user_id: int,
              login: str, region: str, mapping: dict[str, str], dry_run: bool, filename: str) -> ImportRun:
        """Check the file, then import it in a new thread; the run is returned at once."""
        try:
            check_file(kind, path, mapping)
        except BaseException:
            self.discard(path)
            raise
        run = ImportRun(path.parent.name, kind, filename or path.name, user_id, dry_run, path.stat().st_size, path)
        with self._lock:
            self._runs[run.id] = run
            for old in [r for r in self._runs.values() if r.status != "running"][:-KEEP_RUNS]:
                del self._runs[old.id]
        worker = threading.Thread(target=self._run, name=f"import-{run.id}", daemon=True,
                                  args=(run, new_uow, clock, login, region, mapping))
        worker.start()
        return run

    def _run(self, run: ImportRun, new_uow: Callable[[], UnitOfWork], clock: Clock, login: str, region: str,
             mapping: dict[str, str]) -> None:
        def progress(done: int, total: int, summary: Summary) -> None:
            run.done, run.total, run.rows = done, total, summary.rows

        # What a value the store cannot hold raises: our own bound, and the store's own errors.
        unstorable: tuple[type[Exception], ...] = (OutOfRange,)
        try:
            uow = new_uow()
            unstorable = (OutOfRange, *uow.unstorable)
            run.summary = import_file(uow, clock, run.kind, run.path, user_login=login, region=region,
                                      mapping=mapping, dry_run=run.dry_run, on_progress=progress)
            run.rows = run.summary.rows
            run.status = "done"
        except unstorable:
            run.status, run.error_field = "failed", "file"
            run.error = "a value in the file cannot be stored (out of range or not text)"
        except BadInput as exc:
            run.status, run.error, run.error_field = "failed", exc.message, exc.field
        except Exception:  # noqa: BLE001 - the thread must record any failure, or the page polls forever
            log.exception("import %s failed", run.id)
            run.status, run.error_field = "failed", ""
            run.error = ("the import stopped on an internal error; whole batches already stored are kept, "
                         "and running the file again finishes it without duplicates")
        finally:
            run.path.unlink(missing_ok=True)
            run.finished.set()

    def get(self, run_id: str, user_id: int, admin: bool = False) -> ImportRun:
        """A run its starter (or an admin) may see; anyone else is told it does not exist."""
        with self._lock:
            run = self._runs.get(run_id)
        if run is None or not (admin or run.user_id == user_id):
            raise NotFound("import", run_id)
        return run
