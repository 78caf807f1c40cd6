"""Redaction keeps every clinical word and catches names the way they are really written (issue 26,
item 4). Inputs are written here in their own words; the development case set is read from
../shared/evaluation where it is present."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from app.core.deid.text import redact
from app.core.deid.vocabulary import clinical_phrase, clinical_word, noun_follows
from tests.conftest import SHARED

# -- clinical phrases in Title Case or after a family label are medicine, not people ------------
CLINICAL = [
    "Known Chronic Kidney Disease, now with Acute Renal Failure.",
    "Assess for Pulmonary Embolism. No Pulmonary Embolism seen.",
    "Findings consistent with Congestive Heart Failure.",
    "Small Cell Carcinoma is favoured over lymphoma.",
    "Non-Small Cell Lung Cancer, staging.",
    "The Cardiac Silhouette is mildly enlarged.",
    "Cardiac Silhouette is within normal limits.",
    "Family history: Father: Lung Cancer; Mother: Breast Cancer; Brother: Type 2 Diabetes.",
    "Sister: Ovarian Cancer.",
    "History: Deep Vein Thrombosis and Atrial Fibrillation.",
    "Compared with Saddle Pulmonary Embolism on the prior.",
    "Kerley B lines at both bases.",
    "Enhanced with Omnipaque 350, 75 mL.",
    "Right chest Port-A-Cath with its tip at the cavoatrial junction.",
    "Hodgkin lymphoma, interim PET.",
    "A Sister Mary Joseph nodule is noted at the umbilicus.",
    "Swan-Ganz catheter tip in the right interlobar artery.",
    "Patient is on Eliquis and Keytruda.",
    "Evaluate for Small Bowel Obstruction.",
    "Final report: Negative",
    "Final: unremarkable",
    "HISTORY: Pierre Robin sequence. Stridor related to Pierre Robin sequence.",
    "Suspicious for Bronchoalveolar Carcinoma.",
    "Comparison: Chest X-Ray From Outside Hospital",
    "Retrocardiac Consolidation, likely Aspiration.",
    "Measures 1.2 x 0.8 cm; blood pressure 120/80; pain 5/10.",
    "Protocol name: Low Dose Lung Screening",
    "Exam name: CT Chest Without Contrast",
    "患者，男，56岁。体检，女，45岁。",
    "Findings: Pulmonary Alveoli and Bronchi are normal.",
    "CC: SOB",
    "本院影像中心复查，建议至当地医院随访。",
    "Approved: Yes    Status: Final    Reviewed: Pending",
    "Notified: Charge Nurse. Attending: On Call. Radiologist: Duty Radiologist.",
]


@pytest.mark.parametrize("text", CLINICAL)
def test_clinical_phrases_survive_unchanged(text: str) -> None:
    assert redact(text).text == text


# -- names as really written: each must go, and the clinical words beside it must stay ----------
# (text, the identifier, a clinical phrase or label that stays)
NAMES = [
    ("PATIENT: JOHN SMITH\nFINDINGS: Clear lungs.", "JOHN SMITH", "Clear lungs"),
    ("PATIENT NAME: O'SULLIVAN, MAEVE    DOB: 02/03/1950", "O'SULLIVAN, MAEVE", "PATIENT NAME"),
    ("Patient: Lee, Min-jun    MRN 5521873", "Lee, Min-jun", "Patient"),
    ("Discussed with Lee, Min-jun at the bedside.", "Lee, Min-jun", "at the bedside"),
    ("Patient: Kaminski, Ola B.    Age: 61", "Kaminski, Ola B.", "Age: 61"),
    ("Patient: Zhang Wei\nIMPRESSION: Emphysema.", "Zhang Wei", "Emphysema"),
    ("Wang Xiaoming attended for a follow-up CT.", "Wang Xiaoming", "attended for a follow-up CT"),
    ("Patient Ouyang Li presented with haemoptysis.", "Ouyang Li", "haemoptysis"),
    ("NAME: LIU JIANGUO　住院号：88123", "LIU JIANGUO", "住院号"),
    ("Result phoned to RN Chen Xiaoli at 08:15.", "Chen Xiaoli", "at 08:15"),
    ("Radiologist: jsmith", "jsmith", "Radiologist"),
    ("Dictated by: jsmith\nIMPRESSION: No acute disease.", "jsmith", "No acute disease"),
    ("Typed by mwong2 on the ward.", "mwong2", "on the ward"),
    ("Preliminary read: tkhan (resident).", "tkhan", "(resident)"),
    ("Technologist: J. Ruiz", "J. Ruiz", "Technologist"),
    ("Reviewed with Dr. Brown.", "Dr. Brown", "Reviewed with [NAME]."),
    ("Prior CT at St. Mary's Hospital.", "St. Mary's Hospital", "Prior CT at"),
    ("Referred from Queen Elizabeth's Hospital for staging.", "Queen Elizabeth's Hospital", "for staging"),
    ("ST. AUGUSTINE MEDICAL CENTER - RADIOLOGY", "ST. AUGUSTINE MEDICAL CENTER", "RADIOLOGY"),
    ("Worked 20 years at Eastfield Foundry; asbestos exposure.", "Eastfield Foundry", "asbestos exposure"),
    ("Pacemaker serial number QXR551903K, MR-conditional.", "QXR551903K", "MR-conditional"),
    ("Insurance ID: HMZ448812907", "HMZ448812907", "Insurance ID"),
    ("EXAM DATE: 09-Feb-2025\nCT chest.", "09-Feb-2025", "CT chest"),
    ("Seen on 3/5/24 and 2024-Mar-05.", "3/5/24", "Seen on"),
    ("Seen on 3/5/24 and 2024-Mar-05.", "2024-Mar-05", "Seen on"),
    ("ADDRESS: 4 Larch Close, Dunmore, DN4 7QT", "4 Larch Close, Dunmore, DN4 7QT", "ADDRESS"),
    ("姓名：仉伟　性别：男", "仉伟", "性别：男"),
    ("报告医师：盖文涛　审核医师：仉建国", "盖文涛", "审核医师"),
    ("报告医师：盖文涛　审核医师：仉建国", "仉建国", "报告医师"),
    ("医师：欧阳娜娜", "欧阳娜娜", "医师"),
    ("病史：咳嗽2周，其子刘明代诉既往体健。", "刘明", "代诉既往体健"),
    ("职业史：东林石材加工厂工人15年。", "东林石材加工厂", "工人15年"),
    ("技师工号：R0917", "R0917", "技师工号"),
    ("检查日期：2024年3月5日", "2024年3月5日", "检查日期"),
    ("外院（南方医科大学附属第三医院）CT提示结节。", "南方医科大学附属第三医院", "CT提示结节"),
    ("患者于河南省人民医院就诊。", "河南省人民医院", "就诊"),
    ("审核：周建国", "周建国", "审核"),
    ("录入：lihua01", "lihua01", "录入"),
    ("Nurse Practitioner: Ines Duarte", "Ines Duarte", "Nurse Practitioner"),
    ("Linda Garcia lives alone.", "Linda Garcia", "lives alone"),
    ("Discussed with Laura Novak yesterday.", "Laura Novak", "yesterday"),
    ("Bleep the registrar on pager 4432.", "4432", "Bleep the registrar"),
    ("Prior CT 03/2024, no change.", "03/2024", "Prior CT"),
    ("Final: dpatel.", "dpatel", "Final"),
    ("cc: Dr A. Ng, respiratory", "A. Ng", "respiratory"),
    ("Ordering MD: ABERNATHY, RUTH", "ABERNATHY, RUTH", "Ordering MD"),
    ("Prior at UCSF Medical Center.", "UCSF Medical Center", "Prior at"),
    ("检查者：刘洋　申请医师：陈静（呼吸科）", "刘洋", "呼吸科"),
    ("检查技师：T0452", "T0452", "检查技师"),
    ("出生年份：1962　性别：女", "1962", "性别：女"),
    ("DOB: 1956    Sex: F", "1956", "Sex: F"),
    ("Call the ward on (020) 7946 0958.", "7946 0958", "Call the ward"),
    ("Name: Ruth Abernathy    Exam: CT chest", "Ruth Abernathy", "Exam: CT chest"),
    ("患者盖建平，男，56岁，咳嗽2周。", "盖建平", "咳嗽2周"),
    ("仉伟，女，45岁，体检发现肺结节。", "仉伟", "体检发现肺结节"),
    ("主治医生：盖建平（呼吸科）", "盖建平", "（呼吸科）"),
    ("PATIENT: HILL, INES    MRN: 5512093", "HILL, INES", "PATIENT"),
    ("Prior CT at The First Affiliated Hospital of Sun Yat-sen University.",
     "First Affiliated Hospital of Sun Yat-sen University", "Prior CT at"),
    ("Seen at St. Vincent's University Hospital, Dublin.", "St. Vincent's University Hospital", "Seen at"),
    ("Scanned 05MAR2024 at 14:00.", "05MAR2024", "Scanned"),
    ("Medicare number: 2123 45670 1", "2123 45670 1", "Medicare number"),
    ("Device UDI: (01)00643169001763(17)160712", "00643169001763", "Device UDI"),
    ("Home: 14 Rue des Lilas, Lyon", "14 Rue des Lilas, Lyon", "Home"),
    ("检查单位：美年大健康体检中心", "美年大健康体检中心", "检查单位"),
    ("曾于解放军第三〇一医院手术。", "解放军第三〇一医院", "手术"),
    ("Dictated: Quist, Helga MD", "Quist, Helga", "Dictated"),
    ("Discussed with Dr J Quist today.", "J Quist", "today"),
    ("Signed electronically by Quist, Helga on the ward.", "Quist, Helga", "on the ward"),
    ("Verified: O'Connor, Siobhan (Consultant)", "O'Connor, Siobhan", "(Consultant)"),
    ("Nurse Rose informed at 09:10.", "Rose", "informed at 09:10"),
    ("病历：24年3月5日复查。", "24年3月5日", "复查"),
]


def _leaks(identifier: str, redacted: str) -> bool:
    """Whether a piece of the identifier (a word, a run of digits, two Han characters) is left."""
    pieces = re.findall(r"[A-Za-z]{3,}|\d{2,}|[\u4e00-\u9fff]{2,}", identifier)
    return identifier in redacted or any(piece in redacted for piece in pieces)


@pytest.mark.parametrize(("text", "identifier", "kept"), NAMES, ids=[case[1] for case in NAMES])
def test_names_as_really_written_are_caught(text: str, identifier: str, kept: str) -> None:
    redacted = redact(text).text
    assert identifier not in redacted, redacted
    assert not _leaks(identifier, redacted), redacted
    assert kept in redacted, redacted


def test_ages_are_not_identifiers() -> None:
    for text in ("65-year-old smoker.", "A 72 y/o woman.", "患者，男，58岁。"):
        assert redact(text).text == text


def test_a_personal_title_makes_a_clinical_word_a_surname() -> None:
    assert "Small" not in redact("Discussed with Mrs. Small, the daughter.").text
    assert "White" not in redact("Reported by: Dr. White").text


def test_vocabulary_answers() -> None:
    assert clinical_phrase("Congestive Heart Failure") and clinical_phrase("Lung Cancer")
    assert clinical_phrase("Omnipaque") and clinical_phrase("Cardiac Silhouette")
    assert not clinical_phrase("Harold Wexley") and not clinical_phrase("Frank Moss")  # a given name
    assert clinical_word("effusions") and clinical_word("Port-A-Cath") and not clinical_word("wexley")
    assert noun_follows("Sister Mary Joseph nodule", len("Sister Mary Joseph"))
    assert not noun_follows("called to Mary Jones today", len("called to Mary Jones"))
    assert not noun_follows("Mary Jones reported pain", len("Mary Jones"))


# -- the development case set (../shared/evaluation/redaction.jsonl) meets the goals --------
def _score_module() -> object:
    path = SHARED / "evaluation" / "score.py"
    if not path.exists():
        pytest.skip("no ../shared/evaluation beside the checkout")
    spec = importlib.util.spec_from_file_location("evaluation_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_development_case_set_goals() -> None:
    score = _score_module()
    lines = (SHARED / "evaluation" / "redaction.jsonl").read_text("utf-8").splitlines()
    cases = [json.loads(line) for line in lines if line.strip()]
    identifiers = removed = phrases = kept = 0
    for case in cases:
        out = redact(case["report"]).text
        for identifier in case["identifiers"]:
            identifiers += 1
            removed += not score.leaked(identifier, case["report"], out)  # type: ignore[attr-defined]
        for phrase in case["keep"]:
            phrases += 1
            kept += phrase in out
    assert removed / identifiers >= 0.99, (removed, identifiers)
    assert kept / phrases >= 0.995, (kept, phrases)


def test_iu_corpus_clinical_text_is_not_redacted(iu_rows: list[dict[str, str]]) -> None:
    """The IU reports are already de-identified (XXXX): no word of their text is redacted."""
    touched = []
    for row in iu_rows:
        sections = ("indication", "comparison", "findings", "impression")
        text = "\n".join(f"{key.upper()}: {row[key]}" for key in sections if row[key])
        for span in redact(text).spans:
            touched.append(text[span.start:span.end])
    assert touched == [], touched[:20]


# -- the generated vocabulary matches its sources ------------------------------------------------
def test_generated_vocabulary_matches_its_sources() -> None:
    for package in ("simple_icd_10_cm", "drug_named_entity_recognition"):
        if importlib.util.find_spec(package) is None:
            pytest.skip(f"{package} (a development dependency) is not installed")
    from app.core.deid import generate_vocabulary

    module = Path(generate_vocabulary.__file__).with_name("clinical_words.py")
    assert module.read_text(encoding="utf-8") == generate_vocabulary.render(generate_vocabulary.vocabulary())
