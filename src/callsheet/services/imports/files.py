"""import_file: open a file, pick its parser, run the engine, report the summary."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput
from callsheet.services.accounts.acting import acting_user
from callsheet.services.imports import csv_rows, linkedin, vcard
from callsheet.services.imports import pipeline as checking
from callsheet.services.imports.engine import Engine, Options, Summary
from callsheet.services.imports.incoming import Incoming
from callsheet.services.imports.rejects import RejectsFile
from callsheet.services.imports.text import Reading, refuse_unreadable, settle
from callsheet.services.unit import UnitOfWork

KINDS = ("linkedin", "vcard", "csv")
LINKEDIN_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
VCARD_HEADER = ["name", "phones", "emails"]


def rejects_path(path: Path) -> Path:
    return path.with_name(path.name + ".rejects.csv")


def import_file(
    uow: UnitOfWork, clock: Clock, kind: str, path: Path, *, user_login: str, region: str = "US",
    mapping: dict[str, str] | None = None, dry_run: bool = False, batch_size: int = 1000,
    on_progress: Callable[[int, int, Summary], None] | None = None, pipeline: bool | None = None,
    reading: Reading | None = None, rejects_max_bytes: int | None = None,
) -> Summary:
    """Import a LinkedIn, vCard or CSV file; every row ends created, merged, suppressed or rejected.

    `pipeline`: check rows in a second process (None: when the file is large and a second core is there).
    `reading`: a CSV file's encoding and delimiter when told; else they are guessed.
    `rejects_max_bytes`: where the rejects file stops (rows past it are counted in `rejects_left_out`).
    """
    if kind not in KINDS:
        raise BadInput("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    if not path.is_file():
        raise BadInput("file", f"{path} does not exist")
    if batch_size < 1:
        raise BadInput("batch_size", "must be at least 1")
    total = path.stat().st_size
    with path.open("rb") as binary:
        refuse_unreadable(path, binary, reading.encoding if reading and kind == "csv" else None)
        if kind == "csv":
            reading = settle(binary, reading)
            header = csv_rows.header_of(binary, reading)
            binary.seek(0)
            items: Iterator[Incoming] = csv_rows.rows(binary, mapping or {}, reading)
        elif kind == "linkedin":
            header, items = LINKEDIN_HEADER, linkedin.rows(binary)
        else:
            header, items = VCARD_HEADER, vcard.rows(binary)
        knows = None
        if kind == "linkedin":
            with uow:
                knows = acting_user(uow, clock, user_login).id
        rejects = RejectsFile(rejects_path(path), header, rejects_max_bytes)
        if pipeline is None:
            pipeline = total >= checking.MIN_BYTES and checking.can_fork()
        engine = Engine(uow, clock, Options(region, knows, batch_size, dry_run, pipeline), rejects)

        def progress(summary: Summary) -> None:
            if on_progress is not None:
                on_progress(total if binary.closed else binary.tell(), total, summary)

        try:
            summary = engine.run(items, progress)
        finally:
            rejects_file = rejects.close()
    summary.rejects_file, summary.rejects_left_out = rejects_file, rejects.left_out
    return summary
