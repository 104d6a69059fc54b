"""callsheet rehearse KIND --person ID: practise a call with a simulated listener, then read the scorecard.

Lines come from the keyboard, or one a line from stdin when it is not a terminal; an empty line or "bye"
ends the rehearsal.
"""

from __future__ import annotations

import sys
from typing import Any

import typer

from callsheet.cli.common import IdOption, console, emit_json, get_desk, handled


def register(root: typer.Typer) -> None:
    root.command("rehearse")(rehearse)


def _read_line() -> str:
    """One line of the caller: prompted at a terminal, read as it comes otherwise; end of input ends."""
    try:
        if sys.stdin.isatty():
            return console.input("[bold]you>[/] ")
        line = sys.stdin.readline()
    except (EOFError, KeyboardInterrupt):
        return ""
    return line.rstrip("\r\n")


def rehearse(
    ctx: typer.Context,
    kind: str = typer.Argument(..., help="recruiter_cold, recruiter_followup, seeker_hiring_manager, seeker_followup"),
    person: int = IdOption("--person", help="Who you will call."),
    job: int | None = IdOption("--job", help="The job the call is about."),
    seed: int | None = typer.Option(None, "--seed", help="Repeat the same listener (any number from 0)."),
    as_json: bool = typer.Option(False, "--json", help="Print the objectives, rung and transcript as JSON."),
) -> None:
    """Rehearse a call with a listener who answers as real ones do. Example: callsheet rehearse recruiter_cold --person 42 --seed 7"""
    from callsheet.domain.errors import BadInput
    from callsheet.services.scripts.rehearse import check_lines, json_view, keep, prepare

    desk = get_desk(ctx)
    with handled():
        if person is None:
            raise BadInput("person", "--person is needed: who you will call")
        prepared = prepare(desk.uow(), desk.clock, desk.settings, desk.user, kind, person, job, seed)
    rehearsal = prepared.replay([])
    if not as_json:
        console.print(f"[bold]Rehearsal: {prepared.kind.value}[/] (seed {prepared.seed}). The phone rings and "
                      "they pick up. Say your lines; an empty line or bye ends.")
    while not rehearsal.over:
        line = _read_line()
        with handled():
            check_lines([*rehearsal.lines, line])
        answer = rehearsal.hear(line)
        if answer is not None and not as_json:
            console.print(f"[cyan]listener>[/] {answer}", highlight=False, soft_wrap=True)
    with handled():
        card = keep(desk.uow(), desk.clock, desk.user, prepared, rehearsal)
    if as_json:
        emit_json(json_view(card))
        return
    print_scorecard(card)


def print_scorecard(card: dict[str, Any]) -> None:
    console.print("[bold]Scorecard[/]")
    for key, met in card["objectives"].items():
        console.print(f"  {'✔' if met else '✘'} {key}", markup=False)
    console.print(f"  Rung reached: {card['rung'] or 'none'}", markup=False)
    for missed in card["helped"]:
        console.print(f"  For {missed['objective']}, the script says: \"{missed['line']}\"", markup=False,
                      soft_wrap=True)
