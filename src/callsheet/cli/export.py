"""callsheet export csv|vcard|ics: people for outreach, and callbacks for a calendar."""

from __future__ import annotations

from pathlib import Path

import typer

from callsheet.cli.common import IdOption, emit_json, get_desk, handled, writing
from callsheet.domain.words import counted

app = typer.Typer(help="Export people for outreach (suppressed people are left out) and callbacks.", no_args_is_help=True)


def _export(ctx: typer.Context, fmt: str, out: Path, query: str | None, job: int | None, as_json: bool) -> None:
    from callsheet.services.people.exports import export

    desk = get_desk(ctx)
    with handled(), writing(out):
        count = export(desk.uow(), fmt, out, query, job)
    if as_json:
        emit_json({"out": str(out), "people": count})
    else:
        typer.echo(f"Wrote {counted(count, 'person', 'people')} to {out}.")


@app.command("csv")
def csv_cmd(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", help="File to write."),
    query: str | None = typer.Option(None, "--query", help="Words that must appear in name, title or company."),
    job: int | None = IdOption("--job", help="Only the people in this job's pipeline."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Export people as CSV, formula-safe for spreadsheets. Example: callsheet export csv --out dbas.csv --query dba"""
    _export(ctx, "csv", out, query, job, as_json)


@app.command("vcard")
def vcard_cmd(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", help="File to write."),
    query: str | None = typer.Option(None, "--query", help="Words that must appear in name, title or company."),
    job: int | None = IdOption("--job", help="Only the people in this job's pipeline."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Export people as vCard 3.0 for a phone. Example: callsheet export vcard --out pipeline.vcf --job 3"""
    _export(ctx, "vcard", out, query, job, as_json)


@app.command("ics")
def ics(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", help="The .ics file to write."),
    mine: bool = typer.Option(False, "--mine", help="Only callbacks I promised."),
) -> None:
    """Export open callbacks as an iCalendar file with reminders. Example: callsheet export ics --out callbacks.ics"""
    from callsheet.services.accounts.acting import acting_user
    from callsheet.services.calling.callbacks import open_callbacks, to_ics

    desk = get_desk(ctx)
    with handled():
        owner_id = None
        if mine:
            with desk.uow() as uow:
                owner_id = acting_user(uow, desk.clock, desk.user).id
        callbacks = open_callbacks(desk.uow(), desk.clock, owner_id)
        with writing(out):
            out.write_bytes(to_ics(callbacks, desk.clock.now()))
    typer.echo(f"Wrote {counted(len(callbacks), 'callback')} to {out}")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="export")
