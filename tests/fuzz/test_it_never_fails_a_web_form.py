"""hypothesis fills every POST form of the web desk (signed in, with the session's form token, sometimes
a forged one; as a page and as htmx): whatever it types, no 500 comes back, and a refused form leaves
every stored count as it was, on both stores. Bounded and derandomized."""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine

from callsheet.store.engine import make_engine
from callsheet.web import routers
from tests.e2e.web.conftest import Desk
from tests.e2e.web.report_history import sign_in
from tests.fuzz.budget import budget
from tests.fuzz.stored import counts
from tests.fuzz.typed import FILES, TYPED

HTMX = {"HX-Request": "true"}
#: Tables a refused sign-in writes by design: its failures slow and lock password guessing.
SIGN_IN_RECORDS = {"sign_in_failures"}


@dataclass(frozen=True)
class Form:
    path: str  # {person}, {job} and {link} are filled with a seeded id or any text
    fields: tuple[str, ...]
    #: A filled-in form a user would send ({person} and {job} are seeded ids); the fuzz changes a few fields.
    sent: tuple[tuple[str, str], ...] = ()
    examples: int = 20
    file: str = ""  # the name of its file field, if it takes files


#: Every POST form of the web desk (src/callsheet/web/routers), sign-in and sign-out last.
FORMS = (
    Form("/sheet/log", ("person_id", "outcome", "job_id", "phone", "reason", "note", "callback_at", "referral_name",
                        "referral_phone", "zone", "at", "name", "job", "company", "local_time"),
         (("person_id", "{person}"), ("outcome", "no_answer"), ("job_id", "{job}")), examples=40),
    Form("/people/{person}/lift", ("reason",), (("reason", "He asked us to call again"),)),
    Form("/people/{person}/release-number", ("phone", "reason"),
         (("phone", "414-555-0101"), ("reason", "The number has a new holder"))),
    Form("/jobs/{job}/pipeline", ("person_id", "name"), (("person_id", "{person}"),)),
    Form("/jobs/{job}/report/links", ("days",), (("days", "7"),)),
    Form("/jobs/{job}/report/links/{link}/withdraw", ()),
    Form("/import", ("kind", "column_map_text", "dry_run"), (("kind", "csv"),), examples=15, file="file"),
    Form("/import/resumes", (), examples=10, file="files"),
    Form("/people/{person}/resumes", (), examples=10, file="files"),
    Form("/people/{person}/name", ("name", "first_name", "last_name", "shown_name", "shown_first_name",
                                   "shown_last_name"), (("first_name", "Patricia"), ("shown_first_name", "Pat"))),
    Form("/people/{person}/details", ("name", "phones", "emails", "linkedin_url", "city", "state", "skills",
                                      "seniority"), (("skills", "cisco, juniper"), ("seniority", "3"))),
    Form("/people/{person}/dial", ("job_id", "phone"), (("job_id", "{job}"),), examples=10),
    Form("/people/{person}/log-call", ("outcome", "job_id", "phone", "note", "duration_s", "settles"),
         (("outcome", "no_answer"), ("job_id", "{job}"), ("duration_s", "42"))),
    Form("/rehearse/turn", ("person", "kind", "seed", "line", "job", "said"),
         (("person", "{person}"), ("kind", "recruiter_cold"), ("seed", "7"), ("line", "Hi, it's Dana"))),
    Form("/rehearse", ("person", "kind", "seed", "job", "said"),
         (("person", "{person}"), ("kind", "recruiter_cold"), ("seed", "7"), ("said", "Hi, it's Dana"))),
    Form("/dnc-lists", ("source",), (("source", "State DNC"),), examples=10, file="file"),
    Form("/dnc-lists/remove", ("name",), (("name", "State DNC"),), examples=10),
    Form("/tokens", ("name",), (("name", "laptop script"),), examples=10),
    Form("/tokens/{token}/revoke", ("back",), examples=10),
    # Twilio's webhooks: signed by the provider, never by a form token (403 without a valid signature).
    *(Form(f"/telephony/{hook}", ("CallSid", "CallStatus", "DialCallStatus", "From", "To", "CallDuration"),
           examples=5) for hook in ("bridge", "status", "dial-action", "voice")),
    Form("/users/signout", ("email",), (("email", "recruiter@example.com"),), examples=10),
    Form("/login", ("email", "password", "next"),
         (("email", "admin@example.com"), ("password", "not the password"), ("next", "/jobs")), examples=10),
    Form("/logout", (), examples=5),
)


