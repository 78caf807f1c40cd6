"""The Fleischner calculator on reports that leave things to be read from indirect evidence
(issue 26, item 1): an examination that is not named but that only CT could describe, an
immunocompromised patient named by an abbreviation or a drug, a long axis restated in the
impression, several sizes after several nodules, a solid component beside the whole size, and a
follow-up interval that is not a count of nodules. Reports are written here for these tests."""

from __future__ import annotations

import pytest

from app.core.tasks.fleischner import Override
from app.core.tasks.followup import apply_overrides, build_panel, case_prediction

CT = "EXAMINATION: CT chest without contrast\n"
RADIOGRAPH_ASKS = "the examination is not stated to be a CT (the table is for nodules seen on CT)"


def _modality(text: str) -> tuple[object, str, str]:
    item = next(i for i in build_panel([text]).inputs if i.key == "modality")
    return item.value, item.source, item.label


def _guide(text: str) -> tuple[object, ...]:
    prediction = case_prediction(build_panel([text])) or {}
    guide = prediction.get("guide") or {}
    assert isinstance(guide, dict)
    return prediction.get("reason"), guide.get("size_mm"), guide.get("type"), guide.get("count")


# -- the examination inferred from what only CT shows ---------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Findings: A 6 mm solid nodule sits in the left upper lobe.", "solid"),
        ("Findings: Pure ground-glass nodule of 9 mm, right middle lobe.", "ground-glass"),
        ("Lung windows: 7 mm nodule in the lingula, solid.", "Lung windows"),
        ("Findings: 7 mm solid nodule in the left lower lobe, 32 HU.", "solid"),
        ("Findings: 7 mm left lower lobe nodule (series 3, image 41), solid.", "series 3, image 41"),
        ("检查所见：左肺上叶见一实性结节，大小约0.6cm。", "实性"),
        ("影像所见：右肺中叶见一磨玻璃结节，约8mm。", "磨玻璃"),
        ("检查所见：左肺下叶见一混杂密度结节，大小约1.0cm×0.8cm。", "混杂密度"),
    ],
)
def test_a_nodule_described_by_its_attenuation_was_read_on_ct(text: str, words: str) -> None:
    value, source, label = _modality(text)
    assert (value, source) == ("CT", "report")
    assert f"\u201c{words}\u201d" in label and "inferred" in label
    panel = build_panel([text])
    assert panel.status == "recommendation"
    assert next(i for i in panel.inputs if i.key == "modality").evidence[0].quote == words


@pytest.mark.parametrize(
    "text",
    [
        "Findings: 6 mm solid nodule in the left upper lobe.\nComparison: PA and lateral chest, 2022.",
        "Findings: 6 mm solid nodule in the left upper lobe. Compared with the outside radiograph.",
        "检查所见：左肺上叶见一实性结节，大小约6mm。与2021年胸片对比。",
        "检查所见：左肺上叶见一实性结节，大小约6mm。请结合超声检查。",
        "Findings: 6 mm solid nodule in the left upper lobe. Correlate with MRI.",
    ],
)
def test_another_examination_named_leaves_it_unsettled(text: str) -> None:
    panel = build_panel([text])
    assert panel.status != "recommendation"
    assert RADIOGRAPH_ASKS in panel.missing
    assert panel.reason != "radiograph"  # a radiograph for comparison is not this examination


@pytest.mark.parametrize(
    "text",
    [
        "Findings: A 6 mm nodule in the left upper lobe.",
        "检查所见：左肺上叶见一结节，大小约6mm。",
    ],
)
def test_no_evidence_of_the_examination_still_asks(text: str) -> None:
    panel = build_panel([text])
    assert panel.status == "needs_input" and RADIOGRAPH_ASKS in panel.missing


def test_an_inferred_examination_can_be_corrected() -> None:
    panel = build_panel(["Findings: A 6 mm solid nodule in the left upper lobe."])
    fixed = apply_overrides(panel, [Override("modality", "radiograph")])
    assert fixed.status == "out_of_scope" and fixed.reason == "radiograph"


def test_a_radiograph_named_in_the_report_is_still_a_radiograph() -> None:
    text = "Portable AP chest: 7 mm nodular density projecting over the right lower lung."
    panel = build_panel([text])
    assert panel.status == "out_of_scope" and panel.reason == "radiograph"


# -- immunocompromised, in abbreviations and drugs ---------------------------------------------


