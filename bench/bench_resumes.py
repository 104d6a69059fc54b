"""Résumé import speed: résumés per second for a folder of PDFs and one of Word files, beside reading their text alone.

    python -m bench bench_resumes --files 500 --db sqlite:////tmp/bench-resumes.db
    python -m bench bench_resumes --files 500 --db postgresql+psycopg://postgres@127.0.0.1:5432/bench_resumes

The database is emptied first (use a scratch one). Each folder holds `--files` résumés of new people; it
is imported once (everyone created) and again (every file found unchanged by its hash). Figures are
printed, never asserted.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sqlalchemy.engine import make_url

from bench.bench_import import fresh
from bench.figures import Figure
from bench.resume_files import candidate, docx_file, pdf_file
from callsheet.clock import SystemClock
from callsheet.services.imports.resume_text import read_resume
from callsheet.services.imports.resumes import files_under, import_resumes, read_files
from callsheet.store.uow import UnitOfWork

KINDS = {"pdf": pdf_file, "docx": docx_file}


def write_folders(work: Path, files: int) -> dict[str, Path]:
    """A folder of `files` résumés per kind, each of its own person (no two share a phone or an email)."""
    folders: dict[str, Path] = {}
    for k, (kind, make) in enumerate(KINDS.items()):
        folder = folders.setdefault(kind, work / f"{kind}-{files}")
        if folder.exists():
            continue
        folder.mkdir(parents=True)
        for i in range(files):
            (folder / f"resume-{i:05d}.{kind}").write_bytes(make(candidate(k * files + i)))
    return folders


def per_file(seconds: float, files: int) -> list[float]:
    return [1000 * seconds / files]


def measure(url: str, files: int, work: Path) -> list[Figure]:
    """Milliseconds per résumé of each import (new people, then the same folder again), beside reading
    the files' text alone. Empties the database at `url`."""
    engine = fresh(url)
    figures: list[Figure] = []
    try:
        for kind, folder in write_folders(work, files).items():
            paths = files_under([folder])
            started = time.perf_counter()
            for name, data in read_files(paths):
                read_resume(name, data)
            reading = per_file(time.perf_counter() - started, files)
            for label in ("new people", "again (unchanged)"):
                started = time.perf_counter()
                summary = import_resumes(UnitOfWork(engine), SystemClock(), read_files(paths), user_login="bench",
                                         rejects=work / f"{kind}.rejects.csv")
                seconds = time.perf_counter() - started
                counts = {k: v for k, v in summary.view().items() if k != "files" and v}
                figures.append(Figure(f"import résumés, {kind}, {label}", per_file(seconds, files), unit="ms/file",
                                      raw=reading, raw_name="text extraction alone",
                                      note=f"{files / seconds:,.1f} résumés/s; {counts}"))
    finally:
        engine.dispose()
    return figures


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench bench_resumes")
    parser.add_argument("--files", type=int, default=500, help="résumés per kind (PDF, DOCX)")
    parser.add_argument("--db", default=f"sqlite:///{tempfile.gettempdir()}/bench-resumes.db")
    args = parser.parse_args(argv)
    if args.files < 1:
        parser.error("--files must be at least 1")
    work = Path(tempfile.mkdtemp(prefix="bench-resumes-"))
    figures = measure(args.db, args.files, work)
    print(f"{make_url(args.db).get_backend_name()}, {args.files:,} résumés per kind")
    for figure in figures:
        print(f"  {figure.operation:<42} {1000 / figure.samples[0]:>8,.1f} résumés/s  "
              f"(text alone {1000 / figure.raw[0]:,.1f}/s)  {figure.note}")


if __name__ == "__main__":
    main([])
