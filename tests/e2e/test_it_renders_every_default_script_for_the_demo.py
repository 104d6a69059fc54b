"""Every shipped script renders for every demo person, with and without each demo job."""

from sqlalchemy import create_engine

from callsheet.clock import FixedClock
from callsheet.domain.scripts import CallKind, Part
from callsheet.services.scripts.catalog import call_context, caller_fields, default_source, render
from callsheet.settings import Settings
from callsheet.store.uow import UnitOfWork
from tests.e2e.cli import run


def test_every_default_script_renders_for_every_demo_person_and_job(desk_env: dict[str, str]) -> None:
    assert run("demo", "--people", "60", "--no-serve").exit_code == 0
    settings = Settings()
    clock = FixedClock(settings.now)  # type: ignore[arg-type]
    engine = create_engine(desk_env["CALLSHEET_DATABASE_URL"])
    sources = {(k, p): default_source(k, p) for k in CallKind for p in Part}
    rendered = 0
    with UnitOfWork(engine) as uow:
        people = uow.people.all()
        jobs = [None, *uow.jobs.all()]
        assert len(people) >= 60 and len(jobs) > 20
        caller = caller_fields(uow, clock, settings, "andrew")
        companies: dict = {}  # type: ignore[type-arg]
        for person in people:
            for job in jobs:
                context = call_context(uow, person, job, caller, companies)
                for (_, part), source in sources.items():
                    text = render(source, context, part).text
                    assert person.name.split()[0] in text and "{" not in text
                    rendered += 1
    engine.dispose()
    assert rendered == len(people) * len(jobs) * 8


def test_default_voicemails_stay_under_thirty_seconds(desk_env: dict[str, str]) -> None:
    person = run("person", "add", "--name", "Maximilian Wojciechowski-Abernathy", "--phone", "414-555-0100",
                 "--json").json()
    job = run("job", "add", "--title", "Principal Enterprise Data Platform Architect", "--client",
              "Great Lakes Regional Health and Hospital Systems Cooperative", "--city", "Milwaukee", "--state", "WI",
              "--skills", "python, sql, kafka, spark", "--json").json()
    for kind in CallKind:
        shown = run("script", "show", kind.value, "--person", str(person["id"]), "--job", str(job["id"]), "--json")
        assert shown.exit_code == 0, shown.stderr
        assert shown.json()["voicemail"]["warnings"] == [], kind
