"""callsheet import linkedin|vcard|csv|resumes, duplicates, merge, person erase."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from callsheet.cli.common import (
    Desk,
    IdArgument,
    emit_json,
    err_console,
    get_desk,
    handled,
    split_option,
    warn,
)
from callsheet.services.imports.engine import Summary

app = typer.Typer(help="Import contacts: LinkedIn connections, vCards, spreadsheets, résumés.", no_args_is_help=True)


def _run(ctx: typer.Context, kind: str, file: Path, as_json: bool, mapping: list[str] | None = None,
         dry_run: bool = False, encoding: str | None = None, delimiter: str | None = None) -> None:
    from callsheet.services.imports.csv_rows import parse_map
    from callsheet.services.imports.files import import_file
    from callsheet.services.imports.text import told

    desk: Desk = get_desk(ctx)
    progress = Progress(TextColumn(f"Importing {file.name}"), BarColumn(), DownloadColumn(),
                        TextColumn("{task.fields[rows]:,} rows"), TimeRemainingColumn(),
                        console=err_console, disable=not err_console.is_terminal, transient=True)
    task = progress.add_task("import", total=file.stat().st_size if file.is_file() else None, rows=0)

    def advance(done: int, total: int, summary: Summary) -> None:
        progress.update(task, completed=done, total=total, rows=summary.rows)

    with handled(), progress:
        summary = import_file(desk.uow(), desk.clock, kind, file, user_login=desk.user,
                              region=desk.settings.phone_region, mapping=parse_map(split_option(mapping)),
                              dry_run=dry_run, on_progress=advance, reading=told(encoding, delimiter))
    if as_json:
        emit_json(summary.view())
        return
    verb = "Would import" if dry_run else "Imported"
    typer.echo(f"{verb} {file}: {summary.created} created, {summary.merged} merged, "
               f"{summary.suppressed} suppressed, {summary.rejected} rejected.")
    if summary.rejects_file:
        typer.echo(f"Rejected rows and dropped values, with reasons: {summary.rejects_file}")


@app.command("linkedin")
def linkedin(ctx: typer.Context, file: Path, as_json: bool = typer.Option(False, "--json")) -> None:
    """Import LinkedIn's Connections.csv; each connection is someone you know. Example: callsheet import linkedin Connections.csv"""
    _run(ctx, "linkedin", file, as_json)


@app.command("vcard")
def vcard(ctx: typer.Context, file: Path, as_json: bool = typer.Option(False, "--json")) -> None:
    """Import vCards (2.1, 3.0, 4.0) from a phone or Google Contacts. Example: callsheet import vcard contacts.vcf"""
    _run(ctx, "vcard", file, as_json)


