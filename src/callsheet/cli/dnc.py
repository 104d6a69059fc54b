"""callsheet import dnc, dnc list|show|remove: do-not-call lists from outside."""

from __future__ import annotations

from pathlib import Path

import typer

from callsheet.cli.common import console, emit_json, get_desk, handled
from callsheet.domain.words import counted

app = typer.Typer(help="Do-not-call lists from outside: a listed number is never called, whoever holds it.",
                  no_args_is_help=True)


def import_dnc(
    ctx: typer.Context,
    file: Path,
    source: str = typer.Option(..., "--source", help="The list's name, e.g. 'State DNC'; the same name replaces it."),
    delimiter: str = typer.Option(None, "--delimiter", help="A CSV file's column separator (else guessed)."),
    encoding: str = typer.Option(None, "--encoding", help="The file's encoding, e.g. cp1252, utf-16 (else guessed)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Import a do-not-call list: one number a line, or a CSV with a phone column. Example: callsheet import dnc state.txt --source "State DNC" """
    from callsheet.services.imports.text import told
    from callsheet.services.numbers.lists import import_list

    desk = get_desk(ctx)
    with handled():
        done = import_list(desk.uow(), desk.clock, file, source, desk.user, desk.settings.phone_region,
                           told(encoding, delimiter))
    if as_json:
        emit_json(done.view())
        return
    verb = "Replaced" if done.replaced else "Imported"
    typer.echo(f"{verb} the list '{done.source}' from {file}: {counted(done.listed, 'number')} listed "
               f"({done.added:,} added, {done.released:,} released, {done.kept:,} kept), "
               f"{counted(done.rejected, 'line')} rejected.")
    if done.rejects_file:
        typer.echo(f"Rejected lines, with reasons: {done.rejects_file}")


@app.command("list")
def list_cmd(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """The do-not-call lists: name, numbers, when and by whom imported. Example: callsheet dnc list"""
    from rich.table import Table

    from callsheet.services.numbers.lists import lists

    desk = get_desk(ctx)
    with handled():
        found = lists(desk.uow())
    if as_json:
        emit_json(found)
        return
    table = Table("list", "numbers", "imported", "by", "file")
    for row in found:
        table.add_row(row["name"], f"{row['count']:,}", row["imported_at"] or "", row["imported_by"], row["file"])
    console.print(table if found else "No do-not-call lists.")


@app.command("show")
def show_cmd(ctx: typer.Context, name: str, as_json: bool = typer.Option(False, "--json")) -> None:
    """A list and its audit: every import and removal, who, when, how many numbers. Example: callsheet dnc show "State DNC" """
    from callsheet.services.numbers.lists import show

    desk = get_desk(ctx)
    with handled():
        found = show(desk.uow(), name)
    if as_json:
        emit_json(found)
        return
    state = f"removed {found['removed_at']}" if found["removed_at"] else counted(found["count"], "number")
    typer.echo(f"{found['name']}: {state}")
    for e in found["audit"]:  # one line an event: whole, however narrow the terminal
        source = f" from {e['file']}" if e["file"] else ""
        typer.echo(f"{e['at']} {e['action']} by {e['user']}{source}: {e['listed']:,} listed, {e['added']:,} added, "
                   f"{e['released']:,} released, {e['rejected']:,} rejected")


@app.command("remove")
def remove_cmd(ctx: typer.Context, name: str, as_json: bool = typer.Option(False, "--json")) -> None:
    """Remove a list, releasing its numbers (admins only, audited). Example: callsheet dnc remove "Client X" """
    from callsheet.services.numbers.lists import remove

    desk = get_desk(ctx)
    with handled():
        released = remove(desk.uow(), desk.clock, name, desk.user)
    if as_json:
        emit_json({"name": name.strip(), "released": released})
    else:
        typer.echo(f"Removed the list '{name.strip()}': {counted(released, 'number')} released; "
                   "the audit keeps who and when.")


def register(root: typer.Typer) -> None:
    from callsheet.cli import imports

    imports.app.command("dnc")(import_dnc)
    root.add_typer(app, name="dnc")
