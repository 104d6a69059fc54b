"""The one budget of every fuzz test: how many tries, the same ones every run."""

from __future__ import annotations

from hypothesis import HealthCheck, settings


def budget(examples: int, **more: object) -> settings:
    """Hypothesis settings for a fuzz test: `examples` tries, derandomized (every run tries the same
    inputs), no deadline (a PostgreSQL round trip is slow on a busy machine) and no example database."""
    return settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck), **more)  # type: ignore[arg-type]
