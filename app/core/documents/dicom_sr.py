"""DICOM Structured Reports: the content tree rendered as readable text with headings.

Top-level containers become sections; nested containers become indented headings; coded
concepts read as their meaning; measurements keep their value and unit. Observation
context (observer names, subject) is left out: the model needs the findings, not who wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydicom.dataset import Dataset

from app.core.documents.limits import DEFAULT_LIMITS, Limits


class SRError(Exception):
    """The content tree breaks a limit or the structure; the caller adds the file name."""


def _meaning(seq: Any) -> str:
    try:
        item = seq[0]
    except (TypeError, IndexError):
        return ""
    return str(item.get("CodeMeaning", "") or item.get("CodeValue", "") or "").strip()


def concept_name(item: Dataset) -> str:
    return _meaning(item.get("ConceptNameCodeSequence"))


def _number(item: Dataset) -> str:
    measured = item.get("MeasuredValueSequence")
    if not measured:
        return "(no value)"
    m = measured[0]
    value = str(m.get("NumericValue", "")).strip()
    unit_seq = m.get("MeasurementUnitsCodeSequence")
    unit = ""
    if unit_seq:
        code = str(unit_seq[0].get("CodeValue", "") or "").strip()
        meaning = str(unit_seq[0].get("CodeMeaning", "") or "").strip()
        unit = code if code and code not in ("1", "{ratio}") and len(code) <= 8 else meaning
        if code == "1":
            unit = ""
    return f"{value} {unit}".strip()


def value_text(item: Dataset) -> str | None:
    """The value of a content item as text; None for items with nothing to read."""
    kind = str(item.get("ValueType", "")).upper()
    if kind == "TEXT":
        return str(item.get("TextValue", "") or "")
    if kind == "CODE":
        return _meaning(item.get("ConceptCodeSequence"))
    if kind == "NUM":
        return _number(item)
    if kind == "DATE":
        return str(item.get("Date", "") or "")
    if kind == "TIME":
        return str(item.get("Time", "") or "")
    if kind == "DATETIME":
        return str(item.get("DateTime", "") or "")
    if kind == "UIDREF":
        return None
    if kind == "PNAME":
        return str(item.get("PersonName", "") or "")
    if kind in ("IMAGE", "COMPOSITE", "WAVEFORM"):
        return "(reference to an image or object)"
    return None  # SCOORD, TCOORD, SCOORD3D: coordinates are not for reading


@dataclass
class RenderedSection:
    title: str
    lines: list[str] = field(default_factory=list)


class _Renderer:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.items = 0

    def walk(self, items: Any, depth: int, parent: str, out: list[str]) -> None:
        if depth > self.limits.sr_depth:
            raise SRError(f"the report's content tree is nested deeper than {self.limits.sr_depth} levels")
        for item in items or []:
            self.items += 1
            if self.items > self.limits.sr_items:
                raise SRError(f"the report has more than {self.limits.sr_items:,} content items")
            if str(item.get("RelationshipType", "")).upper() == "HAS OBS CONTEXT":
                continue
            name = concept_name(item)
            indent = "  " * max(depth - 1, 0)
            if str(item.get("ValueType", "")).upper() == "CONTAINER":
                if name:
                    out.append(f"{indent}{name}:")
                self.walk(item.get("ContentSequence"), depth + 1, name, out)
                continue
            value = value_text(item)
            if value is None or not value.strip():
                self.walk(item.get("ContentSequence"), depth + 1, parent, out)
                continue
            unlabeled = not name or parent.lower().startswith(name.lower())
            out.append(f"{indent}{value}" if unlabeled else f"{indent}{name}: {value}")
            self.walk(item.get("ContentSequence"), depth + 1, name or parent, out)


def render(ds: Dataset, limits: Limits = DEFAULT_LIMITS) -> tuple[str, list[RenderedSection]]:
    """(document title, sections) of an SR; each top-level container is one section."""
    renderer = _Renderer(limits)
    title = concept_name(ds)
    sections: list[RenderedSection] = []
    loose = RenderedSection("")
    try:
        for item in ds.get("ContentSequence") or []:
            renderer.items += 1
            if str(item.get("RelationshipType", "")).upper() == "HAS OBS CONTEXT":
                continue
            if str(item.get("ValueType", "")).upper() == "CONTAINER":
                section = RenderedSection(concept_name(item))
                renderer.walk(item.get("ContentSequence"), 1, section.title, section.lines)
                sections.append(section)
            else:
                renderer.walk([item], 1, title, loose.lines)
    except RecursionError:
        raise SRError("the report's content tree is nested too deeply") from None
    if loose.lines:
        sections.insert(0, loose)
    return title, [s for s in sections if s.lines]
