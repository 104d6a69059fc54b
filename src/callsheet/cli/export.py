"""callsheet export ...: files for other programs."""

from __future__ import annotations

from pathlib import Path

import typer

from callsheet.cli.common import get_desk, handled

app = typer.Typer(help="Export callbacks and contacts to files.", no_args_is_help=True)


@app.command("ics")
def ics(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", help="The .ics file to write."),
    mine: bool = typer.Option(False, "--mine", help="Only callbacks I promised."),
) -> None:
    """Export open callbacks as an iCalendar file with reminders. Example: callsheet export ics --out callbacks.ics"""
    from callsheet.services.callbacks import open_callbacks, to_ics
    from callsheet.services.users import acting_user

    desk = get_desk(ctx)
    with handled():
        owner_id = None
        if mine:
            with desk.uow() as uow:
                owner_id = acting_user(uow, desk.clock, desk.user).id
        callbacks = open_callbacks(desk.uow(), desk.clock, owner_id)
        out.write_bytes(to_ics(callbacks, desk.clock.now()))
    typer.echo(f"Wrote {len(callbacks)} callbacks to {out}")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="export")
