"""Import speed: rows/s for a CSV and a LinkedIn file, beside two raw rates of the same rows measured in
the same run, and each import's rate as a share of both:

- the bare COPY (executemany on SQLite): the file's cells into one scratch table of text columns, with no
  index, key or trigger: the engine's top speed, not a store's;
- the raw engine: the CSV's companies, people, phones and emails into the desk's own tables, one COPY
  (executemany) per table in one transaction, through their indexes, keys and search-log triggers, with
  no checking, matching or Python objects: the least a store of these rows can cost.

    python -m bench bench_import --rows 100000 --db sqlite:////tmp/bench-import.db
    python -m bench bench_import --rows 100000 --db postgresql+psycopg://postgres@127.0.0.1:5432/bench_import_6

The database is emptied first (use a scratch one). Figures are printed, never asserted. Each
import is timed on the wall clock and as rows per CPU-second (this process and the child that
checks rows for large files), with each process's CPU microseconds per row: on a shared machine
these say more about the code, and on two free cores the larger of the two bounds the wall time. With
`--search-triggers both` (the default) every import runs twice: with the store's search-index
triggers as they are, and on a second scratch desk without them, which is the import's own cost.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from bench.common import create_database
from bench.figures import Figure
from callsheet.clock import SystemClock
from callsheet.lookup.companies import company_key
from callsheet.services.imports.files import import_file
from callsheet.store import schema
from callsheet.store.engine import make_engine
from callsheet.store.uow import DEFAULT_DESK, UnitOfWork

AREAS = ["414", "262", "608", "920", "312", "773", "651", "612", "313", "216"]
FIRST = ["Ann", "Jack", "Zoë", "Maria", "Tom", "Priya", "Wei", "José", "Olga", "Sam", "Kate", "Omar"]
LAST = ["Kowalski", "Nowak", "O'Brien", "García", "Smith", "Nguyen", "Schmidt", "Patel", "Lee", "Brown"]
PLACES = [("Milwaukee", "WI"), ("Madison", "WI"), ("Chicago", "IL"), ("Waukesha", "WI"), ("", "")]


def _put(cur: Any, dialect: str, target: str, rows: list[tuple[Any, ...]]) -> None:
    """The raw engine's bulk write of `rows` into `target` ("table (columns)"): one executemany on SQLite,
    one COPY on PostgreSQL."""
    if dialect == "sqlite":
        cur.executemany(f"INSERT INTO {target} VALUES ({','.join('?' * len(rows[0]))})", rows)
        return
    with cur.copy(f"COPY {target} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


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


def fresh(url: str) -> Engine:
    engine = make_engine(url)
    if engine.dialect.name == "sqlite":
        path = Path(engine.url.database or "")
        engine.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        engine = make_engine(url)
    else:
        create_database(url)
        with engine.begin() as conn:  # a scratch database: everything goes, search tables and functions too
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    schema.upgrade(engine)
    return engine


def bare(engine: Engine, path: Path, skip: int) -> float:
    """Seconds to store the same rows straight into a plain table: executemany on SQLite, COPY on
    PostgreSQL."""
    with path.open(newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))[skip:]
    width = len(rows[0])
    started = time.perf_counter()
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("DROP TABLE IF EXISTS bench_rows")
        cur.execute(f"CREATE TABLE bench_rows ({', '.join(f'c{i} TEXT' for i in range(width))})")
        if engine.dialect.name == "sqlite":
            cur.execute("BEGIN")
            cur.executemany(f"INSERT INTO bench_rows VALUES ({','.join('?' * width)})", rows)
        else:
            with cur.copy("COPY bench_rows FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in rows:
                    copy.write_row(row)
        raw.commit()
    finally:
        raw.close()
    return time.perf_counter() - started


def desk_floor(engine: Engine, path: Path, batch: int = 1000, companies: bool = False) -> float:
    """Seconds to store the CSV's people, phones and emails straight into the desk's own tables (their
    indexes, foreign keys and search-log triggers), a batch a transaction, with no checking,
    matching or Python objects: the store's own cost, which no import can beat.

    `companies`: the raw engine's rows: each person also with the first and last name and the company
    the file gives (its companies copied first), as the import stores them."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    now = "2026-11-30 09:00:00.000000" if engine.dialect.name == "sqlite" else "2026-11-30 09:00:00+00"
    desk = DEFAULT_DESK  # the desk every import below writes into
    firms = {name: i + 1 for i, name in enumerate(dict.fromkeys(r[4] for r in rows))} if companies else {}
    people_rows = [(desk, i + 1, f"{r[0]} {r[1]}", r[5], r[6], r[7], "", "", "", now, now, firms.get(r[4]),
                    r[0] if companies else "", r[1] if companies else "") for i, r in enumerate(rows)]
    phone_rows = [(desk, i + 1, "+1" + "".join(c for c in r[2] if c.isdigit()), "main", "ok", 0)
                  for i, r in enumerate(rows)]
    email_rows = [(desk, i + 1, r[3], 0) for i, r in enumerate(rows)]
    statements = [
        ("people (desk_id, id, name, title, city, state, zip, timezone, profile, created_at, updated_at, company_id,"
         " first_name, last_name, skills, active, suppression, suppressed_by, suppression_reason)", people_rows,
         ("", False, "none", "", "")),
        ("phones (desk_id, person_id, e164, label, status, position)", phone_rows, ()),
        ("emails (desk_id, person_id, address, position)", email_rows, ()),
    ]
    started = time.perf_counter()
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        if firms:
            if engine.dialect.name == "sqlite":
                cur.execute("BEGIN IMMEDIATE")
            company_rows = [(desk, i, name, company_key(name), "", "", False, now) for name, i in firms.items()]
            target = "companies (desk_id, id, name, name_key, city, state, is_client, created_at)"
            _put(cur, engine.dialect.name, target, company_rows)
            if engine.dialect.name != "sqlite":
                cur.execute("ANALYZE companies")  # the people's company keys are checked by its index
            raw.commit()
        for start in range(0, len(rows), batch):
            if engine.dialect.name == "sqlite":
                cur.execute("BEGIN IMMEDIATE")
            for target, values, same in statements:
                chunk = [v + same for v in values[start:start + batch]] if same else values[start:start + batch]
                _put(cur, engine.dialect.name, target, chunk)
            raw.commit()
    finally:
        raw.close()
    return time.perf_counter() - started


