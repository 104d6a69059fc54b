"""Imports started from the web desk or the API: the upload saved and checked up front, then run in a
thread of its own while the page polls its progress, which the store keeps (runs.py).

Each upload lives in a folder of its own under Settings.upload_dir, named by the run's random id, while
it is imported; its rejects file is written beside it, then kept in the store with the run (capped at the
size of the largest upload), and the folder is removed.
"""

from __future__ import annotations

import codecs
import logging
import secrets
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput, OutOfRange
from callsheet.services.imports import csv_rows, linkedin, runs
from callsheet.services.imports.engine import Summary
from callsheet.services.imports.files import KINDS, import_file, rejects_path
from callsheet.services.imports.runs import safe_name
from callsheet.services.unit import UnitOfWork

log = logging.getLogger(__name__)
CHUNK = 1 << 20


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


@dataclass(frozen=True)
class _Job:
    """What the import's thread needs of its run."""

    run_id: str
    kind: str
    path: Path
    dry_run: bool
    login: str
    region: str
    mapping: dict[str, str]


class ImportRunner:
    """Saves uploads and runs each import in a thread of this server; the runs are kept in the store (runs.py)."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        #: `max_bytes`: the largest upload taken, and where a run's rejects file stops.
        self.root, self.max_bytes = root, max_bytes
        self._running: dict[str, threading.Event] = {}  # the runs this server is importing
        self._lock = threading.Lock()

    def save(self, stream: BinaryIO, filename: str) -> Path:
        """Copy an upload into a folder of its own; refuse it empty, too large or holding NUL bytes
        (unless it is UTF-16 text with its byte-order mark, as Excel's "Unicode text")."""
        folder = self.root / secrets.token_urlsafe(12)
        folder.mkdir(parents=True, exist_ok=False)
        target = folder / safe_name(filename)
        size, utf16, max_bytes = 0, False, self.max_bytes
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
              login: str, region: str, mapping: dict[str, str], dry_run: bool, filename: str) -> str:
        """Check the file and record the run, then import it in a new thread; the run's id is returned at once."""
        run_id = path.parent.name
        try:
            check_file(kind, path, mapping)
            runs.begin(new_uow(), clock, run_id, kind, filename or path.name, user_id, dry_run, path.stat().st_size)
        except BaseException:
            self.discard(path)
            raise
        finished = threading.Event()
        with self._lock:
            self._running[run_id] = finished
        job = _Job(run_id, kind, path, dry_run, login, region, mapping)
        worker = threading.Thread(target=self._run, name=f"import-{run_id}", daemon=True, args=(job, new_uow, clock))
        worker.start()
        return run_id

    def wait(self, run_id: str, timeout: float | None = None) -> bool:
        """Until a run this server started has ended (at once for any other run); False if still running."""
        with self._lock:
            finished = self._running.get(run_id)
        return finished is None or finished.wait(timeout)

    def _run(self, job: _Job, new_uow: Callable[[], UnitOfWork], clock: Clock) -> None:
        def progress(done: int, total: int, summary: Summary) -> None:
            if job.dry_run:  # a dry run is one transaction: its counts are written when it ends
                return
            try:
                runs.record_progress(new_uow(), clock, job.run_id, done, total, summary)
            except Exception:  # noqa: BLE001 - progress is for the page: the import goes on, its end is written
                log.warning("the progress of import %s could not be written", job.run_id, exc_info=True)

        # What a value the store cannot hold raises: our own bound, and the store's own errors.
        unstorable: tuple[type[Exception], ...] = (OutOfRange,)
        summary, error, error_field = None, "", ""
        try:
            uow = new_uow()
            unstorable = (OutOfRange, *uow.unstorable)
            summary = import_file(uow, clock, job.kind, job.path, user_login=job.login, region=job.region,
                                  mapping=job.mapping, dry_run=job.dry_run, on_progress=progress,
                                  rejects_max_bytes=self.max_bytes)
        except unstorable:
            error, error_field = "a value in the file cannot be stored (out of range or not text)", "file"
        except BadInput as exc:
            error, error_field = exc.message, exc.field
        except Exception:  # noqa: BLE001 - the run must record any failure, or its page polls forever
            log.exception("import %s failed", job.run_id)
            error = ("the import stopped on an internal error; whole batches already stored are kept, "
                     "and running the file again finishes it without duplicates")
        try:
            written = rejects_path(job.path)
            rejects = written.read_bytes() if written.is_file() else None
            runs.finish(new_uow(), clock, job.run_id, summary, rejects, error=error, error_field=error_field)
        except Exception:  # noqa: BLE001 - the run then shows as interrupted; the import itself is stored
            log.exception("the end of import %s could not be recorded", job.run_id)
        finally:
            self.discard(job.path)
            with self._lock:
                self._running.pop(job.run_id).set()
