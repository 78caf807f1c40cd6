"""The one model every reader produces."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.documents.series import ImageSeries


class DocumentError(Exception):
    """A file could not be read. The message names the file and the problem only,
    never the file's contents (they may carry patient data)."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path.name}: {problem}")


@dataclass
class Section:
    """A titled run of text; ``page`` is kept for citations where the format has pages.

    ``start`` is the offset of ``text`` inside the document's ``source_text`` (None when the
    section was not cut from it), so ``source_text[start:start + len(text)] == text``.
    """

    title: str
    text: str
    page: int | None = None
    start: int | None = None

    @property
    def end(self) -> int | None:
        return None if self.start is None else self.start + len(self.text)


@dataclass
class Document:
    source: Path
    kind: str  # "text", "pdf", "docx", "rtf", "hl7", "dicom", "dicom-sr", "dicom-pdf", ...
    sections: list[Section] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    series: list[ImageSeries] = field(default_factory=list)  # DICOM images, pixels on demand
    warnings: list[str] = field(default_factory=list)
    source_text: str = ""  # the normalised text that section offsets point into
    # What the de-identification stage did (empty when the document is as read).
    privacy: dict[str, object] = field(default_factory=dict)
    member: str | None = None  # the file inside a zip or DICOMDIR this came from
    # The patient's own identifiers from the file's header (DICOM Patient*, HL7 PID) as
    # (kind, value), kind "NAME" or "ID": de-identification redacts the same values where
    # the free text repeats them, which rules alone miss. Never shown or stored.
    identifiers: list[tuple[str, str]] = field(default_factory=list, repr=False)

    @property
    def name(self) -> str:
        return f"{self.source.name}:{self.member}" if self.member else self.source.name

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

    @property
    def burned_in_warnings(self) -> list[str]:
        """Series whose pixels may carry burned-in patient text (shown to the user)."""
        return [f"{s.label}: {s.burned_in}" for s in self.series if s.burned_in]


_TITLED = re.compile(r"(?P<title>[^\n:]{1,60}):\n(?P<body>.+)", re.DOTALL)


def sections_from_text(text: str) -> list[Section]:
    """The sections back from :meth:`Document.text` ("TITLE:\nbody" blocks), so a stored
    document shows as it did; ``Document(sections=..., source_text=text).text() == text``."""
    sections: list[Section] = []
    position = 0
    for block in text.split("\n\n"):
        start = text.index(block, position)
        position = start + len(block)
        if not block.strip():
            continue
        match = _TITLED.fullmatch(block)
        title = match.group("title") if match else ""
        if match and title == title.upper() and title.strip() == title:
            heading = title.title() if title.isascii() else title
            body_start = start + match.start("body")
            sections.append(Section(heading, match.group("body"), None, body_start))
        elif sections:  # a blank line inside a section's body: only the first section is untitled
            last = sections[-1]
            sections[-1] = Section(last.title, text[last.start or 0:position], None, last.start)
        else:
            sections.append(Section("", block, None, start))
    return sections
