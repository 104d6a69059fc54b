"""callsheet lookup / wins: who is calling (and why they declined last time); the win column."""

from __future__ import annotations

import typer
from rich.table import Table

from callsheet.cli.common import console, emit_json, get_desk, handled


def lookup(ctx: typer.Context, phone: str) -> None:
    """Find who is calling. Example: callsheet lookup 414-555-0100"""


def wins(
    ctx: typer.Context,
    weeks: int = typer.Option(8, "--weeks", help="How many weeks back, this week first."),
    user: str | None = typer.Option(None, "--user", help="Only this user's wins (login)."),
    at: str | None = typer.Option(None, "--at", help="As of another moment."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """The win column: every rung of the ladder reached, per week and by rung. Example: callsheet wins --weeks 4"""
    from callsheet.services.wins import wins as wins_service

    desk = get_desk(ctx)
    with handled():
        column = wins_service(desk.uow(), desk.clock_at(at), desk.settings, weeks, user)
    if as_json:
        emit_json(column)
        return
    week = column["this_week"]
    console.print(f"[bold]This week ({week['week']}): {week['total']} win{'s' if week['total'] != 1 else ''}[/]")
    for rung, count in week["by_rung"].items():
        console.print(f"  {rung}: {count}")
    table = Table("week", "from", "wins", "rungs", title="Win column")
    for row in column["weeks"]:
        rungs = ", ".join(f"{r} {n}" for r, n in row["by_rung"].items())
        table.add_row(row["week"], row["start"], str(row["total"]), rungs)
    console.print(table)
    if column["by_rung"]:
        console.print("By rung: " + ", ".join(f"{r['label']} {r['count']}" for r in column["by_rung"]))
