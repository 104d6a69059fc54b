"""The terminal rendering of `callsheet stats`: headline figures, then tables with bars."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from callsheet.cli.common import console
from callsheet.services.reports.job_report import reason_words

BAR_WIDTH = 30


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{100 * rate:.1f}%"


def _bar(value: float, top: float, colour: str = "blue") -> Text:
    cells = round(BAR_WIDTH * value / top) if top else 0
    return Text("█" * cells, style=colour)


def _rate_table(title: str, label: str, rows: list[dict[str, Any]], key: str, count_key: str,
                colour: str = "blue") -> Table:
    table = Table(label, count_key, "rate", "", title=title, title_justify="left")
    top = max([r["rate"] or 0 for r in rows] + [0])
    for r in rows:
        table.add_row(str(r[key] if r[key] is not None else "?"), str(r[count_key]), _pct(r["rate"]),
                      _bar(r["rate"] or 0, top, colour))
    return table


def print_stats(s: dict[str, Any]) -> None:
    scope = ", ".join(f"{k} {v}" for k, v in s["scope"].items() if v is not None) or "the whole desk"
    console.print(f"[bold]Outreach {s['range']['from']} to {s['range']['to']}[/] — {scope}")
    wait = s["first_call_to_submission_days"]
    refs = s["referrals"]
    headline = Table(show_header=False, box=None)
    for label, value in (
        ("Dials", f"{s['dials']} ({s['touches']} touches)"),
        ("Connect rate", f"{_pct(s['connect_rate'])} ({s['connects']} conversations)"),
        ("Voicemails returned", f"{_pct(s['voicemail_callback_rate'])} ({s['voicemails_returned']} of "
                                f"{s['voicemails']} within a week)"),
        ("Hang-ups", str(s["hang_ups"])),
        ("Declines", str(s["declines"])),
        ("Referrals", f"{refs['obtained']} obtained, {refs['in_pipeline']} in a pipeline, "
                      f"{refs['became_candidates']} interested or further"),
        ("First call to submission", "—" if wait["median"] is None else
         f"median {wait['median']} days, mean {wait['mean']} ({wait['count']} submissions)"),
        ("Placements", f"{s['placements']}; touches per placement: {s['touches_per_placement'] or '—'}"),
    ):
        headline.add_row(f"[bold]{label}[/]", value)
    console.print(headline)
    console.print(_rate_table("Reach rate by the callee's local hour", "hour", s["reach_by_hour"], "hour", "dials"))
    console.print(_rate_table("Reach rate by weekday", "day", s["reach_by_weekday"], "weekday", "dials"))
    console.print(_rate_table("Hang-ups per conversation by seniority (job's, else person's)", "seniority",
                              s["hang_up_rate_by_seniority"], "seniority", "connects", "red"))
    reasons = Table("reason", "declines", "", title="Why people declined", title_justify="left")
    top = max([r["count"] for r in s["decline_reasons"]] + [0])
    for r in s["decline_reasons"]:
        reasons.add_row(reason_words(r["reason"]), str(r["count"]), _bar(r["count"], top))
    console.print(reasons)
