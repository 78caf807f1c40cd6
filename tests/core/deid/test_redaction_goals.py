
"""Free-text redaction meets its goals on an evaluation set written apart from its rules, and
each leak the Chinese-hospital trial found is closed (issue 18, item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.deid.text import redact
from tests.deid_eval.measure import measure


@pytest.fixture(scope="module")
def background(iu_rows: list[dict[str, str]]) -> list[str]:
    rows = [r for r in iu_rows if r["findings"].strip()]
    return [r["findings"].strip() for r in rows[::10]]


@pytest.mark.parametrize("heldout", [False, True], ids=["development", "held-out"])
def test_recall_and_precision_goals(background: list[str], heldout: bool) -> None:
    scores = measure(background, heldout=heldout)
    for language in ("zh", "en"):
        assert scores.structured_recall(language) >= 0.99, (language, dict(scores.missed))
        assert scores.recall(f"{language}:NAME") >= 0.97, scores.missed[f"{language}:NAME"][:5]
    assert scores.precision >= 0.95, scores.false_positives[:10]


# (text, the identifier that leaked, clinical words that must stay)
LEAKS = [
    ("患者欧阳明既往体健，右肺上叶结节。", "欧阳明", "右肺上叶结节"),
    ("患者王芳因咳嗽就诊。", "王芳", "因咳嗽就诊"),
    ("儿子杨帆陪同。", "杨帆", "陪同"),
    ("母亲吴秀兰签署知情同意书。", "吴秀兰", "签署知情同意书"),
    ("家属签字:钱红", "钱红", "家属签字"),
    ("姓名：张伟。复查时张伟诉胸痛减轻。", "张伟", "诉胸痛减轻"),
    ("张伟,男,45岁,体检发现肺结节。", "张伟", "体检发现肺结节"),
    ("姓名 | 郭建华 | 性别 | 男", "郭建华", "性别"),
    ("于2026/3/2就诊。", "2026/3/2", "就诊"),
    ("与2026.1.15片比较无变化。", "2026.1.15", "片比较无变化"),
    ("复查日期 26/03/05。", "26/03/05", "复查日期"),
    ("检查日期：二〇二六年三月五日", "二〇二六年三月五日", "检查日期"),
    ("门诊号JZ2026030501，胸部CT。", "JZ2026030501", "胸部CT"),
    ("咨询电话(010)8765-4321。", "8765-4321", "咨询电话"),
    ("住址：北京市海淀区中关村南大街5号院3号楼2单元501", "501", "住址"),
    ("现住河南省固始县柳林乡新华村3组，务农。", "新华村", "务农"),
    ("邮编：100081", "100081", "邮编"),
    ("微信：wxid_8812345678", "wxid_8812345678", "微信"),
    ("Please call 020 7946 0958 or 07700 900123.", "7946 0958", "Please call"),
    ("Address: 10 Downing Street, London SW1A 2AA.", "SW1A 2AA", "Address"),
    ("外院（北京协和医院）CT提示结节。", "北京协和医院", "CT提示结节"),
    ("Previously imaged at Leeds General Infirmary.", "Leeds General Infirmary", "Previously imaged"),
]


@pytest.mark.parametrize(("text", "leaked", "kept"), LEAKS, ids=[case[1] for case in LEAKS])
def test_each_leak_from_the_trial_is_closed(text: str, leaked: str, kept: str) -> None:
    result = redact(text)
    assert leaked not in result.text, result.text
    assert kept in result.text, result.text


@pytest.mark.parametrize("text", [
    "右侧张力性气胸，纵隔向左侧移位。", "左肺下叶见高密度影，周围见晕征。",
    "请高年资医师复核，必要时请胸外科医生会诊。",
    "检查医生已告知患者注意事项。", "建议至上级医院进一步检查。", "与我院前片比较，本院建议随访。",
    # 患者 run into the sentence: words that begin with a surname character are not names.
    "患者高热3天。", "患者时有咳嗽。", "患者曾于外院就诊。", "患者于今日行CT检查。", "患者明显消瘦。",
    "患者安静状态下胸痛。", "患者常有胸闷。", "患者方便时复查。",
    "cardiothoracic ratio of 16.2/24.7", "Negative for pneumothorax. Negative for effusion.",
    "ADC 1.2×10⁻³mm²/s; blood pressure 130/80.", "Kerley B lines; Swan-Ganz catheter; Hodgkin lymphoma.",
    # Departments after the words that lead to a person.
    "Contact Radiology with questions.", "Per Protocol, no contrast.", "Discussed with Radiology Department.",
    "Seen by Cardiology Team.", "Called to Emergency Department.",
    "Case reviewed with Interventional Radiology.",
])  # fmt: skip
def test_clinical_text_is_left_alone(text: str) -> None:
    assert redact(text).text == text


def test_docx_headers_and_footers_reach_redaction(tmp_path: Path) -> None:
    import docx

    from app.core.documents.registry import read_document

    word = docx.Document()
    word.sections[0].header.paragraphs[0].text = "广州市第一人民医院放射科"
    word.sections[0].footer.paragraphs[0].text = "咨询电话：020-87654321"
    word.add_paragraph("检查所见：两肺纹理清晰。")
    path = tmp_path / "r.docx"
    word.save(str(path))
    text = read_document(path).text()
    assert "广州市第一人民医院放射科" in text and "020-87654321" in text  # read, not dropped
    redacted = redact(text).text
    assert "广州市第一人民医院" not in redacted and "87654321" not in redacted
    assert "两肺纹理清晰" in redacted
