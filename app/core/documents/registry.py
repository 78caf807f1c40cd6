"""Recognises files by their content, not their extension, and picks the reader.

Readers for more formats (DICOM, PDF, DOCX, RTF, HL7) register here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.core.documents.model import Document, DocumentError
from app.core.documents.text import decode_text, read_text

MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024
Reader = Callable[[Path], Document]


def sniff(head: bytes) -> str | None:
    """The kind of file, from its first bytes; None when no reader accepts it."""
    if len(head) >= 132 and head[128:132] == b"DICM":
        return "dicom"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if head.lstrip(b"\xef\xbb\xbf\r\n ").startswith(b"MSH|"):
        return "hl7"
    try:
        decode_text(head, Path("-"))
    except DocumentError:
        return None
    return "text"


READERS: dict[str, Reader] = {"text": read_text}


def read_document(path: Path) -> Document:
    """Read one file into a Document, or raise DocumentError naming the file and problem."""
    path = Path(path)
    try:
        if not path.exists():
            raise DocumentError(path, "does not exist")
        if path.is_dir():
            raise DocumentError(path, "is a folder; drop the files inside it")
        size = path.stat().st_size
        if size == 0:
            raise DocumentError(path, "is empty")
        if size > MAX_FILE_BYTES:
            raise DocumentError(path, "is larger than the 2 GB limit")
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise DocumentError(path, f"cannot be read ({exc.strerror})") from exc
    kind = sniff(head)
    reader = READERS.get(kind or "")
    if reader is None:
        what = f"a {kind.upper()} file" if kind else "this kind of file"
        raise DocumentError(path, f"is not supported ({what} cannot be read yet)")
    return reader(path)
