"""Every benchmark keeps running: the harness (`make bench`) at its smoke size on both stores, and every
bench command's help. Figures are only checked to exist: timings are never asserted."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from callsheet.store.engine import make_engine
from tests.conftest import PG_URL, STORES

REPO = Path(__file__).resolve().parents[2]
BENCHMARKS = sorted(p.stem for p in (REPO / "bench").glob("bench_*.py"))
CHECKS = sorted(p.stem for p in (REPO / "bench").glob("*_check.py"))
#: What each benchmark must measure at least (its raw engine beside, where it has one).
OPERATIONS = {
    "build the demo desk": None,
    "rebuild the search index": None,
    "search (10 queries)": "bare tantivy",
    "match one job": "numpy pass",
    "call sheet": "same-answer SQL",
    "stats, desk, 90 days": None,
    "report, render pdf": None,
    "lookup (national format, full cards)": None,
    "wins (8 weeks)": None,
    "log a touch through the API, paced at 300/s": None,
    "API server CPU per touch request, one worker": None,
    "import csv, empty desk": "bare",
    "import linkedin, new people": "bare",
    "do-not-call list, new list": None,
    "import résumés, pdf, new people": "text extraction",
    "import résumés, docx, new people": "text extraction",
}
#: Measured on PostgreSQL alone: desks side by side in one database, each beside the same desk alone.
POSTGRES_ONLY = {"bench_desks"}
DESKS = "the same desk alone"
POSTGRES_OPERATIONS = {f"desks: {operation}, {desk}": DESKS for desk in ("desk of 1,000", "small desk of 100")
                       for operation in ("call sheet", "search (4 queries)", "log a touch")}
#: The databases of bench_desks at the smoke size: the shared one and each desk alone.
DESK_DATABASES = ("desks_1000_3x100", "solo_1000", "solo_100")


def python(*args: str) -> subprocess.CompletedProcess[str]:
    """Python as `make bench` runs it, from the repository's root."""
    path = os.pathsep.join([str(REPO), str(REPO / "src"), os.environ.get("PYTHONPATH", "")])
    return subprocess.run([sys.executable, *args], cwd=REPO, env={**os.environ, "PYTHONPATH": path},
                          capture_output=True, text=True, timeout=600)


def drop(url: str, *suffixes: str) -> None:
    parsed = make_url(url)
    admin = make_engine(parsed.set(database="postgres").render_as_string(hide_password=False),
                        isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for suffix in suffixes:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}_{suffix}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=STORES)
def bench_store(request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """(store, --postgres prefix): PostgreSQL's benchmark desks are databases of their own beside the
    tests (<test database>_bench_1000, _bench_import, _bench_resumes, _bench_webhooks, and the desks side
    by side: _bench_desks_1000_3x100, _bench_solo_1000, _bench_solo_100), dropped afterwards."""
    if request.param == "sqlite":
        yield "sqlite", ""
        return
    if not PG_URL:
        pytest.skip("PostgreSQL not configured (set CALLSHEET_TEST_DATABASE_URL)")
    parsed = make_url(PG_URL)
    prefix = parsed.set(database=f"{parsed.database}_bench").render_as_string(hide_password=False)
    drop(prefix, "1000", "import", "resumes", "webhooks", *DESK_DATABASES)
    try:
        yield "postgresql", prefix
    finally:
        drop(prefix, "1000", "import", "resumes", "webhooks", *DESK_DATABASES)


def test_every_benchmark_runs_on_a_smoke_desk_and_gives_figures(bench_store: tuple[str, str], tmp_path: Path) -> None:
    store, prefix = bench_store
    out = tmp_path / "results.json"
    args = ["harness", "--sizes", "1000", "--stores", store, "--quick", "--cache", str(tmp_path / "cache"),
            "--out", str(out)] + (["--postgres", prefix] if prefix else [])
    done = python("-m", "bench", *args)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads(out.read_text())
    assert report["failures"] == []
    figures = {f["operation"]: f for f in report["figures"]}
    benchmarks = set(BENCHMARKS) - (POSTGRES_ONLY if store == "sqlite" else set())
    assert {f["benchmark"] for f in report["figures"]} == benchmarks | {"demo desk"}
    operations = {**OPERATIONS, **(POSTGRES_OPERATIONS if store == "postgresql" else {})}
    for operation, raw in operations.items():
        assert operation in figures, f"{operation} was not measured"
        figure = figures[operation]
        assert figure["store"] == store and figure["size"] == 1000
        assert figure["runs"] >= 1 and all(math.isfinite(figure[p]) and figure[p] >= 0 for p in ("p50", "p90", "p99"))
        if raw:
            assert figure["raw"]["name"].startswith(raw) and figure["ratio"] > 0
    table = done.stdout[done.stdout.index(" size  store"):]
    assert all(operation in table for operation in operations) and f"Results: {out}" in table


def test_every_bench_command_answers_its_help() -> None:
    # One process for all of them: each command's own options, as `python -m bench NAME --help` prints them.
    names = BENCHMARKS + CHECKS + ["harness"]
    done = python("-c", "import importlib, sys\n"
                        "for name in sys.argv[1:]:\n"
                        "    try:\n"
                        "        importlib.import_module(f'bench.{name}').main(['--help'])\n"
                        "    except SystemExit as end:\n"
                        "        assert end.code in (0, None), name\n", *names)
    assert done.returncode == 0, done.stderr[-3000:]
    for name in names:
        assert f"usage: python -m bench {name}" in done.stdout