def _named(path: str) -> str:
    return re.sub(r"\{(\w+?)(_id)?\}", r"{\1}", path)


def _web_posts() -> set[str]:
    """Every POST route of the web desk: those of each module under callsheet/web/routers (the API's are
    fuzzed by schemathesis)."""
    found = set()
    for module in pkgutil.iter_modules(routers.__path__):
        router = importlib.import_module(f"{routers.__name__}.{module.name}").router
        found |= {_named(route.path) for route in router.routes
                  if isinstance(route, APIRoute) and "POST" in route.methods}
    return found


def _finish_import(client: TestClient, location: str) -> None:
    """An accepted upload imports in a thread of its own: wait for it, so the next count is settled."""
    if location.startswith("/import/"):  # /import/RUN (a résumé drop's page waits for nothing: it is done)
        client.app.state.desk.imports.wait(location.rsplit("/", 1)[1], 60)  # type: ignore[attr-defined]


def _fuzz(client: TestClient, engine: Engine, form: Form, token: str, ids: dict[str, list[int]]) -> list[str]:
    """Fill one form `form.examples` times; what went wrong, said plainly."""
    path_ids = {name: st.one_of(st.sampled_from(values).map(str), st.sampled_from(values).map(str),
                                TYPED.map(lambda t: quote(t, safe="")))
                for name, values in ids.items() if "{" + name + "}" in form.path}
    values = st.one_of(st.sampled_from([str(i) for i in ids["person"] + ids["job"]]), TYPED)
    changed = st.dictionaries(st.sampled_from(form.fields), values, max_size=3) if form.fields else st.just({})
    # A refused sign-in writes its failure by design: that is how guessing is slowed and locked.
    leave_out = SIGN_IN_RECORDS if form.path == "/login" else set()
    failures: list[str] = []

    @budget(form.examples)
    @given(path=st.fixed_dictionaries(path_ids),
           person=st.sampled_from(ids["person"]), job=st.sampled_from(ids["job"]), changes=changed,
           csrf=st.sampled_from([token, token, token, token, "", "forged"]), htmx=st.booleans(),
           upload=FILES if form.file else st.none())
    def check(path: dict[str, str], person: int, job: int, changes: dict[str, str], csrf: str, htmx: bool,
              upload: Any) -> None:
        fields = {**{name: value.format(person=person, job=job) for name, value in form.sent}, **changes}
        before = counts(engine, leave_out)
        answer = client.post(form.path.format(**path), data={"csrf_token": csrf, **fields},
                             files={form.file: upload} if upload else None, headers=HTMX if htmx else {},
                             follow_redirects=False)
        _finish_import(client, answer.headers.get("location", ""))
        said = f"{form.path} {path} {fields!r} {upload!r}: {answer.status_code} {answer.text[:200]}"
        if answer.status_code >= 500:
            failures.append(said)
        elif answer.status_code >= 400 and counts(engine, leave_out) != before:
            failures.append(f"changed counts: {said}")

    check()
    return failures


def test_no_web_form_answers_a_server_error_or_changes_anything_when_refused(client: TestClient,
                                                                             desk: Desk) -> None:
    engine = make_engine(desk.settings.database_url)
    token = sign_in(client, "admin@example.com")
    ids = {"person": [desk.jack, desk.mary, desk.pat], "job": [desk.acme_job, desk.globex_job], "link": [1],
           "token": [1]}
    assert {_named(form.path) for form in FORMS} == _web_posts(), "a new form needs its place in FORMS"
    try:
        failures = [failure for form in FORMS for failure in _fuzz(client, engine, form, token, ids)]
    finally:
        engine.dispose()
    assert failures == []
