"""The one budget of every fuzz test: how many tries, the same ones every run.

`CALLSHEET_TEST_FUZZ_SCALE=10 pytest tests/fuzz` tries ten times as many inputs (still the same ones
every run), for a longer hunt than `make test` affords.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SCALE = float(os.environ.get("CALLSHEET_TEST_FUZZ_SCALE", "1") or 1)


def budget(examples: int, **more: object) -> settings:
    """Hypothesis settings for a fuzz test: `examples` tries (times the scale), derandomized (every run
    tries the same inputs), no deadline (a PostgreSQL round trip is slow on a busy machine) and no
    example database."""
    return settings(max_examples=max(1, round(examples * SCALE)), deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck), **more)  # type: ignore[arg-type]
