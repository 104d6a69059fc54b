"""The same file imported into the same desk gives the same companies in the same order, run after run:
Python's hash seed (which changes with every process) must not decide which new company is added first."""

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from callsheet.services.demo.desk import wipe
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork
from tests.e2e.imports import fixture


def test_it_adds_new_companies_in_the_same_order_whatever_the_hash_seed(desk_env: dict[str, str],
                                                                         tmp_path: Path) -> None:
    path = fixture("Connections.csv", tmp_path)
    engine = make_engine(desk_env["CALLSHEET_DATABASE_URL"])
    orders = set()
    try:
        for seed in ("1", "2", "3", "4"):
            wipe(UnitOfWork(engine))
            done = subprocess.run([sys.executable, "-m", "callsheet", "import", "linkedin", str(path), "--json"],
                                  env={**os.environ, **desk_env, "PYTHONHASHSEED": seed}, capture_output=True,
                                  text=True, timeout=120)
            assert done.returncode == 0, done.stderr
            with engine.connect() as conn:
                orders.add(tuple(conn.execute(text("SELECT name FROM companies ORDER BY id")).scalars()))
    finally:
        engine.dispose()
    assert len(orders) == 1 and len(next(iter(orders))) >= 3, orders
