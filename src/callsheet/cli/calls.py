"""callsheet log / why / queue: record what happened, ask the policy, get the sheet."""

from __future__ import annotations

import shlex
from zoneinfo import ZoneInfo

import typer
from rich.table import Column, Table

from callsheet.cli.common import (
    IdArgument,
    IdOption,
    console,
    dial_column,
    emit_json,
    err_console,
    get_desk,
    handled,
    warn,
)
from callsheet.clock import read_time
from callsheet.domain.errors import BadInput, NoteSuggests, NotFound


def register(app: typer.Typer) -> None:
    app.command("log")(log)
    app.command("why")(why)
    app.command("queue")(queue)
    app.command("dial")(dial)


def dial(
    ctx: typer.Context,
    person_id: int = IdArgument(),
    job: int | None = IdOption("--job", help="The job the call is about."),
    phone: str | None = typer.Option(None, "--phone", help="The number to dial (default: the first usable)."),
    as_json: bool = typer.Option(False, "--json", help="Print the call placed."),
) -> None:
    """Call a person through the telephony provider: your phone rings first, the call logs itself. Example: callsheet dial 42 --job 3"""
    from callsheet.services.calling.dialing import dial_as

    desk = get_desk(ctx)
    with handled():
        placed = dial_as(desk.uow(), desk.clock, desk.settings, desk.telephony, desk.user, person_id, job, phone)
    if as_json:
        emit_json(placed)
    else:
        typer.echo(f"Calling {placed['phone']} for person {person_id}: your phone rings first (call {placed['call_id']}).")


def log(
    ctx: typer.Context,
    person_id: int = IdArgument(),
    outcome: str = typer.Option(..., "--outcome", help="no_answer, busy, voicemail, wrong_number, interested, "
                                "declined, callback, referral, hung_up, do_not_call, deceased, connected, sent"),
    job: int | None = IdOption("--job", help="The job the call was about."),
    phone: str | None = typer.Option(None, "--phone", help="The number dialled (default: the first usable)."),
    reason: str = typer.Option("", "--reason", help="Decline reason (required with declined)."),
    note: str = typer.Option("", "--note", help="Free notes."),
    callback_at: str | None = typer.Option(None, "--callback-at", help="Callback time in the callee's zone, e.g. 2026-11-18T14:00 or next Tuesday 2pm."),
    referral_name: str = typer.Option("", "--referral-name"),
    referral_phone: str = typer.Option("", "--referral-phone"),
    kind: str = typer.Option("", "--kind", help="call, voicemail, email or linkedin."),
    rung: str = typer.Option("", "--rung", help="Objective rung reached."),
    duration: int | None = typer.Option(None, "--duration", help="Seconds."),
    inbound: bool = typer.Option(False, "--inbound", help="They called us."),
    at: str | None = typer.Option(None, "--at", help="When it happened (default: now)."),
    keep_outcome: bool = typer.Option(False, "--keep-outcome", help="Log the outcome as given even when the "
                                      "note says the person died or asked never to be called again."),
    as_json: bool = typer.Option(False, "--json", help="Print the stored touch."),
) -> None:
    """Log what happened on a call. Example: callsheet log 42 --outcome declined --job 3 --reason mid_project"""
    from callsheet.services.calling.log import LogRequest, Where, log_touch
    from callsheet.services.views import touch_view

    desk = get_desk(ctx)
    with handled():
        # Times as written: the service reads a callback in the callee's zone, `--at` in the desk's;
        # words such as "tomorrow" count from the desk's today.
        today = desk.clock.now().astimezone(ZoneInfo(desk.settings.timezone))
        request = LogRequest(
            person_id=person_id, outcome=outcome, job_id=job, phone=phone, reason=reason, note=note,
            callback_at=read_time(callback_at, "callback_at", today) if callback_at else None,
            referral_name=referral_name, referral_phone=referral_phone,
            at=read_time(at, "at", today) if at else None, kind=kind, rung=rung, duration_s=duration,
            direction="in" if inbound else "out", keep_outcome=keep_outcome)
        try:
            touch = log_touch(desk.uow(), desk.clock, request, desk.user, Where.of(desk.settings))
        except NoteSuggests as exc:  # nothing stored: say what to type, either way
            given = {"--job": job, "--phone": phone, "--reason": reason, "--note": note, "--callback-at": callback_at,
                     "--referral-name": referral_name, "--referral-phone": referral_phone, "--kind": kind,
                     "--rung": rung, "--duration": duration, "--at": at}
            options = [str(x) for name, value in given.items() if value not in (None, "") for x in (name, value)]
            options += ["--inbound"] * inbound + ["--json"] * as_json
            command = ["callsheet", "log", str(person_id), "--outcome"]
            err_console.print(f"Error: {exc}\nSuggested outcome: {exc.suggested}\nTo log it: "
                              f"{shlex.join([*command, exc.suggested, *options])}\nTo keep {exc.outcome}: "
                              f"{shlex.join([*command, exc.outcome, *options, '--keep-outcome'])}", markup=False)
            raise typer.Exit(2) from None
        if touch.referral_person_id:
            from callsheet.services.people.suppressions import person_warnings

            warn(person_warnings(desk.uow(), desk.clock, desk.settings.timezone, touch.referral_person_id))
    if touch.pipeline_held_for:
        warn([held_words(touch.pipeline_held_for)])
    if as_json:
        emit_json(touch_view(touch))
    else:
        typer.echo(f"Logged {touch.outcome.value} for person {person_id}" + (f" on job {touch.job_id}" if touch.job_id else ""))


