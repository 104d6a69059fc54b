"""Renderers of the job status report: HTML (Jinja2, autoescaped), CSV (spreadsheet-safe), PDF (fpdf2).

Each takes the one `JobReport` model and returns bytes or text; none reads the store, so none can
show more than the client-safe model holds.
"""

from __future__ import annotations

import csv
import importlib.util
import io
from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from callsheet.domain.cells import spreadsheet_safe
from callsheet.domain.errors import BadInput
from callsheet.services.reports.job_report import CandidateLine, JobReport

FORMATS = ("html", "csv", "pdf")
HEADERS = ("Candidate", "Stage", "Last outcome", "Last contact", "Decline reason", "Next step", "Next date")
CSV_FIELDS = ("candidate", "stage", "last_outcome", "last_contact", "decline_reason", "next_step", "next_date")


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def cells(line: CandidateLine) -> tuple[str, ...]:
    name = line.name + (" (named by you)" if line.named_by_client else "")
    return (name, line.stage, line.last_outcome, _day(line.last_contact), line.decline_reason, line.next_step,
            _day(line.next_date))


_ENV = Environment(loader=PackageLoader("callsheet.services.reports", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True))


def _html(report: JobReport, template: str) -> str:
    top = max([n for _, n in report.funnel] + [1])
    return _ENV.get_template(template).render(
        r=report, top=top, headers=HEADERS, rows=[cells(line) for line in report.candidates])


def to_html(report: JobReport) -> str:
    """A whole HTML document (the file `callsheet report --format html` writes)."""
    return _html(report, "job_report.html.j2")


def to_html_fragment(report: JobReport) -> str:
    """The report's content with its own scoped styles, for the web desk to place inside its layout."""
    return _html(report, "job_report_body.html.j2")


def to_csv(report: JobReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for line in report.candidates:
        writer.writerow([spreadsheet_safe(c) for c in cells(line)])
    return buffer.getvalue()


def _font_dir() -> Path | None:
    # matplotlib (already a dependency) ships DejaVu, which covers names fpdf2's core fonts cannot.
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0]) / "mpl-data" / "fonts" / "ttf"
    return folder if (folder / "DejaVuSans.ttf").exists() else None


def to_pdf(report: JobReport) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(f"Status report: {report.title} for {report.client}")
    pdf.set_creator("Callsheet")
    fonts = _font_dir()
    if fonts is not None:
        pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
        family = "DejaVu"

        def text(value: str) -> str:
            return value
    else:
        family = "Helvetica"

        def text(value: str) -> str:
            return value.encode("latin-1", "replace").decode("latin-1")

    pdf.add_page()
    pdf.set_font(family, "B", 16)
    pdf.cell(0, 9, text(f"{report.title} — {report.client}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 9)
    meta = f"{report.place} · " if report.place else ""
    meta += f"Recruiter: {report.recruiter or '—'} · Prepared {report.prepared_at:%A %d %B %Y, %H:%M %Z}"
    pdf.cell(0, 6, text(meta), new_x="LMARGIN", new_y="NEXT")

    def heading(title: str) -> None:
        pdf.ln(3)
        pdf.set_font(family, "B", 12)
        pdf.cell(0, 8, text(title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 9)

    head_style = FontFace(emphasis="BOLD", fill_color=(244, 246, 249))
    heading("Funnel")
    with pdf.table(width=120, col_widths=(80, 40), align="LEFT", headings_style=head_style,
                   text_align=("LEFT", "RIGHT")) as table:
        table.row(("Step", "People"))
        for step, n in report.funnel:
            table.row((step.capitalize(), str(n)))
    heading("Calls")
    c = report.counts
    rows = [("Calls", c.calls), ("Conversations", c.reached), ("Voicemails", c.voicemails),
            ("Hang-ups", c.hang_ups), ("Declines", c.declined)]
    rows += [(f"  declined: {reason}", n) for reason, n in c.declines]
    with pdf.table(width=120, col_widths=(80, 40), align="LEFT", headings_style=head_style,
                   text_align=("LEFT", "RIGHT")) as table:
        table.row(("", "Count"))
        for label, n in rows:
            table.row((text(label), str(n)))
    heading(f"Candidates ({len(report.candidates)})")
    # Left-aligned: a narrow cell justified spreads a short line's words across it.
    with pdf.table(col_widths=(52, 40, 38, 24, 44, 42, 24), headings_style=head_style, text_align="LEFT") as table:
        table.row(HEADERS)
        for line in report.candidates:
            table.row(tuple(text(cell) or "—" for cell in cells(line)))
    return bytes(pdf.output())


def render(report: JobReport, fmt: str) -> bytes:
    """The report in one of FORMATS, as the bytes of the file to write."""
    if fmt == "html":
        return to_html(report).encode("utf-8")
    if fmt == "csv":
        # A byte-order mark lets Excel open the UTF-8 file with the right accents.
        return ("\ufeff" + to_csv(report)).encode("utf-8")
    if fmt == "pdf":
        return to_pdf(report)
    raise BadInput("format", f"{fmt!r} is not one of: {', '.join(FORMATS)}")
