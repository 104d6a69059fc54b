"""callsheet person ..."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from callsheet.cli.common import IdArgument, dial_column, emit_json, get_desk, handled, split_option, warn
from callsheet.services.people import records as people_service
from callsheet.services.people.suppressions import number_warnings
from callsheet.services.views import person_view

app = typer.Typer(help="People: candidates, hiring managers, referrers.", no_args_is_help=True)


@app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Option(..., "--name", help="Full name."),
    phone: list[str] = typer.Option(None, "--phone", help="Phone number, any format; repeat for more."),
    email: list[str] = typer.Option(None, "--email", help="Email address; repeat for more."),
    company: str = typer.Option("", "--company"),
    title: str = typer.Option("", "--title"),
    city: str = typer.Option("", "--city"),
    state: str = typer.Option("", "--state", help="Two-letter state, with --city."),
    zip_code: str = typer.Option("", "--zip", help="US ZIP code, instead of --city/--state."),
    timezone: str = typer.Option("", "--timezone", help="IANA zone, if known better than the place."),
    seniority: int | None = typer.Option(None, "--seniority", help="1 (entry) to 5 (executive)."),
    skills: str = typer.Option("", "--skills", help='Comma-separated, e.g. "python, sql".'),
    active: bool = typer.Option(False, "--active/--passive", help="Actively looking, or passive."),
    linkedin: str = typer.Option("", "--linkedin", help="LinkedIn profile URL."),
    profile: str = typer.Option("", "--profile", help="Résumé or profile text."),
    as_json: bool = typer.Option(False, "--json", help="Print the stored person as JSON."),
) -> None:
    """Add a person. Example: callsheet person add --name "Jack Kowalski" --phone "(414) 555-0142" --city Milwaukee --state WI"""
    desk = get_desk(ctx)
    with handled():
        data = people_service.NewPerson(
            name=name, phones=split_option(phone), emails=split_option(email), company=company, title=title,
            city=city, state=state, zip=zip_code, timezone=timezone, seniority=seniority, skills=skills,
            active=active, profile=profile, linkedin_url=linkedin,
        )
        added = people_service.add(desk.uow(), desk.clock, data, desk.settings.phone_region)
    person = added.person
    warnings = number_warnings(added.marks, desk.clock.now(), desk.settings.timezone)
    warn(warnings)
    if as_json:
        emit_json({**person_view(person), "warnings": warnings})
    else:
        phones = ", ".join(p.e164 for p in person.phones) or "no phone"
        where = f" in {person.city}, {person.state} ({person.timezone})" if person.city else ""
        typer.echo(f"Added person {person.id}: {person.name}, {phones}{where}")


@app.command("attach")
def attach(ctx: typer.Context, person_id: int = IdArgument(), file: Path = typer.Argument(..., help="PDF, DOCX, RTF or text."),
           as_json: bool = typer.Option(False, "--json", help="Print the outcome and the proposed fields.")) -> None:
    """Keep a résumé on a person's card; its text is searched with them. Example: callsheet person attach 42 jack.pdf"""
    from callsheet.domain.bounds import RESUME_MAX_BYTES
    from callsheet.domain.errors import BadInput
    from callsheet.services.people.resumes import attach_resume

    desk = get_desk(ctx)
    with handled():
        if not file.is_file():
            raise BadInput("file", f"{file} does not exist")
        with file.open("rb") as handle:
            data = handle.read(RESUME_MAX_BYTES + 1)
        done = attach_resume(desk.uow(), desk.clock, person_id, file.name, data, user_login=desk.user,
                             region=desk.settings.phone_region)
    if as_json:
        emit_json(done)
    elif done["outcome"] == "unchanged":
        typer.echo(f"Person {person_id} has {file.name} already.")
    else:
        typer.echo(f"Attached {file.name} to person {person_id}.")


