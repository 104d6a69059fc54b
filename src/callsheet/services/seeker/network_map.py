"""Drawing the network: you in the middle, companies on a ring, each contact beside where they work."""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import BinaryIO

import matplotlib

matplotlib.use("Agg")  # files only, never a window

import matplotlib.pyplot as plt  # noqa: E402

from callsheet.clock import Clock  # noqa: E402
from callsheet.domain.errors import BadInput  # noqa: E402
from callsheet.services.seeker.network import network  # noqa: E402
from callsheet.services.unit import UnitOfWork  # noqa: E402


def draw(uow: UnitOfWork, clock: Clock, acting_login: str, out: Path, interest: list[str] | None = None) -> int:
    """Write the map as SVG or PNG (by the file's suffix). Returns the number of people drawn."""
    suffix = out.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise BadInput("out", "the map is written as .svg or .png")
    with out.open("wb") as fh:
        return _draw(uow, clock, acting_login, fh, suffix[1:], interest)


def svg(uow: UnitOfWork, clock: Clock, acting_login: str, interest: list[str] | None = None) -> tuple[str, int]:
    """The map as SVG text, for the web desk to embed."""
    buffer = io.BytesIO()
    drawn = _draw(uow, clock, acting_login, buffer, "svg", interest)
    return buffer.getvalue().decode("utf-8"), drawn


def _draw(uow: UnitOfWork, clock: Clock, acting_login: str, out: BinaryIO, fmt: str,
          interest: list[str] | None) -> int:
    with uow:
        known, links = network(uow, clock, acting_login)
    by_company: dict[str, list[int]] = {}
    for contact in known.values():
        by_company.setdefault(contact.company or "(no company)", []).append(contact.id)
    for name in interest or []:
        by_company.setdefault(name, [])
    companies = sorted(by_company, key=lambda c: (-len(by_company[c]), c))
    size = 8 + min(len(known), 600) / 60
    fig, ax = plt.subplots(figsize=(size, size))
    ax.set_axis_off()
    ax.set_aspect("equal")
    position: dict[int, tuple[float, float]] = {}
    for i, company in enumerate(companies):
        angle = 2 * math.pi * i / max(len(companies), 1)
        cx, cy = 10 * math.cos(angle), 10 * math.sin(angle)
        members = by_company[company]
        for j, pid in enumerate(members):
            spread = (j - (len(members) - 1) / 2) * min(0.5, 2.4 / max(len(members), 1))
            r = 12.5 + (j % 3) * 0.8
            position[pid] = (r * math.cos(angle + spread / 10), r * math.sin(angle + spread / 10))
        ax.scatter([cx], [cy], s=160, marker="s", color="#7a5195", zorder=3)
        ax.annotate(company, (cx, cy), xytext=(0, -12), textcoords="offset points", ha="center", fontsize=7)
        for pid in members:
            x, y = position[pid]
            ax.plot([cx, x], [cy, y], color="#c9c9c9", linewidth=0.4, zorder=1)
    for pid, (x, y) in position.items():
        ax.plot([0, x], [0, y], color="#e0e0e0", linewidth=0.3, zorder=0)
        contact = known[pid]
        colour = "#2f4b7c" if contact.callable else "#bbbbbb"
        ax.scatter([x], [y], s=18 + 4 * min(contact.warmth, 10), color=colour, zorder=4)
        if len(position) <= 150:
            ax.annotate(contact.name, (x, y), xytext=(3, 3), textcoords="offset points", fontsize=5)
    for a, b in links:
        if a in position and b in position:
            (x1, y1), (x2, y2) = position[a], position[b]
            ax.plot([x1, x2], [y1, y2], color="#ef5675", linewidth=0.6, zorder=2)
    ax.scatter([0], [0], s=300, color="#ffa600", zorder=5)
    ax.annotate("You", (0, 0), ha="center", va="center", fontsize=9, weight="bold", zorder=6)
    ax.set_title(f"Your network: {len(known)} people, {len([c for c in companies if by_company[c]])} companies")
    fig.savefig(out, format=fmt, dpi=130, bbox_inches="tight")
    plt.close(fig)
    return len(known)
