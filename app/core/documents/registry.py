"""Recognises files by their content, not their extension, and picks the reader.

``read_paths`` is the entry for drops: files and folders, one outcome per item, DICOM images
grouped into studies and series across everything dropped, one bad file never stopping the rest.
"""

from __future__ import annotations

import io
import os
import struct
import threading
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydicom.dataset import FileDataset

from app.core.documents import dicom
from app.core.documents.archive import members
from app.core.documents.dicomdir import referenced_files
from app.core.documents.docx import read_docx, read_docx_bytes
from app.core.documents.hl7 import read_hl7, read_hl7_bytes
from app.core.documents.limits import DEFAULT_LIMITS, Limits, human
from app.core.documents.model import Document, DocumentError
from app.core.documents.pdf import read_pdf, read_pdf_bytes
from app.core.documents.rtf import read_rtf, read_rtf_bytes
from app.core.documents.series import ImageSeries, InstanceRef, group_series
from app.core.documents.text import decode_text, read_text, read_text_bytes

MAX_FILE_BYTES = DEFAULT_LIMITS.dicom_file_bytes
Reader = Callable[[Path, Limits], Document]
BytesReader = Callable[[bytes, Path, Limits], Document]
Progress = Callable[[int, int, str], None]


def sniff(head: bytes) -> str | None:
    """The kind of file, from its first bytes; None when no reader accepts it."""
    if dicom.looks_like_dicom(head):
        return "dicom"
    if head.startswith(b"%PDF") or head[:1024].lstrip().startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.lstrip(b"\xef\xbb\xbf\r\n\t ").startswith(b"{\\rtf"):
        return "rtf"
    if head.lstrip(b"\xef\xbb\xbf\r\n ").startswith((b"MSH|", b"FHS|", b"BHS|")):
        return "hl7"
    try:
        decode_text(head, Path("-"))
    except DocumentError:
        return None
    return "text"


READERS: dict[str, Reader] = {"text": read_text, "pdf": read_pdf, "rtf": read_rtf, "hl7": read_hl7,
                              "docx": read_docx}  # fmt: skip
def _text_bytes(data: bytes, path: Path, limits: Limits) -> Document:
    return read_text_bytes(data, path, "text", limits)


BYTES_READERS: dict[str, BytesReader] = {"text": _text_bytes, "pdf": read_pdf_bytes,
                                         "rtf": read_rtf_bytes, "hl7": read_hl7_bytes,
                                         "docx": read_docx_bytes}  # fmt: skip


@dataclass
class FileOutcome:
    """What one dropped item gave: documents, and errors for it or for files inside it."""

    path: Path
    documents: list[Document] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Found:
    documents: list[Document] = field(default_factory=list)
    instances: list[InstanceRef] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)
    dicom_bytes: int = 0
    sop_uids: list[str] = field(default_factory=list)  # of the non-image DICOM documents


def _head(path: Path) -> bytes:
    try:
        if not path.exists():
            raise DocumentError(path, "does not exist (moved or deleted?)")
        if path.is_dir():
            raise DocumentError(path, "is a folder; drop the files inside it")
        size = path.stat().st_size
        if size == 0:
            raise DocumentError(path, "is empty")
        with path.open("rb") as handle:
            return handle.read(8192)
    except OSError as exc:
        raise DocumentError(path, f"cannot be read ({exc.strerror or exc})") from exc


def _unsupported(path: Path, kind: str | None) -> DocumentError:
    what = f"a {kind.upper()} file" if kind else "this kind of file"
    return DocumentError(path, f"is not supported ({what} cannot be read; Enclave reads DICOM, PDF, "
                               "DOCX, TXT, RTF and HL7 v2)")  # fmt: skip


# pydicom decodes elements lazily, on first access: a damaged element raises then, from deep
# inside a reader, with whatever exception its converter uses (found by fuzzing:
# NotImplementedError for an unknown VR inside an SR content item).
_ELEMENT_ERRORS = (NotImplementedError, ValueError, TypeError, KeyError, IndexError, AttributeError,
                   struct.error, UnicodeError, OverflowError)  # fmt: skip


def _from_dataset(ds: FileDataset, source: Path, member: str | None, limits: Limits,
                  found: _Found) -> None:  # fmt: skip
    try:
        if dicom.is_image(ds) and not dicom.is_encapsulated_pdf(ds):
            found.instances.append(dicom.instance_ref(ds, source, member))
        else:
            uid = dicom.text_value(ds, "SOPInstanceUID")
            if uid:
                found.sop_uids.append(uid)
            found.documents.append(dicom.dataset_document(ds, source, member, limits))
    except DocumentError:
        raise
    except _ELEMENT_ERRORS as exc:
        # The exception text may quote element values: only its type is shown.
        raise DocumentError(source, "is a damaged DICOM file: an element cannot be decoded "
                                    f"({type(exc).__name__})") from exc


