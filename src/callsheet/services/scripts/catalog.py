"""Call scripts: the shipped defaults, the user's own versions, and rendering them for one call.

Where a script comes from, first found wins: the user's edit in the database (`callsheet script edit`),
then a file `KIND.PART.j2` in Settings.scripts_dir, then the default shipped in callsheet/scripts/.
Templates render in Jinja2's sandbox with StrictUndefined, so a script can neither reach into Python
nor come out half-filled: any unknown field or template error is a BadInput naming it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError, meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.model import Company, Job, Person, greeting_name
from callsheet.domain.scripts import (
    FIELDS,
    KIND_TITLES,
    OBJECTIVES,
    CallKind,
    Part,
    check_kind,
    check_part,
    ladder_for,
    voicemail_warning,
    word_count,
)
from callsheet.lookup.names import name_parts
from callsheet.services.accounts.acting import acting_user
from callsheet.services.unit import UnitOfWork
from callsheet.settings import Settings

ALLOWED = ", ".join(f"{root}.{name}" for root, names in FIELDS.items() for name in sorted(names))


@dataclass(frozen=True)
class Rendered:
    part: Part
    text: str
    origin: str
    words: int
    warnings: tuple[str, ...] = field(default=())


@lru_cache(maxsize=1)
def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


@lru_cache(maxsize=16)
def default_source(kind: CallKind, part: Part) -> str:
    return (resources.files("callsheet") / "scripts" / f"{kind.value}.{part.value}.j2").read_text(encoding="utf-8")


def _source(uow: UnitOfWork, settings: Settings, kind: CallKind, part: Part) -> tuple[str, str]:
    """(template text, where it came from), inside an open unit of work."""
    stored = uow.scripts.get(kind.value, part.value)
    if stored is not None:
        return stored.body, f"edited by {stored.updated_by or 'a user'} on {stored.updated_at:%Y-%m-%d}"
    if settings.scripts_dir is not None:
        path = settings.scripts_dir / f"{kind.value}.{part.value}.j2"
        if path.is_file():
            return path.read_text(encoding="utf-8"), f"file {path}"
    return default_source(kind, part), "default"


@lru_cache(maxsize=64)
def check_template(source: str) -> Any:
    """Compile a script, refusing syntax errors and fields the desk does not know, naming them."""
    env = _environment()
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        raise BadInput("template", f"line {exc.lineno}: {exc.message}") from None
    unknown = sorted(meta.find_undeclared_variables(tree) - FIELDS.keys())
    if unknown:
        raise BadInput("template", f"unknown field {unknown[0]!r}; scripts may use {ALLOWED}")
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        root = getattr(node, "node", None)
        name = getattr(node, "attr", None) if isinstance(node, nodes.Getattr) else getattr(node, "arg", None)
        name = getattr(name, "value", None) if isinstance(name, nodes.Const) else name
        if isinstance(root, nodes.Name) and root.name in FIELDS and isinstance(name, str) \
                and name not in FIELDS[root.name]:
            raise BadInput("template", f"line {node.lineno}: unknown field '{root.name}.{name}'; "
                                       f"{root.name} has {', '.join(sorted(FIELDS[root.name]))}")
    return env.from_string(tree)


def _tidy(text: str, part: Part) -> str:
    if part is Part.VOICEMAIL:
        return " ".join(text.split())  # a voicemail is spoken as one paragraph
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def render(source: str, context: dict[str, Any], part: Part, origin: str = "") -> Rendered:
    """The script with every field filled, or a BadInput: never a half-rendered text."""
    template = check_template(source)
    try:
        text = template.render(**context)
    except UndefinedError as exc:
        hint = " (a call without a job has no job: guard with {% if job %})" if "'None'" in str(exc.message) else ""
        raise BadInput("template", f"unknown field: {exc.message}{hint}") from None
    except SecurityError as exc:
        raise BadInput("template", f"not allowed in a script: {exc}") from None
    except TemplateError as exc:
        raise BadInput("template", str(exc.message or exc)) from None
    except Exception as exc:  # noqa: BLE001 - a template's own mistake (e.g. adding text to a number)
        raise BadInput("template", f"{exc.__class__.__name__}: {exc}") from None
    text = _tidy(text, part)
    warning = voicemail_warning(text) if part is Part.VOICEMAIL else None
    return Rendered(part, text, origin, word_count(text), (warning,) if warning else ())


# -- the fields a script sees --------------------------------------------------------------------
def _place(city: str, state: str) -> str:
    return ", ".join(x for x in (city, state) if x)


def person_fields(p: Person) -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "first_name": greeting_name(p.first_name, p.name),
            "last_name": p.last_name, "title": p.title, "company": p.company,
            "city": p.city, "state": p.state, "location": _place(p.city, p.state), "skills": ", ".join(p.skills),
            "seniority": p.seniority or ""}


def job_fields(j: Job, applied_on: str = "") -> dict[str, Any]:
    return {"id": j.id, "title": j.title, "company": j.company, "city": j.city, "state": j.state,
            "location": _place(j.city, j.state), "skills": ", ".join(j.skills[:3]), "seniority": j.seniority or "",
            "applied_on": applied_on}


def caller_fields(uow: UnitOfWork, clock: Clock, settings: Settings, login: str) -> dict[str, Any]:
    """Who is calling: the acting user, the desk's firm and number, a job seeker's own plan."""
    user = acting_user(uow, clock, login)
    plan = uow.seeker.plan(user.id) or {}
    roles = [r.strip() for r in str(plan.get("target_roles") or "").split(",") if r.strip()]
    name = spoken_name(user.name, user.login)
    return {"name": name, "first_name": greeting_name(name_parts(name)[0], name),
            "company": settings.caller_company, "phone": settings.caller_phone,
            "strengths": str(plan.get("strengths") or ""), "target_role": roles[0] if roles else ""}


def spoken_name(name: str, login: str) -> str:
    """How a caller introduces themself: their name, else their login said as a name ("ann.lee" → "Ann Lee").

    >>> spoken_name("", "ann.lee@example.com"), spoken_name("andrew", "andrew")
    ('Ann Lee', 'Andrew')
    """
    if name.strip() and name.strip() != login:  # a user added on first use is named by their login
        return name.strip()
    return " ".join(p.capitalize() for p in re.split(r"[._\s-]+", login.split("@")[0]) if p) or login


def call_context(uow: UnitOfWork, person: Person, job: Job | None, caller: dict[str, Any],
                 companies: dict[int, Company | None] | None = None) -> dict[str, Any]:
    """person, job, company and caller for one call, inside an open unit of work.

    `companies` memoises company rows when many calls are prepared at once."""
    companies = {} if companies is None else companies
    company: dict[str, Any] = {"name": person.company, "city": "", "state": "", "location": ""}
    job_view: dict[str, Any] | None = None
    if job is not None:
        job_view = job_fields(job)
        found = uow.jobs.company(job.company_id) if job.company_id not in companies else companies[job.company_id]
        companies[job.company_id] = found
        company = {"name": job.company, "city": found.city if found else "", "state": found.state if found else "",
                   "location": _place(found.city, found.state) if found else ""}
    else:
        applied = uow.scripts.application_for_contact(person.id or 0)
        if applied is not None:
            role, company_name, applied_on = applied
            job_view = {**{k: "" for k in FIELDS["job"]}, "title": role, "company": company_name,
                        "applied_on": applied_on}
            company = {"name": company_name, "city": "", "state": "", "location": ""}
    return {"person": person_fields(person), "job": job_view, "company": company, "caller": caller}


def sample_context(with_job: bool) -> dict[str, Any]:
    """Made-up fields to prove an edited script renders before it is stored."""
    person = Person(name="Ann Nowak", first_name="Ann", last_name="Nowak", title="Data Engineer", company="Beta",
                    city="Milwaukee", state="WI", skills=["python", "sql"], id=1)
    job = Job(title="DBA", company_id=1, company="Acme", city="Waukesha", state="WI", skills=["sql"], id=1)
    caller = {"name": "Andrew Borresen", "first_name": "Andrew", "company": "Lakeshore Talent",
              "phone": "(414) 555-0100", "strengths": "SQL", "target_role": "Data Analyst"}
    return {"person": person_fields(person), "job": job_fields(job, "2026-11-10") if with_job else None,
            "company": {"name": "Acme", "city": "Waukesha", "state": "WI", "location": "Waukesha, WI"},
            "caller": caller}


# -- use cases -------------------------------------------------------------------------------------
def default_kind(uow: UnitOfWork, person_id: int, job_id: int | None, seeker_desk: bool = False) -> CallKind:
    """Follow-up once we have called them before (about this job, if one is named); else a first call.

    On a job seeker's desk: the application follow-up when they are an application's contact, else the
    call to a hiring manager."""
    if job_id is None and uow.scripts.application_for_contact(person_id) is not None:
        return CallKind.SEEKER_FOLLOWUP
    if seeker_desk and job_id is None:
        return CallKind.SEEKER_HIRING_MANAGER
    history = uow.touches.for_person(person_id)
    earlier = [t for t in history if t.direction == "out" and (job_id is None or t.job_id == job_id)]
    return CallKind.RECRUITER_FOLLOWUP if earlier else CallKind.RECRUITER_COLD


def list_scripts(uow: UnitOfWork, settings: Settings) -> list[dict[str, Any]]:
    rows = []
    with uow:
        for kind in CallKind:
            for part in Part:
                origin = _source(uow, settings, kind, part)[1]
                rows.append({"kind": kind.value, "part": part.value, "title": KIND_TITLES[kind], "origin": origin})
    return rows


def rendered_view(r: Rendered) -> dict[str, Any]:
    return {"text": r.text, "origin": r.origin, "words": r.words, "warnings": list(r.warnings)}


def scripts_for_call(uow: UnitOfWork, clock: Clock, settings: Settings, login: str, kind: CallKind,
                     person_id: int, job_id: int | None) -> dict[str, Any]:
    """Both parts of a kind of call, filled in for one person (and job), with objectives and ladder."""
    with uow:
        person = uow.people.get(person_id)
        if person is None:
            raise NotFound("person", person_id)
        job = uow.jobs.get(job_id) if job_id is not None else None
        if job_id is not None and job is None:
            raise NotFound("job", job_id)
        context = call_context(uow, person, job, caller_fields(uow, clock, settings, login))
        sources = {part: _source(uow, settings, kind, part) for part in Part}
    view = _frame(kind)
    for part, (source, origin) in sources.items():
        view[part.value] = rendered_view(render(source, context, part, origin))
    return view


def _frame(kind: CallKind) -> dict[str, Any]:
    return {"kind": kind.value, "title": KIND_TITLES[kind],
            "objectives": [{"key": k, "text": t} for k, t in OBJECTIVES],
            "ladder": [{"rung": r, "text": t} for r, t in ladder_for(kind)]}


def show_script(uow: UnitOfWork, clock: Clock, settings: Settings, login: str, kind_text: str,
                person_id: int | None = None, job_id: int | None = None) -> dict[str, Any]:
    """A script as the user will see it: filled for a person, or as its template when none is named."""
    kind = check_kind(kind_text)
    if person_id is not None:
        return {**scripts_for_call(uow, clock, settings, login, kind, person_id, job_id), "rendered": True}
    if job_id is not None:
        raise BadInput("person", "--job needs --person: a script is filled for a person")
    view = {**_frame(kind), "rendered": False}
    with uow:
        for part in Part:
            source, origin = _source(uow, settings, kind, part)
            view[part.value] = {"text": source.strip(), "origin": origin, "words": None, "warnings": []}
    return view


def edit_script(uow: UnitOfWork, clock: Clock, login: str, kind_text: str, part_text: str,
                body: str) -> dict[str, Any]:
    """Store the user's version of a script after proving it renders, with and without a job."""
    kind, part = check_kind(kind_text), check_part(part_text)
    if not body.strip():
        raise BadInput("file", "the script is empty")
    samples = [render(body, sample_context(with_job), part) for with_job in (True, False)]
    now = clock.now()
    with uow:
        user = acting_user(uow, clock, login)
        uow.scripts.save(kind.value, part.value, body, user.display, now)
    warnings = sorted({w for s in samples for w in s.warnings})
    return {"kind": kind.value, "part": part.value, "saved": True, "sample": samples[0].text, "warnings": warnings}
