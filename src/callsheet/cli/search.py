"""callsheet search, callsheet match and callsheet reindex."""

from __future__ import annotations

import typer
from rich.table import Table

from callsheet.cli.common import IdArgument, IdOption, console, emit_json, get_desk, handled
from callsheet.domain.words import counted
from callsheet.services.search import people as search_service


def search(
    ctx: typer.Context,
    query: str = typer.Argument(..., help='Words, "phrases", AND, OR, NOT/-word, prefix*, (), title: skill: company: city:. '
                                    "A query may start with '-', as in: callsheet search -cisco"),
    near: str | None = typer.Option(None, "--near", help='"City, ST" or a ZIP code.'),
    radius: float | None = typer.Option(None, "--radius", help="Miles around --near."),
    seniority: str | None = typer.Option(None, "--seniority", help="A level 1-5 or a range such as 2-4."),
    active: bool | None = typer.Option(None, "--active/--passive", help="Only people looking, or only passive."),
    job: int | None = IdOption("--job", help="Only people in this job's pipeline."),
    stage: str | None = typer.Option(None, "--stage", help="With --job: only at this stage."),
    include_suppressed: bool = typer.Option(False, "--include-suppressed", help="Also do-not-call and deceased."),
    limit: int = typer.Option(20, "--limit"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Search people by name, title, company, skills, profile and call notes. Example: callsheet search 'network admin* AND cisco NOT "help desk"' --near "Milwaukee, WI" --radius 40"""
    desk = get_desk(ctx)
    with handled():
        req = search_service.SearchRequest(query, near, radius, seniority, active, job, stage,
                                           include_suppressed, limit)
        found = search_service.search(desk.uow(), req)
    if as_json:
        emit_json([search_service.found_view(f) for f in found])
        return
    if not found:
        typer.echo("Nobody matches.")
        return
    table = Table("id", "name", "title", "company", "place", "miles", "score", title=f"{len(found)} found")
    for f in found:
        h = f.hit
        table.add_row(str(h.person_id), h.name + ("" if h.suppression == "none" else f" ({h.suppression})"),
                      h.title, h.company, f"{h.city}, {h.state}" if h.city else "",
                      "" if f.miles is None else f"{f.miles:g}", f"{h.score:.3f}")
    console.print(table)


def match(
    ctx: typer.Context,
    job_id: int = IdArgument(help="The job to find people for."),
    limit: int = typer.Option(20, "--limit"),
    add: int = typer.Option(0, "--add", help="Put the top N into the job's pipeline."),
    radius: float = typer.Option(search_service.MATCH_RADIUS, "--radius", help="Miles around the client."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List the best-fitting people not yet in a job's pipeline, with why. Example: callsheet match 3 --limit 10 --add 3"""
    desk = get_desk(ctx)
    with handled():
        best = search_service.match(desk.uow(), desk.clock, job_id, limit, add, radius)
    if as_json:
        emit_json([search_service.matched_view(m) for m in best])
        return
    if not best:
        typer.echo("Nobody new fits this job.")
        return
    table = Table("id", "name", "title", "score", "why", title=f"Best fits for job {job_id}")
    for m in best:
        table.add_row(str(m.hit.person_id), m.hit.name, m.hit.title, f"{m.score:g}", "; ".join(m.why))
    console.print(table)
    if add:
        typer.echo(f"Added the top {min(add, len(best))} to job {job_id}'s pipeline.")


def reindex(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """Rebuild the search index from the store (repair only; it stays current on every write). Example: callsheet reindex"""
    desk = get_desk(ctx)
    with handled():
        count = search_service.reindex(desk.uow())
    if as_json:
        emit_json({"indexed": count})
    else:
        typer.echo(f"Reindexed {counted(count, 'person', 'people')}.")


def register(app: typer.Typer) -> None:
    # A query may start with "-" (our NOT): an unknown option is read as the query, not refused.
    app.command("search", context_settings={"ignore_unknown_options": True})(search)
    app.command("match")(match)
    app.command("reindex")(reindex)
