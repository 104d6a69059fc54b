"""The job seeker's commands: apply, applications, followups, followup."""

from __future__ import annotations

import typer
from rich.table import Table

from callsheet.cli.common import IdArgument, IdOption, console, emit_json, get_desk, handled, warn


def register(app: typer.Typer) -> None:
    app.command("apply")(apply)
    app.command("applications")(applications)
    app.command("followups")(followups)
    app.command("followup")(followup)
    app.command("plan")(plan)


def apply(
    ctx: typer.Context,
    company: str = typer.Option(..., "--company"),
    role: str = typer.Option(..., "--role"),
    applied: str = typer.Option("", "--applied", help="Date applied, e.g. 2026-11-16 (default: today)."),
    link: str = typer.Option("", "--link", help="The posting's URL."),
    channel: str = typer.Option("job_board", "--channel", help="job_board, company_site, referral or recruiter."),
    status: str = typer.Option("applied", "--status"),
    contact: int | None = IdOption("--contact", help="Person id of the hiring manager or recruiter."),
    contact_name: str = typer.Option("", "--contact-name", help="Or add the hiring manager by name..."),
    contact_phone: str = typer.Option("", "--contact-phone", help="...and phone."),
    contact_title: str = typer.Option("", "--contact-title"),
    notes: str = typer.Option("", "--notes"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Record a job application. Example: callsheet apply --company Acme --role "Data Analyst" --applied 2026-11-16 --contact-name "Pat Lee" --contact-phone 414-555-0123"""
    from callsheet.services.seeker.applications import NewApplication, add_application

    desk = get_desk(ctx)
    with handled():
        view = add_application(desk.uow(), desk.clock, desk.settings, NewApplication(
            company=company, role=role, applied_on=applied, posting_url=link, channel=channel, status=status,
            contact_id=contact, contact_name=contact_name, contact_phone=contact_phone,
            contact_title=contact_title, notes=notes), desk.user)
    warn(view["warnings"])
    if as_json:
        emit_json(view)
    else:
        typer.echo(f"Application {view['id']}: {view['role']} at {view['company']}. {view['followup']}")


def applications(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """List your applications with their follow-up state. Example: callsheet applications --json"""
    from callsheet.services.seeker.applications import list_applications

    desk = get_desk(ctx)
    with handled():
        rows = list_applications(desk.uow(), desk.clock, desk.settings, desk.user)
    if as_json:
        emit_json(rows)
        return
    table = Table("id", "company", "role", "applied", "status", "follow-up", title="Applications")
    for r in rows:
        table.add_row(str(r["id"]), r["company"], r["role"], r["applied_on"], r["status"], r["followup"])
    console.print(table)


def followups(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """Follow-up calls due today, each with its short script. Example: callsheet followups"""
    from callsheet.services.seeker.applications import followups_due

    desk = get_desk(ctx)
    with handled():
        rows = followups_due(desk.uow(), desk.clock, desk.settings, desk.user)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        console.print("No follow-up calls due today.")
    for r in rows:
        who = r["contact"]["name"] + f" ({r['contact']['phone']})" if r["contact"] else "no contact yet"
        console.print(f"[bold]{r['role']} at {r['company']}[/] (application {r['id']}) — call {who}")
        for line in r["policy"]:
            console.print(f"  • {line}", markup=False)
        if r["script"]:
            console.print(r["script"], markup=False)


def followup(
    ctx: typer.Context,
    application_id: int = IdArgument(),
    outcome: str = typer.Option(..., "--outcome", help="connected, voicemail, no_answer, do_not_call, ..."),
    note: str = typer.Option("", "--note"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Log the one follow-up call of an application. Example: callsheet followup 3 --outcome connected --note "Still open" """
    from callsheet.services.seeker.applications import log_followup
    from callsheet.services.views import touch_view

    desk = get_desk(ctx)
    with handled():
        touch = log_followup(desk.uow(), desk.clock, desk.settings, application_id, outcome, note, desk.user)
    if as_json:
        emit_json(touch_view(touch))
    else:
        typer.echo(f"Logged the follow-up call for application {application_id}: followed up — now wait.")


def plan(
    ctx: typer.Context,
    strengths: str | None = typer.Option(None, "--strengths", help="Self-inventory: what you are good at."),
    passions: str | None = typer.Option(None, "--passions"),
    roles: str | None = typer.Option(None, "--roles", help="Target roles, comma-separated."),
    companies: str | None = typer.Option(None, "--companies", help="Target companies, comma-separated."),
    calls: int | None = typer.Option(None, "--calls", help="Weekly target: calls."),
    followups_target: int | None = typer.Option(None, "--followups", help="Weekly target: follow-up calls."),
    contacts: int | None = typer.Option(None, "--contacts", help="Weekly target: new contacts."),
    applications_target: int | None = typer.Option(None, "--applications", help="Weekly target: applications."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Set your inventory and weekly targets, and see this week's progress. Example: callsheet plan --calls 20 --companies "Acme, Beta" """
    from callsheet.services.seeker.plan import progress, set_plan

    desk = get_desk(ctx)
    values = {k: v for k, v in {
        "strengths": strengths, "passions": passions, "target_roles": roles, "target_companies": companies,
        "weekly_calls": calls, "weekly_followups": followups_target, "weekly_contacts": contacts,
        "weekly_applications": applications_target}.items() if v is not None}
    with handled():
        if values:
            set_plan(desk.uow(), desk.clock, desk.user, values)
        report = progress(desk.uow(), desk.clock, desk.settings, desk.user)
    if as_json:
        emit_json(report)
        return
    console.print(f"[bold]Week of {report['week_of']}[/]")
    for key, value in report["inventory"].items():
        if value:
            console.print(f"{key.replace('_', ' ').capitalize()}: {value}", markup=False)
    table = Table("this week", "done", "target", "")
    for key, row in report["progress"].items():
        target = row["target"]
        bar = "█" * min(20, round(20 * row["done"] / target)) if target else ""
        table.add_row(key, str(row["done"]), str(target), bar)
    console.print(table)