def held_words(mark: str) -> str:
    """What a recruiter reads when a touch was logged on a marked person."""
    what = {"do_not_call": "do not call", "deceased": "deceased", "erased": "erased"}.get(mark, mark)
    return f"This person is marked {what}: the touch is recorded, the pipeline was left as is."


def why(
    ctx: typer.Context,
    person_id: int = IdArgument(),
    job: int | None = IdOption("--job"),
    phone: str | None = typer.Option(None, "--phone"),
    at: str | None = typer.Option(None, "--at", help="Ask about another moment."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Say whether a person may be called now, and why. Example: callsheet why 42 --job 3 --at 2026-11-20T09:00"""
    from callsheet.services.calling.policy import decision_view
    from callsheet.services.calling.policy import why as why_service

    desk = get_desk(ctx)
    with handled():
        decision = why_service(desk.uow(), desk.clock_at(at), desk.settings, person_id, job, phone)
    if as_json:
        emit_json(decision_view(decision))
        return
    console.print("[green]Callable now[/]" if decision.callable else "[yellow]Not callable now[/]")
    for reason in decision.reasons:
        console.print(f" • {reason}", markup=False)
    if decision.next_ok_at:
        zone = ZoneInfo(desk.settings.timezone)
        console.print(f"Next OK: {decision.next_ok_at.astimezone(zone):%a %Y-%m-%d %H:%M %Z} (desk time)")


def queue(
    ctx: typer.Context,
    at: str | None = typer.Option(None, "--at", help="Plan another moment, e.g. tomorrow 09:00."),
    owner: str | None = typer.Option(None, "--owner", help="Only this recruiter's jobs."),
    limit: int = typer.Option(25, "--limit"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """The call sheet: who to call now, best first, with why. Example: callsheet queue --owner andrew --limit 10"""
    from callsheet.services.calling.sheet import call_sheet, sheet_view

    desk = get_desk(ctx)
    with handled():
        rows = call_sheet(desk.uow(), desk.clock_at(at), desk.settings, owner, limit)
    if as_json:
        emit_json([sheet_view(r) for r in rows])
        return
    # The number is what the recruiter dials: never cut or folded, whatever the terminal's width.
    table = Table("#", Column("person", no_wrap=True), "name", Column("their time", no_wrap=True),
                  dial_column("phone", (r.phone for r in rows)), "job", "why", title="Call sheet")
    for i, r in enumerate(rows, 1):
        table.add_row(str(i), str(r.person_id), r.name, r.local_time, f"[link={r.tel}]{r.phone}[/link]",
                      f"{r.job_title} ({r.company})", "; ".join(r.why))
    console.print(table)
    if not rows:
        console.print("Nobody is callable right now.")


__all__ = ["register", "BadInput", "NotFound"]
