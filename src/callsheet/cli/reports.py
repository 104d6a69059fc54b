"""callsheet report ... and callsheet stats ...: what happened on a job, and what works."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from callsheet.cli.common import IdArgument, IdOption, emit_json, get_desk, handled, writing
from callsheet.domain.words import counted


def report(
    ctx: typer.Context,
    job_id: int = IdArgument(),
    fmt: str = typer.Option("html", "--format", help="html, csv or pdf."),
    out: Path = typer.Option(..., "--out", help="The file to write."),
) -> None:
    """Write a client-safe status report for one job. Example: callsheet report 3 --format pdf --out acme-dba.pdf"""
    from callsheet.services.reports.job_report import build_report
    from callsheet.services.reports.render import render

    desk = get_desk(ctx)
    with handled():
        fmt = fmt.strip().lower()
        built = build_report(desk.uow(), desk.clock, desk.settings, job_id)
        data = render(built, fmt)
        with writing(out):
            out.write_bytes(data)
    typer.echo(f"Wrote the {fmt.upper()} report of job {job_id} ({len(built.candidates)} candidates) to {out}")




def stats(
    ctx: typer.Context,
    start: str | None = typer.Option(None, "--from", help="First day (YYYY-MM-DD, desk's zone); default 90 days back."),
    end: str | None = typer.Option(None, "--to", help="Last day, included; default today."),
    owner: str | None = typer.Option(None, "--owner", help="Only touches this recruiter logged (login)."),
    client: str | None = typer.Option(None, "--client", help="Only touches about this client's jobs."),
    job_id: int | None = IdOption("--job", help="Only touches about this job."),
    as_json: bool = typer.Option(False, "--json"),
    png: Path | None = typer.Option(None, "--png", help="Also write the main charts to this PNG file."),
) -> None:
    """Outreach analytics: connect rates, hang-ups, declines, best hours. Example: callsheet stats --from 2026-10-01 --owner andrew"""
    from callsheet.services.reports.analytics import make_scope, outreach_stats

    desk = get_desk(ctx)
    with handled():
        scope = make_scope(desk.clock, desk.settings, _day(start, "from"), _day(end, "to"), owner, client, job_id)
        figures = outreach_stats(desk.uow(), desk.clock, desk.settings, scope)
        if png is not None:
            _write_png(figures, png)
    if as_json:
        emit_json(figures)
        return
    from callsheet.cli.stats_view import print_stats

    print_stats(figures)
    if png is not None:
        typer.echo(f"Wrote the charts to {png}")


def _day(text: str | None, field: str) -> date | None:
    from callsheet.clock import read_day

    return read_day(text, field) if text else None


def _write_png(figures: dict[str, object], out: Path) -> None:
    from callsheet.domain.errors import BadInput
    from callsheet.services.reports.charts import dashboard_png

    if out.suffix.lower() != ".png":
        raise BadInput("png", "the charts are written as a .png file")
    with writing(out, "png"):
        dashboard_png(figures, out)


def share(
    ctx: typer.Context,
    job_id: int = IdArgument(),
    days: int = typer.Option(7, "--days", help="How long the link works (1-90 days)."),
    revoke: bool = typer.Option(False, "--revoke", help="Withdraw every live link to this job instead."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Make a link that shows the hiring manager this job's report until it expires. Example: callsheet share 3 --days 14"""
    from callsheet.services.reports.shares import revoke_links, share_report

    desk = get_desk(ctx)
    with handled():
        if revoke:
            count = revoke_links(desk.uow(), desk.clock, job_id)
            if as_json:
                emit_json({"job_id": job_id, "revoked": count})
            else:
                typer.echo(f"Withdrew {counted(count, 'link')} to the report of job {job_id}")
            return
        link = share_report(desk.uow(), desk.clock, job_id, days, desk.user)
    url = desk.settings.public_url.rstrip("/") + link.path
    if as_json:
        emit_json({"job_id": link.job_id, "token": link.token, "path": link.path, "url": url,
                   "expires_at": link.expires_at.isoformat()})
    else:
        from zoneinfo import ZoneInfo

        until = link.expires_at.astimezone(ZoneInfo(desk.settings.timezone))
        local = any(host in url for host in ("//127.0.0.1", "//localhost", "//[::1]"))
        typer.echo(f"{url}  (job {job_id}; works until {until:%Y-%m-%d %H:%M %Z}; served by the web desk"
                   + ("; this address works on this machine only: set CALLSHEET_PUBLIC_URL to the "
                      "web desk's address for others)" if local else ")"))


def register(root: typer.Typer) -> None:
    root.command("report")(report)
    root.command("stats")(stats)
    root.command("share")(share)
