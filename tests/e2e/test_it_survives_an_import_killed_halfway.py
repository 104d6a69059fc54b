import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from callsheet.store.engine import make_engine
from callsheet.store.tables import emails, people, phones

ROWS = 12_000


def _write_file(path: Path) -> dict[str, str]:
    """A big spreadsheet; every tenth row repeats an earlier person under a new email (a merge)."""
    expected: dict[str, str] = {}
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Name", "Phone", "Email"])
        for i in range(ROWS):
            person = i - 5 if i % 10 == 9 else i
            phone = f"(414) {200 + (person // 10000) % 800:03d}-{person % 10000:04d}"
            writer.writerow([f"Person {person}", phone, f"p{i}@example.com"])
            expected[f"Person {person}"] = "+1414" + phone[6:9] + phone[10:]
    return expected


def _count(database_url: str) -> int:
    # Through the driver: the store's SQLite transactions begin IMMEDIATE and would wait for the import.
    engine = make_engine(database_url)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("SELECT count(*) FROM people")
        return int(cursor.fetchone()[0])
    finally:
        raw.close()
        engine.dispose()


def _processes_reading(path: Path) -> list[int]:
    """Processes whose command line names the file (Linux /proc; none elsewhere)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if str(path).encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_it_leaves_exactly_one_clean_import_after_being_killed_and_run_again(
        desk_env: dict[str, str], database_url: str, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    expected = _write_file(path)
    env = {**os.environ, **desk_env}
    command = [sys.executable, "-m", "callsheet", "import", "csv", str(path), "--json"]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while _count(database_url) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    # A large file is read by a second process; it goes with the killed one, taking the
    # database connections it inherited with it (an open transaction would block the re-run).
    deadline = time.monotonic() + 30
    while _processes_reading(path) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_reading(path) == []
    halfway = _count(database_url)
    assert 0 < halfway < len(expected), "the kill should land after the first batch and before the end"
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    engine = make_engine(database_url)
    with engine.connect() as conn:
        stored = {name: sorted(conn.execute(select(phones.c.e164).where(phones.c.person_id == pid)).scalars())
                  for pid, name in conn.execute(select(people.c.id, people.c.name))}
        email_count = conn.execute(select(func.count()).select_from(emails)).scalar_one()
    engine.dispose()
    assert len(stored) == len(expected)
    assert stored == {name: [e164] for name, e164 in expected.items()}
    assert email_count == ROWS
