"""DICOMDIR: the files its directory records point to (hierarchy is rebuilt from headers)."""

from __future__ import annotations

from pathlib import Path

from pydicom.dataset import Dataset

from app.core.documents.limits import DEFAULT_LIMITS, Limits
from app.core.documents.model import DocumentError


def referenced_files(ds: Dataset, path: Path, limits: Limits = DEFAULT_LIMITS) -> list[Path]:
    """Files named by ReferencedFileID, kept inside the DICOMDIR's folder (no '..' escapes)."""
    root = path.parent.resolve()
    records = ds.get("DirectoryRecordSequence") or []
    if len(records) > limits.dicom_files * 8:
        raise DocumentError(path, f"has {len(records):,} directory records, over the limit")
    files: list[Path] = []
    seen: set[Path] = set()
    for record in records:
        file_id = record.get("ReferencedFileID")
        if not file_id:
            continue
        parts = [file_id] if isinstance(file_id, str) else [str(p) for p in file_id]
        if any(p in ("", ".", "..") or "/" in p or "\\" in p for p in parts):
            raise DocumentError(path, "names a file outside its folder; it is not a valid DICOMDIR")
        target = _resolve(root, parts)
        if target not in seen:
            seen.add(target)
            files.append(target)
        if len(files) > limits.dicom_files:
            raise DocumentError(path, f"lists more than {limits.dicom_files:,} files")
    if not files:
        raise DocumentError(path, "is a DICOMDIR that lists no files")
    return files


def _resolve(root: Path, parts: list[str]) -> Path:
    """The file, matching case-insensitively as CD-ROM file systems often change case."""
    current = root
    for part in parts:
        candidate = current / part
        if not candidate.exists() and current.is_dir():
            lowered = part.lower()
            for child in current.iterdir():
                if child.name.lower() == lowered:
                    candidate = child
                    break
        current = candidate
    return current