@pytest.mark.parametrize(
    "history",
    [
        "Known PLWH, adherent to ART.",
        "HIV-1 infection since 2012.",
        "HIV serology reactive.",
        "HIV+ on HAART, last CD4 count 310.",
        "CD4 95, fevers.",
        "Heart transplant recipient, maintained on mycophenolate.",
        "Granulomatosis with polyangiitis on rituximab.",
        "Lupus nephritis on azathioprine and high-dose steroids.",
        "患者为HIV感染者，规律抗逆转录病毒治疗。",
        "肾移植术后3年，口服他克莫司。",
        "艾滋病病史。",
        "皮肌炎，长期口服免疫抑制剂。",
    ],
)
def test_immunocompromised_in_its_short_forms(history: str) -> None:
    text = CT + f"HISTORY: {history}\nFINDINGS: 7 mm solid nodule in the right lower lobe."
    assert _guide(text)[0] == "immunocompromised"


@pytest.mark.parametrize(
    "history",
    ["HIV negative, cough.", "HIV test non-reactive.", "艾滋病抗体阴性。", "HIV-1 negative.",
     "HIV status unknown.", "HIV testing sent today."],
)
def test_a_negative_hiv_test_is_not_immunocompromise(history: str) -> None:
    text = CT + f"HISTORY: {history}\nFINDINGS: 7 mm solid nodule in the right lower lobe."
    assert _guide(text) == (None, 7, "solid", "single")


# -- a long axis restated, several sizes, the solid component -------------------------------


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("Findings: Right upper lobe solid nodule, 13 x 9 x 8 mm.\nImpression: 1.3 cm RUL nodule.", 11),
        ("Findings: Solid nodule in the lingula, 12 x 8 mm.\nImpression: Indeterminate 12 mm lingular "
         "nodule.", 10),
        ("检查所见：右肺上叶见一实性结节，大小约1.3cm×0.9cm。\n诊断意见：右肺上叶实性结节（约1.3cm）。", 11),
    ],
)
def test_the_long_axis_restated_is_not_another_size(text: str, size: int) -> None:
    assert _guide(text) == (None, size, "solid", "single")


def test_a_short_axis_restated_alone_still_asks() -> None:
    text = "Findings: Solid nodule in the lingula, 12 x 8 mm.\nImpression: 8 mm lingular nodule."
    assert _guide(text)[0] == "conflict"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Findings: Two solid nodules in the left lower lobe, measuring 3 and 7 mm.", (7, "solid")),
        ("Findings: Three ground-glass nodules, 2, 3 and 4 mm, in the right lung.", (4, "ground_glass")),
        ("Findings: 2 pure ground-glass nodules in the left upper lobe, 5 mm and 4 mm respectively.",
         (5, "ground_glass")),
        ("检查所见：左肺下叶见两枚实性结节，大小分别约3mm、7mm。", (7, "solid")),
        ("检查所见：双肺多发磨玻璃结节，较大者约8mm×6mm。", (7, "ground_glass")),
        ("检查所见：双肺散在多发实性微小结节，最大者约4mm。", (4, "solid")),
    ],
)
def test_several_sizes_after_several_nodules(text: str, expected: tuple[int, str]) -> None:
    assert _guide(text) == (None, *expected, "multiple")


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("Findings: 7 mm part-solid nodule in the left upper lobe with a 3 mm solid component.", 7),
        ("Findings: Part-solid nodule, right lower lobe, 9 mm in total (solid portion 4 mm).", 9),
        ("Findings: Subsolid nodule of 11 mm in the right upper lobe containing a 5 mm solid component.", 11),
        ("检查所见：左肺上叶见一部分实性结节，大小约7mm，实性成分约3mm。", 7),
        ("检查所见：右肺下叶见一混杂磨玻璃密度结节，大小约1.1cm×0.9cm，其内实性部分约4mm。", 10),
        ("检查所见：右肺上叶见一亚实性结节，大小约11mm，其内实性成分约5mm。", 11),
    ],
)
def test_the_solid_component_is_not_the_size(text: str, size: int) -> None:
    assert _guide(text) == (None, size, "part_solid", "single")


def test_a_subsolid_nodule_without_a_solid_part_still_asks_its_type() -> None:
    panel = build_panel(["Findings: Subsolid nodule of 11 mm in the right upper lobe, without a solid "
                         "component."])
    assert panel.status == "needs_input"
    assert any("subsolid" in m for m in panel.missing)


@pytest.mark.parametrize("advice", ["建议3个月后复查", "建议12个月后CT复查", "建议6个多月后随访"])
def test_a_follow_up_interval_is_not_a_count_of_nodules(advice: str) -> None:
    text = ("检查所见：左肺下叶见一部分实性结节，大小约1.0cm×0.8cm，其内实性成分约3mm。\n"
            f"诊断意见：左肺下叶部分实性结节，{advice}。")
    assert _guide(text) == (None, 9, "part_solid", "single")


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("Findings: Semi-solid nodule of 9 mm in the left upper lobe with a 3 mm solid core.", 9),
        ("Findings: Left upper lobe ground-glass nodule, 11 mm, with a 4 mm solid component.\n"
         "Impression: 11 mm part-solid left upper lobe nodule.", 11),
        ("检查所见：左肺上叶见一磨玻璃结节，大小约1.1cm×0.9cm，其内见实性成分约3mm。", 10),
    ],
)
def test_a_solid_part_named_makes_a_subsolid_or_ground_glass_nodule_part_solid(text: str, size: int) -> None:
    assert _guide(text) == (None, size, "part_solid", "single")


