"""Import speed: rows/s for a CSV and a LinkedIn file, beside a bare insert of the same rows.

    python -m bench bench_import --rows 100000 --db sqlite:////tmp/bench-import.db
    python -m bench bench_import --rows 100000 --db postgresql+psycopg://postgres@127.0.0.1:5432/bench_import_6

The database is emptied first (use a scratch one). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from callsheet.clock import SystemClock
from callsheet.services.imports.files import import_file
from callsheet.store import schema
from callsheet.store.engine import make_engine
from callsheet.store.tables import metadata
from callsheet.store.uow import UnitOfWork

AREAS = ["414", "262", "608", "920", "312", "773", "651", "612", "313", "216"]
FIRST = ["Ann", "Jack", "Zoë", "Maria", "Tom", "Priya", "Wei", "José", "Olga", "Sam", "Kate", "Omar"]
LAST = ["Kowalski", "Nowak", "O'Brien", "García", "Smith", "Nguyen", "Schmidt", "Patel", "Lee", "Brown"]
PLACES = [("Milwaukee", "WI"), ("Madison", "WI"), ("Chicago", "IL"), ("Waukesha", "WI"), ("", "")]


def phone(i: int) -> str:
    return f"({AREAS[i % len(AREAS)]}) {200 + (i // 10000) % 800:03d}-{i % 10000:04d}"


def write_csv(path: Path, rows: int) -> None:
    rng = random.Random(6)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["First Name", "Last Name", "Phone", "Email", "Company", "Title", "City", "State"])
        for i in range(rows):
            city, state = PLACES[i % len(PLACES)]
            w.writerow([rng.choice(FIRST), f"{rng.choice(LAST)}-{i}", phone(i), f"p{i}@example.com",
                        f"Company {i % 500}", "DBA", city, state])


def write_linkedin(path: Path, rows: int) -> None:
    rng = random.Random(7)
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        f.write('Notes:\n"When exporting your connection data, you may notice that some of the email addresses '
                'are missing."\n\n')
        w = csv.writer(f)
        w.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
        for i in range(rows):
            w.writerow([rng.choice(FIRST), f"{rng.choice(LAST)}-{i}", f"https://www.linkedin.com/in/member-{i}",
                        f"l{i}@example.com" if i % 10 == 0 else "", f"Company {i % 500}", "Engineer",
                        f"{1 + i % 28} Mar 2024"])


def _create_database(url: str) -> None:
    parsed = make_url(url)
    admin = make_engine(parsed.set(database="postgres").render_as_string(hide_password=False),
                        isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": parsed.database}).first():
            conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()


def fresh(url: str) -> Engine:
    engine = make_engine(url)
    if engine.dialect.name == "sqlite":
        path = Path(engine.url.database or "")
        engine.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        engine = make_engine(url)
    else:
        _create_database(url)
        with engine.begin() as conn:
            metadata.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version, bench_rows"))
    schema.upgrade(engine)
    return engine


def bare(engine: Engine, path: Path) -> float:
    """The same rows straight into a plain table: executemany on SQLite, COPY on PostgreSQL."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    started = time.perf_counter()
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("CREATE TABLE bench_rows (first TEXT, last TEXT, phone TEXT, email TEXT, company TEXT, "
                    "title TEXT, city TEXT, state TEXT)")
        if engine.dialect.name == "sqlite":
            cur.execute("BEGIN")
            cur.executemany("INSERT INTO bench_rows VALUES (?,?,?,?,?,?,?,?)", rows)
        else:
            with cur.copy("COPY bench_rows FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in rows:
                    copy.write_row(row)
        raw.commit()
    finally:
        raw.close()
    return len(rows) / (time.perf_counter() - started)


def timed(engine: Engine, kind: str, path: Path) -> tuple[float, dict[str, object]]:
    started = time.perf_counter()
    summary = import_file(UnitOfWork(engine), SystemClock(), kind, path, user_login="bench")
    return time.perf_counter() - started, summary.view()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench bench_import")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", default=f"sqlite:///{tempfile.gettempdir()}/bench-import.db")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    csv_file, linkedin_file = work / "people.csv", work / "Connections.csv"
    write_csv(csv_file, args.rows)
    write_linkedin(linkedin_file, args.rows)
    engine = fresh(args.db)
    store = engine.dialect.name
    print(f"{store}, {args.rows:,} rows per file")
    how = "executemany" if store == "sqlite" else "COPY"
    print(f"  bare {how} of the CSV rows:           {bare(engine, csv_file):>10,.0f} rows/s")
    for label, kind, path in (("csv, empty desk", "csv", csv_file), ("csv again (all merged)", "csv", csv_file),
                              ("linkedin, empty of them", "linkedin", linkedin_file),
                              ("linkedin again", "linkedin", linkedin_file)):
        seconds, summary = timed(engine, kind, path)
        print(f"  import {label:<26} {args.rows / seconds:>10,.0f} rows/s  ({seconds:.1f} s) {summary}")
    engine.dispose()


if __name__ == "__main__":
    main([])