@app.command("csv")
def csv_cmd(
    ctx: typer.Context,
    file: Path,
    mapping: list[str] = typer.Option(None, "--map", help='Map a column to a field, e.g. --map "Cell #=mobile".'),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would happen; store nothing."),
    delimiter: str = typer.Option(None, "--delimiter", help="The column separator: ',', ';' or tab (else guessed)."),
    encoding: str = typer.Option(None, "--encoding", help="The file's encoding, e.g. cp1252, utf-16 (else guessed)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Import a spreadsheet export; common headers are recognised. Example: callsheet import csv people.csv --map "Cell #=mobile" """
    _run(ctx, "csv", file, as_json, mapping, dry_run, encoding, delimiter)


@app.command("resumes")
def resumes(ctx: typer.Context, paths: list[Path] = typer.Argument(..., help="Résumé files or folders of them."),
            as_json: bool = typer.Option(False, "--json", help="Print each file's outcome and proposed fields.")) -> None:
    """Import résumés (PDF, DOCX, RTF, text); a folder is read whole. Example: callsheet import resumes ~/career-fair/"""
    from callsheet.services.imports.files import rejects_path
    from callsheet.services.imports.resumes import files_under, import_resumes, read_files

    desk = get_desk(ctx)
    with handled():
        files = files_under(paths)
        summary = import_resumes(desk.uow(), desk.clock, read_files(files), user_login=desk.user,
                                 rejects=rejects_path(paths[0].resolve()), region=desk.settings.phone_region)
    if as_json:
        emit_json(summary.view())
        return
    for f in summary.files:
        if f.outcome == "rejected":
            typer.echo(f"{f.file}: rejected: {f.reason}")
        elif f.person_id is not None:
            typer.echo(f"{f.file}: {f.outcome}, person {f.person_id}")
        else:
            typer.echo(f"{f.file}: {f.outcome}: {f.reason}")
    typer.echo(f"Imported {len(files)} résumés: {summary.count('created')} created, {summary.count('attached')} "
               f"attached, {summary.count('unchanged')} unchanged, {summary.count('suppressed')} suppressed, "
               f"{summary.count('rejected')} rejected.")
    if summary.rejects_file:
        typer.echo(f"Rejected files, with reasons: {summary.rejects_file}")


def duplicates(ctx: typer.Context, as_json: bool = typer.Option(False, "--json"),
               threshold: int = typer.Option(88, "--threshold", help="Name similarity 0-100 to flag.")) -> None:
    """List likely duplicates (similar names, or nicknames of one name, at one company) for review. Example: callsheet duplicates --json"""
    from rich.table import Table

    from callsheet.cli.common import console
    from callsheet.services.people.duplicates import likely_duplicates

    desk = get_desk(ctx)
    with handled():
        pairs = likely_duplicates(desk.uow(), threshold)
    if as_json:
        emit_json(pairs)
        return
    table = Table("a", "b", "names", "company", "score", "match")
    for p in pairs:
        table.add_row(str(p["a"]), str(p["b"]), f"{p['a_name']} / {p['b_name']}", p["company"], str(p["score"]),
                      p["match"])
    console.print(table if pairs else "No likely duplicates.")


def merge(ctx: typer.Context, keep: int = IdArgument(), other: int = IdArgument(), as_json: bool = typer.Option(False, "--json")) -> None:
    """Merge person OTHER into KEEP: phones, emails, history, pipelines; the stricter suppression wins. Example: callsheet merge 12 57"""
    from callsheet.services.people.merge import merge_people
    from callsheet.services.people.suppressions import person_warnings
    from callsheet.services.views import person_view

    desk = get_desk(ctx)
    with handled():
        person = merge_people(desk.uow(), desk.clock, keep, other)
        # Numbers OTHER brought that another person's mark holds: said as for any new number.
        warnings = person_warnings(desk.uow(), desk.clock, desk.settings.timezone, keep)
    warn(warnings)
    if as_json:
        emit_json({**person_view(person), "warnings": warnings})
    else:
        typer.echo(f"Merged person {other} into {keep}: {person.name}, {', '.join(p.e164 for p in person.phones)}")


def erase(ctx: typer.Context, person_id: int = IdArgument(), yes: bool = typer.Option(False, "--yes", help="Do not ask."),
          as_json: bool = typer.Option(False, "--json")) -> None:
    """Erase a person's data and history for good; only salted hashes stay, so they are never imported again. Example: callsheet person erase 42 --yes"""
    from callsheet.services.people.erase import erase_person

    desk = get_desk(ctx)
    if not yes:
        typer.confirm(f"Erase person {person_id} and their whole history? This cannot be undone", abort=True)
    with handled():
        kept = erase_person(desk.uow(), desk.clock, person_id, desk.user)
    if as_json:
        emit_json({"id": person_id, "suppression": "erased", "hashes_kept": kept})
    else:
        typer.echo(f"Erased person {person_id}; kept {kept} salted hashes so they are never imported as callable.")


def register(root: typer.Typer) -> None:
    from callsheet.cli import people as people_cli

    root.add_typer(app, name="import")
    root.command("duplicates")(duplicates)
    root.command("merge")(merge)
    people_cli.app.command("erase")(erase)
