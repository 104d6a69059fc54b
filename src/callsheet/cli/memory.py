"""callsheet lookup / wins: who is calling (and why they declined last time); the win column."""

from __future__ import annotations

from typing import Any

import typer
from rich.table import Table

from callsheet.cli.common import console, emit_json, get_desk, handled
from callsheet.cli.render import local, print_card
from callsheet.domain.words import counted


def register(root: typer.Typer) -> None:
    root.command("lookup")(lookup)
    root.command("wins")(wins)


def lookup(
    ctx: typer.Context,
    phone: str = typer.Argument(..., help="The number, in any format."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Who is calling: the card with the last outcome, past declines and promised callbacks first. Example: callsheet lookup 414-555-0142"""
    from callsheet.services.calling.lookup import lookup as lookup_service

    desk = get_desk(ctx)
    with handled():
        found = lookup_service(desk.uow(), desk.clock, desk.settings, phone)
    if as_json:
        emit_json(found)
        return
    if not found["found"]:
        console.print(f"Nobody on the desk has {found['phone']}. To add the caller:", markup=False)
        console.print(f'  callsheet person add --name "NAME" --phone {found["phone"]}', markup=False)
        return
    if len(found["people"]) > 1:
        console.print(f"{found['phone']} is shared by {len(found['people'])} people:", markup=False)
    for card in found["people"]:
        print_memory(card, desk.settings.timezone)
        print_card(card, desk.settings.timezone)


def print_memory(card: dict[str, Any], zone: str) -> None:
    """The history that matters first, for a person who is on the line right now."""
    m = card["memory"]
    console.print(f"[bold]{card['name']}[/] (person {card['id']})")
    if m["last_outcome"]:
        console.print("  Last: " + _touch_line(m["last_outcome"], zone), markup=False)
    for d in m["declines"]:
        console.print("  Declined: " + _touch_line(d, zone), markup=False)
    for c in m["open_candidacies"]:
        console.print(f"  Open: job {c['job_id']} {c['job']} ({c['company']}) — {c['stage']}", markup=False)
    for cb in m["callbacks"]:
        state = "due now" if cb["due"] else "promised"
        console.print(f"  Callback {state} for {local(cb['callback_at'], zone)}"
                      + (f" about {cb['job']}" if cb["job"] else ""), markup=False)
    if m["referred_by"]:
        console.print(f"  Referred by {m['referred_by']['name']} (person {m['referred_by']['id']})", markup=False)


def _touch_line(t: dict[str, Any], zone: str) -> str:
    text = f"{local(t['at'], zone)} {t['outcome']}"
    if t["reason"]:
        text += f" ({t['reason']})"
    if t["job"]:
        text += f" about {t['job']}"
    if t["user"]:
        text += f" — {t['user']}"
    if t["notes"]:
        text += f": {t['notes']}"
    return text


def wins(
    ctx: typer.Context,
    weeks: int = typer.Option(8, "--weeks", help="How many weeks back, this week first."),
    user: str | None = typer.Option(None, "--user", help="Only this user's wins (login)."),
    at: str | None = typer.Option(None, "--at", help="As of another moment."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """The win column: every rung of the ladder reached, per week and by rung. Example: callsheet wins --weeks 4"""
    from callsheet.services.reports.wins import wins as wins_service

    desk = get_desk(ctx)
    with handled():
        column = wins_service(desk.uow(), desk.clock_at(at), desk.settings, weeks, user)
    if as_json:
        emit_json(column)
        return
    week = column["this_week"]
    console.print(f"[bold]This week ({week['week']}): {counted(week['total'], 'win')}[/]")
    for rung, count in week["by_rung"].items():
        console.print(f"  {rung}: {count}")
    table = Table("week", "from", "wins", "rungs", title="Win column")
    for row in column["weeks"]:
        rungs = ", ".join(f"{r} {n}" for r, n in row["by_rung"].items())
        table.add_row(row["week"], row["start"], str(row["total"]), rungs)
    console.print(table)
    if column["by_rung"]:
        console.print("By rung: " + ", ".join(f"{r['label']} {r['count']}" for r in column["by_rung"]))
    practice = column["practice"]
    console.print(f"Practice (rehearsals, not wins): {practice['this_week']} this week, {practice['total']} "
                  f"in {counted(len(column['weeks']), 'week')}")
