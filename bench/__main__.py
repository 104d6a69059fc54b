"""python -m bench NAME [options]: run one benchmark; without a name, list them."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> None:
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_"))
    if len(sys.argv) < 2 or sys.argv[1] not in names:
        print("Benchmarks:", ", ".join(names) or "none yet")
        print("Run one with: python -m bench NAME [--help]")
        return
    module = importlib.import_module(f"bench.{sys.argv[1]}")
    module.main(sys.argv[2:])


if __name__ == "__main__":
    main()
