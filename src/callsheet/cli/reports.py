"""callsheet report ... and callsheet stats ...: what happened on a job, and what works."""

from __future__ import annotations

from pathlib import Path

import typer

from callsheet.cli.common import get_desk, handled


def report(
    ctx: typer.Context,
    job_id: int,
    fmt: str = typer.Option("html", "--format", help="html, csv or pdf."),
    out: Path = typer.Option(..., "--out", help="The file to write."),
) -> None:
    """Write a client-safe status report for one job. Example: callsheet report 3 --format pdf --out acme-dba.pdf"""
    from callsheet.services.report_render import render
    from callsheet.services.reports import build_report

    desk = get_desk(ctx)
    with handled():
        fmt = fmt.strip().lower()
        built = build_report(desk.uow(), desk.clock, desk.settings, job_id)
        data = render(built, fmt)
        try:
            out.write_bytes(data)
        except OSError as exc:
            from callsheet.domain.errors import BadInput

            raise BadInput("out", f"cannot write {out}: {exc.strerror}") from None
    typer.echo(f"Wrote the {fmt.upper()} report of job {job_id} ({len(built.candidates)} candidates) to {out}")


def register(root: typer.Typer) -> None:
    root.command("report")(report)
