"""Hostile and broken input: a clear DocumentError naming the file, never a crash or a hang."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app.core.documents.limits import Limits
from app.core.documents.model import DocumentError
from app.core.documents.registry import read_document, read_paths
from tests.core.documents import makers


def test_size_caps_are_configurable(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("FINDINGS: " + "normal " * 2000, encoding="utf-8")
    with pytest.raises(DocumentError, match=r"big\.txt: is larger than"):
        read_document(path, Limits(report_bytes=1000))


def test_pdf_page_limit(tmp_path: Path) -> None:
    path = makers.write_pdf(tmp_path / "long.pdf", [["page text"]] * 30)
    with pytest.raises(DocumentError, match="30 pages, over the 20-page limit"):
        read_document(path, Limits(pdf_pages=20))


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", b"\0" * (50 * 1024 * 1024))
    outcome = read_paths([path])[0]
    assert not outcome.documents
    assert any("zip bomb" in str(e) for e in outcome.errors)
    with pytest.raises(DocumentError, match="would expand"):
        read_document(path, Limits(zip_total_bytes=1024 * 1024))


def test_decompression_bomb_frame_is_refused(tmp_path: Path) -> None:
    paths = makers.ct_series(tmp_path / "ct", 1)
    doc = read_document(paths[0], Limits(decoded_frame_bytes=1000))
    with pytest.raises(DocumentError, match="over the 1000 bytes limit"):
        doc.series[0].frame(0)


def test_deeply_nested_sr_is_refused(tmp_path: Path) -> None:
    path = makers.write_sr(tmp_path / "deep.dcm", [("FINDINGS", "x")], nested=80)
    with pytest.raises(DocumentError, match="nested deeper than 64"):
        read_document(path)


@pytest.mark.parametrize("content", [b"%PDF-1.4\n garbage", b"{\\rtf1 {{{{", b"MSH|broken", b"PK\x03\x04junk",
                                     b"\0" * 128 + b"DICM" + b"\xff" * 64, b"\x89PNG\r\n\x1a\n\0\0"])
def test_corrupt_files_give_clear_errors(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.bin"
    path.write_bytes(content)
    try:
        read_document(path)
    except DocumentError as exc:
        assert str(exc).startswith("broken.bin")
    # Some fragments are still readable (RTF/HL7 with text); what matters is no other exception.


def test_one_bad_file_in_a_folder_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("FINDINGS: normal.", encoding="utf-8")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 broken")
    (tmp_path / "empty.txt").write_bytes(b"")
    outcome = read_paths([tmp_path])[0]
    assert [d.name for d in outcome.documents] == ["good.txt"]
    assert sorted(e.path.name for e in outcome.errors) == ["bad.pdf", "empty.txt"]


def test_missing_file_and_file_gone_before_pixels(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="does not exist"):
        read_document(tmp_path / "nope.dcm")
    paths = makers.ct_series(tmp_path / "ct", 2)
    outcome = read_paths([tmp_path / "ct"])[0]
    series = outcome.documents[0].series[0]
    for path in paths:
        path.unlink()
    with pytest.raises(DocumentError, match="cannot be read any more"):
        series.frame(0)


def test_dicomdir_cannot_escape_its_folder(tmp_path: Path) -> None:
    from pydicom import dcmread
    from pydicom.data import get_testdata_file

    source = get_testdata_file("DICOMDIR", download=False)
    assert source is not None
    ds = dcmread(source)
    record = next(r for r in ds.DirectoryRecordSequence if "ReferencedFileID" in r)
    record.ReferencedFileID = ["..", "etc", "passwd"]
    path = tmp_path / "DICOMDIR"
    ds.save_as(path)
    outcome = read_paths([path])[0]
    assert any("outside its folder" in str(e) for e in outcome.errors)
