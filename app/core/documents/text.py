"""Plain-text reports: encoding detection (UTF-8, UTF-16 with BOM, GB18030, Latin-1)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from app.core.documents.model import Document, DocumentError, Section

MAX_TEXT_BYTES = 20 * 1024 * 1024

# Report headings as radiology reports write them, English and Chinese.
_HEADING = re.compile(
    r"^\s*(?P<title>(?:clinical\s+)?(?:indication|history|comparison|technique|findings|"
    r"impression|conclusion|recommendations?|exam(?:ination)?|procedure|临床病史|病史|检查方法|"
    r"技术|对比|表现|影像所见|检查所见|所见|印象|诊断|结论|意见|建议))\s*[:：]\s*(?P<rest>.*)$",
    re.IGNORECASE,
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
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\t", " ")
    text = re.sub(r"[ \u00a0]{2,}", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def split_sections(text: str) -> list[Section]:
    sections: list[Section] = []
    title = ""
    lines: list[str] = []
    for line in text.split("\n"):
        match = _HEADING.match(line)
        if match:
            if any(part.strip() for part in lines):
                sections.append(Section(title, "\n".join(lines).strip()))
            title = match.group("title").strip().title()
            lines = [match.group("rest")] if match.group("rest").strip() else []
        else:
            lines.append(line)
    if any(part.strip() for part in lines):
        sections.append(Section(title, "\n".join(lines).strip()))
    return sections


def read_text_bytes(data: bytes, path: Path, kind: str = "text") -> Document:
    if len(data) > MAX_TEXT_BYTES:
        raise DocumentError(path, f"is larger than the {MAX_TEXT_BYTES // 2**20} MB limit for text")
    text = normalise(decode_text(data, path))
    if not text:
        raise DocumentError(path, "is empty: there is no text to read")
    return Document(source=path, kind=kind, sections=split_sections(text))


def read_text(path: Path) -> Document:
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise DocumentError(path, f"is larger than the {MAX_TEXT_BYTES // 2**20} MB limit for text")
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path, f"cannot be read ({exc.strerror})") from exc
    return read_text_bytes(data, path)
