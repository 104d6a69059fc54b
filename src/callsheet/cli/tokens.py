"""callsheet token ... : API tokens for scripts: add a named one, list them, revoke one."""

from __future__ import annotations

from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

import typer
from rich.table import Column, Table

from callsheet.cli.common import IdArgument, console, emit_json, get_desk, handled
from callsheet.domain.tokens import ApiToken
from callsheet.services.accounts import tokens as tokens
from callsheet.services.views import token_view

app = typer.Typer(help="API tokens: named, listed with their last use, revocable.", no_args_is_help=True)

NAME_HELP = 'What the token is for (e.g. "nightly sync"); "token 1", "token 2" ... if not given.'


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="token")


def print_new_token(ctx: typer.Context, email: str, name: str) -> None:
    """The new token alone on stdout (scripts read it so): shown this once, only its hash is kept."""
    desk = get_desk(ctx)
    with handled():
        value = tokens.new_token(desk.uow(), desk.clock, email, name)
    typer.echo(value)


@app.command("add")
def add(ctx: typer.Context, email: str = typer.Argument(..., help="The user's sign-in name."),
        name: str = typer.Option("", "--name", help=NAME_HELP)) -> None:
    """Print a new API token for a user, beside the ones they have. Example: callsheet token add ann@example.com --name "nightly sync\""""
    print_new_token(ctx, email, name)


def _when(value: datetime | None, zone: tzinfo) -> str:
    return f"{value.astimezone(zone):%Y-%m-%d %H:%M}" if value is not None else "-"


@app.command("list")
def list_tokens(
    ctx: typer.Context,
    email: str | None = typer.Argument(None, help="Whose tokens (admins only for another user's); default: yours."),
    everyone: bool = typer.Option(False, "--all", help="Every user's tokens (admins only)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List API tokens: name, owner, when made, last used (to the minute) and revoked. Example: callsheet token list ann@example.com"""
    desk = get_desk(ctx)
    with handled():
        found: list[ApiToken] = tokens.list_tokens(desk.uow(), desk.clock, desk.user, email, everyone)
    if as_json:
        emit_json([token_view(t) for t in found])
        return
    if not found:
        typer.echo("No API tokens.")
        return
    # Times are never folded: a moment cut in two cannot be read at a glance.
    table = Table("id", "name", "owner", Column("created", no_wrap=True, min_width=16),
                  Column("last used", no_wrap=True, min_width=16), "revoked")
    zone = ZoneInfo(desk.settings.timezone)
    for t in found:
        revoked = f"{_when(t.revoked_at, zone)} by {t.revoked_by}" if t.revoked else "-"
        table.add_row(str(t.id), t.name, t.owner, _when(t.created_at, zone), _when(t.last_used_at, zone), revoked)
    console.print(table)
    console.print(f"Times in {desk.settings.timezone} (desk time).")


@app.command("revoke")
def revoke(ctx: typer.Context, token_id: int = IdArgument("The token's id (see callsheet token list).")) -> None:
    """Revoke an API token: from now on it opens no route of the API. Its owner or an admin may. Example: callsheet token revoke 3"""
    desk = get_desk(ctx)
    with handled():
        token = tokens.revoke_token(desk.uow(), desk.clock, desk.user, token_id)
    typer.echo(f"Token {token.id} ({token.name}) of {token.owner} is revoked.")
