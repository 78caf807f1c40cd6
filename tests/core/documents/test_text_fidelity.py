"""What the model and the clinician read says what the report says (issue 18, items 1, 8, 9).

Measurements keep their meaning through normalisation; encodings are read right or say what
happened; Chinese headings are found in the forms hospitals write them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.documents.model import DocumentError
from app.core.documents.registry import read_document
from app.core.documents.text import decode_text_with_warnings, normalise
from tests.core.documents import makers

# (as written in a report, what the normalised text must say). Each pair is a notation that
# NFKC alone rewrote into a different number or unit.
MEASUREMENTS = [
    ("①5mm,②12mm;③3.2cm", "(1)5mm,(2)12mm;(3)3.2cm"),
    ("ADC 1.2×10⁻³mm²/s", "ADC 1.2×10⁻³mm²/s"),
    ("体积约 12 cm³", "体积约 12 cm³"),
    ("面积约 3㎠", "面积约 3cm²"),
    ("⑴ 右肺 5mm ⑵ 左肺 4mm", "(1) 右肺 5mm (2) 左肺 4mm"),
    ("⒈ 右肺上叶结节", "1. 右肺上叶结节"),
    ("SUVmax 3.2, T₂ hyperintense", "SUVmax 3.2, T₂ hyperintense"),
    ("½ of the lobe", "½ of the lobe"),
]
# Notations NFKC already kept, or mapped to the same meaning; they must stay that way.
UNCHANGED_MEANING = [
    ("大小约８×６ｍｍ", "大小约8×6mm"),  # full-width digits and letters
    ("3.2 ± 0.4 cm", "3.2 ± 0.4 cm"),
    ("≤6 mm, ≥ 8 mm", "≤6 mm, ≥ 8 mm"),
    ("3,2 cm (decimal comma)", "3,2 cm (decimal comma)"),
    ("15 x 12 mm", "15 x 12 mm"),
    ("37.5℃", "37.5°C"),
    ("ﬁbrosis", "fibrosis"),
]


@pytest.mark.parametrize(("written", "expected"), MEASUREMENTS + UNCHANGED_MEANING)
def test_normalisation_keeps_what_a_measurement_says(written: str, expected: str) -> None:
    assert normalise(written) == expected


def test_measurements_reach_the_model_unchanged_from_txt_and_docx(tmp_path: Path) -> None:
    body = "; ".join(written for written, _ in MEASUREMENTS)
    wanted = "; ".join(expected for _, expected in MEASUREMENTS)
    txt = tmp_path / "r.txt"
    txt.write_text(f"检查所见：{body}\n", encoding="utf-8")
    docx = makers.write_docx(tmp_path / "r.docx", [("检查所见", body)])
    for path in (txt, docx):
        doc = read_document(path)
        assert wanted in doc.text(), path.name
        assert "15mm" not in doc.text() and "10-3" not in doc.text()


ZH = ("检查所见：右肺上叶见一结节，大小约8×6mm，边缘毛糙。\n诊断意见：右肺上叶结节，建议随访。\n"
      "患者张伟，男，45岁。\n")
ZH_TRADITIONAL = "檢查所見：右肺上葉見一結節，大小約8×6mm，邊緣毛糙。\n診斷意見：右肺上葉結節，建議隨訪。\n"


def test_one_stray_byte_in_utf8_is_replaced_with_a_warning_naming_file_and_offset() -> None:
    data = ZH.encode("utf-8")
    data = data[:21] + b"\xff" + data[21:]
    text, warnings = decode_text_with_warnings(data, Path("报告.txt"))
    assert "诊断意见：右肺上叶结节" in text and "患者张伟" in text  # not Latin-1 mojibake
    assert len(warnings) == 1 and "报告.txt" in warnings[0] and "byte 21" in warnings[0]


def test_the_stray_byte_file_is_still_redacted(tmp_path: Path) -> None:
    from app.core.deid.text import redact

    path = tmp_path / "r.txt"
    data = ZH.encode("utf-8")
    path.write_bytes(data[:21] + b"\xff" + data[21:])
    doc = read_document(path)
    assert any("not valid UTF-8" in w for w in doc.warnings)
    assert "张伟" not in redact(doc.text()).text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "gb18030", "big5"])
def test_chinese_encodings_without_a_byte_order_mark(encoding: str) -> None:
    source = ZH_TRADITIONAL if encoding == "big5" else ZH
    text, _ = decode_text_with_warnings(source.encode(encoding), Path("r.txt"))
    assert text == source


def test_utf16_english_without_bom_and_western_text() -> None:
    english = "FINDINGS: The lungs are clear.\nIMPRESSION: Normal.\n"
    assert decode_text_with_warnings(english.encode("utf-16-le"), Path("r.txt"))[0] == english
    western = "Findings: opacité à droite, Müller’s view.\n"
    assert decode_text_with_warnings(western.encode("cp1252"), Path("r.txt"))[0] == western


def test_nul_bytes_get_their_own_message() -> None:
    with pytest.raises(DocumentError, match=r"r\.txt: holds NUL bytes \(the first at byte 8\)"):
        decode_text_with_warnings(b"FINDING:\x00\x00 clear lungs. " * 3, Path("r.txt"))


def test_character_limit_counts_characters(tmp_path: Path) -> None:
    from app.core.documents.limits import DEFAULT_LIMITS
    from app.core.documents.text import read_text_bytes

    limits = DEFAULT_LIMITS.with_overrides(text_chars=100)
    ok = "肺" * 100  # 300 bytes in UTF-8, 100 characters: within the limit
    assert read_text_bytes(ok.encode("utf-8"), tmp_path / "a.txt", limits=limits).text() == ok
    with pytest.raises(DocumentError, match=r"holds 101 characters of text, more than the limit of 100"):
        read_text_bytes(("肺" * 101).encode("utf-8"), tmp_path / "b.txt", limits=limits)


HEADINGS = """【检查所见】
右肺上叶见一结节。
检查结论
右肺上叶结节。
意见及建议：建议3个月复查。
CT表现：两肺纹理清晰。
影像学表现
纵隔未见肿大淋巴结。
FINDINGS
Clear lungs.
"""


def test_chinese_and_english_headings_in_every_form(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(HEADINGS, encoding="utf-8")
    doc = read_document(path)
    assert [(s.title, s.text) for s in doc.sections] == [
        ("检查所见", "右肺上叶见一结节。"),
        ("检查结论", "右肺上叶结节。"),
        ("意见及建议", "建议3个月复查。"),
        ("CT表现", "两肺纹理清晰。"),
        ("影像学表现", "纵隔未见肿大淋巴结。"),
        ("Findings", "Clear lungs."),
    ]
    for section in doc.sections:
        assert doc.source_text[section.start:section.end] == section.text


def test_a_stored_document_comes_back_with_its_sections(iu_rows: list[dict[str, str]]) -> None:
    # The vault keeps Document.text(); a reopened session rebuilds the sections from it, so the
    # document pane looks the same and grounding offsets still point at the same characters.
    from app.core.documents.model import Document, sections_from_text
    from app.core.documents.text import text_document
    from tests.conftest import report_text

    texts = [report_text(row) for row in iu_rows[::50]] + [HEADINGS, "intro\n\nsecond\nFINDINGS: x\n\ny"]
    for text in texts:
        doc = text_document(text, Path("r.txt"), "text")
        stored = doc.text()
        back = Document(Path("r.txt"), "text", sections=sections_from_text(stored), source_text=stored)
        assert back.text() == stored
        assert [(s.title, s.text) for s in back.sections] == [(s.title, s.text) for s in doc.sections]
        assert all(stored[s.start:s.end] == s.text for s in back.sections)
