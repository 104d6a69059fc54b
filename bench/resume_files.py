"""Résumé files made on the spot, as recruiters receive them: PDF, Word, RTF, plain text, a scan, a broken file.

The benchmarks and the tests both read these; nothing is shipped with the product.
"""

from __future__ import annotations

import io
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    name: str
    title: str
    phone: str
    email: str
    linkedin: str
    city: str
    skills: str
    story: str


def candidate(i: int, skills: str = "Python, Kubernetes, PostgreSQL", story: str = "") -> Candidate:
    """The i-th made-up candidate: a unique phone (414-555-01xx ... and beyond), email and profile."""
    first = ["Ann", "Jack", "Maria", "Tom", "Priya", "Luis", "Grace", "Omar"][i % 8]
    last = ["Kowalski", "Nguyen", "Schmidt", "Okafor", "Larsen", "Brennan", "Castillo", "Weber"][(i // 8) % 8]
    number = f"(414) {200 + (i // 10_000) % 700:03d}-{i % 10_000:04d}"
    handle = f"{first}.{last}{i}".lower()
    return Candidate(f"{first} {last}", "Senior Network Engineer", number, f"{handle}@example.com",
                     f"linkedin.com/in/{handle.replace('.', '-')}", "Milwaukee, WI", skills,
                     story or "Ran the hospital's network and its on-call rota for six years.")


def lines(c: Candidate) -> list[str]:
    return [c.name, c.title, f"{c.city} | {c.phone} | {c.email}", c.linkedin, "", f"Skills: {c.skills}", "",
            "Experience", c.story]


def text_file(c: Candidate) -> bytes:
    return ("\n".join(lines(c)) + "\n").encode()


def pdf_file(c: Candidate) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines(c):
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def docx_file(c: Candidate) -> bytes:
    import docx

    document = docx.Document()
    for line in lines(c):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rtf_file(c: Candidate) -> bytes:
    body = "\\par\n".join(line.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}") for line in lines(c))
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Helvetica;}}\\f0\\fs22\n" + body + "\\par\n}").encode()


def scanned_pdf() -> bytes:
    """A page holding only a picture of a résumé: no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (600, 300), "white")
    draw = ImageDraw.Draw(picture)
    for row in range(8):
        draw.rectangle((40, 30 + row * 30, 560 - row * 37, 42 + row * 30), fill="black")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(picture, x=10, y=10, w=180)
    return bytes(pdf.output())


def broken_pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis file was cut short"


MAKERS = {"pdf": pdf_file, "docx": docx_file, "rtf": rtf_file, "txt": text_file}
