"""DICOM files: images (pixels on demand), Structured Reports, encapsulated PDF.

Headers are read without pixel data, so a series lists fast. The text the model reads is a
metadata summary (modality, body part, descriptions, scanner, dates and age) and, for SR,
the rendered content tree. Names and IDs never go into the summary.
"""

from __future__ import annotations

import io
import logging
import re
import struct
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydicom import dcmread
from pydicom.datadict import tag_for_keyword
from pydicom.dataset import Dataset, FileDataset
from pydicom.errors import InvalidDicomError
from pydicom.multival import MultiValue
from pydicom.tag import BaseTag

from app.core import messages
from app.core.documents import dicom_sr
from app.core.documents.limits import DEFAULT_LIMITS, Limits, human
from app.core.documents.model import Document, DocumentError, Section
from app.core.documents.series import ImageSeries, InstanceRef, group_series
from app.core.documents.text import normalise, split_sections

logging.getLogger("pydicom").setLevel(logging.ERROR)  # its messages may quote element values

DICOMDIR_CLASS = "1.2.840.10008.1.3.10"
SR_CLASS_PREFIX = "1.2.840.10008.5.1.4.1.1.88."
_VRS = {b"AE", b"AS", b"AT", b"CS", b"DA", b"DS", b"DT", b"FL", b"FD", b"IS", b"LO", b"LT", b"OB",
        b"OD", b"OF", b"OL", b"OV", b"OW", b"PN", b"SH", b"SL", b"SQ", b"SS", b"ST", b"SV", b"TM",
        b"UC", b"UI", b"UL", b"UN", b"UR", b"US", b"UT", b"UV"}  # fmt: skip

# Summary fields: (metadata key, label, DICOM keyword). Order is the order the model reads.
SUMMARY_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("modality", "Modality", "Modality"),
    ("body_part", "Body part", "BodyPartExamined"),
    ("study_description", "Study", "StudyDescription"),
    ("series_description", "Series", "SeriesDescription"),
    ("protocol", "Protocol", "ProtocolName"),
    ("manufacturer", "Scanner manufacturer", "Manufacturer"),
    ("scanner_model", "Scanner model", "ManufacturerModelName"),
    ("study_date", "Study date", "StudyDate"),
    ("patient_age", "Patient age", "PatientAge"),
    ("patient_sex", "Patient sex", "PatientSex"),
)
DATE_KEYS = ("study_date",)
FREE_TEXT_KEYS = ("study_description", "series_description", "protocol")


def looks_like_dicom(head: bytes) -> bool:
    """DICM at offset 128, or a preamble-less data set starting with a group 0002/0008 element."""
    if len(head) >= 132 and head[128:132] == b"DICM":
        return True
    if len(head) < 12:
        return False
    big_group, big_element = struct.unpack(">HH", head[:4])
    if big_group == 0x0008 and big_element <= 0x0100 and head[4:6] in _VRS:  # explicit VR big endian
        return True
    group, element = struct.unpack("<HH", head[:4])
    if group not in (0x0002, 0x0008) or element > 0x0100:
        return False
    if head[4:6] in _VRS:  # explicit VR little endian
        return True
    (length,) = struct.unpack("<I", head[4:8])  # implicit VR: a sane length for a header element
    return bool(length < 1024 and length % 2 == 0)


