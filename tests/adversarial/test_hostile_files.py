"""Promise 3, the named hostile files: each goes through the real reader (the use case the
GUI and CLI call, privacy high, pixels touched) in a child process with a memory cap, and
must end in a Document or a clear error naming the file, within a time bound: no crash,
hang, runaway memory or exception escaping."""

from __future__ import annotations

import copy
import json
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pydicom
import pytest
from pydicom.data import get_testdata_file

from tests.conftest import report_text

pytestmark = [pytest.mark.slow]

SECONDS_PER_FILE = 30.0  # generous for a loaded 2-core CI machine; a hang is caught well before
MEMORY_CAP = 3 * 1024**3  # address space of the child (the 4 GB sparse file must not be mapped)
GB4 = 4 * 1024**3


def _zip_bomb(path: Path, member: str, megabytes: int) -> Path:
    """One member of ``megabytes`` MB of zeros (deflate ratio about 1000:1)."""
    with (zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
          archive.open(member, "w", force_zip64=True) as handle):
        block = bytes(1024 * 1024)
        for _ in range(megabytes):
            handle.write(block)
    return path


def _docx_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxml'
                         'formats.org/package/2006/content-types"/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as handle:
            handle.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                         b'wordprocessingml/2006/main"><w:body>')
            block = b"<w:p/>" * 200_000
            for _ in range(250):  # 300 MB of XML, a few hundred KB on disk
                handle.write(block)
            handle.write(b"</w:body></w:document>")
    return path


def _dicom_2_31_frames(path: Path) -> Path:
    ds = copy.deepcopy(pydicom.dcmread(get_testdata_file("CT_small.dcm", download=False)))
    ds.NumberOfFrames = str(2**31)
    ds.save_as(path)
    return path


def _nested_pdf(path: Path, depth: int = 1_000_000) -> Path:
    body = b"[" * depth + b"]" * depth
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Nest " + body + b" >>",
               b"<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 720 Td (Hello) Tj ET\nendstream"]  # fmt: skip
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _nested_rtf(path: Path, depth: int = 1_000_000) -> Path:
    path.write_bytes(b"{\\rtf1 " + b"{" * depth + b"text" + b"}" * depth + b"}")
    return path


def _sparse(path: Path, head: bytes) -> Path:
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(GB4)
    return path


def _symlink_loop_folder(folder: Path, report: str) -> Path:
    folder.mkdir()
    (folder / "report.txt").write_text(report, encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "a").symlink_to(folder / "b")
    (folder / "b").symlink_to(folder / "a")
    nested = folder / "sub"
    nested.mkdir()
    (nested / "up").symlink_to("..", target_is_directory=True)
    return folder


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, iu_rows) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("hostile")
    report = report_text(iu_rows[0])
    dicom_head = bytes(128) + b"DICM"
    files = {
        "zip bomb (1 GB of zeros in 1 MB)": _zip_bomb(base / "bomb.zip", "image.dcm", 1024),
        "DOCX bomb (300 MB of XML)": _docx_bomb(base / "bomb.docx"),
        "DICOM with 2^31 frames": _dicom_2_31_frames(base / "frames.dcm"),
        "PDF nested 10^6 levels": _nested_pdf(base / "nested.pdf"),
        "RTF nested 10^6 groups": _nested_rtf(base / "nested.rtf"),
        "4 GB sparse text file": _sparse(base / "sparse.txt", report.encode()),
        "4 GB sparse DICOM file": _sparse(base / "sparse.dcm", dicom_head),
        "folder with symlink loops": _symlink_loop_folder(base / "dropped", report),
    }
    chinese = base / "胸片报告 二〇二四.txt"
    chinese.write_text(report, encoding="utf-8")
    newline = base / "report\nsecond line.txt"
    newline.write_text(report, encoding="utf-8")
    bad_newline = base / "bad\nname 坏.pdf"
    bad_newline.write_bytes(b"%PDF-1.4\nnot really a pdf\n")
    files.update({"Chinese file name": chinese, "newline in file name": newline,
                  "broken file with a newline and Chinese in its name": bad_newline})  # fmt: skip
    return files


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def test_hostile_files_end_in_a_document_or_a_clear_error(hostile):
    paths = list(hostile.values())
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    proc = subprocess.run([sys.executable, "-m", "tests.adversarial.read_child", *map(str, paths)],
                          capture_output=True, text=True, timeout=SECONDS_PER_FILE * len(paths) + 60,
                          preexec_fn=_cap_memory, env=env)  # fmt: skip
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert proc.returncode == 0 and len(lines) == len(paths), (
        f"the reader process died (rc {proc.returncode}) after {len(lines)} of {len(paths)} files:\n"
        f"{proc.stderr[-3000:]}")  # fmt: skip
    outcomes = {label: line for label, line in zip(hostile, lines, strict=True)}
    for label, outcome in outcomes.items():
        assert "escaped" not in outcome, f"{label}: {outcome['escaped']}"
        assert outcome["seconds"] < SECONDS_PER_FILE, f"{label}: took {outcome['seconds']} s"
        for error in outcome["errors"] + outcome.get("pixel_errors", []):
            assert len(error) < 600 and "Traceback" not in error, f"{label}: {error}"

    def refused(label: str) -> str:
        outcome = outcomes[label]
        assert not outcome["documents"] and outcome["errors"], f"{label} was not refused: {outcome}"
        name = Path(outcome["path"]).name
        assert all(name in e for e in outcome["errors"]), f"{label}: error does not name the file"
        return " ".join(outcome["errors"])

    assert "zip" in refused("zip bomb (1 GB of zeros in 1 MB)").lower()
    refused("DOCX bomb (300 MB of XML)")
    refused("4 GB sparse text file")
    assert "limit" in refused("4 GB sparse DICOM file")
    refused("broken file with a newline and Chinese in its name")
    # 2^31 frames: the header reads; asking for any frame is a clear error, not a 2^31 loop.
    frames = outcomes["DICOM with 2^31 frames"]
    assert frames["documents"] == ["dicom"] or frames["errors"], frames
    if frames["documents"]:
        assert frames["pixel_errors"], "frames beyond the pixel data were 'decoded'"
    for label in ("PDF nested 10^6 levels", "RTF nested 10^6 groups"):
        assert outcomes[label]["documents"] or outcomes[label]["errors"]
    assert outcomes["folder with symlink loops"]["documents"] == ["text"]
    for label in ("Chinese file name", "newline in file name"):
        assert outcomes[label]["documents"] == ["text"], outcomes[label]
    print("\nhostile inputs:", {k: (v["documents"], v["seconds"]) for k, v in outcomes.items()})
