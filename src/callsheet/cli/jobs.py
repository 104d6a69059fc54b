"""callsheet job ... and callsheet pipeline ..."""

from __future__ import annotations

from collections import Counter

import typer
from rich.table import Table

from callsheet.cli.common import IdArgument, IdOption, console, emit_json, get_desk, handled
from callsheet.domain.words import counted
from callsheet.services.jobs import pipelines as job_service
from callsheet.services.views import candidacy_view, job_view

app = typer.Typer(help="Jobs: searches for clients.", no_args_is_help=True)
pipeline_app = typer.Typer(help="Pipelines: people in a job, by stage.", no_args_is_help=True)


@app.command("add")
def add(
    ctx: typer.Context,
    title: str = typer.Option(..., "--title"),
    client: str = typer.Option(..., "--client", help="The client company; created if new."),
    city: str = typer.Option("", "--city"),
    state: str = typer.Option("", "--state"),
    zip_code: str = typer.Option("", "--zip"),
    seniority: int | None = typer.Option(None, "--seniority", help="1 (entry) to 5 (executive)."),
    skills: str = typer.Option("", "--skills", help='Comma-separated, e.g. "cisco, ccna".'),
    urgency: int = typer.Option(3, "--urgency", help="1-5: how soon the client needs someone."),
    opportunity: int = typer.Option(3, "--opportunity", help="1-5: how good the job is to pitch."),
    fee_type: str = typer.Option("contingent", "--fee-type", help="retained or contingent."),
    hiring_manager: int | None = IdOption("--hiring-manager", help="Person id of the hiring manager."),
    owner: str = typer.Option("", "--owner", help="Recruiter login owning the job (default: you)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Add a job for a client. Example: callsheet job add --title "Network Administrator" --client "Acme" --city Kenosha --state WI --urgency 5"""
    desk = get_desk(ctx)
    with handled():
        data = job_service.NewJob(title=title, client=client, city=city, state=state, zip=zip_code,
                                  seniority=seniority, skills=skills, urgency=urgency, opportunity=opportunity,
                                  fee_type=fee_type, hiring_manager_id=hiring_manager, owner=owner)
        job = job_service.add_job(desk.uow(), desk.clock, data, desk.user)
    if as_json:
        emit_json(job_view(job))
    else:
        typer.echo(f"Added job {job.id}: {job.title} for {job.company} (heat {job.heat})")


@app.command("show")
def show(ctx: typer.Context, job_id: int = IdArgument(), as_json: bool = typer.Option(False, "--json")) -> None:
    """Show a job and its pipeline. Example: callsheet job show 3"""
    desk = get_desk(ctx)
    with handled():
        job, rows, names = job_service.pipeline(desk.uow(), job_id)
    if as_json:
        emit_json({**job_view(job), "pipeline": [candidacy_view(c, names.get(c.person_id)) for c in rows]})
        return
    place = f"{job.city}, {job.state}" if job.city else "no location"
    console.print(f"[bold]{job.title}[/] for {job.company} — {place}; urgency {job.urgency}, "
                  f"opportunity {job.opportunity}, {job.fee_type.value}, {job.status.value}", markup=True)
    table = Table("person", "name", "stage", "target")
    for c in rows:
        table.add_row(str(c.person_id), names.get(c.person_id, ""), c.stage.value, "yes" if c.is_target else "")
    console.print(table)


@app.command("list")
def list_jobs(
    ctx: typer.Context,
    status: str = typer.Option("open", "--status", help="open, on_hold, filled, closed, or '' for all."),
    every: bool = typer.Option(False, "--all", help="Every job, whatever its status."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List jobs, hottest first (open ones unless asked). Example: callsheet job list --all"""
    desk = get_desk(ctx)
    wanted = None if every else (status or None)
    with handled():
        found = job_service.list_jobs(desk.uow(), wanted)
        hidden = Counter(j.status.value for j in job_service.list_jobs(desk.uow(), None)) if wanted else Counter()
    if as_json:
        emit_json([job_view(j) for j in found])
        return
    console.print(jobs_table(found))
    hidden.pop(wanted or "", None)
    if hidden:
        kinds = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in sorted(hidden.items()))
        typer.echo(f"{counted(hidden.total(), 'job')} not shown ({kinds}): callsheet job list --all shows them.")


def jobs_table(found: list) -> Table:  # type: ignore[type-arg]
    table = Table("id", "title", "client", "place", "seniority", "urgency", "opportunity", "owner", title="Jobs")
    for j in found:
        table.add_row(str(j.id), j.title, j.company, f"{j.city}, {j.state}" if j.city else "",
                      str(j.seniority or ""), str(j.urgency), str(j.opportunity), j.owner)
    return table


@pipeline_app.command("add")
def pipeline_add(
    ctx: typer.Context,
    job_id: int = IdArgument(),
    person_id: int = IdArgument(),
    target: bool = typer.Option(False, "--target", help="The client named this person."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Put a person in a job's pipeline. Example: callsheet pipeline add 3 42 --target"""
    desk = get_desk(ctx)
    with handled():
        candidacy = job_service.add_to_pipeline(desk.uow(), desk.clock, job_id, person_id, target)
    if as_json:
        emit_json(candidacy_view(candidacy))
    else:
        typer.echo(f"Person {person_id} is in job {job_id} at stage {candidacy.stage.value}")


@pipeline_app.command("move")
def pipeline_move(
    ctx: typer.Context,
    job_id: int = IdArgument(),
    person_id: int = IdArgument(),
    stage: str = typer.Option(..., "--stage", help="sourced, contacted, interested, submitted, ..."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Move a person to another stage of a job. Example: callsheet pipeline move 3 42 --stage submitted"""
    desk = get_desk(ctx)
    with handled():
        candidacy = job_service.move_stage(desk.uow(), desk.clock, job_id, person_id, stage)
    if as_json:
        emit_json(candidacy_view(candidacy))
    else:
        typer.echo(f"Person {person_id} is now {candidacy.stage.value} in job {job_id}")
