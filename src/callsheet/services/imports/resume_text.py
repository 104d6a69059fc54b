"""A résumé file's text: PDF (pypdf), Word (python-docx), RTF (striprtf) or plain text.

The kind is told by the file's first bytes, then by its name; a file none of them reads, one larger
than the bound, or a PDF with no text layer (a scan) is refused with the reason a recruiter can act on.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass

from callsheet.domain.bounds import RESUME_MAX_BYTES
from callsheet.domain.errors import BadInput

#: Content types by kind, as the file is handed back for download.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "rtf": "application/rtf",
    "txt": "text/plain; charset=utf-8",
}
SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".rtf": "rtf", ".txt": "txt", ".text": "txt", ".md": "txt"}
#: Fewer letters than this in a PDF's text and it is taken for a scan.
MIN_LETTERS = 20


@dataclass(frozen=True)
class ResumeText:
    kind: str
    content_type: str
    text: str


def kind_of(name: str, data: bytes) -> str:
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    kind = SUFFIXES.get(suffix, "")
    if kind in ("pdf", "rtf", "docx"):  # named so, but not shaped so
        raise BadInput("file", f"{name}: is not a readable {kind.upper()} file")
    if kind == "txt" or not suffix:
        return "txt"
    raise BadInput("file", f"{name}: is not a résumé file (PDF, DOCX, RTF or plain text)")


def read_resume(name: str, data: bytes) -> ResumeText:
    """The text of a résumé file; raises BadInput naming the file when it has none to give."""
    if len(data) > RESUME_MAX_BYTES:
        raise BadInput("file", f"{name}: is larger than {RESUME_MAX_BYTES >> 20} MB")
    if not data.strip():
        raise BadInput("file", f"{name}: is empty")
    kind = kind_of(name, data)
    try:
        text = _READERS[kind](data)
    except BadInput as exc:
        raise BadInput("file", f"{name}: {exc.message}") from exc
    except Exception as exc:  # noqa: BLE001 - each library fails its own way on a broken file
        raise BadInput("file", f"{name}: is not a readable {kind.upper()} file ({type(exc).__name__})") from exc
    text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\x00", "").splitlines())
    text = "".join(ch for ch in text if ch >= " " or ch in "\t\n").strip()
    if kind == "pdf" and sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        raise BadInput("file", f"{name}: no text layer: scanned?")
    if not text:
        raise BadInput("file", f"{name}: holds no text")
    return ResumeText(kind, CONTENT_TYPES[kind], text)


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file's warnings are our refusal's business
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _docx(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BadInput("file", "is not a readable DOCX file") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _rtf(data: bytes) -> str:
    from striprtf.striprtf import rtf_to_text

    return str(rtf_to_text(data.decode("latin-1")))  # type: ignore[no-untyped-call]


def _txt(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise BadInput("file", "is binary, not text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


_READERS = {"pdf": _pdf, "docx": _docx, "rtf": _rtf, "txt": _txt}
