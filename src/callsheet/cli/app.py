"""The callsheet command: the root of every subcommand."""

from __future__ import annotations

from pathlib import Path

import typer

from callsheet.cli import jobs as jobs_cli
from callsheet.cli import people as people_cli
from callsheet.cli.common import Desk, emit_json, get_desk, handled, writing
from callsheet.settings import Settings

app = typer.Typer(
    name="callsheet",
    help="Callsheet: the phone desk for recruiting. Who to call next, what to say, what happened.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(people_cli.app, name="person")
app.add_typer(jobs_cli.app, name="job")
app.add_typer(jobs_cli.pipeline_app, name="pipeline")


@app.callback()
def root(
    ctx: typer.Context,
    db: str | None = typer.Option(None, "--db", help="Database URL (default: CALLSHEET_DATABASE_URL)."),
) -> None:
    """Callsheet. Example: callsheet --db sqlite:///desk.db person list"""
    with handled():
        settings = Settings(database_url=db) if db else Settings()
    ctx.obj = Desk(settings)


@app.command("init")
def init(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """Create or upgrade the database; running it again is harmless. Example: callsheet init"""
    from callsheet.bootstrap import upgrade_store

    desk = get_desk(ctx, choose=False)
    with handled():
        url, before, after = upgrade_store(desk.base)
    if as_json:
        emit_json({"database": url, "before": before, "revision": after})
    elif before == after:
        typer.echo(f"Database {url} is up to date (revision {after}).")
    else:
        typer.echo(f"Database {url} upgraded from {before or 'empty'} to {after}.")


@app.command("backup")
def backup_cmd(ctx: typer.Context, out: Path = typer.Option(..., "--out", help="File to write.")) -> None:
    """Write a consistent copy of a SQLite desk, even while it is in use. Example: callsheet backup --out desk.bak"""
    from callsheet.services.accounts import backup as backup

    desk = get_desk(ctx, choose=False)
    with handled(), writing(out):
        size = backup.backup(desk.uow_as_it_is(), out)
    typer.echo(f"Backed up to {out} ({size:,} bytes).")


@app.command("restore")
def restore_cmd(ctx: typer.Context, file: Path) -> None:
    """Bring a desk back from a backup after checking it. Example: callsheet restore desk.bak"""
    from callsheet.services.accounts import backup as backup

    desk = get_desk(ctx, choose=False)
    with handled():
        backup.restore(desk.uow_as_it_is(), file)
    typer.echo(f"Restored the desk from {file}.")



def _register_optional() -> None:
    # Each feature module adds its commands to `app`.
    from callsheet.cli import (
        calls,
        demo,
        desks,
        dnc,
        export,
        guided,
        imports,
        memory,
        network,
        rehearse,
        reports,
        scripts,
        search,
        seeker,
        serve,
        tokens,
        users,
    )

    for module in (demo, calls, guided, memory, export, seeker, network, imports, dnc, scripts, rehearse, search,
                   reports, users, tokens, serve, desks):
        module.register(app)


_register_optional()


def main() -> None:
    app()
