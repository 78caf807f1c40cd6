"""Every report format reads back to the IU corpus text, sections keep exact offsets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.documents.registry import read_document, sniff
from app.core.documents.text import normalise
from tests.core.documents import makers

WRITERS: dict[str, Callable[[Path, list[tuple[str, str]]], Path]] = {
    "pdf": lambda p, parts: makers.write_pdf(p, [[f"{t}: {x}" for t, x in parts]]),
    "docx": makers.write_docx,
    "rtf": makers.write_rtf,
    "hl7": makers.write_hl7,
    "dicom-sr": makers.write_sr,
    "text": lambda p, parts: (p.write_text("\n".join(f"{t}: {x}" for t, x in parts), encoding="utf-8"), p)[1],
}


def _rows(iu_rows: list[dict[str, str]], count: int) -> list[dict[str, str]]:
    rows = [r for r in iu_rows if r["findings"].strip() and r["impression"].strip()]
    step = max(1, len(rows) // count)
    return rows[::step][:count]


def _check_offsets(doc) -> None:  # type: ignore[no-untyped-def]
    for section in doc.sections:
        assert section.start is not None
        assert doc.source_text[section.start:section.end] == section.text


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_iu_reports_read_back_to_the_same_text(kind: str, tmp_path: Path,
                                               iu_rows: list[dict[str, str]]) -> None:  # fmt: skip
    # No extension on purpose: the registry must recognise the content.
    for index, row in enumerate(_rows(iu_rows, 8)):
        parts = makers.report_parts(row)
        path = WRITERS[kind](tmp_path / f"report{index}", parts)
        doc = read_document(path)
        assert doc.kind == kind
        _check_offsets(doc)
        text = normalise(doc.text())
        for _, body in parts:
            assert normalise(body) in text, (kind, body)
        findings = [s for s in doc.sections if s.title.lower().startswith("finding")]
        assert findings and normalise(findings[0].text) == normalise(dict(parts)["FINDINGS"])


def test_chinese_reports_in_gb18030_utf16_and_utf8(tmp_path: Path) -> None:
    report = ("检查所见：双肺纹理清晰，未见实变。心影不大。\n影像表现：左肺下叶见结节。\n"
              "诊断意见：两肺未见明显异常。\n")
    for encoding in ("gb18030", "utf-16", "utf-8-sig", "utf-8"):
        path = tmp_path / f"zh-{encoding}.txt"
        path.write_bytes(report.encode(encoding))
        doc = read_document(path)
        titles = [s.title for s in doc.sections]
        assert titles == ["检查所见", "影像表现", "诊断意见"], encoding
        assert doc.sections[2].text == "两肺未见明显异常。"
        _check_offsets(doc)


def test_chinese_in_rtf_docx_and_hl7(tmp_path: Path) -> None:
    parts = [("检查所见", "双肺纹理清晰。"), ("诊断意见", "未见异常。")]
    writers = (("r.rtf", makers.write_rtf), ("d.docx", makers.write_docx), ("h.hl7", makers.write_hl7))
    for name, writer in writers:
        doc = read_document(writer(tmp_path / name, parts))
        assert "双肺纹理清晰。" in doc.text() and "未见异常。" in doc.text(), name


def test_pdf_keeps_page_numbers_and_normalises_text(tmp_path: Path) -> None:
    pages = [["FINDINGS: first   page\tline"], ["IMPRESSION: second page"]]
    path = makers.write_pdf(tmp_path / "r.pdf", pages)
    doc = read_document(path)
    assert [(s.title, s.text, s.page) for s in doc.sections] == [
        ("Findings", "first page line", 1), ("Impression", "second page", 2)]
    assert doc.metadata["pages"] == "2"


def test_pdf_without_text_layer_says_so(tmp_path: Path) -> None:
    from app.core.documents.model import DocumentError

    path = makers.write_pdf(tmp_path / "scan.pdf", [[]])
    with pytest.raises(DocumentError, match="no text layer"):
        read_document(path)


def test_docx_tables_are_read_in_order(tmp_path: Path) -> None:
    table = [["Lesion", "Size"], ["RUL", "8 mm"]]
    path = makers.write_docx(tmp_path / "t.docx", [("FINDINGS", "Nodule.")], table)
    text = read_document(path).text()
    assert text.index("Nodule.") < text.index("Lesion | Size") < text.index("RUL | 8 mm")


def test_hl7_leaves_patient_identification_out(tmp_path: Path) -> None:
    parts = [("FINDINGS", "Clear lungs & normal heart.")]
    path = makers.write_hl7(tmp_path / "m.hl7", parts, patient="ZEBRA^QUINN")
    doc = read_document(path)
    assert "ZEBRA" not in doc.text() and "Clear lungs & normal heart." in doc.text()
    assert doc.metadata["message_type"] == "ORU^R01"


def test_sniff_by_content_not_extension() -> None:
    assert sniff(b"\0" * 128 + b"DICM" + b"\0" * 8) == "dicom"
    assert sniff(b"%PDF-1.7\n") == "pdf"
    assert sniff(b"{\\rtf1\\ansi hello}") == "rtf"
    assert sniff(b"MSH|^~\\&|A|B") == "hl7"
    assert sniff(b"PK\x03\x04rest") == "zip"
    assert sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR") is None
    assert sniff(b"FINDINGS: normal") == "text"
