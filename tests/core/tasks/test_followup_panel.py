"""The Fleischner panel read from report text: nodules, risk, exclusions; nothing guessed."""

from app.core.tasks.followup import build_panel
from app.core.tasks.nodules import read_document
from app.core.tasks.results import Finding, Grounding


def _risk(text: str) -> str | None:
    return build_panel([f"CT chest. {text} A 7 mm solid nodule in the right lower lobe."]).risk


def test_ct_report_with_a_smoker_gets_one_answer():
    text = ("EXAMINATION: CT chest without contrast\nINDICATION: 62-year-old former smoker, cough.\n"
            "FINDINGS: There is a 7 x 5 mm solid nodule in the right middle lobe. No pleural effusion.\n"
            "IMPRESSION: Solid pulmonary nodule in the right middle lobe.")  # fmt: skip
    panel = build_panel([text], ["ct.txt"])
    assert panel.applicable and panel.risk == "high" and "smoker" in panel.risk_evidence
    guide = panel.nodules[panel.guiding]
    assert guide.size_mm == 6 and guide.nodule.size_mm == 6.0 and guide.nodule_type == "solid"
    assert panel.count == "single"  # named twice (findings, impression), still one nodule
    assert panel.recommendation.recommendation == "CT at 6-12 months, then CT at 18-24 months."
    assert panel.cells == {"low": "S1_6TO8_LOW", "high": "S1_6TO8_HIGH"}
    assert text[guide.grounding.start : guide.grounding.end].startswith("There is a 7 x 5 mm")
    assert guide.size_evidence[0].quote.startswith("There is a 7 x 5 mm")
    assert guide.size_evidence[0].document == 0 and guide.size_evidence[0].document_name == "ct.txt"
    assert panel.heading == "Fleischner 2017: computed from the report, not by the model"


def test_without_risk_the_panel_says_so_and_gives_both_answers():
    text = "CT CHEST: A 4 mm solid nodule in the left lower lobe. Lungs otherwise clear."
    panel = build_panel([text])
    rec = panel.recommendation
    assert not rec.complete and rec.missing == [
        "patient risk (low or high: smoking history, other risk factors)"
    ]
    assert rec.by_risk == {"low": "No routine follow-up.", "high": "Optional CT at 12 months."}
    assert panel.cells == {"low": "S1_LT6_LOW", "high": "S1_LT6_HIGH"}


def test_never_smoker_is_low_risk():
    text = "CT: 45-year-old never smoker. Solitary 7 mm solid nodule in the right middle lobe."
    panel = build_panel([text])
    assert panel.risk == "low"
    assert panel.recommendation.recommendation == "CT at 6-12 months, then consider CT at 18-24 months."


def test_smoking_is_read_in_both_directions():
    assert _risk("No history of smoking.") == "low"
    assert _risk("Non-smoker.") == "low"
    assert _risk("Smoker, 30 pack-years.") == "high"
    assert _risk("Cough.") is None


def test_type_not_stated_is_a_default_in_view_and_asked_where_anything_hints_otherwise():
    # an unqualified nodule on a named CT: read as solid, shown as a default (not "computed from the report")
    panel = build_panel(["CT chest: 62-year-old smoker. A 7 mm nodule in the right lower lobe."])
    guide = panel.nodules[panel.guiding]
    assert (guide.nodule_type, guide.type_source) == ("solid", "default")
    assert panel.recommendation.recommendation == "CT at 6-12 months, then CT at 18-24 months."
    assert panel.heading == "Fleischner 2017: needs your input"
    # a word about its opacity: the type is asked for
    panel = build_panel(["CT chest: 62-year-old smoker. A 7 mm nodular opacity in the right lower lobe."])
    assert panel.recommendation.recommendation is None
    assert panel.missing == ["the type (solid, part-solid or ground-glass) of the nodule in the right lower "
                             "lobe "
                             "is not stated"]  # fmt: skip


def test_multiple_ground_glass_nodules_in_centimetres():
    text = "CT: Multiple ground-glass nodules, the largest 0.8 cm in the left lower lobe."
    panel = build_panel([text])
    guide = panel.nodules[panel.guiding]
    assert guide.size_mm == 8 and panel.count == "multiple"
    assert panel.recommendation.recommendation == (
        "CT at 3-6 months. Subsequent management based on the most suspicious nodule(s)."
    )


def test_calcified_granuloma_on_a_radiograph_is_outside_the_table():
    text = "PA and lateral chest: 5 mm calcified nodule in the right lower lobe, likely granuloma."
    panel = build_panel([text])
    assert panel.nodules[0].status == "benign_calcified" and panel.nodules[0].recommendation is None
    assert panel.recommendation is None and not panel.applicable
    assert panel.reason == "radiograph" and "radiograph" in panel.notes[0]


def test_known_cancer_takes_the_patient_out_of_scope():
    text = "CT: History of breast cancer. 6 mm solid nodule in the right lower lobe, smoker."
    panel = build_panel([text])
    assert not panel.applicable and panel.recommendation is None and panel.reason == "known_cancer"
    assert any("do not apply" in note and "breast cancer" in note for note in panel.notes)


def test_young_patient_is_out_of_scope():
    panel = build_panel(["CT: 28-year-old smoker. 7 mm solid nodule."])
    assert not panel.applicable and panel.reason == "age_under_35"


def test_negated_nodules_are_not_nodules():
    assert read_document("No pulmonary nodules or masses. No pleural effusion.").statements == []
    panel = build_panel(["CT chest: No suspicious pulmonary nodule."])
    assert panel.nodules == [] and panel.recommendation is None and panel.reason == "no_nodule"


def test_chinese_report():
    text = "检查方法：胸部CT平扫。病史：58岁，吸烟30年。表现：右肺下叶见一枚6mm磨玻璃结节。未见胸腔积液。"
    panel = build_panel([text])
    assert panel.risk == "high"
    guide = panel.nodules[panel.guiding]
    assert guide.nodule_type == "ground-glass" and guide.size_mm == 6 and panel.count == "single"
    assert panel.recommendation.recommendation == (
        "CT at 6-12 months to confirm persistence, then CT every 2 years until 5 years."
    )


def _nodule_finding(text: str, quote_start: str, size: float | None) -> Finding:
    start = text.index(quote_start)
    end = text.index(".", start)
    return Finding(label="nodule", body_site="right upper lobe", laterality="right", size_mm=size,
                   severity=None, certainty="present", evidence=text[start:end],
                   grounding=Grounding(True, 0, None, start, end, "exact"),
                   model_certainty="present", vocabulary_label="nodule")  # fmt: skip


def test_a_size_the_report_states_in_words_is_read_and_the_model_agrees():
    text = "CT: Solid nodule in the right lower lobe measures eight millimetres. Smoker."
    without = build_panel([text])
    assert without.recommendation.recommendation == "CT at 6-12 months, then CT at 18-24 months."
    with_finding = build_panel([text], findings=[_nodule_finding(text, "Solid", 8.0)])
    assert with_finding.recommendation.recommendation == "CT at 6-12 months, then CT at 18-24 months."
    assert with_finding.nodules[0].model_size_mm == 8.0 and with_finding.nodules[0].size_source == "report"


def test_report_without_nodules_has_an_empty_panel():
    panel = build_panel(["CT chest: Heart size normal. Lungs clear."])
    assert not panel.applicable and panel.nodules == [] and panel.reason == "no_nodule"
