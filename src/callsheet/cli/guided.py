"""callsheet call."""

from __future__ import annotations

import typer


def call(ctx: typer.Context, person_id: int) -> None:
    """A guided call. Example: callsheet call 42"""
