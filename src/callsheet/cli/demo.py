"""callsheet demo"""

from __future__ import annotations

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from callsheet.cli.common import console, dial_column, emit_json, err_console, get_desk, handled
from callsheet.domain.words import counted


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    ctx: typer.Context,
    people: int = typer.Option(300, "--people", help="How many people to generate (up to millions)."),
    fresh: bool = typer.Option(False, "--fresh", help="Empty the desk first."),
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve the web desk afterwards."),
    seed: int = typer.Option(7, "--seed", help="Same seed, same desk."),
    host: str = typer.Option("127.0.0.1", "--host", help="Where the web desk listens."),
    port: int = typer.Option(8000, "--port", help="The web desk's port."),
    seeker: bool = typer.Option(False, "--seeker", help="A job seeker's desk instead of an agency's."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Build a realistic demo desk around Milwaukee. Example: callsheet demo --fresh --people 500 --no-serve"""
    from callsheet.services.demo import desk as demo_service
    from callsheet.services.jobs import pipelines as job_service

    desk = get_desk(ctx)
    with handled():
        if people < 1:
            from callsheet.domain.errors import BadInput

            raise BadInput("people", "must be at least 1")
        with desk.uow() as uow:
            existing = uow.people.count()
        if existing and not fresh:
            from callsheet.domain.errors import BadInput

            raise BadInput("fresh", f"the desk already holds {existing:,} people; run with --fresh to replace "
                                    "them, or point --db at another database")
        if fresh:
            demo_service.wipe(desk.uow())
        if seeker:
            _seeker(desk, people, as_json)
            return
        with Progress(TextColumn("Generating people"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=err_console, disable=people < 20000 and not err_console.is_terminal) as bar:
            task = bar.add_task("people", total=people)
            summary = demo_service.build_demo(desk.uow(), desk.clock.now(), desk.settings.timezone, people, seed,
                                              progress=lambda n: bar.advance(task, n))
        open_jobs = job_service.list_jobs(desk.uow(), "open")
        from callsheet.services.accounts import users as accounts

        # The hiring manager of the demo belongs to the client with the hottest open job.
        demo_users = accounts.add_demo_users(desk.uow(), desk.clock, open_jobs[0].company_id if open_jobs else None)
        from callsheet.services.search import people as search_service

        search_service.reindex(desk.uow())  # build the search index now, not in the first search
    moment = summary.moment.isoformat(timespec="minutes")
    if as_json:
        emit_json({"people": summary.people, "jobs": summary.jobs, "candidacies": summary.candidacies,
                   "touches": summary.touches, "now": moment, "pinned": summary.pinned,
                   "users": [{"login": u.login, "role": u.role, "company_id": u.company_id,
                              "password": accounts.DEMO_PASSWORD} for u in demo_users]})
        return
    console.print(f"[bold]Demo desk ready[/]: {counted(summary.people, 'person', 'people')}, {counted(summary.jobs, 'job')}, "
                  f"{summary.candidacies:,} in pipelines, {counted(summary.touches, 'touch', 'touches')}.")
    if summary.pinned:
        console.print(f"It is outside calling hours, so the demo's clock is pinned to {moment}. "
                      f"To work the demo desk from the command line:\n  export CALLSHEET_NOW={moment}")
    from callsheet.cli.jobs import jobs_table

    console.print(jobs_table(open_jobs))
    from callsheet.services.people import records as people_service

    sample = people_service.list_people(desk.uow(), limit=15)
    table = Table("id", "name", "title", "place", dial_column("phone", (p.phones[0].e164 for p in sample if p.phones)),
                  "suppression", title="Some of the people")
    for p in sample:
        table.add_row(str(p.id), p.name, p.title, f"{p.city}, {p.state}", p.phones[0].e164 if p.phones else "",
                      p.suppression.value)
    console.print(table)
    users_table = Table("sign in as", "password", "role", title="Demo users of the web desk")
    for u in demo_users:
        users_table.add_row(u.login, accounts.DEMO_PASSWORD, u.role.replace("_", " "))
    console.print(users_table)
    if serve:
        from callsheet.cli.serve import run_server

        settings = desk.settings
        if summary.pinned:
            # The web desk shows the demo at the same moment the data was built for (with a banner).
            settings = settings.model_copy(update={"now": summary.moment})
        with handled():
            run_server(settings, host, port)


def _seeker(desk: object, people: int, as_json: bool) -> None:
    from callsheet.cli.common import Desk
    from callsheet.services.demo.seeker import build_seeker_demo

    assert isinstance(desk, Desk)
    summary = build_seeker_demo(desk.uow(), desk.clock.now(), desk.settings.timezone, desk.user,
                                connections=min(people, 2000))
    if as_json:
        emit_json(summary)
        return
    console.print(f"[bold]Job seeker's desk ready[/] for {desk.user}: {counted(summary['connections'], 'connection')}, "
                  f"{counted(summary['applications'], 'application')}.")
    if summary["pinned"]:
        console.print(f"The demo's clock is pinned to {summary['now']}:\n  export CALLSHEET_NOW={summary['now']}")
    console.print("Try: callsheet applications, callsheet followups, callsheet plan, "
                  "callsheet network intro \"Lakeshore Health Partners\", callsheet network map --out network.svg")