def _read_file(path: Path, limits: Limits) -> _Found:
    """One file; raises DocumentError for the file itself, collects errors of its members."""
    head = _head(path)
    kind = sniff(head)
    found = _Found()
    if kind == "dicom":
        ds = dicom.read_header(path, path, limits)
        found.dicom_bytes = path.stat().st_size
        if dicom.is_dicomdir(ds):
            for file in referenced_files(ds, path, limits):
                try:
                    sub = dicom.read_header(file, file, limits)
                    found.dicom_bytes += file.stat().st_size
                    _from_dataset(sub, file, None, limits, found)
                except DocumentError as exc:
                    found.errors.append(exc)
                except OSError as exc:
                    found.errors.append(DocumentError(file, f"cannot be read ({exc.strerror or exc})"))
            return found
        _from_dataset(ds, path, None, limits, found)
        return found
    if kind == "zip":
        if _zip_has(path, "word/document.xml"):
            found.documents.append(read_docx(path, limits))
            return found
        _read_zip(path, limits, found)
        return found
    reader = READERS.get(kind or "")
    if reader is None:
        raise _unsupported(path, kind)
    found.documents.append(reader(path, limits))
    return found


def _zip_has(path: Path, name: str) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return name in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _read_zip(path: Path, limits: Limits, found: _Found) -> None:
    count = 0
    for member in members(path, limits):
        name = Path(f"{path.name}:{member.name}")
        if member.error is not None or member.data is None:
            found.errors.append(member.error or DocumentError(name, "cannot be read"))
            continue
        count += 1
        try:
            kind = sniff(member.data[:8192])
            if kind == "dicom":
                ds = dicom.read_header(member.data, name, limits)
                if dicom.is_dicomdir(ds):
                    continue  # the files it lists are in the zip too
                found.dicom_bytes += len(member.data)
                _from_dataset(ds, path, member.name, limits, found)
            elif kind == "zip":
                if _bytes_zip_has(member.data, "word/document.xml"):
                    doc = read_docx_bytes(member.data, name, limits)
                    doc.source, doc.member = path, member.name
                    found.documents.append(doc)
                else:
                    found.errors.append(DocumentError(name, "is a zip inside a zip; unpack it first"))
            elif kind in BYTES_READERS:
                doc = BYTES_READERS[kind](member.data, name, limits)
                doc.source, doc.member = path, member.name
                found.documents.append(doc)
            else:
                found.errors.append(_unsupported(name, kind))
        except DocumentError as exc:
            found.errors.append(exc)
    if count == 0 and not found.errors:
        raise DocumentError(path, "is an empty zip archive")


