"""Word reports with python-docx: headers, paragraphs and tables in document order, footers.

Headers and footers are part of the report (the hospital's name, a phone number, the patient's
name on every page): they are read so that de-identification sees them too."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from app.core.documents.limits import DEFAULT_LIMITS, Limits, human
from app.core.documents.model import Document, DocumentError
from app.core.documents.text import read_bytes_limited, text_document


def is_docx(data: bytes | Path) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def read_docx(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    return read_docx_bytes(read_bytes_limited(path, limits.report_bytes), path, limits)


def _check_bomb(data: bytes, path: Path, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise DocumentError(path, f"is not a readable Word file ({exc})") from exc
    if len(infos) > limits.zip_members:
        raise DocumentError(path, f"is not a plausible Word file ({len(infos):,} parts)")
    total = sum(i.file_size for i in infos)
    if total > limits.docx_xml_bytes:
        raise DocumentError(path, f"would expand to {human(total)}, over the "
                                  f"{human(limits.docx_xml_bytes)} limit (a zip bomb?)")  # fmt: skip


def read_docx_bytes(data: bytes, path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _check_bomb(data, path, limits)
    try:
        word = docx.Document(io.BytesIO(data))

        def blocks(container: Any) -> list[str]:
            found: list[str] = []
            for block in container.iter_inner_content():
                if isinstance(block, Paragraph):
                    found.append(block.text)
                elif isinstance(block, Table):
                    found.extend(_table_lines(block))
            return found

        headers: list[str] = []
        footers: list[str] = []
        for section in word.sections:
            for kind, out in (("header", headers), ("footer", footers)):
                for variant in (f"first_page_{kind}", kind, f"even_page_{kind}"):
                    part = getattr(section, variant)
                    if not part.is_linked_to_previous:  # a linked one repeats the previous section's
                        out.extend(line for line in blocks(part) if line.strip() and line not in out)
        lines = [*headers, *([""] if headers else []), *blocks(word), *([""] if footers else []), *footers]
    except DocumentError:
        raise
    except RecursionError:
        raise DocumentError(path, "is not a readable Word file (nested too deeply)") from None
    except Exception as exc:  # python-docx and lxml raise many kinds on damaged files
        raise DocumentError(path, f"is not a readable Word file ({_reason(exc)})") from exc
    return text_document("\n".join(lines), path, "docx", limits,
                         empty="is a Word file with no text to read")  # fmt: skip


def _table_lines(table: object) -> list[str]:
    lines: list[str] = []
    for row in getattr(table, "rows", []):
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        if cells:
            lines.append(" | ".join(cells))
    return lines


def _reason(exc: BaseException) -> str:
    text = str(exc).split("\n")[0]
    return (text[:160] if text else type(exc).__name__).rstrip(".")
