"""Patient risk for the Fleischner 2017 table, read as the guideline defines it.

MacMahon H, et al. Guidelines for Management of Incidental Pulmonary Nodules Detected on CT
Images: From the Fleischner Society 2017. Radiology 2017;284:228-243. Its table's footnote:
"Low risk: minimal or absent history of smoking and of other known risk factors. High risk:
history of smoking or of other known risk factors", the risk factors named in its text being
"heavy smoking, exposure to asbestos, radon or uranium, family history of lung cancer",
"older age", "emphysema", "pulmonary fibrosis", "upper lobe location" and "spiculation".
Its scope excludes "patients with known primary cancer" — the patient's own, not a relative's.
"""

from __future__ import annotations

import pytest

from app.core.tasks.followup import build_panel


def test_non_smoker_with_emphysema_and_a_spiculated_upper_lobe_nodule_is_high_risk() -> None:
    # The case from the review: classed low risk from "non-smoker" alone.
    text = ("CT chest. 58-year-old non-smoker. Moderate centrilobular emphysema. "
            "A 7 mm spiculated solid nodule in the right upper lobe.")
    panel = build_panel([text])
    assert panel.risk == "high"
    names = [f.split(":")[0] for f in panel.risk_factors]
    assert names == ["emphysema", "upper-lobe location", "spiculation"]
    assert panel.recommendation.recommendation == "CT at 6-12 months, then CT at 18-24 months."


def test_family_history_of_lung_cancer_is_a_risk_factor_not_a_known_cancer() -> None:
    # "family history of lung cancer" is a named risk factor; it does not put the patient out of scope.
    text = ("CT chest: 50-year-old never smoker with a family history of lung cancer. "
            "Solitary 5 mm solid nodule in the left lower lobe.")
    panel = build_panel([text])
    assert panel.applicable, panel.notes
    assert panel.risk == "high" and panel.risk_factors[0].startswith("family history of lung cancer")
    assert panel.recommendation.recommendation == "Optional CT at 12 months."


@pytest.mark.parametrize("text", [
    "CT chest: 52 years old. Mother had lung cancer. A 5 mm solid nodule in the left lower lobe.",
    "胸部CT：52岁，母亲患肺癌。左肺下叶见一实性结节，大小约5mm。",
    "胸部CT：52岁，有肺癌家族史。左肺下叶见一实性结节，大小约5mm。",
])
def test_a_relatives_cancer_in_either_language(text: str) -> None:
    panel = build_panel([text])
    assert panel.applicable and panel.risk == "high", panel.notes


def test_the_patients_own_cancer_is_still_out_of_scope() -> None:
    text = "CT chest: history of breast cancer. A 5 mm solid nodule in the left lower lobe."
    panel = build_panel([text])
    assert not panel.applicable and panel.recommendation is None


@pytest.mark.parametrize(("text", "factor"), [
    ("Shipyard worker with asbestos exposure.", "exposure to asbestos"),
    ("Occupational radon exposure in a mine.", "exposure to radon"),
    ("Former uranium miner.", "exposure to uranium"),
    ("Background of pulmonary fibrosis.", "pulmonary fibrosis"),
    ("双肺肺气肿。", "emphysema"),
    ("间质性肺炎伴肺纤维化。", "pulmonary fibrosis"),
    ("吸烟史30年。", "smoking history"),
    ("Smoker, 30 pack-years.", "smoking history"),
])
def test_each_named_patient_risk_factor(text: str, factor: str) -> None:
    panel = build_panel([f"CT chest. {text} A 5 mm solid nodule in the left lower lobe."])
    assert panel.risk == "high"
    assert [f.split(":")[0] for f in panel.risk_factors] == [factor]


def test_older_age_is_shown_but_does_not_set_the_risk() -> None:
    # The evaluation conventions: "Older age is not used to set the risk" (no cut-off in the guideline).
    panel = build_panel(["CT chest: 72-year-old never smoker. A 5 mm solid nodule in the left lower lobe."])
    assert panel.risk == "low"
    assert any(note.startswith("age 72: older age is not used") for note in panel.notes)


def test_negated_factors_do_not_count() -> None:
    panel = build_panel(["CT chest. Never smoker. No emphysema. No asbestos exposure. "
                         "No family history of lung cancer. A 5 mm solid nodule in the left lower lobe."])
    assert panel.risk == "low" and panel.risk_factors == []
    absent = {i.key for i in panel.inputs if i.value is False and i.source == "report"}
    assert {"risk.smoking", "risk.emphysema", "risk.asbestos", "risk.family"} <= absent


def test_nodule_features_count_only_for_a_nodule() -> None:
    # Upper-lobe scarring is not "upper lobe location" of the nodule.
    text = "CT: never smoker, 45 years old. Upper lobe scarring. A 7 mm solid nodule in the right lower lobe."
    panel = build_panel([text])
    assert panel.risk == "low"
    assert panel.recommendation.recommendation == "CT at 6-12 months, then consider CT at 18-24 months."


def test_unknown_risk_shows_both_rows_and_says_the_risk_is_unknown() -> None:
    text = "CT chest: a 7 mm solid nodule in the right lower lobe."
    panel = build_panel([text])
    assert panel.risk is None
    rec = panel.recommendation
    assert not rec.complete and rec.by_risk == {
        "low": "CT at 6-12 months, then consider CT at 18-24 months.",
        "high": "CT at 6-12 months, then CT at 18-24 months."}
    assert any("risk is unknown" in note for note in panel.notes)


def test_the_text_rendering_lists_the_factors_and_an_unknown_risk() -> None:
    from app.core.tasks.render import fleischner_panel

    text = "Non-smoker. Emphysema. A 7 mm solid nodule in the right lower lobe."
    high = fleischner_panel(build_panel([text]))
    assert "risk: high; risk factors stated:" in high and "- emphysema:" in high
    unknown = fleischner_panel(build_panel(["A 7 mm solid nodule in the right lower lobe."]))
    assert "risk: unknown (not stated in the documents)" in unknown
