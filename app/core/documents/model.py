"""The one model every reader produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class DocumentError(Exception):
    """A file could not be read. The message names the file and the problem only,
    never the file's contents (they may carry patient data)."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path.name}: {problem}")


@dataclass
class Section:
    """A titled run of text; ``page`` is kept for citations where the format has pages."""

    title: str
    text: str
    page: int | None = None


@dataclass
class Document:
    source: Path
    kind: str  # "text", "pdf", "docx", "rtf", "hl7", "dicom", "dicom-sr", ...
    sections: list[Section] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    series: list[Any] = field(default_factory=list)  # image series (DICOM), pixels on demand
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.source.name

    def text(self) -> str:
        """The text the model reads: sections with their headings."""
        parts: list[str] = []
        for section in self.sections:
            body = section.text.strip()
            if not body:
                continue
            parts.append(f"{section.title.upper()}:\n{body}" if section.title else body)
        return "\n\n".join(parts)

    @property
    def has_text(self) -> bool:
        return any(section.text.strip() for section in self.sections)
