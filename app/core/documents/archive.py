"""Zip archives of DICOM files or reports, read in memory (nothing is extracted to disk).

Each member is checked against the declared size, the compression ratio and the total before
it is read, and read with a cap, so a zip bomb stops with a clear message.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.core.documents.limits import DEFAULT_LIMITS, Limits, human
from app.core.documents.model import DocumentError


@dataclass
class Member:
    name: str
    data: bytes | None  # None when it could not be read; error says why
    error: DocumentError | None = None


def members(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Member]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError(path, f"is not a readable zip archive ({exc})") from exc
    with archive:
        # not ZipInfo.is_dir(): it raises IndexError on an empty member name
        infos = [i for i in archive.infolist() if not i.filename.endswith("/")]
        if len(infos) > limits.zip_members:
            raise DocumentError(path, f"holds {len(infos):,} files, over the {limits.zip_members:,} limit")
        total = sum(i.file_size for i in infos)
        if total > limits.zip_total_bytes:
            raise DocumentError(path, f"would expand to {human(total)}, over the "
                                      f"{human(limits.zip_total_bytes)} limit")  # fmt: skip
        for info in infos:
            name = Path(path.name + ":" + info.filename)
            base = info.filename.rsplit("/", 1)[-1]
            if base.startswith(".") or info.filename.startswith("__MACOSX/"):
                continue
            if info.flag_bits & 0x1:
                yield Member(info.filename, None, DocumentError(name, "is encrypted in the zip"))
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > 1_000_000 and ratio > limits.zip_ratio:
                yield Member(info.filename, None, DocumentError(
                    name, f"expands {ratio:,.0f} times (a zip bomb?); it was not read"))  # fmt: skip
                continue
            cap = min(limits.dicom_file_bytes, info.file_size)
            try:
                with archive.open(info) as handle:
                    data = handle.read(cap + 1)
            except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError, ValueError,
                    EOFError) as exc:  # fmt: skip
                yield Member(info.filename, None, DocumentError(name, f"cannot be read from the zip ({exc})"))
                continue
            if len(data) > cap:
                error = DocumentError(name, "is larger than the zip says; not read")
                yield Member(info.filename, None, error)
                continue
            yield Member(info.filename, data)
