"""De-identify a whole Document per the privacy level (DESIGN rule 7).

standard: as read. high / ephemeral: report text redacted, DICOM summaries rebuilt from
de-identified values, series headers shown de-identified (the viewer's tag view), and the
document records what was done in ``Document.privacy``.
"""

from __future__ import annotations

from collections import Counter

from app.core.deid.dicom import Deidentifier, coarse_age
from app.core.deid.text import PROTECTED_LEVELS, redact

__all__ = ["PROTECTED_LEVELS", "protect"]
from app.core.documents.dicom import FREE_TEXT_KEYS, summary_text
from app.core.documents.model import Document, Section


def protect(doc: Document, level: str, deidentifier: Deidentifier) -> Document:
    """Apply ``level`` to ``doc`` in place and return it."""
    for series in doc.series:
        series.header_filter = deidentifier.copy
        series.deidentified = level in PROTECTED_LEVELS
    if level not in PROTECTED_LEVELS:
        doc.privacy = {"level": level, "deidentified": False}
        return doc
    counts: Counter[str] = Counter()
    if doc.kind == "dicom" and doc.series:
        _protect_study(doc, deidentifier, counts)
    else:
        _protect_text(doc, counts)
        for key in (*FREE_TEXT_KEYS, "procedure", "report_title"):
            if key in doc.metadata:
                result = redact(doc.metadata[key], known=doc.identifiers)
                doc.metadata[key] = result.text
                counts.update(result.counts())
        _protect_metadata(doc)
    doc.warnings = [redact(w, known=doc.identifiers).text for w in doc.warnings]
    doc.privacy = {
        "level": level,
        "deidentified": True,
        "text_redactions": dict(counts),
        "dicom_profile": deidentifier.options.methods() if doc.kind.startswith("dicom") else [],
        "burned_in": doc.burned_in_warnings,
    }
    return doc


def _protect_metadata(doc: Document) -> None:
    if "study_date" in doc.metadata:
        doc.metadata.pop("study_date")
    if "patient_age" in doc.metadata:
        doc.metadata["patient_age"] = coarse_age(doc.metadata["patient_age"]) or ""


def _protect_text(doc: Document, counts: Counter[str]) -> None:
    sections: list[Section] = []
    parts: list[str] = []
    offset = 0
    for section in doc.sections:
        result = redact(section.text, known=doc.identifiers)
        counts.update(result.counts())
        if parts:
            offset += 2
        sections.append(Section(section.title, result.text, section.page, offset))
        parts.append(result.text)
        offset += len(result.text)
    doc.sections = sections
    doc.source_text = "\n\n".join(parts)


def _protect_study(doc: Document, deidentifier: Deidentifier, counts: Counter[str]) -> None:
    for key in FREE_TEXT_KEYS:
        if key in doc.metadata:
            result = redact(doc.metadata[key], known=doc.identifiers)
            doc.metadata[key] = result.text
            counts.update(result.counts())
    _protect_metadata(doc)
    for series in doc.series:
        series.description = redact(series.description, known=doc.identifiers).text
        series.study_description = redact(series.study_description, known=doc.identifiers).text
    text = summary_text(doc.metadata, doc.series)
    doc.sections = [Section("DICOM study", text, None, 0)]
    doc.source_text = text

