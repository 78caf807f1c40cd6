"""RTF reports with striprtf (its code-page handling covers \\ansicpg936 Chinese and \\uN escapes)."""

from __future__ import annotations

from pathlib import Path

from striprtf.striprtf import rtf_to_text

from app.core.documents.limits import DEFAULT_LIMITS, Limits
from app.core.documents.model import Document, DocumentError
from app.core.documents.text import read_bytes_limited, text_document


def read_rtf(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    return read_rtf_bytes(read_bytes_limited(path, limits.report_bytes), path, limits)


def read_rtf_bytes(data: bytes, path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    # RTF is 7-bit with escapes; latin-1 maps any stray byte one to one so nothing fails here.
    source = data.decode("latin-1")
    if not source.lstrip().startswith("{\\rtf"):
        raise DocumentError(path, "is not an RTF file")
    try:
        text = str(rtf_to_text(source, errors="replace"))  # type: ignore[no-untyped-call]
    except RecursionError:
        raise DocumentError(path, "is not a readable RTF file (nested too deeply)") from None
    except (LookupError, ValueError, IndexError, KeyError) as exc:
        raise DocumentError(path, f"is not a readable RTF file ({str(exc)[:160]})") from exc
    return text_document(text, path, "rtf", limits, empty="is an RTF file with no text to read")
