"""callsheet call: the card, the policy, the script, then one key for the outcome and only the questions it needs.

Every answer is read as a line with typer.prompt, so the same flow works from a terminal and from piped input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import typer

from callsheet.cli.common import Desk, IdArgument, IdOption, console, err_console, get_desk, handled
from callsheet.domain.errors import BadInput, NoteSuggests

T = TypeVar("T")


def register(root: typer.Typer) -> None:
    root.command("call")(call)


def _ask(text: str, check: Callable[[str], T], default: str = "") -> T:
    """Ask until the answer passes `check`; a bad answer is explained and asked again (EOF aborts)."""
    while True:
        answer = typer.prompt(text, default=default, show_default=bool(default))
        try:
            return check(answer)
        except BadInput as exc:
            err_console.print(f"  {exc}", markup=False)


def _optional(text: str, default: str = "") -> str:
    return str(_ask(text, lambda a: a.strip(), default))


def call(
    ctx: typer.Context,
    person_id: int = IdArgument(help="Who to call."),
    job: int | None = IdOption("--job", help="The job the call is about (default: their only open one)."),
    kind: str | None = typer.Option(None, "--kind", help="recruiter_cold, recruiter_followup, "
                                    "seeker_hiring_manager or seeker_followup (default: from the history)."),
) -> None:
    """A guided call: card, policy, script, then the outcome with one key. Example: callsheet call 42 --job 3"""
    from callsheet.cli.memory import print_memory
    from callsheet.cli.render import print_card
    from callsheet.cli.scripts import print_script
    from callsheet.services.calling.guided import open_call

    desk = get_desk(ctx)
    with handled():
        plan = open_call(desk.uow(), desk.clock, desk.settings, desk.user, person_id, job, kind)
    card = plan.card
    if plan.refusal:
        # Who they are and why not, before anything else: no number, no script, nothing to dial.
        console.print(f"{card['name']} (person {card['id']})", markup=False)
        nobody = f" Nobody calls {card['name']}." if card["suppression"] != "none" else ""
        err_console.print(f"Refused: {plan.refusal}.{nobody}", markup=False)
        raise typer.Exit(1)
    print_memory(card, desk.settings.timezone)
    print_card(card, desk.settings.timezone)
    console.print(f"Their time: {plan.local_time}", markup=False)
    if plan.dial:
        console.print(f"Dial: [link=tel:{plan.dial}]{plan.dial}[/link]")
    if not plan.decision.callable:
        console.print("[yellow]The policy says not now:[/]")
        for reason in plan.decision.reasons:
            console.print(f" • {reason}", markup=False)
        if not typer.confirm("Call anyway?", default=False):
            console.print("Not calling.")
            return
    assert plan.script is not None
    console.print(f"[bold]{plan.script['title']}[/]" + (f" — job {plan.job_id}" if plan.job_id else ""))
    print_script(plan.script)
    _record(desk, plan, card)


def _record(desk: Desk, plan: Any, card: dict[str, Any]) -> None:
    from callsheet.services.calling.guided import KEYS, LABELS, QUESTIONS, SUGGESTED_RUNG, parse_key
    from callsheet.services.calling.log import LogRequest, Where, log_touch

    console.print("Outcome: " + "  ".join(f"[{k}] {LABELS[o]}" for k, o in KEYS.items()), markup=False)

    def outcome_of(text: str) -> Any:
        found = parse_key(text)
        if found is None:
            raise BadInput("outcome", f"{text.strip()!r} is not one of the keys {', '.join(KEYS)}")
        return found

    outcome = _ask("Outcome key", outcome_of)
    request = LogRequest(person_id=card["id"], outcome=outcome.value, job_id=plan.job_id)
    for question in QUESTIONS[outcome]:
        _QUESTIONS[question](desk, plan, card, request, SUGGESTED_RUNG.get(outcome, ""))
    with handled():
        try:
            touch = log_touch(desk.uow(), desk.clock, request, desk.user, Where.of(desk.settings))
        except NoteSuggests as exc:  # nothing stored yet: the recruiter picks, then it is logged once
            err_console.print(f"{exc}.", markup=False)
            if typer.confirm(f"Log it as {exc.suggested}?", default=True):
                request.outcome = exc.suggested
            else:
                request.keep_outcome = True
            touch = log_touch(desk.uow(), desk.clock, request, desk.user, Where.of(desk.settings))
    console.print(f"Logged {touch.outcome.value} for {card['name']}" + (f" on job {touch.job_id}" if touch.job_id
                                                                          else ""), markup=False)
    if touch.pipeline_held_for:
        from callsheet.cli.calls import held_words

        err_console.print(held_words(touch.pipeline_held_for), markup=False)
    if touch.rung:
        console.print(f"A win: {touch.rung} — it counts (callsheet wins).", markup=False)
    if touch.referral_person_id:
        console.print(f"Added {request.referral_name} (person {touch.referral_person_id}), referred by "
                      f"{card['name']}.", markup=False)


def _job(desk: Desk, plan: Any, card: dict[str, Any], request: Any, _: str) -> None:
    if request.job_id is not None:
        return
    if not plan.open_jobs:
        return  # no pipeline: log_touch explains what is missing

    def check(text: str) -> int:
        if not text.strip().isdigit() or int(text) not in plan.open_jobs:
            raise BadInput("job", f"pick one of the open jobs: {', '.join(map(str, plan.open_jobs))}")
        return int(text)

    request.job_id = _ask(f"Which job? ({', '.join(map(str, plan.open_jobs))})", check)


def _reason(desk: Desk, plan: Any, card: dict[str, Any], request: Any, _: str) -> None:
    from callsheet.domain.outcomes import DeclineReason

    reasons = [r.value for r in DeclineReason]
    console.print("Why: " + "  ".join(f"[{i}] {r}" for i, r in enumerate(reasons, 1)), markup=False)

    def check(text: str) -> str:
        value = text.strip().lower()
        if value.isdigit() and 1 <= int(value) <= len(reasons):
            return reasons[int(value) - 1]
        if value in reasons:
            return value
        raise BadInput("reason", f"type a number 1-{len(reasons)} or one of: {', '.join(reasons)}")

    request.reason = _ask("Decline reason", check)


def _referral(desk: Desk, plan: Any, card: dict[str, Any], request: Any, _: str) -> None:
    from callsheet.domain.contacts import check_name
    from callsheet.lookup.phones import normalize

    required = request.outcome == "referral"
    prompt = "Referral's name" if required else "Ask for a referral — name (blank for none)"

    def name_check(text: str) -> str:
        if not text.strip():
            if required:
                raise BadInput("referral", "a referral needs the referred person's name")
            return ""
        return check_name(text, "referral")

    request.referral_name = _ask(prompt, name_check)
    if request.referral_name:
        request.referral_phone = _ask("Referral's phone", lambda t: normalize(t, desk.settings.phone_region,
                                                                               "referral_phone"))


def _callback_at(desk: Desk, plan: Any, card: dict[str, Any], request: Any, _: str) -> None:
    from callsheet.clock import parse_time
    from callsheet.services.calling.guided import callee_zone

    def check(text: str) -> Any:
        moment = parse_time(text, callee_zone(card, desk.settings.timezone), "callback_at", desk.clock.now())
        if moment <= desk.clock.now():
            raise BadInput("callback_at", f"{text.strip()} is in the past")
        return moment

    request.callback_at = _ask("Callback time, their time (e.g. 2026-11-18T14:00 or next Tuesday 2pm)", check)


def _rung(desk: Desk, plan: Any, card: dict[str, Any], request: Any, suggested: str) -> None:
    from callsheet.domain.scripts import ladder_for

    ladder = [r for r, _ in ladder_for(plan.kind)]
    console.print("Rung reached: " + "  ".join(f"[{i}] {r}" for i, r in enumerate(ladder, 1))
                  + "  (blank: none)", markup=False)

    def check(text: str) -> str:
        value = text.strip().lower()
        if not value:
            return ""
        if value.isdigit() and 1 <= int(value) <= len(ladder):
            return ladder[int(value) - 1]
        if value in ladder:
            return value
        raise BadInput("rung", f"type a number 1-{len(ladder)}, a rung of the ladder, or nothing")

    request.rung = _ask("Rung", check, suggested if suggested in ladder else "")


def _notes(desk: Desk, plan: Any, card: dict[str, Any], request: Any, _: str) -> None:
    request.note = _optional("Notes (blank for none)")


def _phone(desk: Desk, plan: Any, card: dict[str, Any], request: Any, _: str) -> None:
    usable: list[str] = [str(p["e164"]) for p in card["phone_details"] if p["status"] == "ok"]
    if len(usable) <= 1:
        request.phone = usable[0] if usable else None
        return

    def check(text: str) -> str:
        value = text.strip()
        if value.isdigit() and 1 <= int(value) <= len(usable):
            return usable[int(value) - 1]
        raise BadInput("phone", f"type a number 1-{len(usable)}")

    console.print("Which number was wrong? " + "  ".join(f"[{i}] {p}" for i, p in enumerate(usable, 1)),
                  markup=False)
    request.phone = _ask("Number", check)


_QUESTIONS: dict[str, Callable[[Desk, Any, dict[str, Any], Any, str], None]] = {
    "job": _job, "reason": _reason, "referral": _referral, "callback_at": _callback_at, "rung": _rung,
    "notes": _notes, "phone": _phone,
}
