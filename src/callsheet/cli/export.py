"""callsheet export csv|vcard (ics is added by the calendar feature)."""

from __future__ import annotations

from pathlib import Path

import typer

from callsheet.cli.common import emit_json, get_desk, handled

app = typer.Typer(help="Export people for outreach (suppressed people are left out).", no_args_is_help=True)


def _export(ctx: typer.Context, fmt: str, out: Path, query: str | None, job: int | None, as_json: bool) -> None:
    from callsheet.services.exports import export

    desk = get_desk(ctx)
    with handled():
        count = export(desk.uow(), fmt, out, query, job)
    if as_json:
        emit_json({"out": str(out), "people": count})
    else:
        typer.echo(f"Wrote {count} people to {out}.")


@app.command("csv")
def csv_cmd(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", help="File to write."),
    query: str | None = typer.Option(None, "--query", help="Words that must appear in name, title or company."),
    job: int | None = typer.Option(None, "--job", help="Only the people in this job's pipeline."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Export people as CSV, formula-safe for spreadsheets. Example: callsheet export csv --out dbas.csv --query dba"""
    _export(ctx, "csv", out, query, job, as_json)


@app.command("vcard")
def vcard_cmd(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", help="File to write."),
    query: str | None = typer.Option(None, "--query", help="Words that must appear in name, title or company."),
    job: int | None = typer.Option(None, "--job", help="Only the people in this job's pipeline."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Export people as vCard 3.0 for a phone. Example: callsheet export vcard --out pipeline.vcf --job 3"""
    _export(ctx, "vcard", out, query, job, as_json)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="export")
