"""Fuzz targets: one function per reader that takes raw bytes and must end in a Document or
a clear error (DocumentError / ModelError). Anything else escaping is a bug; so is a crash,
a hang (the runner's per-input timeout) or runaway memory (its RSS limit).

Every target goes through the real entry point (content sniffing in registry.read_document,
de-identification at privacy high, pixel decoding of the first and last frame), so the
fuzzer sees the code a dropped file meets. Seeds: ``make_seeds`` writes a small corpus per
target from pydicom's test files, the IU reports and the fixture writers.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from app.core.deid.dicom import APP_OPTIONS, Deidentifier
from app.core.deid.document import protect
from app.core.deid.text import redact_text
from app.core.documents.limits import Limits
from app.core.documents.model import DocumentError
from app.core.documents.registry import read_document
from app.core.llm.errors import ModelError
from app.core.llm.gguf_file import read_gguf

# Smaller limits keep each input fast; the limits themselves are what stops real bombs.
LIMITS = Limits(report_bytes=4 * 1024 * 1024, decoded_frame_bytes=64 * 1024 * 1024,
                decoded_instance_bytes=256 * 1024 * 1024, pdf_pages=50, zip_total_bytes=64 * 1024 * 1024,
                docx_xml_bytes=32 * 1024 * 1024, text_chars=2_000_000)  # fmt: skip
DEID = Deidentifier(b"fuzzing-secret-0123456789abcdef", APP_OPTIONS, cleaner=redact_text)
EXTENSIONS = {"dicom": ".dcm", "pdf": ".pdf", "docx": ".docx", "rtf": ".rtf", "hl7": ".hl7", "text": ".txt",
              "zip": ".zip", "gguf": ".gguf"}  # fmt: skip
_DIR = Path(tempfile.mkdtemp(prefix="enclave-fuzz-"))
atexit.register(shutil.rmtree, _DIR, True)


def _file(data: bytes, target: str) -> Path:
    path = _DIR / f"input{EXTENSIONS[target]}"
    path.write_bytes(data)
    return path


def read_target(target: str) -> Callable[[bytes], None]:
    def run(data: bytes) -> None:
        path = _file(data, target)
        try:
            doc = read_document(path, LIMITS)
            protect(doc, "high", DEID)
            doc.text()
            for series in doc.series:
                for index in {0, series.frame_count - 1}:
                    series.frame(index)
                series.tags(0)
        except DocumentError as exc:
            message = str(exc)
            assert path.name in message, f"the error does not name the file: {message!r}"

    run.__name__ = f"fuzz_{target}"
    return run


def gguf_target(data: bytes) -> None:
    path = _file(data, "gguf")
    try:
        read_gguf(path)
    except ModelError as exc:
        assert path.name in str(exc), f"the error does not name the file: {exc}"


TARGETS: dict[str, Callable[[bytes], None]] = {
    **{name: read_target(name) for name in ("dicom", "pdf", "docx", "rtf", "hl7", "text", "zip")},
    "gguf": gguf_target,
}


def make_seeds(folder: Path) -> dict[str, Path]:
    """A small seed corpus per target (made at run time, never committed)."""
    import zipfile

    from tests.conftest import iu_reports, report_text
    from tests.core.documents import makers
    from tests.fixtures.dicom_files import bundled_dicom_files
    from tests.fixtures.tiny_qwen2 import write_tiny_qwen2

    rows = iu_reports()[:6]
    seeds = {name: folder / name for name in TARGETS}
    for path in seeds.values():
        path.mkdir(parents=True, exist_ok=True)
    dicoms = [p for p in bundled_dicom_files("*.dcm") if p.stat().st_size < 64 * 1024]
    for index, source in enumerate(dicoms[:40]):
        (seeds["dicom"] / f"{index:02d}-{source.name}").write_bytes(source.read_bytes())
    makers.write_sr(seeds["dicom"] / "sr.dcm", makers.report_parts(rows[0]))
    for index, row in enumerate(rows):
        parts = makers.report_parts(row)
        (seeds["text"] / f"{index}.txt").write_text(report_text(row), encoding="utf-8")
        makers.write_pdf(seeds["pdf"] / f"{index}.pdf", [[f"{t}: {x}" for t, x in parts]])
        makers.write_docx(seeds["docx"] / f"{index}.docx", parts)
        makers.write_rtf(seeds["rtf"] / f"{index}.rtf", parts)
        makers.write_hl7(seeds["hl7"] / f"{index}.hl7", parts)
    (seeds["text"] / "zh.txt").write_text("检查所见：双肺纹理增多。\n印象：心影增大。\n", encoding="gb18030")
    with zipfile.ZipFile(seeds["zip"] / "study.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for source in dicoms[:3]:
            archive.write(source, source.name)
    model = write_tiny_qwen2(folder / "tiny.gguf")
    # The header and metadata are what read_gguf parses; the seed keeps the first 64 KB.
    (seeds["gguf"] / "tiny-head.gguf").write_bytes(model.read_bytes()[: 64 * 1024])
    model.unlink()
    return seeds

