"""PDF reports with pypdf: text per page (page numbers kept for citations).

A scanned PDF has no text layer; it gets a clear message rather than an empty document.
"""

from __future__ import annotations

import io
import logging
import time
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from app.core.documents.limits import DEFAULT_LIMITS, Limits
from app.core.documents.model import Document, DocumentError, Section
from app.core.documents.text import normalise, read_bytes_limited, split_sections

PDF_SECONDS = 120.0  # a text layer that takes longer than this to extract is hostile

logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings may quote document text


def read_pdf(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    return read_pdf_bytes(read_bytes_limited(path, limits.report_bytes), path, limits)


def read_pdf_bytes(data: bytes, path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(path, "is a password-protected PDF; save an unprotected copy and open that")
        count = len(reader.pages)
    except DocumentError:
        raise
    except RecursionError:
        raise DocumentError(path, "is not a readable PDF (its structure is nested too deeply)") from None
    except (PyPdfError, PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            OSError, NotImplementedError, AssertionError) as exc:  # fmt: skip
        raise DocumentError(path, f"is not a readable PDF ({_reason(exc)})") from exc
    if count == 0:
        raise DocumentError(path, "is a PDF with no pages")
    if count > limits.pdf_pages:
        raise DocumentError(path, f"has {count:,} pages, over the {limits.pdf_pages:,}-page limit")
    started = time.monotonic()
    sections: list[Section] = []
    parts: list[str] = []
    offset = 0
    title = ""
    total = 0
    for number in range(count):
        if time.monotonic() - started > PDF_SECONDS:
            raise DocumentError(path, f"took longer than {PDF_SECONDS:.0f} s to read; it may be damaged")
        try:
            raw = reader.pages[number].extract_text() or ""
        except RecursionError:
            raise DocumentError(path, f"page {number + 1} is nested too deeply to read") from None
        except Exception as exc:  # pypdf raises many kinds on damaged pages
            raise DocumentError(path, f"page {number + 1} cannot be read ({_reason(exc)})") from exc
        text = normalise(raw)
        total += len(text)
        if total > limits.text_chars:
            raise DocumentError(path, f"holds more than {limits.text_chars:,} characters of text")
        if not text:
            continue
        if parts:
            offset += 2
        page_sections = split_sections(text, page=number + 1, base=offset)
        # A section that runs over a page break keeps its heading on the next page.
        if page_sections and not page_sections[0].title and title:
            page_sections[0].title = title
        if page_sections:
            title = page_sections[-1].title
        sections.extend(page_sections)
        parts.append(text)
        offset += len(text)
    if not sections:
        raise DocumentError(path, "has no text layer (a scanned image?): there is no text to read; "
                                  "a text PDF or the original report is needed")  # fmt: skip
    metadata = {"pages": str(count)}
    return Document(source=path, kind="pdf", sections=sections, metadata=metadata,
                    source_text="\n\n".join(parts))  # fmt: skip


def _reason(exc: BaseException) -> str:
    text = str(exc).split("\n")[0]
    return (text[:160] if text else type(exc).__name__).rstrip(".")
