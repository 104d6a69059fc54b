"""callsheet lookup / wins."""

from __future__ import annotations

import typer


def lookup(ctx: typer.Context, phone: str) -> None:
    """Find who is calling. Example: callsheet lookup 414-555-0100"""


def wins(ctx: typer.Context) -> None:
    """The win column. Example: callsheet wins"""
