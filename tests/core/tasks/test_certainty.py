"""The certainty reader: one answer per label for a whole report, with the sentence that decided.

Every report here is written for these tests (none comes from the evaluation sets); the last
tests run the reader over the development set in ../shared/evaluation when it is there.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from app.core.tasks.certainty import (
    NO_FINDINGS_TEXT,
    NOT_MENTIONED,
    ONLY_IN_CONTEXT,
    TOO_MANY_MENTIONS,
    UNKNOWN_LABEL,
    concept_for,
    read_certainty,
    sections,
)
from tests.conftest import SHARED


def said(report: str, label: str) -> str | None:
    return read_certainty(report, label).prediction


# -- the defects issue 26 lists ------------------------------------------------------------------
@pytest.mark.parametrize(("report", "label", "expected"), [
    # negation scope ends at the comma: the effusion after it is there
    ("FINDINGS: No pneumothorax, large right pleural effusion.", "pleural effusion", "present"),
    ("FINDINGS: No pneumothorax, large right pleural effusion.", "pneumothorax", "absent"),
    ("Findings: No pneumothorax, small left effusion.", "pleural effusion", "present"),
    ("检查所见：未见气胸，右侧中量胸腔积液。", "pleural effusion", "present"),
    # a hedge about existence is uncertain, even with a negation word in it
    ("IMPRESSION: Pneumonia could not be excluded.", "pneumonia", "uncertain"),
    ("Impression: Early pneumonia cannot be excluded.", "pneumonia", "uncertain"),
    ("诊断意见：右下肺斑片影，不能排除肺炎。", "pneumonia", "uncertain"),
    ("诊断意见：右下肺斑片影，肺炎不除外。", "pneumonia", "uncertain"),
    ("诊断意见：右下肺斑片影，肺炎待排。", "pneumonia", "uncertain"),
    # not resolved is present
    ("Findings: The right basal pneumonia has not resolved.", "pneumonia", "present"),
    ("Findings: Left effusion, not resolved since last week.", "pleural effusion", "present"),
    ("Findings: Partial resolution of the left lower lobe consolidation.", "consolidation", "present"),
    ("诊断意见：右肺下叶肺炎，较前大部分吸收。", "pneumonia", "present"),
    ("诊断意见：右肺下叶肺炎，较前未见吸收。", "pneumonia", "present"),
    # a mention in the indication or history is not a finding
    ("INDICATION: Rule out pneumothorax.\nFINDINGS: Lungs expanded and clear.", "pneumothorax", "absent"),
    ("HISTORY: History of pneumonia last winter.\nFINDINGS: Clear lungs.", "pneumonia", "absent"),
    ("Reason for exam: evaluate for rib fracture\nFindings: Ribs intact.", "fracture", "absent"),
    ("临床诊断：气胸？\n检查所见：双肺纹理清晰。", "pneumothorax", "absent"),
    ("病史：既往肺炎。\n检查所见：双肺未见异常。", "pneumonia", "absent"),
])  # fmt: skip
def test_the_issue_defects(report, label, expected):
    assert said(report, label) == expected


# -- one answer for the whole report -----------------------------------------------------------
@pytest.mark.parametrize(("report", "label", "expected"), [
    ("Findings: No right effusion. Moderate left effusion.", "pleural effusion", "present"),
    ("Findings: Moderate left effusion. No right effusion.", "pleural effusion", "present"),
    ("Findings: No pneumothorax on the right. Tiny left apical pneumothorax is possible.", "pneumothorax",
     "uncertain"),
    ("Findings: No new nodule. The known 5 mm nodule is stable.", "nodule", "present"),
    ("检查所见：左肺未见结节；右肺中叶见一小结节。", "nodule", "present"),
    ("检查所见：左侧未见胸腔积液。诊断意见：右侧胸腔积液可能。", "pleural effusion", "uncertain"),
    ("Findings: The lungs are clear.", "pneumothorax", "absent"),
])  # fmt: skip
def test_affirmed_anywhere_wins_then_hedged_then_absent(report, label, expected):
    assert said(report, label) == expected


# -- hedges about what a finding is leave it present --------------------------------------------
@pytest.mark.parametrize(("report", "label", "expected"), [
    ("Findings: 7 mm nodule in the left upper lobe, possibly a granuloma.", "nodule", "present"),
    ("Findings: 7 mm nodule in the left upper lobe, possibly a granuloma.", "granuloma", "uncertain"),
    ("Findings: Likely benign nodule in the lingula.", "nodule", "present"),
    ("Findings: Left hilar mass, may represent lung cancer.", "mass", "present"),
    ("Findings: Bulky mediastinal adenopathy, likely metastatic.", "lymphadenopathy", "present"),
    ("诊断意见：左肺上叶小结节，良性结节可能。", "nodule", "present"),
    ("诊断意见：左侧胸腔积液，包裹性积液可能。", "pleural effusion", "present"),
    ("诊断意见：左肺上叶肿块，考虑肺癌。", "mass", "present"),
    # while a hedge about whether it is there makes it uncertain
    ("Findings: Questionable nodule at the right base, possibly a nipple shadow.", "nodule", "uncertain"),
    ("诊断意见：左肺上叶结节可能。", "nodule", "uncertain"),
])  # fmt: skip
def test_nature_hedges_and_existence_hedges(report, label, expected):
    assert said(report, label) == expected


# -- words for each label, and words that name something else -------------------------------------
@pytest.mark.parametrize(("report", "label", "expected"), [
    ("Findings: Small amount of pleural fluid on the left.", "pleural effusion", "present"),
    ("检查所见：右侧胸水。", "pleural effusion", "present"),
    ("检查所见：左侧胸腔少量积液。", "pleural effusion", "present"),
    ("Findings: Small pericardial effusion. Pleural spaces clear.", "pleural effusion", "absent"),
    ("检查所见：心包少量积液。", "pleural effusion", "absent"),
    ("Findings: The heart is moderately enlarged.", "cardiomegaly", "present"),
    ("Findings: The heart is not enlarged.", "cardiomegaly", "absent"),
    ("Findings: Enlargement of the cardiac silhouette.", "cardiomegaly", "present"),
    ("Findings: Heart size is normal.", "cardiomegaly", "absent"),
    ("检查所见：心影增大。", "cardiomegaly", "present"),
    ("检查所见：心影未见增大。", "cardiomegaly", "absent"),
    ("检查所见：心影不大。", "cardiomegaly", "absent"),
    ("Findings: Enlarged subcarinal lymph nodes.", "lymphadenopathy", "present"),
    ("Findings: Hilar lymph nodes are not enlarged.", "lymphadenopathy", "absent"),
    ("检查所见：纵隔内见多个肿大淋巴结。", "lymphadenopathy", "present"),
    ("检查所见：纵隔淋巴结未见肿大。", "lymphadenopathy", "absent"),
    ("Findings: Right middle lobe collapse.", "atelectasis", "present"),
    ("Findings: Compression collapse of a thoracic vertebral body.", "atelectasis", "absent"),
    ("检查所见：右肺中叶膨胀不全。", "atelectasis", "present"),
    ("Findings: Subcutaneous emphysema over the left chest wall.", "emphysema", "absent"),
    ("Findings: Mass effect on the trachea from the thyroid.", "mass", "absent"),
    ("检查所见：右肺上叶占位。", "mass", "present"),
    ("检查所见：胃底部分疝入后纵隔。", "hiatal hernia", "present"),
    ("Findings: Large hiatus hernia.", "hiatal hernia", "present"),
    ("Findings: RLL PNA.", "pneumonia", "present"),
])  # fmt: skip
def test_label_words(report, label, expected):
    assert said(report, label) == expected


# -- resolution and change -------------------------------------------------------------------------
@pytest.mark.parametrize(("report", "label", "expected"), [
    ("Findings: The left pneumothorax has resolved.", "pneumothorax", "absent"),
    ("Findings: Interval resolution of the right effusion.", "pleural effusion", "absent"),
    ("Findings: Near-complete resolution of the edema with minimal residual edema.", "edema", "present"),
    ("Findings: Persistent right lower lobe consolidation.", "consolidation", "present"),
    ("Findings: Residual tiny apical pneumothorax.", "pneumothorax", "present"),
    ("Findings: No change in the moderate right effusion.", "pleural effusion", "present"),
    ("Findings: No interval increase in the small left pneumothorax.", "pneumothorax", "present"),
    ("Findings: The atelectasis at the left base has not cleared.", "atelectasis", "present"),
    ("Findings: The previously seen nodule is no longer visible.", "nodule", "absent"),
    ("诊断意见：左侧气胸已吸收。", "pneumothorax", "absent"),
    ("诊断意见：左侧胸腔积液较前明显减少。", "pleural effusion", "present"),
    ("诊断意见：右侧气胸较前未见增多。", "pneumothorax", "present"),
    ("诊断意见：右肺结节较前无明显变化。", "nodule", "present"),
])  # fmt: skip
def test_resolution_and_change(report, label, expected):
    assert said(report, label) == expected


@pytest.mark.parametrize(("report", "label", "expected"), [
    # a question asked in the findings is not a finding either
    ("Findings: Radiograph obtained to rule out pneumonia. Lungs clear.", "pneumonia", "absent"),
    ("Findings: Lungs clear. CT may be obtained to evaluate for a small nodule.", "nodule", "absent"),
    ("诊断意见：建议CT检查以排除肿块。", "mass", "absent"),
    # ... but "cannot rule out" is a hedge
    ("Findings: Cannot rule out a small nodule.", "nodule", "uncertain"),
    ("诊断意见：不能除外肿块。", "mass", "uncertain"),
    # headings written other ways
    ("Clinical Indication/History: r/o pneumonia\nFindings: clear lungs", "pneumonia", "absent"),
    ("Reason for exam (per order): r/o PTX\nFindings: No acute findings.", "pneumothorax", "absent"),
    ("INDICATION\nRule out PTX\nFINDINGS\nSmall right PTX.", "pneumothorax", "present"),
    ("【临床诊断】气胸？\n【检查所见】双肺纹理清晰，未见气胸。", "pneumothorax", "absent"),
    ("Indication: cough. Findings: no effusion. Impression: normal.", "pleural effusion", "absent"),
    # two readings offered: both are uncertain
    ("Findings: Right middle lobe opacity, atelectasis or early pneumonia.", "pneumonia", "uncertain"),
    ("Findings: Right middle lobe opacity, atelectasis or early pneumonia.", "atelectasis", "uncertain"),
    ("Findings: Bibasilar atelectasis and/or consolidation.", "consolidation", "uncertain"),
    ("诊断意见：右肺中叶肺不张或肺炎。", "pneumonia", "uncertain"),
    ("诊断意见：右肺中叶少许不张或纤维灶。", "atelectasis", "uncertain"),
    ("Impression: Basal opacity, pneumonia in the appropriate clinical setting.", "pneumonia", "uncertain"),
    ("Findings: No change in size or number of the nodules.", "nodule", "present"),
    # a history phrase does not swallow a new statement; exceptions end a negation
    ("Findings: s/p chest tube with small residual pneumothorax.", "pneumothorax", "present"),
    ("Findings: No abnormality other than a small left effusion.", "pleural effusion", "present"),
    ("Findings: No consolidation, whilst a small effusion is seen.", "pleural effusion", "present"),
    ("Findings: No evidence of progression of the right upper lobe mass.", "mass", "present"),
    ("Findings:\nPleural effusion - none\nPneumothorax - small, right", "pleural effusion", "absent"),
    ("Findings:\nPleural effusion - resolved\nPneumothorax - small, right", "pneumothorax", "present"),
    ("Findings: Fluid in the minor fissure.", "pleural effusion", "present"),
])  # fmt: skip
def test_questions_headings_and_alternatives(report, label, expected):
    assert said(report, label) == expected


def test_more_mentions_than_it_reads_and_none_affirmed_it_asks():
    reading = read_certainty("Findings: " + "no nodule, " * 600, "nodule")
    assert reading.prediction is None and reading.reason == TOO_MANY_MENTIONS


def test_structured_lines_are_read_as_label_and_value():
    report = "FINDINGS:\nPneumothorax: none.\nPleural effusion: small, right.\nConsolidation: possible, LLL."
    assert said(report, "pneumothorax") == "absent"
    assert said(report, "pleural effusion") == "present"
    assert said(report, "consolidation") == "uncertain"
    assert said("检查所见：胸腔积液：无。气胸：少量。", "pleural effusion") == "absent"
    # a "Label: value" line inside the findings is not a heading that ends them
    assert said("FINDINGS:\nContrast: none.\nLungs: small left effusion.", "pleural effusion") == "present"


def test_sections_are_cut_at_known_headings_only():
    report = "INDICATION: cough\nFindings: Effusion: small.\nIMPRESSION: effusion"
    kinds = [kind for _, _, kind in sections(report)]
    assert "context" in kinds and kinds[-1] == "findings"
    start, end, _ = sections(report)[-1]
    assert report[start:end].strip() == "effusion"


# -- evidence and asking ----------------------------------------------------------------------------
def test_the_reading_names_the_sentence_and_the_trigger():
    report = "FINDINGS: Heart normal. No pleural effusion. Small left pneumothorax."
    absent = read_certainty(report, "pleural effusion")
    assert absent.certainty == "absent" and absent.trigger.lower() == "no"
    assert absent.evidence == "No pleural effusion"
    assert report[absent.start:absent.end] == "pleural effusion"
    present = read_certainty(report, "pneumothorax")
    assert present.certainty == "present" and present.trigger == ""
    assert present.evidence == "Small left pneumothorax"
    hedged = read_certainty("Impression: Pneumonia cannot be excluded.", "pneumonia")
    assert hedged.certainty == "possible" and hedged.trigger == "cannot be excluded"


def test_absent_says_whether_anything_was_read():
    assert read_certainty("FINDINGS: Clear lungs.", "pneumothorax").reason == NOT_MENTIONED
    only = read_certainty("INDICATION: ?pneumothorax\nFINDINGS: Clear lungs.", "pneumothorax")
    assert only.certainty == "absent" and only.reason == ONLY_IN_CONTEXT
    assert only.mentions and only.mentions[0].section == "context"


def test_the_reader_asks_rather_than_guesses():
    unknown = read_certainty("FINDINGS: Mild thoracic scoliosis.", "scoliosis")
    assert unknown.prediction is None and unknown.reason == UNKNOWN_LABEL
    empty = read_certainty("INDICATION: Chest pain, rule out pneumothorax.", "pneumothorax")
    assert empty.prediction is None and empty.reason == NO_FINDINGS_TEXT
    assert read_certainty("", "pneumothorax").prediction is None


@pytest.mark.parametrize(("label", "concept"), [
    ("small left pleural effusion", "pleural effusion"), ("enlarged heart", "cardiomegaly"),
    ("lung mass", "mass"), ("right lower lobe pneumonia", "pneumonia"), ("胸腔积液", "pleural effusion"),
    ("淋巴结肿大", "lymphadenopathy"), ("Hiatal Hernia", "hiatal hernia"), ("pulmonary oedema", "edema"),
    ("scoliosis", None), ("normal", None),
])  # fmt: skip
def test_free_labels_map_onto_the_readers_list(label, concept):
    assert concept_for(label) == concept


def test_bad_input_never_crashes():
    for report in ("", "   ", ":", "FINDINGS:", "?", "，，，", "No" * 5000, "结节" * 2000):
        reading = read_certainty(report, "nodule")
        assert reading.prediction in (None, "present", "absent", "uncertain")


# -- the development set (../shared/evaluation), where it is there ---------------------------------
EVALUATION = SHARED / "evaluation"


@pytest.mark.skipif(not (EVALUATION / "certainty.jsonl").exists(), reason="../shared/evaluation is not here")
def test_the_development_set_goals(tmp_path):
    cases = [json.loads(line) for line in (EVALUATION / "certainty.jsonl").read_text("utf-8").splitlines()
             if line.strip()]  # fmt: skip
    out = tmp_path / "predictions.jsonl"
    out.write_text("".join(json.dumps({"id": c["id"], "predicted": said(c["report"], c["label"])}) + "\n"
                           for c in cases), encoding="utf-8")  # fmt: skip
    scorer, cases_file = str(EVALUATION / "score.py"), str(EVALUATION / "certainty.jsonl")
    command = [sys.executable, scorer, cases_file, str(out), "--json", str(tmp_path / "score.json")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    figures = json.loads((tmp_path / "score.json").read_text("utf-8"))
    assert figures["correct_share"] >= 0.97
    assert figures["verdicts"].get("wrong_present_read_absent", 0) == 0


# -- classes found by reports written apart from the development set ------------------------------

@pytest.mark.parametrize(("report", "label"), [
    ("CHEST AP\nComparison: yesterday's film.\nSmall left pneumothorax, smaller than before.",
     "pneumothorax"),
    ("Technique: single frontal view.\nModerate right effusion, decreased since the prior study.",
     "pleural effusion"),
    ("Indication: fever\nPatchy right basal pneumonia, improved.", "pneumonia"),
    ("对比：2025-03-02\n左侧少量气胸，较前减少。", "pneumothorax"),
])
def test_a_heading_with_its_content_on_its_line_ends_at_that_line(report: str, label: str) -> None:
    assert said(report, label) == "present"


@pytest.mark.parametrize("report", [
    "INDICATION: 70-year-old with cough and\nfever, evaluate for pneumonia.\nLungs are clear.",
    "CLINICAL HISTORY:\nFever, pneumonia?\n\nFINDINGS: Lungs are clear.",
    "History: known pneumonia\nFINDINGS: The lungs are clear.",
])
def test_an_indication_that_goes_on_below_its_line_stays_an_indication(report: str) -> None:
    assert said(report, "pneumonia") == "absent"


@pytest.mark.parametrize(("report", "label"), [
    ("Interval decrease in size of the right pneumothorax.", "pneumothorax"),
    ("Left effusion, less than on the earlier film.", "pleural effusion"),
    ("Near-complete resolution of the left basal consolidation.", "consolidation"),
    ("Persistent small left effusion.", "pleural effusion"),
    ("Right upper lobe nodule is again seen, unchanged.", "nodule"),
    ("Redemonstrated right upper lobe nodule.", "nodule"),
    ("Resolving left lower lobe pneumonia.", "pneumonia"),
    ("Partially resolved left effusion.", "pleural effusion"),
    ("右侧胸腔积液较前减少。", "pleural effusion"),
    ("右下肺炎症较前吸收。", "pneumonia"),
    ("右肺结节较前缩小。", "nodule"),
])
def test_a_finding_that_is_smaller_or_unchanged_is_present(report: str, label: str) -> None:
    assert said(report, label) == "present"


@pytest.mark.parametrize(("report", "label"), [
    ("IMPRESSION: Resolved left upper lobe pneumonia.", "pneumonia"),
    ("Completely resolved right pneumothorax.", "pneumothorax"),
    ("Cleared right basal effusion. Heart size normal.", "pleural effusion"),
    ("Interval resolution of the left effusion.", "pleural effusion"),
    ("The left pneumothorax is no longer seen.", "pneumothorax"),
])
def test_resolved_before_the_finding_means_gone(report: str, label: str) -> None:
    assert said(report, label) == "absent"


@pytest.mark.parametrize(("report", "label"), [
    ("Findings: A skin crease at the left apex mimics a pneumothorax. Lungs clear.", "pneumothorax"),
    ("Overlying gown fold simulating a pneumothorax.", "pneumothorax"),
    ("Breast shadow, not to be mistaken for a nodule.", "nodule"),
    ("A vertical line could be mistaken for a pneumothorax; it is a skin fold.", "pneumothorax"),
    ("Pseudo-pneumothorax from a skin fold.", "pneumothorax"),
])
def test_what_only_looks_like_the_finding_is_not_the_finding(report: str, label: str) -> None:
    assert said(report, label) == "absent"


def test_a_real_finding_beside_its_mimic_is_present() -> None:
    report = "Skin fold simulating a pneumothorax on the right, and a small left pneumothorax."
    assert said(report, "pneumothorax") == "present"


@pytest.mark.parametrize("report", [
    "Nodular density over the left lower zone, which may be a nipple shadow or a true nodule.",
    "Nodular opacity at the right base. ?Lung nodule, repeat with nipple markers.",
])
def test_a_nodular_shape_whose_nodule_is_questioned_is_uncertain(report: str) -> None:
    assert said(report, "nodule") == "uncertain"


def test_a_nodular_shape_with_a_named_nodule_stays_present() -> None:
    assert said("Nodular opacity in the right upper lobe, a 7 mm nodule.", "nodule") == "present"


@pytest.mark.parametrize(("report", "label", "expected"), [
    ("Right middle lobe consolidation, probably infective in the right clinical setting.", "consolidation",
     "present"),
    ("Left basal consolidation, likely pneumonia in the appropriate clinical setting.", "consolidation",
     "present"),
    ("Left basal consolidation, likely pneumonia in the appropriate clinical setting.", "pneumonia",
     "uncertain"),
    ("Consolidation in the appropriate clinical setting could be pneumonia.", "pneumonia", "uncertain"),
])
def test_a_clinical_setting_hedge_belongs_to_the_nearest_finding(report: str, label: str,
                                                                 expected: str) -> None:
    assert said(report, label) == expected


@pytest.mark.parametrize(("report", "label"), [
    ("左肺上叶结节显示不清。", "nodule"),
    ("左侧皮肤皱褶，类似气胸。", "pneumothorax"),
])
def test_chinese_unclear_or_lookalike_is_uncertain(report: str, label: str) -> None:
    assert said(report, label) == "uncertain"


@pytest.mark.parametrize(("report", "label", "expected"), [
    ("Effusion: none on the left; moderate on the right.", "pleural effusion", "present"),
    ("Nodules: none in the right lung; two in the LUL, 4 mm.", "nodule", "present"),
    ("Pneumothorax: none on the left; small apical on the right.", "pneumothorax", "present"),
    ("Nodule: none in the left lung; none in the right lung.", "nodule", "absent"),
    ("Effusion: none on the left; right base clear.", "pleural effusion", "absent"),
    ("Effusion: none on the left; heart normal.", "pleural effusion", "absent"),
    ("Effusion: none on the left; right lower lobe nodule 5 mm.", "pleural effusion", "absent"),
])
def test_a_none_in_one_place_value_goes_on_to_another(report: str, label: str, expected: str) -> None:
    assert said(report, label) == expected


@pytest.mark.parametrize(("report", "label", "expected"), [
    ("Findings: Left pleural effusion, previously absent. No pneumothorax.", "pleural effusion", "present"),
    ("Findings: Small left pneumothorax, which was not seen on the film from this morning.",
     "pneumothorax", "present"),
    ("Findings: New right lower lobe consolidation, not present on the previous exam.", "consolidation",
     "present"),
    ("检查所见：左侧胸腔少量积液，前次CT未见，为新出现。", "pleural effusion", "present"),
    ("检查所见：前片未见的右肺下叶结节，本次新见。", "nodule", "present"),
    ("Findings: The pneumothorax described previously is no longer present.", "pneumothorax", "absent"),
])
def test_a_negation_about_the_prior_study_does_not_make_it_absent(report: str, label: str,
                                                                  expected: str) -> None:
    assert said(report, label) == expected
