"""callsheet script list|show|edit: what to say on each kind of call (and registers call, lookup, wins)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.panel import Panel
from rich.table import Table

from callsheet.cli.common import IdOption, console, emit_json, err_console, get_desk, handled

app = typer.Typer(help="Call scripts: a voicemail and a conversation for each kind of call.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="script")


@app.command("list")
def list_cmd(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """List every script and where it comes from (default, file or your edit). Example: callsheet script list"""
    from callsheet.services.scripts.catalog import list_scripts

    desk = get_desk(ctx)
    with handled():
        rows = list_scripts(desk.uow(), desk.settings)
    if as_json:
        emit_json(rows)
        return
    table = Table("kind", "part", "what for", "from", title="Call scripts")
    for r in rows:
        table.add_row(r["kind"], r["part"], r["title"], r["origin"])
    console.print(table)


def print_script(view: dict[str, Any], parts: tuple[str, ...] = ("voicemail", "conversation")) -> None:
    """A script with its objectives and ladder, as shown before and during a call."""
    for part in parts:
        shown = view[part]
        words = f", {shown['words']} words" if shown.get("words") is not None else ""
        console.print(Panel(shown["text"], title=f"{part.capitalize()} ({shown['origin']}{words})", expand=False),
                      markup=False)
        for warning in shown["warnings"]:
            err_console.print(f"Warning: {warning}", markup=False)
    console.print("Objectives: " + " → ".join(o["key"] for o in view["objectives"]))
    console.print("Ladder, best first: " + " > ".join(f"{r['rung']}" for r in view["ladder"]))


@app.command("show")
def show(
    ctx: typer.Context,
    kind: str = typer.Argument(..., help="recruiter_cold, recruiter_followup, seeker_hiring_manager, seeker_followup"),
    person: int | None = IdOption("--person", help="Fill the fields for this person."),
    job: int | None = IdOption("--job", help="...and this job."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Show a script, filled in for a person and job when given. Example: callsheet script show recruiter_cold --person 42 --job 3"""
    from callsheet.services.scripts.catalog import show_script

    desk = get_desk(ctx)
    with handled():
        view = show_script(desk.uow(), desk.clock, desk.settings, desk.user, kind, person, job)
    if as_json:
        emit_json(view)
        return
    console.print(f"[bold]{view['title']}[/]")
    print_script(view)


@app.command("edit")
def edit(
    ctx: typer.Context,
    kind: str = typer.Argument(..., help="recruiter_cold, recruiter_followup, seeker_hiring_manager, seeker_followup"),
    part: str = typer.Option(..., "--part", help="voicemail or conversation"),
    file: Path = typer.Option(..., "--file", help="A Jinja2 template over person, job, company and caller."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Replace a script with your own, once it renders. Example: callsheet script edit recruiter_cold --part voicemail --file vm.j2"""
    from callsheet.domain.errors import BadInput
    from callsheet.services.scripts.catalog import edit_script

    desk = get_desk(ctx)
    with handled():
        try:
            body = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput("file", f"cannot read {file}: {exc}") from None
        view = edit_script(desk.uow(), desk.clock, desk.user, kind, part, body)
    if as_json:
        emit_json(view)
        return
    console.print(f"Saved your {view['part']} script for {view['kind']}. With sample fields it reads:")
    console.print(Panel(view["sample"], expand=False), markup=False)
    for warning in view["warnings"]:
        err_console.print(f"Warning: {warning}", markup=False)