def drop_search_triggers(engine: Engine) -> None:
    """Only on the bench's scratch desk: what the import costs without the search index's upkeep."""
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            for name in ("people_fts_insert", "people_fts_update"):
                conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        else:
            for name in ("people_search_insert", "people_search_update"):
                conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON people"))


def cpu_seconds() -> tuple[float, float]:
    """(this process, its finished children): large imports check rows in a forked child."""
    t = os.times()
    return t.user + t.system, t.children_user + t.children_system


def timed(engine: Engine, kind: str, path: Path) -> tuple[float, float, float, dict[str, object]]:
    """Wall seconds, CPU seconds of the storing process and of the checking child, the summary."""
    started, (own, children) = time.perf_counter(), cpu_seconds()
    summary = import_file(UnitOfWork(engine), SystemClock(), kind, path, user_login="bench")
    own_after, children_after = cpu_seconds()
    return time.perf_counter() - started, own_after - own, children_after - children, summary.view()


def per_row(seconds: float, rows: int) -> list[float]:
    return [1e6 * seconds / rows]


def measure(url: str, rows: int, csv_file: Path, linkedin_file: Path, search_triggers: bool = True) -> list[Figure]:
    """Microseconds per row of each import (on an emptied desk, then again, for each file), beside the
    bare insert of the same rows; and the store's floor. Empties the database at `url`."""
    engine = fresh(url)
    if not search_triggers:
        drop_search_triggers(engine)
    how = "bare executemany" if engine.dialect.name == "sqlite" else "bare COPY"
    baseline = {"csv": per_row(bare(engine, csv_file, 1), rows), "linkedin": per_row(bare(engine, linkedin_file, 4),
                                                                                     rows)}
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE bench_rows"))
    figures = [Figure("import floor: rows straight into the desk's tables", per_row(desk_floor(engine, csv_file), rows),
                      unit="µs/row")]
    engine.dispose()
    engine = fresh(url)
    if not search_triggers:
        drop_search_triggers(engine)
    figures.append(Figure("import raw engine: one COPY a table", per_row(
        desk_floor(engine, csv_file, batch=rows, companies=True), rows), unit="µs/row"))
    engine.dispose()
    engine = fresh(url)
    if not search_triggers:
        drop_search_triggers(engine)
    for label, kind, path in (("csv, empty desk", "csv", csv_file), ("csv again (all merged)", "csv", csv_file),
                              ("linkedin, new people", "linkedin", linkedin_file),
                              ("linkedin again", "linkedin", linkedin_file)):
        seconds, own, child, summary = timed(engine, kind, path)
        counts = {k: v for k, v in summary.items() if k in ("created", "merged", "suppressed", "rejected") and v}
        # The split says which process bounds the wall time on two free cores (PostgreSQL's own
        # work is in its server process, counted in neither).
        figures.append(Figure(f"import {label}", per_row(seconds, rows), unit="µs/row", raw=baseline[kind],
                              raw_name=how, note=f"{rows / (own + child):,.0f} rows/CPU-s; CPU µs/row: storing "
                              f"{1e6 * own / rows:.0f}, checking {1e6 * child / rows:.0f}; {counts}"))
    engine.dispose()
    return figures


