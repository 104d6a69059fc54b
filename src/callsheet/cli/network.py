"""callsheet network ...: who you know, and who can introduce you."""

from __future__ import annotations

from pathlib import Path

import typer

from callsheet.cli.common import IdArgument, IdOption, console, emit_json, get_desk, handled
from callsheet.domain.words import counted

app = typer.Typer(help="Your network: contacts, introductions, the map.", no_args_is_help=True)


@app.command("know")
def know(
    ctx: typer.Context,
    person_id: int = IdArgument(),
    knows: int | None = IdOption("--knows", help="Record that PERSON_ID knows this person instead."),
) -> None:
    """Record that you know someone (or that they know someone). Example: callsheet network know 12 --knows 40"""
    from callsheet.services.seeker.network import know as know_service

    desk = get_desk(ctx)
    with handled():
        know_service(desk.uow(), desk.clock, person_id, desk.user, knows)
    typer.echo("Linked." if knows else f"You know person {person_id}.")


@app.command("intro")
def intro(ctx: typer.Context, company: str, as_json: bool = typer.Option(False, "--json")) -> None:
    """Paths to someone at a company, shortest and warmest first. Example: callsheet network intro "Acme Corp" """
    from callsheet.services.seeker.network import intros, path_view

    desk = get_desk(ctx)
    with handled():
        paths = intros(desk.uow(), desk.clock, company, desk.user)
    if as_json:
        emit_json([path_view(p) for p in paths])
        return
    if not paths:
        console.print(f"Nobody you know reaches {company} yet.")
    for i, p in enumerate(paths, 1):
        console.print(f"{i}. {p.describe()}", markup=False)


@app.command("map")
def draw_map(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", help="FILE.svg or FILE.png"),
) -> None:
    """Draw your network: you, your contacts, their companies. Example: callsheet network map --out network.svg"""
    from callsheet.services.seeker.network_map import draw
    from callsheet.services.seeker.plan import target_companies

    desk = get_desk(ctx)
    with handled():
        drawn = draw(desk.uow(), desk.clock, desk.user, out, target_companies(desk.uow(), desk.clock, desk.user))
    typer.echo(f"Drew {counted(drawn, 'person', 'people')} to {out}")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="network")
