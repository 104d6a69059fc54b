from callsheet.domain.fit import canonical_skill, fit
from callsheet.domain.model import Job, Person

JOB = Job(title="DevOps Engineer", company_id=1, skills=["kubernetes", "javascript", "terraform", "aws", "python"],
          seniority=3, lat=43.0389, lon=-87.9065)


def person(**kw: object) -> Person:
    base: dict[str, object] = {"name": "Ann", "skills": ["k8s", "js", "terraform", "aws"], "seniority": 2,
                               "lat": 43.2, "lon": -87.95, "active": True}
    base.update(kw)
    return Person(**base)  # type: ignore[arg-type]


def test_it_treats_synonyms_as_one_skill() -> None:
    assert canonical_skill("K8s") == canonical_skill("kubernetes") == "kubernetes"
    assert canonical_skill("JS") == "javascript"


def test_it_explains_the_fit_in_words_a_recruiter_reads() -> None:
    result = fit(person(), JOB)
    assert result.why == ["4 of 5 skills (kubernetes, javascript, terraform, aws)", "11 miles from the client",
                          "one level junior", "actively looking"]
    assert 0 < result.score <= 100


def test_it_prefers_more_skills_nearer_and_the_right_level() -> None:
    best = fit(person(skills=["kubernetes", "javascript", "terraform", "aws", "python"], seniority=3), JOB)
    assert best.score > fit(person(), JOB).score > fit(person(skills=["aws"]), JOB).score
    assert fit(person(lat=44.5, lon=-88.0), JOB).score < fit(person(), JOB).score
    assert fit(person(seniority=1), JOB).score < fit(person(), JOB).score
    assert fit(person(active=False), JOB).score < fit(person(), JOB).score


def test_it_says_nothing_about_what_it_does_not_know() -> None:
    result = fit(Person(name="Bo"), Job(title="DBA", company_id=1))
    assert result.why == ["passive"]