def read_header(source: Path | bytes, name: Path, limits: Limits = DEFAULT_LIMITS) -> FileDataset:
    """The data set without pixel data; large values stay on disk."""
    try:
        if isinstance(source, Path):
            size = source.stat().st_size
            if size > limits.dicom_file_bytes:
                raise DocumentError(name, f"is larger than the {human(limits.dicom_file_bytes)} limit "
                                          "for a DICOM file")  # fmt: skip
        fp: Any = source if isinstance(source, Path) else io.BytesIO(source)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pydicom's warnings quote element values (PHI)
            ds = dcmread(fp, stop_before_pixels=True, force=True)
    except DocumentError:
        raise
    except OSError as exc:
        raise DocumentError(name, f"cannot be read ({exc.strerror or exc})") from exc
    except RecursionError:
        raise DocumentError(name, "is not valid DICOM: its sequences are nested too deeply") from None
    except (InvalidDicomError, EOFError, ValueError, KeyError, TypeError, struct.error,
            AttributeError, NotImplementedError, MemoryError, IndexError) as exc:  # fmt: skip
        raise DocumentError(name, f"is not valid DICOM ({_reason(exc)})") from exc
    if len(ds) == 0 and not getattr(ds, "file_meta", None):
        raise DocumentError(name, "is not valid DICOM (no data elements)")
    return ds


def _reason(exc: BaseException) -> str:
    text = str(exc).split("\n")[0]
    return (text[:160] if text else type(exc).__name__).rstrip(".")


def sop_class(ds: Dataset) -> str:
    meta = getattr(ds, "file_meta", None)
    value = ds.get("SOPClassUID") or (meta.get("MediaStorageSOPClassUID") if meta else None)
    return str(value or "")


def is_dicomdir(ds: Dataset) -> bool:
    return sop_class(ds) == DICOMDIR_CLASS or "DirectoryRecordSequence" in ds


def is_sr(ds: Dataset) -> bool:
    return sop_class(ds).startswith(SR_CLASS_PREFIX) or (
        str(ds.get("Modality", "")) == "SR" and "ContentSequence" in ds)  # fmt: skip


def is_encapsulated_pdf(ds: Dataset) -> bool:
    return "EncapsulatedDocument" in ds and "pdf" in text_value(ds, "MIMETypeOfEncapsulatedDocument").lower()


def is_image(ds: Dataset) -> bool:
    return "Rows" in ds and "Columns" in ds


def text_value(ds: Dataset, keyword: str) -> str:
    try:
        return str(ds.get(keyword, "") or "").strip()
    except Exception:
        return ""


