"""Search people with our query language, and match people to a job by fit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.fit import fit, spellings
from callsheet.domain.geo import miles_between
from callsheet.domain.model import Job, Person, Stage
from callsheet.domain.query import And, Node, Not, Or, Term, parse, tokens_of
from callsheet.domain.search import Filters, Hit, keeps
from callsheet.lookup import places
from callsheet.services.jobs import pipelines as job_service
from callsheet.services.search import fit_pass as fit_pass
from callsheet.services.unit import UnitOfWork

MAX_LIMIT = 1000
MATCH_CANDIDATES = 2000  # people the index proposes for a job without skills, before fit ranks them
MATCH_RADIUS = 75.0  # miles around the client that a match looks in, when the job has a place


@dataclass(frozen=True)
class SearchRequest:
    query: str
    near: str | None = None
    radius: float | None = None
    seniority: str | None = None  # "3" or "2-4"
    active: bool | None = None
    job_id: int | None = None
    stage: str | None = None
    include_suppressed: bool = False
    limit: int = 20


@dataclass(frozen=True)
class Found:
    hit: Hit
    miles: float | None = None


@dataclass(frozen=True)
class Matched:
    hit: Hit
    score: float
    why: list[str] = field(default_factory=list)
    miles: float | None = None


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise BadInput("limit", f"must be between 1 and {MAX_LIMIT}, got {limit}")
    return limit


def seniority_range(text: str | None) -> tuple[int | None, int | None]:
    """ "3" -> (3, 3); "2-4" -> (2, 4); None -> no bounds."""
    if text is None or not text.strip():
        return None, None
    m = re.fullmatch(r"\s*([1-5])\s*(?:-\s*([1-5])\s*)?", text)
    if not m:
        raise BadInput("seniority", f"{text!r} is not a level 1-5 or a range such as 2-4")
    low, high = int(m[1]), int(m[2] or m[1])
    if low > high:
        raise BadInput("seniority", f"the range {text!r} runs backwards")
    return low, high


def build_filters(req: SearchRequest) -> Filters:
    near = None
    if req.near is not None or req.radius is not None:
        if req.near is None or req.radius is None:
            raise BadInput("near" if req.near is None else "radius", "give both --near PLACE and --radius MILES")
        if not 0 < req.radius <= 3000:
            raise BadInput("radius", f"must be between 0 and 3000 miles, got {req.radius}")
        place = places.resolve(req.near)
        near = (place.lat, place.lon)
    if req.stage is not None:
        if req.job_id is None:
            raise BadInput("stage", "give the job too: --stage STAGE --job ID")
        if req.stage not in {s.value for s in Stage}:
            raise BadInput("stage", f"{req.stage!r} is not one of {', '.join(s.value for s in Stage)}")
    low, high = seniority_range(req.seniority)
    return Filters(near=near, radius=req.radius if near else None, seniority_min=low, seniority_max=high,
                   active=req.active, job_id=req.job_id, stage=req.stage,
                   include_suppressed=req.include_suppressed)


def _within(uow: UnitOfWork, query: Node, filters: Filters, limit: int, skills_only: bool = False) -> list[Found]:
    """Ranked hits; with a place, each with its distance (the index checked the exact circle)."""
    hits: list[Hit] = uow.search.find(query, filters, limit, 0, skills_only)
    if filters.near is None:
        return [Found(h) for h in hits]
    lat, lon = filters.near
    return [Found(h, round(miles_between(lat, lon, h.lat or 0.0, h.lon or 0.0), 1)) for h in hits]


def with_skill_spellings(node: Node) -> Node:
    """skill:k8s looks for every spelling of the skill, as fit counts them (one synonym table)."""
    if isinstance(node, Not):
        return Not(with_skill_spellings(node.child))
    if isinstance(node, And | Or):
        return type(node)(tuple(with_skill_spellings(c) for c in node.children))
    if node.field != "skills" or node.prefix:
        return node
    spelled = [Term(tokens_of(s), field="skills") for s in spellings(" ".join(node.tokens))]
    unique = list(dict.fromkeys([node, *(t for t in spelled if t.tokens)]))
    return unique[0] if len(unique) == 1 else Or(tuple(unique))


def search(uow: UnitOfWork, req: SearchRequest) -> list[Found]:
    query = with_skill_spellings(parse(req.query))
    filters = build_filters(req)
    limit = check_limit(req.limit)
    with uow:
        if req.job_id is not None and uow.jobs.get(req.job_id) is None:
            raise NotFound("job", req.job_id)
        return _within(uow, query, filters, limit)


def job_query(job: Job) -> Node:
    """The index query proposing people for a job: any spelling of any of its skills, or its title."""
    wanted = [Term(tokens_of(s), field="skills") for skill in job.skills for s in spellings(skill)]
    wanted = [t for t in wanted if t.tokens] or [Term((t,), field="title") for t in tokens_of(job.title)]
    if not wanted:
        raise BadInput("job", f"job {job.id} has neither skills nor a title to match on")
    unique = list(dict.fromkeys(wanted))
    return unique[0] if len(unique) == 1 else Or(tuple(unique))


def rank(job: Job, hits: list[Hit]) -> list[Matched]:
    out = []
    for h in hits:
        person = Person(name=h.name, skills=list(h.skills), seniority=h.seniority, lat=h.lat, lon=h.lon,
                        active=h.active, id=h.person_id)
        f = fit(person, job)
        out.append(Matched(h, f.score, f.why, None if f.miles is None else round(f.miles, 1)))
    out.sort(key=lambda m: (-m.score, m.hit.person_id))
    return out


def match(uow: UnitOfWork, clock: Clock, job_id: int, limit: int = 20, add: int = 0,
          radius: float = MATCH_RADIUS) -> list[Matched]:
    """The best people for a job who are not in its pipeline and not suppressed; add the top `add`.

    Proposed are the people who share at least one of the job's skills (any spelling), within
    `radius` miles of a located job. A numpy pass scores all of them; the exact fit() and its `why`
    run on the best few. A job without skills proposes people by the words of its title instead.
    """
    check_limit(limit)
    if add < 0 or add > limit:
        raise BadInput("add", f"must be between 0 and --limit ({limit}), got {add}")
    if not 0 < radius <= 3000:
        raise BadInput("radius", f"must be between 0 and 3000 miles, got {radius}")
    with uow:
        job = uow.jobs.get(job_id)
        if job is None:
            raise NotFound("job", job_id)
        located = job.lat is not None and job.lon is not None
        filters = Filters(near=(job.lat or 0.0, job.lon or 0.0) if located else None,
                          radius=radius if located else None, not_in_job_id=job_id)
        if fit_pass.wanted_skills(job):
            best = _match_by_skills(uow, job, filters, limit)
        else:
            hits = [f.hit for f in _within(uow, job_query(job), filters, MATCH_CANDIDATES, skills_only=True)]
            best = rank(job, hits)[:limit]
    for m in best[:add]:
        job_service.add_to_pipeline(uow, clock, job_id, m.hit.person_id)
    return best


def _match_by_skills(uow: UnitOfWork, job: Job, filters: Filters, limit: int) -> list[Matched]:
    arrays = uow.search.match_arrays()
    leave_out = uow.search.pipeline_ids(job.id or 0)
    ids = fit_pass.best_ids(arrays, job, filters.radius, leave_out, limit)
    # The store decides: the few are read from it and checked again before the exact fit.
    hits = [h for h in uow.search.hits(dict.fromkeys(ids, 0.0))
            if keeps(filters, h, frozenset(leave_out))]
    return rank(job, hits)[:limit]


def reindex(uow: UnitOfWork) -> int:
    """Rebuild the search index from the store (repair only: triggers keep it current)."""
    with uow:
        indexed: int = uow.search.rebuild()
    uow.search.reclaim_space()
    return indexed


def found_view(f: Found) -> dict[str, object]:
    h = f.hit
    return {"person_id": h.person_id, "name": h.name, "score": h.score, "title": h.title, "company": h.company,
            "city": h.city, "state": h.state, "seniority": h.seniority, "active": h.active, "miles": f.miles,
            "suppression": h.suppression}


def matched_view(m: Matched) -> dict[str, object]:
    h = m.hit
    return {"person_id": h.person_id, "name": h.name, "score": m.score, "why": list(m.why), "title": h.title,
            "company": h.company, "city": h.city, "state": h.state, "seniority": h.seniority,
            "active": h.active, "miles": m.miles}
