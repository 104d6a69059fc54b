"""callsheet user ... : accounts of the web desk (API tokens: callsheet token ..., cli/tokens.py)."""

from __future__ import annotations

import secrets
import sys

import typer

from callsheet.cli import tokens as tokens_cli
from callsheet.cli.common import emit_json, get_desk, handled
from callsheet.services.accounts import desks as desks_service
from callsheet.services.accounts import sign_in
from callsheet.services.accounts import users as accounts

app = typer.Typer(help="Users of the web desk and the API.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="user")


@app.command("add")
def add(
    ctx: typer.Context,
    email: str = typer.Argument(..., help="The sign-in name: an email address."),
    role: str = typer.Option(..., "--role", help="admin, recruiter or hiring_manager."),
    company: int | None = typer.Option(None, "--company", help="Company id (hiring managers see only its jobs)."),
    name: str = typer.Option("", "--name", help="Name shown on the desk."),
    phone: str | None = typer.Option(None, "--phone", help="The user's own phone: click-to-call rings it first, inbound calls reach it."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
    desk_name: str | None = typer.Option(None, "--desk", help="The desk they work in (default: the command line's desk)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Add a user of the web desk, or change their role and password. Example: callsheet user add ann@example.com --role recruiter --password-stdin"""
    desk = get_desk(ctx, choose=desk_name is None)
    generated = not password_stdin
    # Without --password-stdin a strong password is made up and printed once.
    password = secrets.token_urlsafe(12) if generated else sys.stdin.readline().rstrip("\r\n")
    with handled():
        if desk_name is not None:
            desk = desk.for_desk(desks_service.desk_named(desk.operator_uow(), desk_name))
        user = accounts.add_user(desk.uow(), desk.clock, email, role, company, password, name, phone,
                                 desk.settings.phone_region)
    if as_json:
        emit_json({"id": user.id, "login": user.login, "name": user.name, "role": user.role,
                   "company_id": user.company_id, "phone": user.phone, **({"password": password} if generated else {})})
        return
    typer.echo(f"User {user.login} ({user.role}) is ready.")
    if generated:
        typer.echo(f"Password: {password}")


@app.command("token")
def token(ctx: typer.Context, email: str = typer.Argument(..., help="The user's sign-in name."),
          name: str = typer.Option("", "--name", help=tokens_cli.NAME_HELP)) -> None:
    """Print a new API token for a user, beside the ones they have (the same as callsheet token add). Example: callsheet user token ann@example.com"""
    tokens_cli.print_new_token(ctx, email, name)


@app.command("signout")
def signout(ctx: typer.Context, email: str = typer.Argument(..., help="The user's sign-in name.")) -> None:
    """Sign a user out everywhere: every session of theirs on the web desk ends (their API tokens are kept: callsheet token revoke ends one). Example: callsheet user signout ann@example.com"""
    desk = get_desk(ctx)
    with handled():
        user = sign_in.sign_out_everywhere(desk.uow(), email)
    typer.echo(f"Every session of {user.login} has ended.")
