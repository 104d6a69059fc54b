"""Charts of the analytics, drawn on the server: one function per chart, each returning an SVG string.

The web desk embeds the SVG inline (no chart CDN); `dashboard_png` writes the main charts as one PNG
for the command line. matplotlib's object API (Figure, not pyplot) keeps drawing thread-safe in a
web server; the Agg/SVG backends never open a window.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only, never a window
matplotlib.rcParams["svg.hashsalt"] = "callsheet"  # stable element ids: the same figures give the same SVG
matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: searchable, and small

from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from callsheet.services.reports.job_report import JobReport, reason_words  # noqa: E402

BLUE, GREY, RED = "#2f6db5", "#c9d1da", "#c2453d"


def _svg(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    # Inline SVG in HTML needs no XML prolog or DOCTYPE.
    return text[text.index("<svg"):]


def _figure(width: float = 6.4, height: float = 3.2) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(width, height))
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _percent(rate: float | None) -> float:
    return round(100 * rate, 1) if rate is not None else 0.0


def _rate_bars(ax: Axes, labels: Sequence[str], rates: Sequence[float | None], counts: Sequence[int],
               title: str, colour: str = BLUE) -> None:
    values = [_percent(r) for r in rates]
    bars = ax.bar(list(labels), values, color=colour)
    for bar, n in zip(bars, counts, strict=True):
        ax.annotate(f"n={n}", (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center", va="bottom",
                    fontsize=6, color="#5b6775", xytext=(0, 2), textcoords="offset points")
    ax.set_ylabel("%")
    ax.set_title(title, fontsize=10, loc="left")
    if not labels:
        ax.text(0.5, 0.5, "No calls in this range", ha="center", va="center", transform=ax.transAxes)


def draw_reach_by_hour(ax: Axes, stats: dict[str, Any]) -> None:
    rows = stats["reach_by_hour"]
    _rate_bars(ax, [f"{r['hour']:02d}" for r in rows], [r["rate"] for r in rows], [r["dials"] for r in rows],
               "Reach rate by the callee's local hour")


def draw_reach_by_weekday(ax: Axes, stats: dict[str, Any]) -> None:
    rows = stats["reach_by_weekday"]
    _rate_bars(ax, [r["weekday"] for r in rows], [r["rate"] for r in rows], [r["dials"] for r in rows],
               "Reach rate by the callee's weekday")


def draw_hang_ups_by_seniority(ax: Axes, stats: dict[str, Any]) -> None:
    rows = stats["hang_up_rate_by_seniority"]
    _rate_bars(ax, [str(r["seniority"] or "?") for r in rows], [r["rate"] for r in rows],
               [r["connects"] for r in rows], "Hang-ups per conversation, by seniority (1 = entry)", RED)


def draw_decline_reasons(ax: Axes, stats: dict[str, Any]) -> None:
    rows = list(reversed(stats["decline_reasons"]))
    ax.barh([reason_words(r["reason"]) for r in rows], [r["count"] for r in rows], color=BLUE)
    ax.set_title("Why people declined", fontsize=10, loc="left")
    ax.tick_params(axis="y", labelsize=8)
    if not rows:
        ax.text(0.5, 0.5, "No declines in this range", ha="center", va="center", transform=ax.transAxes)


def draw_headline_rates(ax: Axes, stats: dict[str, Any]) -> None:
    refs = stats["referrals"]
    referral_rate = refs["became_candidates"] / refs["obtained"] if refs["obtained"] else None
    _rate_bars(ax, ["Connect", "Voicemail returned", "Referral became candidate"],
               [stats["connect_rate"], stats["voicemail_callback_rate"], referral_rate],
               [stats["dials"], stats["voicemails"], refs["obtained"]], "Connect, callback and referral rates")
    ax.tick_params(axis="x", labelsize=8)


def _one(draw: Any, stats: dict[str, Any], width: float = 6.4, height: float = 3.2) -> str:
    fig, ax = _figure(width, height)
    draw(ax, stats)
    return _svg(fig)


def headline_rates_svg(stats: dict[str, Any]) -> str:
    return _one(draw_headline_rates, stats)


def reach_by_hour_svg(stats: dict[str, Any]) -> str:
    return _one(draw_reach_by_hour, stats)


def reach_by_weekday_svg(stats: dict[str, Any]) -> str:
    return _one(draw_reach_by_weekday, stats)


def hang_ups_by_seniority_svg(stats: dict[str, Any]) -> str:
    return _one(draw_hang_ups_by_seniority, stats)


def decline_reasons_svg(stats: dict[str, Any]) -> str:
    return _one(draw_decline_reasons, stats, height=3.6)


def funnel_svg(report: JobReport) -> str:
    """The job's funnel, widest step on top, for the report page."""
    fig, ax = _figure(6.4, 3.2)
    steps = list(reversed(report.funnel))
    bars = ax.barh([s.capitalize() for s, _ in steps], [n for _, n in steps], color=BLUE)
    for bar, (_, n) in zip(bars, steps, strict=True):
        ax.annotate(str(n), (bar.get_width(), bar.get_y() + bar.get_height() / 2), va="center", fontsize=8,
                    xytext=(3, 0), textcoords="offset points")
    ax.set_title(f"{report.title}: funnel", fontsize=10, loc="left")
    return _svg(fig)


def analytics_svgs(stats: dict[str, Any]) -> dict[str, str]:
    """Every chart of the analytics page by name, ready to embed."""
    return {"rates": headline_rates_svg(stats), "reach_by_hour": reach_by_hour_svg(stats),
            "reach_by_weekday": reach_by_weekday_svg(stats),
            "hang_ups_by_seniority": hang_ups_by_seniority_svg(stats),
            "decline_reasons": decline_reasons_svg(stats)}


def dashboard_png(stats: dict[str, Any], out: Path) -> None:
    """The main charts on one page, as a PNG."""
    fig = Figure(figsize=(12, 8))
    axes = fig.subplots(2, 2)
    for ax, draw in zip(axes.flat, (draw_reach_by_hour, draw_reach_by_weekday, draw_hang_ups_by_seniority,
                                    draw_decline_reasons), strict=True):
        ax.spines[["top", "right"]].set_visible(False)
        draw(ax, stats)
    rate = stats["connect_rate"]
    fig.suptitle(f"Outreach {stats['range']['from'][:10]} to {stats['range']['to'][:10]}: {stats['dials']} dials, "
                 f"connect rate {_percent(rate)}%", fontsize=12)
    fig.tight_layout()
    fig.savefig(out, format="png", dpi=110)
