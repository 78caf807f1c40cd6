"""HL7 v2 result messages (ORU^R01): the OBX text assembled into the report, with python-hl7.

Patient identification (PID) is never copied into the text; the report is in the OBX segments.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import hl7

from app.core.documents.limits import DEFAULT_LIMITS, Limits
from app.core.documents.model import Document, DocumentError
from app.core.documents.text import decode_text, read_bytes_limited, text_document

TEXT_TYPES = {"TX", "FT", "ST", "CE", "CWE", "NM", "SN", "TS", "DT"}
# Common observation identifier suffixes for report parts (e.g. 18782-3&IMP).
_PART_TITLES = {"IMP": "Impression", "FND": "Findings", "REC": "Recommendation", "ADT": "Addendum",
                "TCM": "Technique", "CMP": "Comparison", "HX": "History"}  # fmt: skip
_HEADING_WORDS = re.compile(r"^(findings|impression|indication|history|technique|comparison|"
                            r"conclusion|recommendations?|addendum)$", re.IGNORECASE)  # fmt: skip


def read_hl7(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    return read_hl7_bytes(read_bytes_limited(path, limits.report_bytes), path, limits)


def _messages(text: str) -> list[str]:
    text = text.replace("\r\n", "\r").replace("\n", "\r")
    lines = [line for line in text.split("\r") if line.strip()]
    messages: list[list[str]] = []
    for line in lines:
        if line.startswith("MSH"):
            messages.append([line])
        elif line[:3] in ("FHS", "BHS", "BTS", "FTS"):
            continue
        elif messages:
            messages[-1].append(line)
    return ["\r".join(m) + "\r" for m in messages]


def _field(segment: Any, index: int) -> Any:
    try:
        return segment[index] if len(segment) > index else ""
    except (IndexError, KeyError):
        return ""


def _component(value: Any, index: int) -> str:
    try:
        if isinstance(value, hl7.Field) and value and isinstance(value[0], hl7.Repetition):
            value = value[0]
        return str(value[index]) if len(value) > index and not isinstance(value, str) else \
            (str(value) if index == 0 else "")  # fmt: skip
    except (IndexError, TypeError):
        return ""


def _title(identifier: Any) -> str:
    code = _component(identifier, 0)
    text = _component(identifier, 1).strip()
    suffix = code.rsplit("&", 1)[-1].upper() if "&" in code else ""
    if suffix in _PART_TITLES:
        return _PART_TITLES[suffix]
    return text.title() if _HEADING_WORDS.match(text) else ""


def read_hl7_bytes(data: bytes, path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    text = decode_text(data, path)
    messages = _messages(text)
    if not messages:
        raise DocumentError(path, "is not an HL7 v2 message (no MSH segment)")
    lines: list[str] = []
    metadata: dict[str, str] = {}
    segments = 0
    for raw in messages:
        segments += raw.count("\r")
        if segments > limits.hl7_segments:
            raise DocumentError(path, f"has more than {limits.hl7_segments:,} HL7 segments")
        try:
            message = hl7.parse(raw)
            msh = message.segment("MSH")
        # python-hl7 asserts on inconsistent separators (found by fuzzing)
        except (hl7.ParseException, hl7.HL7Exception, KeyError, IndexError, ValueError,
                AssertionError) as exc:  # fmt: skip
            raise DocumentError(path, f"is not a readable HL7 v2 message ({str(exc)[:160]})") from exc
        metadata.setdefault("message_type", str(_field(msh, 9)))
        metadata.setdefault("hl7_version", str(_field(msh, 12)))
        for obr in _segments(message, "OBR"):
            service = _component(_field(obr, 4), 1) or _component(_field(obr, 4), 0)
            if service:
                metadata.setdefault("procedure", service)
            observed = str(_field(obr, 7))[:8]
            if observed:
                metadata.setdefault("study_date", observed)
        current = None
        for obx in _segments(message, "OBX"):
            value_type = str(_field(obx, 2)).upper()
            if value_type and value_type not in TEXT_TYPES:
                continue
            title = _title(_field(obx, 3))
            if title and title != current:
                lines.append(f"{title}:")
            current = title or current
            value = _value_text(message, obx, value_type)
            if value:
                lines.append(value)
    if "procedure" in metadata:
        lines.insert(0, f"Examination: {metadata['procedure']}")
    doc = text_document("\n".join(lines), path, "hl7", limits,
                        empty="is an HL7 message with no report text (no OBX text)")  # fmt: skip
    doc.metadata.update(metadata)
    doc.identifiers = _patient_identifiers(messages)
    return doc


def _patient_identifiers(messages: list[str]) -> list[tuple[str, str]]:
    """PID-3 (identifier list) and PID-5 (name) values, for de-identification only."""
    found: list[tuple[str, str]] = []
    for raw in messages:
        for segment in raw.split("\r"):
            fields = segment.split("|")
            if fields[0].strip() != "PID":
                continue
            for index, kind in ((3, "ID"), (5, "NAME"), (9, "NAME")):
                if index < len(fields):
                    parts = re.split(r"[\^~&\s]+", fields[index])
                    if kind == "ID":  # the ID itself is the first component of each repetition
                        parts = [rep.split("^")[0] for rep in fields[index].split("~")]
                    found += [(kind, part) for part in parts if len(part.strip()) >= 2]
    return found


def _segments(message: Any, name: str) -> list[Any]:
    try:
        return list(message.segments(name))
    except KeyError:
        return []


def _value_text(message: Any, obx: Any, value_type: str) -> str:
    field = _field(obx, 5)
    if value_type in ("CE", "CWE"):
        return _component(field, 1) or _component(field, 0)
    reps = list(field) if isinstance(field, hl7.Field) and field and isinstance(field[0], hl7.Repetition) \
        else [field]  # fmt: skip
    parts = []
    for rep in reps:
        try:
            parts.append(message.unescape(str(rep)).replace("\r", "\n"))
        except Exception:
            parts.append(str(rep))
    value = "\n".join(parts)
    if value_type in ("NM", "SN"):
        unit = _component(_field(obx, 6), 1) or _component(_field(obx, 6), 0)
        name = _component(_field(obx, 3), 1)
        value = f"{name}: {value} {unit}".strip() if name else f"{value} {unit}".strip()
    return value