def _bytes_zip_has(data: bytes, name: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return name in archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


def _expand(item: Path, limits: Limits) -> tuple[list[Path], list[DocumentError]]:
    """The files under a folder (sorted, hidden files skipped, links not followed)."""
    if not item.is_dir():
        return [item], []
    files: list[Path] = []
    errors: list[DocumentError] = []
    base_depth = len(item.parts)

    def on_error(exc: OSError) -> None:
        errors.append(DocumentError(Path(exc.filename or item), f"cannot be read ({exc.strerror})"))

    for root, dirs, names in os.walk(item, onerror=on_error, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if len(Path(root).parts) - base_depth >= limits.folder_depth:
            dirs[:] = []
        for name in sorted(names):
            if name.startswith(".") or name.lower() in ("thumbs.db", "desktop.ini"):
                continue
            files.append(Path(root) / name)
            if len(files) > limits.dicom_files:
                errors.append(DocumentError(item, f"holds more than {limits.dicom_files:,} files; "
                                                  "only the first were read"))  # fmt: skip
                return files[: limits.dicom_files], errors
    if not files and not errors:
        errors.append(DocumentError(item, "is an empty folder"))
    return files, errors


def read_paths(paths: Iterable[str | Path], limits: Limits = DEFAULT_LIMITS, progress: Progress | None = None,
               cancel: threading.Event | None = None) -> list[FileOutcome]:  # fmt: skip
    """Read dropped files and folders. DICOM images from all of them are grouped into one
    Document per study, credited to the first item that held one of its images."""
    items = [Path(p) for p in paths]
    outcomes = [FileOutcome(p) for p in items]
    plan: list[tuple[int, Path]] = []
    for index, item in enumerate(items):
        files, errors = _expand(item, limits)
        outcomes[index].errors.extend(errors)
        plan.extend((index, f) for f in files)
    owners: dict[str, int] = {}  # study UID -> outcome index
    instances: list[InstanceRef] = []
    instance_owner: dict[int, int] = {}  # id(instance) -> outcome index
    seen_uids: set[str] = set()
    dicom_bytes = 0
    for done, (index, file) in enumerate(plan):
        if cancel is not None and cancel.is_set():
            outcomes[index].errors.append(DocumentError(file, "was not read: the import was cancelled"))
            break
        if progress is not None:
            progress(done, len(plan), file.name)
        try:
            found = _read_file(file, limits)
        except DocumentError as exc:
            outcomes[index].errors.append(exc)
            continue
        except (MemoryError, RecursionError) as exc:  # last resort: never let one file stop the rest
            problem = f"is too complex to read ({type(exc).__name__})"
            outcomes[index].errors.append(DocumentError(file, problem))
            continue
        except Exception as exc:
            # (pydicom's BytesLengthException, zipfile's NotImplementedError, ...) must end as a
            # clear error for this file, never stop the rest. Only the type is shown: the text
            # may quote the file's content.
            problem = f"is damaged or not a valid file of its kind ({type(exc).__name__})"
            outcomes[index].errors.append(DocumentError(file, problem))
            continue
        if found.sop_uids and all(uid in seen_uids for uid in found.sop_uids):
            continue  # the same objects reached twice (a folder and its DICOMDIR)
        seen_uids.update(found.sop_uids)
        dicom_bytes += found.dicom_bytes
        if dicom_bytes > limits.dicom_total_bytes:
            problem = f"was not read: DICOM files dropped together exceed {human(limits.dicom_total_bytes)}"
            outcomes[index].errors.append(DocumentError(file, problem))
            continue
        outcomes[index].documents.extend(found.documents)
        outcomes[index].errors.extend(found.errors)
        for instance in found.instances:
            uid = dicom.text_value(instance.header, "SOPInstanceUID")
            if uid and uid in seen_uids:
                continue  # the same image reached twice (a folder and its DICOMDIR)
            seen_uids.add(uid)
            instances.append(instance)
            instance_owner[id(instance)] = index
            owners.setdefault(dicom.text_value(instance.header, "StudyInstanceUID"), index)
    if progress is not None:
        progress(len(plan), len(plan), "")
    studies: dict[str, list[ImageSeries]] = {}
    for series in _group_isolating_damaged(instances, limits, outcomes, instance_owner):
        studies.setdefault(series.study_uid, []).append(series)
    for study_uid, series_list in studies.items():
        index = owners.get(study_uid, 0)
        first = series_list[0].instances[0]
        source = items[index] if items[index].is_dir() or len(series_list[0].instances) > 1 else first.source
        member = first.member if source == first.source else None
        outcomes[index].documents.append(dicom.study_document(source, series_list, member))
    return outcomes


def _group_isolating_damaged(instances: list[InstanceRef], limits: Limits, outcomes: list[FileOutcome],
                             owner: dict[int, int]) -> list[ImageSeries]:  # fmt: skip
    """Group into series; an image whose header breaks grouping is reported and left out
    (found by fuzzing: a Sequence where Rows should be), the others still group."""
    try:
        return group_series(instances, limits)
    except _ELEMENT_ERRORS:
        good: list[InstanceRef] = []
        for instance in instances:
            try:
                group_series([instance], limits)
                good.append(instance)
            except _ELEMENT_ERRORS as exc:
                problem = f"is a damaged DICOM image: its header cannot be used ({type(exc).__name__})"
                outcomes[owner.get(id(instance), 0)].errors.append(DocumentError(instance.source, problem))
        return group_series(good, limits)


def read_document(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read one file into a Document, or raise DocumentError naming the file and problem.

    A zip or DICOMDIR that holds several documents gives them merged into one.
    """
    path = Path(path)
    if path.is_dir():
        raise DocumentError(path, "is a folder; drop the files inside it")
    outcome = read_paths([path], limits)[0]
    if not outcome.documents:
        raise outcome.errors[0] if outcome.errors else DocumentError(path, "holds nothing to read")
    first, *rest = outcome.documents
    for other in rest:
        _merge(first, other)
    first.warnings.extend(str(e) for e in outcome.errors)
    return first


def _merge(into: Document, other: Document) -> None:
    offset = len(into.source_text) + 2 if into.source_text else 0
    for section in other.sections:
        if section.start is not None:
            section.start += offset
        into.sections.append(section)
    into.source_text = "\n\n".join(t for t in (into.source_text, other.source_text) if t)
    into.series.extend(other.series)
    into.warnings.extend(other.warnings)
