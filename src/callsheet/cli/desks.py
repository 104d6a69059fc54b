"""callsheet desk ... : the desks of the database (an operator's commands: whoever holds its address)."""

from __future__ import annotations

from typing import Any

import typer

from callsheet.cli.common import console, emit_json, get_desk, handled
from callsheet.domain.desks import DeskRecord
from callsheet.services.accounts import desks as desks_service

app = typer.Typer(help="Desks: each agency's (or job seeker's) records, kept apart.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="desk")


def as_json(desk: DeskRecord) -> dict[str, Any]:
    return {"id": desk.id, "name": desk.name, "timezone": desk.timezone, "holidays": desk.holidays,
            "window_start": desk.window_start, "window_end": desk.window_end, "number": desk.number,
            "created_at": desk.created_at.isoformat() if desk.created_at else None}


@app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The desk's name, unique in the database."),
    timezone: str = typer.Option("", "--timezone", help="The desk's own time zone (default: the server's)."),
    holidays: str = typer.Option("", "--holidays", help="The desk's holiday calendar, such as US (default: the server's)."),
    window_start: str = typer.Option("", "--window-start", help="A narrower calling window's start, HH:MM."),
    window_end: str = typer.Option("", "--window-end", help="A narrower calling window's end, HH:MM."),
    number: str = typer.Option("", "--number", help="The desk's own number at the telephony provider: its caller "
                               "ID, and the number its inbound calls ring (default: the server's)."),
    json_out: bool = typer.Option(False, "--json"),
) -> None:
    """Add a desk, with its own calling policy where given. Example: callsheet desk add Acme --timezone America/Chicago"""
    desk = get_desk(ctx, choose=False)
    with handled():
        made = desks_service.add_desk(desk.operator_uow(), desk.clock_of_server(), desk.base, name, timezone,
                                      holidays, window_start, window_end, number)
    if json_out:
        emit_json(as_json(made))
        return
    typer.echo(f"Desk {made.name} (id {made.id}) is ready: add its users with callsheet user add EMAIL --desk {made.name!r}.")


@app.command("list")
def list_cmd(ctx: typer.Context, json_out: bool = typer.Option(False, "--json")) -> None:
    """The desks of the database. Example: callsheet desk list --json"""
    desk = get_desk(ctx, choose=False)
    with handled():
        every = desks_service.list_desks(desk.operator_uow())
    if json_out:
        emit_json([as_json(d) for d in every])
        return
    for d in every:
        policy = ", ".join(f"{k} {v}" for k, v in (("zone", d.timezone), ("holidays", d.holidays),
                                                    ("window", f"{d.window_start}-{d.window_end}".strip("-")),
                                                    ("number", d.number))
                           if v)
        console.print(f"{d.id}  {d.name}" + (f"  ({policy})" if policy else ""), markup=False)