def run(url: str, rows: int, csv_file: Path, linkedin_file: Path, search_triggers: bool) -> None:
    figures = measure(url, rows, csv_file, linkedin_file, search_triggers)
    print(f"{make_url(url).get_backend_name()}, {rows:,} rows per file, search-index triggers "
          f"{'as they are' if search_triggers else 'dropped'}, load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")
    floor, engine_raw, imports = figures[0], figures[1], figures[2:]
    how = imports[0].raw_name.split()[-1]  # COPY (PostgreSQL) or executemany (SQLite)
    print(f"  bare {how} of the file's cells into one table of text columns, no index, key or trigger:")
    print(f"    the CSV's rows {1e6 / imports[0].raw[0]:>10,.0f} rows/s; the LinkedIn rows "
          f"{1e6 / imports[2].raw[0]:>10,.0f} rows/s")
    print(f"  raw engine: the CSV's companies, people, phones, emails, one {how} a table, one transaction, "
          f"through their indexes, keys and triggers: {1e6 / engine_raw.samples[0]:>10,.0f} rows/s")
    print(f"  the store's floor: the CSV's people, phones, emails, a transaction a 1,000 rows: "
          f"{1e6 / floor.samples[0]:>10,.0f} rows/s")
    for figure in imports:
        # The import's rate as a share of each raw rate for the same rows, measured in this run.
        share = figure.raw[0] / figure.samples[0] if figure.raw else 0.0
        of_engine = engine_raw.samples[0] / figure.samples[0]
        print(f"  {figure.operation:<31} {1e6 / figure.samples[0]:>10,.0f} rows/s  "
              f"({rows * figure.samples[0] / 1e6:.1f} s, {of_engine:.0%} of the raw engine, {share:.1%} of the "
              f"bare {how}) {figure.note}")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench bench_import")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", default=f"sqlite:///{tempfile.gettempdir()}/bench-import.db")
    parser.add_argument("--search-triggers", choices=("as-is", "dropped", "both"), default="both")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    csv_file, linkedin_file = work / "people.csv", work / "Connections.csv"
    write_csv(csv_file, args.rows)
    write_linkedin(linkedin_file, args.rows)
    for keep in {"as-is": (True,), "dropped": (False,), "both": (True, False)}[args.search_triggers]:
        run(args.db, args.rows, csv_file, linkedin_file, keep)


if __name__ == "__main__":
    main([])
