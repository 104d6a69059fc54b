"""Rich renderings shared by several commands."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from callsheet.cli.common import console


def local(iso_text: str | None, zone_name: str) -> str:
    if not iso_text:
        return ""
    return datetime.fromisoformat(iso_text).astimezone(ZoneInfo(zone_name)).strftime("%Y-%m-%d %H:%M")


def print_card(card: dict[str, Any], desk_zone: str) -> None:
    lines = [f"[bold]{card['name']}[/]  (person {card['id']})"]
    role = " at ".join(x for x in (card.get("title"), card.get("company")) if x)
    if role:
        lines.append(role)
    if card.get("city"):
        lines.append(f"{card['city']}, {card['state']} — {card.get('timezone') or 'zone unknown'}")
    for ph in card["phone_details"]:
        status = "" if ph["status"] == "ok" else f"  [red]{ph['status']} — never dialled[/]"
        lines.append(f"☎ {ph['e164']}{status}")
    for email in card["emails"]:
        lines.append(f"✉ {email}")
    if card.get("referred_by"):
        lines.append(f"Referred by {card['referred_by']['name']} (person {card['referred_by']['id']})")
    if card["suppression"] != "none":
        lines.append(f"[bold red]{card.get('suppression_text') or card['suppression']}[/]")
    for warning in card.get("warnings") or ():
        lines.append(f"[bold red]{escape(warning)}[/]")
    decision = card.get("decision")
    if decision:
        verdict = "[green]callable now[/]" if decision["callable"] else "[yellow]not callable now[/]"
        lines.append(verdict + ("" if decision["callable"] else ": " + "; ".join(decision["reasons"])))
    console.print(Panel("\n".join(lines), expand=False))
    if card["candidacies"]:
        table = Table("job", "title", "client", "stage", title="Pipelines")
        for c in card["candidacies"]:
            table.add_row(str(c["job_id"]), c["job"], c["company"], c["stage"])
        console.print(table)
    if card["history"]:
        table = Table("when", "kind", "outcome", "job", "by", "notes", title="History")
        for t in card["history"]:
            outcome = t["outcome"] + (f" ({t['reason']})" if t.get("reason") else "")
            table.add_row(local(t["at"], desk_zone), t["kind"], outcome, str(t["job_id"] or ""),
                          t.get("user") or "", t.get("notes") or "")
        console.print(table)
    else:
        console.print("No touches yet.")
