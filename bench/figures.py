"""How every benchmark measures and summarises: timed runs, percentiles, and a figure per operation.

Each benchmark's `measure` returns `Figure`s; its own command prints them its way, and the harness
(`python -m bench harness`, `make bench`) gathers them from every benchmark into one table and a JSON file.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


def percentile(samples: Sequence[float], share: float) -> float:
    """The nearest-rank percentile: the smallest sample at least `share` of the samples do not exceed."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1))]


def timed(fn: Callable[[], object], runs: int, warm: bool = True) -> list[float]:
    """Milliseconds of each of `runs` calls, after one untimed call that warms the caches."""
    if warm:
        fn()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def taking_turns(fns: Sequence[Callable[[int], object]], runs: int) -> list[list[float]]:
    """Milliseconds of each function, run by run in turns (on a shared machine all see the same load);
    each is called with the run's number."""
    samples: list[list[float]] = [[] for _ in fns]
    for run in range(runs):
        for fn, out in zip(fns, samples, strict=True):
            start = time.perf_counter()
            fn(run)
            out.append((time.perf_counter() - start) * 1000)
    return samples


@dataclass
class Figure:
    """One operation's samples and, where a benchmark has one, the raw engine's doing the same work in
    the same run (`raw_name` says what that is)."""

    operation: str
    samples: list[float]
    unit: str = "ms"
    raw: list[float] = field(default_factory=list)
    raw_name: str = ""
    note: str = ""

    def p(self, share: float) -> float:
        return percentile(self.samples, share)

    @property
    def ratio(self) -> float | None:
        """The operation's p50 over the raw engine's p50, if there is a raw engine."""
        if not self.raw:
            return None
        raw = percentile(self.raw, 0.5)
        return self.p(0.5) / raw if raw > 0 else None

    def line(self, width: int = 36) -> str:
        text = (f"  {self.operation:{width}} p50 {self.p(0.5):9.2f} {self.unit}  p90 {self.p(0.9):9.2f}  "
                f"p99 {self.p(0.99):9.2f}  ({len(self.samples)} runs)")
        if self.raw:
            text += f"; {self.raw_name} p50 {percentile(self.raw, 0.5):.2f}, ratio {self.ratio or 0:.2f}x"
        return text + (f"  {self.note}" if self.note else "")

    def view(self) -> dict[str, Any]:
        """What the results file holds of it: percentiles, not every sample."""
        view: dict[str, Any] = {"operation": self.operation, "unit": self.unit, "runs": len(self.samples),
                                "p50": self.p(0.5), "p90": self.p(0.9), "p99": self.p(0.99), "note": self.note}
        if self.raw:
            view["raw"] = {"name": self.raw_name, "runs": len(self.raw), "p50": percentile(self.raw, 0.5),
                           "p90": percentile(self.raw, 0.9), "p99": percentile(self.raw, 0.99)}
            view["ratio"] = self.ratio
        return view
