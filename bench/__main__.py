"""python -m bench NAME [options]: run one benchmark (or check), or `harness` to run them all (make bench);
without a name, list them."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> None:
    modules = [m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])]
    names = sorted(m for m in modules if m.startswith("bench_"))
    # Checks that what a benchmark compares is the same answer (sheet_check: the hand-written sheet).
    checks = sorted(m for m in modules if m.endswith("_check"))
    if len(sys.argv) < 2 or sys.argv[1] not in names + checks + ["harness"]:
        print("Benchmarks:", ", ".join(names) or "none yet")
        print("Checks:", ", ".join(checks) or "none yet")
        print("Run one with: python -m bench NAME [--help]; all of them on both stores: "
              "python -m bench harness [--help] (make bench)")
        return
    module = importlib.import_module(f"bench.{sys.argv[1]}")
    module.main(sys.argv[2:])


if __name__ == "__main__":
    main()