@pytest.mark.parametrize(
    "text",
    [
        "Findings: Ground-glass nodule of 7 mm in the left upper lobe, no solid component.",
        "检查所见：左肺上叶见一纯磨玻璃结节，约7mm，其内未见实性成分。",
    ],
)
def test_a_ground_glass_nodule_without_a_solid_part_stays_ground_glass(text: str) -> None:
    assert _guide(text) == (None, 7, "ground_glass", "single")


@pytest.mark.parametrize(
    "closing",
    ["Dr Okafor was informed by phone.", "Discussed with DR. OKAFOR at 14:10.", "CR: 1.2 mg/dL.",
     "Results phoned to Mr Okafor.", "Call us for the key images."],
)
def test_a_doctor_or_a_pronoun_is_not_an_examination(closing: str) -> None:
    text = f"Findings: 7 mm solid nodule in the right lower lobe. {closing}"
    assert _guide(text) == (None, 7, "solid", "single")


def test_a_digital_radiograph_in_chinese_is_still_a_radiograph() -> None:
    panel = build_panel(["检查项目：胸部DR正位\n检查所见：右下肺见一结节影，约7mm。"])
    assert panel.reason == "radiograph"


@pytest.mark.parametrize(
    "text",
    [
        "Nodule noted on an outside chest x-ray. A 7 mm solid nodule in the right lower lobe.",
        "体检胸片发现左肺结节。左肺下叶见一实性结节，大小约7mm。",
    ],
)
def test_a_radiograph_that_found_the_nodule_is_not_this_examination(text: str) -> None:
    panel = build_panel([text])
    assert panel.reason != "radiograph" and panel.status == "needs_input"
    assert RADIOGRAPH_ASKS in panel.missing


# -- a prior size in parentheses after the current one ----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Findings: Left lower lobe solid nodule, 7 x 6 mm (previously 4 x 4 mm).", ("growth", None)),
        ("Findings: Left lower lobe solid nodule measuring 8 mm (prior 5 mm).", ("growth", None)),
        ("Findings: Left lower lobe solid nodule, 5 x 4 mm (previously 5 x 4 mm), unchanged.", (None, 5)),
        ("检查所见：左肺下叶实性结节，大小约8mm（前片约5mm）。", ("growth", None)),
    ],
)
def test_the_size_before_a_parenthesised_prior_is_the_current_one(text: str, expected: tuple) -> None:
    assert _guide(text)[:2] == expected


# -- the typical perifissural shape ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Findings: 4 mm lentiform solid nodule along the left major fissure.",
        "检查所见：右肺斜裂旁见一类三角形实性结节，约4mm。",
    ],
)
def test_a_triangular_or_lentiform_nodule_on_a_fissure_is_perifissural(text: str) -> None:
    assert _guide(text)[0] == "perifissural"


def test_a_nodule_beside_a_fissure_without_the_shape_is_counted() -> None:
    text = "Findings: 4 mm solid nodule next to the left major fissure."
    assert _guide(text) == (None, 4, "solid", "single")


# -- a calcification that is not a benign pattern --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        CT + "FINDINGS: 7 mm solid nodule in the left lower lobe with eccentric calcification.",
        CT + "FINDINGS: 7 mm solid nodule in the left lower lobe containing stippled calcifications.",
        "检查所见：左肺下叶见一实性结节，约7mm，其内见砂粒样钙化。",
    ],
)
def test_a_calcification_that_is_not_a_benign_pattern_is_asked_about(text: str) -> None:
    panel = build_panel([text])
    assert panel.status == "needs_input" and panel.reason != "benign_calcified"
    assert any("not one of the benign patterns" in m for m in panel.missing)
    counted = apply_overrides(panel, [Override("nodule.n1.status", "counted")])
    assert counted.status == "recommendation"
    benign = apply_overrides(panel, [Override("nodule.n1.status", "benign_calcified")])
    assert benign.reason == "benign_calcified"


@pytest.mark.parametrize(
    "text",
    [
        CT + "FINDINGS: 6 mm diffusely calcified nodule in the left lower lobe.",
        CT + "FINDINGS: 6 mm nodule in the left lower lobe with popcorn calcification.",
        "检查所见：左肺下叶见一钙化结节，约6mm。",
    ],
)
def test_a_benign_calcification_pattern_stays_out_of_the_table(text: str) -> None:
    assert build_panel([text]).reason == "benign_calcified"
