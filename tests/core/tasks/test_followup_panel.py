"""The Fleischner panel read from report text: nodules, risk, exclusions; nothing guessed."""

from app.core.tasks.followup import build_panel
from app.core.tasks.nodules import find_nodules, report_context
from app.core.tasks.results import Finding, Grounding


def test_ct_report_with_a_smoker_gets_one_answer():
    text = ("EXAMINATION: CT chest without contrast\nINDICATION: 62-year-old former smoker, cough.\n"
            "FINDINGS: There is a 7 x 5 mm solid nodule in the right upper lobe. No pleural effusion.\n"
            "IMPRESSION: Solid pulmonary nodule in the right upper lobe.")  # fmt: skip
    panel = build_panel([text], ["ct.txt"])
    assert panel.applicable and panel.risk == "high" and "smoker" in panel.risk_evidence
    guide = panel.nodules[panel.guiding]
    assert guide.nodule.size_mm == 6.0 and guide.nodule.nodule_type == "solid"
    assert guide.nodule.count == "single"  # named twice (findings, impression), still one nodule
    assert panel.recommendation.recommendation == "CT at 6-12 months, then CT at 18-24 months."
    assert text[guide.grounding.start:guide.grounding.end].strip().startswith("There is a 7 x 5 mm")


def test_without_risk_the_panel_says_so_and_gives_both_answers():
    text = "CT CHEST: A 4 mm solid nodule in the left lower lobe. Lungs otherwise clear."
    panel = build_panel([text])
    rec = panel.recommendation
    assert not rec.complete and rec.missing == [
        "patient risk (low or high: smoking history, other risk factors)"]
    assert rec.by_risk == {"low": "No routine follow-up.", "high": "Optional CT at 12 months."}


def test_never_smoker_is_low_risk():
    text = "CT: 45-year-old never smoker. Solitary 7 mm solid nodule in the right middle lobe."
    panel = build_panel([text])
    assert panel.risk == "low"
    assert panel.recommendation.recommendation == "CT at 6-12 months, then consider CT at 18-24 months."


def test_no_smoking_history_is_low_risk():
    assert report_context("No history of smoking. CT chest.").risk.risk == "low"
    assert report_context("Non-smoker.").risk.risk == "low"
    assert report_context("Smoker, 30 pack-years.").risk.risk == "high"
    assert report_context("CT chest.").risk.risk is None


def test_type_missing_is_named():
    text = "CT chest: 62-year-old smoker. A 7 mm nodule in the right upper lobe."
    panel = build_panel([text])
    assert panel.recommendation.missing == ["nodule type (solid, part-solid or ground-glass)"]


def test_multiple_ground_glass_nodules_in_centimetres():
    text = "CT: Multiple ground-glass nodules, the largest 0.8 cm in the left upper lobe."
    panel = build_panel([text])
    guide = panel.nodules[panel.guiding]
    assert guide.nodule.size_mm == 8.0 and guide.nodule.count == "multiple"
    assert panel.recommendation.recommendation == (
        "CT at 3-6 months. Subsequent management based on the most suspicious nodule(s).")


def test_calcified_granuloma_nodule_is_outside_the_table():
    text = "PA and lateral chest: 5 mm calcified nodule in the right lower lobe, likely granuloma."
    panel = build_panel([text])
    assert panel.nodules[0].calcified and panel.nodules[0].recommendation is None
    assert panel.recommendation is None and not panel.applicable
    assert any("radiograph" in note for note in panel.notes)


def test_known_cancer_takes_the_patient_out_of_scope():
    text = "CT: History of breast cancer. 6 mm solid nodule in the right lower lobe, smoker."
    panel = build_panel([text])
    assert not panel.applicable and panel.recommendation is None
    assert any("do not apply" in note for note in panel.notes)


def test_young_patient_is_out_of_scope():
    panel = build_panel(["CT: 28-year-old smoker. 7 mm solid nodule."])
    assert not panel.applicable and any("35" in note for note in panel.notes)


def test_negated_nodules_are_not_nodules():
    assert find_nodules("No pulmonary nodules or masses. No pleural effusion.") == []
    panel = build_panel(["No suspicious pulmonary nodule."])
    assert panel.nodules == [] and panel.recommendation is None


def test_chinese_report():
    text = "检查方法：胸部CT平扫。病史：58岁，吸烟30年。表现：右肺上叶见一枚6mm磨玻璃结节。未见胸腔积液。"
    panel = build_panel([text])
    assert panel.risk == "high"
    guide = panel.nodules[panel.guiding]
    assert guide.nodule.nodule_type == "ground-glass" and guide.nodule.size_mm == 6.0
    assert guide.nodule.count == "single"
    assert panel.recommendation.recommendation == (
        "CT at 6-12 months to confirm persistence, then CT every 2 years until 5 years.")


def test_a_model_finding_adds_the_size_the_text_reader_missed():
    text = "CT: Solid nodule in the right upper lobe measures eight millimetres. Smoker."
    start = text.index("Solid")
    finding = Finding(label="nodule", body_site="right upper lobe", laterality="right", size_mm=8.0,
                      severity=None, certainty="present", evidence=text[start:start + 40],
                      grounding=Grounding(True, 0, None, start, start + 40, "exact"),
                      model_certainty="present", vocabulary_label="nodule")  # fmt: skip
    without = build_panel([text])
    assert without.recommendation.missing == ["nodule size (mm)"]
    with_finding = build_panel([text], findings=[finding])
    assert with_finding.recommendation.recommendation == "CT at 6-12 months, then CT at 18-24 months."


def test_report_without_nodules_has_an_empty_panel():
    panel = build_panel(["Heart size normal. Lungs clear."])
    assert not panel.applicable and panel.nodules == []