def metadata_of(ds: Dataset) -> dict[str, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        meta = {key: text_value(ds, keyword) for key, _, keyword in SUMMARY_FIELDS}
    return {k: v for k, v in meta.items() if v}


def summary_text(metadata: dict[str, str], series: Iterable[ImageSeries] = ()) -> str:
    """What the model reads about an imaging study (it never sees the pixels)."""
    lines = [f"{label}: {metadata[key]}" for key, label, _ in SUMMARY_FIELDS if metadata.get(key)]
    series = list(series)
    for s in series:
        lines.append(f"- {s.label}: {s.frame_count} image(s)" + (f", {s.rows}x{s.columns}" if s.rows else ""))
    if series:
        lines.append("(The images themselves are not shown to the language model.)")
    return "\n".join(lines)


def study_document(source: Path, series: list[ImageSeries], member: str | None = None) -> Document:
    first = series[0].instances[0].header
    metadata = metadata_of(first)
    if len(series) > 1:
        metadata.pop("series_description", None)
    frames = sum(s.frame_count for s in series)
    metadata["series_count"] = str(len(series))
    metadata["frame_count"] = str(frames)
    text = summary_text(metadata, series)
    doc = Document(source=source, kind="dicom", metadata=metadata, series=series,
                   sections=[Section("DICOM study", text, None, 0)], source_text=text, member=member)
    doc.warnings.extend(messages.FILE_PREFIX.format(file=s.label, message=s.burned_in)
                        for s in series if s.burned_in)
    doc.identifiers = header_identifiers(first)
    return doc


def header_identifiers(ds: Dataset) -> list[tuple[str, str]]:
    """The patient's names and IDs in the header, for redacting them from report text."""
    found: list[tuple[str, str]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for keyword in ("PatientName", "OtherPatientNames", "PatientBirthName", "PatientMotherBirthName"):
            for value in _header_values(ds, keyword):
                found += [("NAME", part) for part in re.split(r"[\^=\s,]+", value) if part]
        for keyword in ("PatientID", "OtherPatientIDs", "AccessionNumber"):
            found += [("ID", value.strip()) for value in _header_values(ds, keyword) if value.strip()]
    return found


def _header_values(ds: Dataset, keyword: str) -> list[str]:
    """The element's values; a damaged element (an unknown VR, bad bytes) gives its raw bytes
    as text instead, since a name that cannot be parsed may still be in the report."""
    try:
        return _values(ds.get(keyword))
    except Exception:  # pydicom raises NotImplementedError, ValueError, ... on damaged elements
        raw = getattr(ds._dict.get(BaseTag(tag_for_keyword(keyword) or 0)), "value", b"")  # as read
        if isinstance(raw, bytes | bytearray):
            return [raw.decode("utf-8", errors="replace").strip("\x00 ")] if raw.strip(b"\x00 ") else []
        return []


def _values(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    items = value if isinstance(value, (list, tuple, MultiValue)) else [value]
    return [str(item) for item in items]


def sr_document(ds: Dataset, name: Path, member: str | None = None,
                limits: Limits = DEFAULT_LIMITS) -> Document:  # fmt: skip
    try:
        title, rendered = dicom_sr.render(ds, limits)
    except dicom_sr.SRError as exc:
        raise DocumentError(name, str(exc)) from exc
    metadata = metadata_of(ds)
    if title:
        metadata["report_title"] = title
    parts: list[str] = []
    sections: list[Section] = []
    offset = 0
    for section in rendered:
        body = normalise("\n".join(section.lines))
        if not body:
            continue
        if parts:
            offset += 2
        heading = f"{section.title}:\n" if section.title else ""
        offset += len(heading)
        sections.append(Section(section.title, body, None, offset))
        parts.append(heading + body)
        offset += len(body)
    source_text = "\n\n".join(parts)
    if not sections:
        raise DocumentError(name, "is a Structured Report with no text to read")
    doc = Document(source=name, kind="dicom-sr", sections=sections, metadata=metadata,
                   source_text=source_text, member=member)  # fmt: skip
    doc.identifiers = header_identifiers(ds)
    return doc


def pdf_document(ds: Dataset, name: Path, member: str | None = None,
                 limits: Limits = DEFAULT_LIMITS) -> Document:  # fmt: skip
    from app.core.documents.pdf import read_pdf_bytes

    data = bytes(ds.EncapsulatedDocument)
    length = ds.get("EncapsulatedDocumentLength")
    if length:
        data = data[: int(length)]
    doc = read_pdf_bytes(data, name, limits)
    doc.kind = "dicom-pdf"
    doc.member = member
    doc.metadata.update(metadata_of(ds))
    doc.identifiers = header_identifiers(ds)
    return doc


def read_dicom(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """One DICOM file (not a DICOMDIR: the registry sends those to dicomdir.py)."""
    ds = read_header(path, path, limits)
    return dataset_document(ds, path, None, limits)


def dataset_document(ds: FileDataset, source: Path, member: str | None, limits: Limits) -> Document:
    name = Path(f"{source.name}:{member}") if member else source
    if is_encapsulated_pdf(ds):
        return pdf_document(ds, name, member, limits)
    if is_sr(ds):
        doc = sr_document(ds, name, member, limits)
        doc.source = source
        return doc
    if is_image(ds):
        return study_document(source, group_series([instance_ref(ds, source, member)], limits), member)
    # Anything else (RT plan, waveform, presentation state...) still has a header to summarise.
    metadata = metadata_of(ds)
    text = summary_text(metadata) or f"DICOM object of class {sop_class(ds) or 'unknown'} with no images"
    return Document(source=source, kind="dicom", metadata=metadata, member=member,
                    sections=split_sections(text), source_text=text)  # fmt: skip


def instance_ref(ds: FileDataset, source: Path, member: str | None = None) -> InstanceRef:
    from app.core.documents.dicom_pixels import frame_count

    return InstanceRef(source=source, header=ds, member=member, frames=frame_count(ds))
