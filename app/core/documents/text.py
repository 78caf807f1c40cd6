"""Plain-text reports: encoding detection (UTF-8, UTF-16 with BOM, GB18030, Latin-1)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from app.core.documents.limits import DEFAULT_LIMITS, Limits, human
from app.core.documents.model import Document, DocumentError, Section

MAX_TEXT_BYTES = DEFAULT_LIMITS.report_bytes

# Report headings as radiology reports write them, English and Chinese.
_HEADING = re.compile(
    r"^[ \t]*(?P<title>(?:clinical\s+)?(?:indications?|history|reason\s+for\s+(?:exam|study)|comparisons?|"
    r"techniques?|findings|impressions?|conclusions?|recommendations?|exam(?:ination)?|procedure|"
    r"临床病史|临床诊断|病史|检查方法|检查技术|扫描方法|技术|对比|比较|影像表现|影像所见|检查所见|表现|所见|"
    r"诊断意见|影像诊断|印象|诊断|结论|意见|建议))[ \t]*[:：][ \t]*(?P<rest>.*)$",
    re.IGNORECASE | re.MULTILINE,
)


def decode_text(data: bytes, path: Path) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        raise DocumentError(path, "looks like a binary file, not a text report")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            return str(best)
    except ImportError:  # pragma: no cover - a dependency, present in every install
        pass
    return data.decode("latin-1")


def normalise(text: str) -> str:
    """NFKC (ligatures, full-width forms), one kind of newline, runs of blanks collapsed."""
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\x00", "")
    text = re.sub(r"[^\S\n]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def split_sections(text: str, page: int | None = None, base: int = 0) -> list[Section]:
    """Cut text at report headings; each section keeps its offset (plus ``base``) into text."""
    sections: list[Section] = []

    def add(title: str, start: int, end: int) -> None:
        body = text[start:end]
        stripped = body.strip()
        if stripped:
            offset = start + (len(body) - len(body.lstrip()))
            sections.append(Section(title, stripped, page, base + offset))

    title, start = "", 0
    for match in _HEADING.finditer(text):
        add(title, start, match.start())
        title = " ".join(match.group("title").split()).title()
        start = match.start("rest")
    add(title, start, len(text))
    return sections


def text_document(text: str, path: Path, kind: str, limits: Limits = DEFAULT_LIMITS,
                  empty: str = "is empty: there is no text to read") -> Document:  # fmt: skip
    """A Document from already extracted text: normalised, cut into sections."""
    text = normalise(text)
    if len(text) > limits.text_chars:
        raise DocumentError(path, f"holds more than {limits.text_chars:,} characters of text")
    if not text:
        raise DocumentError(path, empty)
    return Document(source=path, kind=kind, sections=split_sections(text), source_text=text)


def read_text_bytes(data: bytes, path: Path, kind: str = "text", limits: Limits = DEFAULT_LIMITS) -> Document:
    if len(data) > limits.report_bytes:
        raise DocumentError(path, f"is larger than the {human(limits.report_bytes)} limit for a report")
    return text_document(decode_text(data, path), path, kind, limits)


def read_bytes_limited(path: Path, limit: int) -> bytes:
    """The file's bytes, refusing one over ``limit``; OSError becomes DocumentError."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise DocumentError(path, f"is larger than the {human(limit)} limit for a report")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise DocumentError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise DocumentError(path, f"is larger than the {human(limit)} limit for a report")
    return data


def read_text(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    return read_text_bytes(read_bytes_limited(path, limits.report_bytes), path, "text", limits)