@app.command("list")
def list_people(
    ctx: typer.Context,
    limit: int | None = typer.Option(None, "--limit", help="At most this many people."),
    offset: int = typer.Option(0, "--offset"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List people with their phones and suppression. Example: callsheet person list --limit 20"""
    desk = get_desk(ctx)
    with handled():
        found = people_service.list_people(desk.uow(), limit, offset)
    if as_json:
        emit_json([person_view(p) for p in found])
        return
    table = Table("id", "name", "title", "company", dial_column("phones", (ph.e164 for p in found for ph in p.phones)),
                  "place", "suppression")
    for p in found:
        table.add_row(str(p.id), p.name, p.title, p.company, "\n".join(ph.e164 for ph in p.phones),
                      f"{p.city}, {p.state}" if p.city else "", p.suppression.value)
    from callsheet.cli.common import console

    console.print(table)


@app.command("show")
def show(
    ctx: typer.Context,
    person_id: int = IdArgument(),
    at: str | None = typer.Option(None, "--at", help="Show the card as of this time."),
    as_json: bool = typer.Option(False, "--json", help="Print the card as JSON."),
) -> None:
    """Show a person's card: phones, pipelines, history, suppression. Example: callsheet person show 42"""
    from callsheet.cli.render import print_card
    from callsheet.services.people.cards import person_card

    desk = get_desk(ctx)
    with handled():
        card = person_card(desk.uow(), desk.clock_at(at), person_id, desk.settings)
    if as_json:
        emit_json(card)
    else:
        print_card(card, desk.settings.timezone)


@app.command("edit")
def edit(
    ctx: typer.Context,
    person_id: int = IdArgument(),
    name: str | None = typer.Option(None, "--name", help="The full name; its first and last name are read again."),
    first_name: str | None = typer.Option(None, "--first-name", help="The first name every script greets."),
    last_name: str | None = typer.Option(None, "--last-name"),
    title: str | None = typer.Option(None, "--title"),
    city: str | None = typer.Option(None, "--city"),
    state: str | None = typer.Option(None, "--state", help="Two-letter state, with --city."),
    seniority: int | None = typer.Option(None, "--seniority", help="1 (entry) to 5 (executive)."),
    skills: str | None = typer.Option(None, "--skills", help='Comma-separated; replaces the skills, e.g. "python, sql".'),
    linkedin: str | None = typer.Option(None, "--linkedin", help="LinkedIn profile URL."),
    phone: list[str] = typer.Option(None, "--phone", help="A number to add, any format; repeat for more."),
    email: list[str] = typer.Option(None, "--email", help="An email address to add; repeat for more."),
    as_json: bool = typer.Option(False, "--json", help="Print the stored person as JSON."),
) -> None:
    """Change a person's name, its parts or other details. Example: callsheet person edit 42 --first-name Annie --skills "python, sql" """
    from callsheet.services.people.edits import PersonEdit, edit_person

    desk = get_desk(ctx)
    with handled():
        changes = PersonEdit(name, first_name, last_name, title, city, state, seniority, skills, linkedin,
                             split_option(phone), split_option(email))
        edited = edit_person(desk.uow(), desk.clock, person_id, changes, desk.settings.phone_region)
    person = edited.person
    warnings = number_warnings(edited.marks, desk.clock.now(), desk.settings.timezone)
    warn(warnings)
    if as_json:
        emit_json({**person_view(person), "warnings": warnings})
    else:
        typer.echo(f"Person {person.id}: {person.name} (first name {person.first_name or '-'}, "
                   f"last name {person.last_name or '-'})")


@app.command("lift")
def lift(
    ctx: typer.Context,
    person_id: int = IdArgument(),
    reason: str = typer.Option(..., "--reason", help="Why the mark is lifted (kept in the audit trail)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Lift a do-not-call or deceased mark (admins only, audited). Example: callsheet person lift 42 --reason 'Marked on the wrong person'"""
    from callsheet.services.people.suppressions import lift as lift_service

    desk = get_desk(ctx)
    with handled():
        person = lift_service(desk.uow(), desk.clock, person_id, reason, desk.user)
    if as_json:
        emit_json(person_view(person))
    else:
        typer.echo(f"Lifted the mark on {person.name}; the audit trail keeps who and why.")


@app.command("release-number")
def release_number(
    ctx: typer.Context,
    phone: str = typer.Argument(..., help="The number, any format."),
    reason: str = typer.Option(..., "--reason", help="Why the number is free again (kept in the audit trail)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Release a marked person's number for its new holder (admins only, audited); the person stays marked. Example: callsheet person release-number +14145550142 --reason 'Reassigned by the carrier'"""
    from callsheet.services.people.suppressions import release_number as release_service

    desk = get_desk(ctx)
    with handled():
        released = release_service(desk.uow(), desk.clock, phone, reason, desk.user, desk.settings.phone_region)
    e164 = released[0].e164
    if as_json:
        emit_json({"phone": e164, "released": [{"person_id": m.person_id, "suppression": m.suppression.value}
                                               for m in released]})
    else:
        typer.echo(f"Released {e164} for its new holder; the audit trail keeps who and why.")
