"""Document use cases: read what was dropped, apply the privacy level, write de-identified copies.

Reading reports per-file progress and per-file errors; one bad file never stops the others.
At privacy level high or ephemeral, DICOM metadata is de-identified (PS3.15 Basic profile and
options) and report text is PHI-redacted here, before anything reaches the model, the store
or an export.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydicom import dcmread

from app.core import paths
from app.core.deid import secret as deid_secret
from app.core.deid.dicom import APP_OPTIONS, Deidentifier, DeidOptions
from app.core.deid.document import PROTECTED_LEVELS, protect
from app.core.deid.text import redact, redact_text
from app.core.documents import dicom as dicom_reader
from app.core.documents.limits import DEFAULT_LIMITS, Limits
from app.core.documents.model import Document, DocumentError
from app.core.documents.registry import FileOutcome, read_paths, sniff

FileProgress = Callable[[int, int, str], None]


@dataclass
class DocumentsRead:
    documents: list[Document] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)
    outcomes: list[FileOutcome] = field(default_factory=list)


def secret_path() -> Path:
    return paths.home() / "deid-secret.bin"


def deidentifier(options: DeidOptions = APP_OPTIONS) -> Deidentifier:
    return Deidentifier(deid_secret.load_or_create(secret_path()), options, cleaner=redact_text)


def read(files: Iterable[str | Path], privacy_level: str, progress: FileProgress | None = None,
         cancel: threading.Event | None = None,
         limits: Limits = DEFAULT_LIMITS) -> DocumentsRead:  # fmt: skip
    """Read files and folders and apply ``privacy_level`` to every document."""
    outcomes = read_paths(list(files), limits, progress, cancel)
    result = DocumentsRead(outcomes=outcomes)
    tool = deidentifier()
    for outcome in outcomes:
        for doc in outcome.documents:
            protect(doc, privacy_level, tool)
            result.documents.append(doc)
        result.errors.extend(outcome.errors)
    return result


def describe(doc: Document) -> dict[str, Any]:
    """What was read, for `enclave inspect` and the GUI's details pane (no pixels)."""
    return {
        "name": doc.name,
        "kind": doc.kind,
        "sections": [{"title": s.title, "start": s.start, "end": s.end, "page": s.page,
                      "chars": len(s.text)} for s in doc.sections],
        "metadata": dict(doc.metadata),
        "series": [{
            "label": s.label, "modality": s.modality, "study_uid": s.study_uid if not s.deidentified
            else "(de-identified)", "frames": s.frame_count, "instances": len(s.instances),
            "rows": s.rows, "columns": s.columns, "photometric": s.photometric,
            "transfer_syntax": s.transfer_syntax, "decoder": decoder_for(s.transfer_syntax),
            "burned_in": s.burned_in,
        } for s in doc.series],
        "warnings": list(doc.warnings),
        "privacy": dict(doc.privacy),
        "text_chars": len(doc.text()),
    }


def decoder_for(transfer_syntax: str) -> str:
    """Which installed pixel decoder handles a transfer syntax."""
    if not transfer_syntax:
        return "none (no pixel data)"
    try:
        from pydicom.pixels.decoders.base import get_decoder
        from pydicom.uid import UID

        uid = UID(transfer_syntax)
        if not uid.is_compressed:
            return "native (uncompressed)"
        decoder = get_decoder(uid)
        available = [name for name in decoder.available_plugins]
        return ", ".join(available) if available else "no decoder installed"
    except Exception:
        return "unknown transfer syntax"


# -- enclave deid ------------------------------------------------------------------------


@dataclass
class DeidWritten:
    source: Path
    target: Path | None
    kind: str
    actions: dict[str, int] = field(default_factory=dict)
    warning: str = ""
    error: str = ""


def _dicom_files_in(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    return [path]


def deidentify_files(source: Path, target: Path, options: DeidOptions = APP_OPTIONS,
                     progress: FileProgress | None = None) -> list[DeidWritten]:  # fmt: skip
    """Write de-identified copies: DICOM as DICOM (pixels kept, burned-in text flagged), reports
    as redacted UTF-8 text. A folder becomes a folder; DICOM files are named by their new UID
    (file names often carry patient names)."""
    tool = deidentifier(options)
    files = _dicom_files_in(source)
    folder_out = source.is_dir() or target.is_dir() or len(files) > 1
    if folder_out:
        target.mkdir(parents=True, exist_ok=True)
    written: list[DeidWritten] = []
    for index, file in enumerate(files):
        if progress is not None:
            progress(index, len(files), file.name)
        try:
            with file.open("rb") as handle:
                head = handle.read(8192)
        except OSError as exc:
            problem = f"{file.name}: cannot be read ({exc.strerror})"
            written.append(DeidWritten(file, None, "?", error=problem))
            continue
        kind = sniff(head)
        try:
            if kind == "dicom":
                written.append(_deid_dicom(file, target, folder_out, tool))
            else:
                written.append(_deid_text(file, target, folder_out, source))
        except DocumentError as exc:
            written.append(DeidWritten(file, None, kind or "?", error=str(exc)))
    return written


def _deid_dicom(file: Path, target: Path, folder_out: bool, tool: Deidentifier) -> DeidWritten:
    dicom_reader.read_header(file, file)  # the same checks and clear errors as reading
    try:
        ds = dcmread(file, force=True)
    except Exception as exc:
        raise DocumentError(file, f"is not valid DICOM ({str(exc)[:160]})") from exc
    from app.core.documents.series import burned_in_reason

    warning = burned_in_reason(ds) or ""
    report = tool.apply(ds)
    out = target / f"{ds.SOPInstanceUID}.dcm" if folder_out else target
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        ds.save_as(out, enforce_file_format=False)
    except Exception as exc:
        raise DocumentError(file, f"the de-identified copy cannot be written ({str(exc)[:160]})") from exc
    return DeidWritten(file, out, "dicom", report.summary(), warning)


def _deid_text(file: Path, target: Path, folder_out: bool, source: Path) -> DeidWritten:
    outcome = read_paths([file])[0]
    if not outcome.documents:
        raise outcome.errors[0] if outcome.errors else DocumentError(file, "holds nothing to read")
    if not folder_out and target.suffix.lower() not in _TEXT_OUT | {".docx"}:
        raise DocumentError(target, "a de-identified report is written as text (.txt) or as Word (.docx): "
                                    "give OUT one of those endings")  # fmt: skip
    counts: dict[str, int] = {}
    texts: list[str] = []
    for doc in outcome.documents:
        result = redact(doc.text(), known=doc.identifiers)
        texts.append(result.text)
        for key, value in result.counts().items():
            counts[key] = counts.get(key, 0) + value
    if folder_out:
        relative = file.relative_to(source) if source.is_dir() else Path(file.name)
        out = (target / relative).with_suffix(".txt")
    else:
        out = target
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".docx":
        _write_docx(out, "\n\n".join(texts))
    else:
        out.write_text("\n\n".join(texts) + "\n", encoding="utf-8")
    return DeidWritten(file, out, outcome.documents[0].kind, counts)


_TEXT_OUT = {".txt", ".text", ".md", ""}


def _write_docx(out: Path, text: str) -> None:
    """A real Word document (python-docx), one paragraph per line, not text under a .docx name."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    try:
        document.save(str(out))
    except OSError as exc:
        raise DocumentError(out, f"cannot be written ({exc.strerror or exc})") from exc


def protected(level: str) -> bool:
    return level in PROTECTED_LEVELS
