"""The harness's one table: a row per operation, store and size, the raw engine's p50 and the ratio beside."""

from __future__ import annotations

import math
from typing import Any

COLUMNS = ("size", "store", "operation", "runs", "p50", "p90", "p99", "unit", "raw engine", "raw p50", "ratio")


def _number(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "—"
    return f"{value:,.2f}" if abs(value) < 1000 else f"{value:,.0f}"


def rows(figures: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    """The table's cells of each figure, as `Figure.view()` gives it with its size and store."""
    out: list[tuple[str, ...]] = []
    for f in figures:
        raw = f.get("raw")
        out.append((f"{f['size']:,}", f["store"], f["operation"], str(f["runs"]), _number(f["p50"]),
                    _number(f["p90"]), _number(f["p99"]), f["unit"], raw["name"] if raw else "",
                    _number(raw["p50"]) if raw else "", f"{f['ratio']:.2f}x" if f.get("ratio") else ""))
    return out


def print_table(figures: list[dict[str, Any]]) -> None:
    cells = rows(figures)
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(COLUMNS)]
    left = {"store", "operation", "unit", "raw engine"}

    def line(values: tuple[str, ...]) -> str:
        return "  ".join(v.ljust(w) if c in left else v.rjust(w) for c, v, w in zip(COLUMNS, values, widths,
                                                                                  strict=True)).rstrip()

    print(line(COLUMNS))
    print(line(tuple("-" * w for w in widths)))
    for r in cells:
        print(line(r))
    notes = [f for f in figures if f.get("note")]
    if notes:
        print("Notes:")
        for f in notes:
            print(f"  {f['size']:,} {f['store']} {f['operation']}: {f['note']}")
