"""The Fleischner calculator on phrasing classes a second author's reports use (issue 26, item 1):
a negation that opens a list of features, a living organ donor (not a transplant recipient), a
former smoker written as "non-smoker for N years", a section label with a qualifier
("Findings (chest):"), an examination named only by its heading ("CT所见："), a CT that is advised
rather than done, a nodule whose type is not stated, and a type word that belongs to another
lobe's lesion. Every report here is written for these tests."""

from __future__ import annotations

import pytest

from app.core.tasks.fleischner import Override
from app.core.tasks.followup import apply_overrides, build_panel, case_prediction
from app.core.tasks.nodules import negated


def _predict(text: str) -> dict[str, object]:
    prediction = case_prediction(build_panel([text]))
    assert prediction is not None
    return prediction


def _guide(text: str) -> tuple[object, object, object]:
    prediction = _predict(text)
    guide = prediction.get("guide") or {}
    assert isinstance(guide, dict)
    return prediction.get("reason"), guide.get("size_mm"), guide.get("type")


# -- a negation opens a list: every item is negated ------------------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Smooth margins: no lobulation, calcification or internal fat in the nodule", "calcification"),
        ("Smooth margins: no lobulation, calcification or internal fat in the nodule", "fat"),
        ("a 6 mm nodule without spiculation, cavitation, or calcification", "calcification"),
        ("a 6 mm nodule without calcification or fat", "fat"),
        ("结节边缘光滑，内未见钙化及脂肪密度", "脂肪密度"),
        ("结节边缘光滑，无分叶、毛刺及钙化", "钙化"),
        ("结节边缘光滑，无分叶、毛刺及钙化", "毛刺"),
        ("内无钙化、脂肪", "脂肪"),
    ],
)
def test_every_item_of_a_negated_list_is_negated(text: str, word: str) -> None:
    at = text.index(word)
    assert negated(text, at, at + len(word), (0, len(text)))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("No pleural effusion, dense calcified granuloma in the left upper lobe", "calcified"),
        ("No effusion or pneumothorax, calcified granuloma in the left upper lobe", "calcified"),
        ("No effusion, 5 mm calcified nodule in the lingula", "calcified"),
        ("未见胸腔积液及气胸，钙化灶位于左肺上叶", "钙化"),
    ],
)
def test_a_list_that_has_closed_does_not_carry_its_negation_on(text: str, word: str) -> None:
    at = text.index(word)
    assert not negated(text, at, at + len(word), (0, len(text)))


@pytest.mark.parametrize(
    "text",
    [
        "CT thorax. 61-year-old woman, never smoked. Findings: There is no lobulation, calcification or "
        "macroscopic fat within the 7 mm solid nodule of the left lower lobe.",
        "CT thorax. 61-year-old woman, never smoked. Findings: 7 mm solid nodule, left lower lobe, without "
        "calcification or fat.",
        "胸部CT平扫。女，61岁，不吸烟。所见：左肺下叶实性结节，大小约7mm，边缘光整，无分叶、毛刺及钙化。",
        "胸部CT平扫。女，61岁，不吸烟。所见：左肺下叶实性结节，大小约7mm，内未见钙化及脂肪密度。",
    ],
)
def test_a_nodule_whose_calcification_is_listed_as_absent_is_managed_by_the_table(text: str) -> None:
    prediction = _predict(text)
    assert prediction["applicable"] is True
    assert prediction["risk"] == "low"  # negated spiculation is no risk factor either
    assert prediction["guide"] == {"size_mm": 7, "type": "solid", "count": "single"}


# -- a donor's work-up is not a transplant recipient -------------------------------------------


@pytest.mark.parametrize(
    "history",
    [
        "being assessed as a potential living kidney donor for her sister",
        "living liver donor evaluation; referred by the transplant team for donation to her son",
        "donor work-up before living donor kidney transplantation",
        "拟作为活体肾移植供者，术前评估",
        "肝移植供体评估",
    ],
)
def test_a_living_donor_is_not_immunocompromised(history: str) -> None:
    text = (f"CT chest. History: 47-year-old, never smoker, {history}.\n"
            "Findings: 5 mm solid nodule, right lower lobe.")
    prediction = _predict(text)
    assert prediction["applicable"] is True, prediction
    assert prediction["reason"] is None


@pytest.mark.parametrize(
    "history",
    [
        "kidney transplant recipient",
        "s/p renal transplant from a living donor",
        "received a liver transplant from a deceased donor",
        "renal transplant, living related donor",
        "肾移植术后，供肾来自其兄",
    ],
)
def test_a_transplant_recipient_stays_out_of_scope(history: str) -> None:
    text = (f"CT chest. History: 47-year-old, never smoker, {history}.\n"
            "Findings: 5 mm solid nodule, right lower lobe.")
    prediction = _predict(text)
    assert prediction["applicable"] is False
    assert prediction["reason"] == "immunocompromised"


# -- "non-smoker for 12 years" is a former smoker ----------------------------------------------


@pytest.mark.parametrize(
    ("history", "risk"),
    [
        ("Non-smoker for 8 years, before that 30 pack-years.", "high"),
        ("Non smoker for the last 10 years.", "high"),
        ("Has not smoked since 2012.", "high"),
        ("No smoking in the past 6 years.", "high"),
        ("已不吸烟8年。", "high"),
        ("不吸烟已10年。", "high"),
        ("停止吸烟5年。", "high"),
        ("Lifelong non-smoker for all of his 70 years.", "low"),
        ("Non-smoker, 70 years old.", "low"),
        ("No smoking in the household; non-smoker.", "low"),
        ("不吸烟。", "low"),
    ],
)
def test_a_time_since_the_last_cigarette_makes_a_former_smoker(history: str, risk: str) -> None:
    text = f"CT chest. History: 70-year-old man. {history}\nFindings: 5 mm solid nodule, right lower lobe."
    assert _predict(text)["risk"] == risk


# -- section labels and the examination ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "CT chest and abdomen\nHistory: 52-year-old, non-smoker.\nFindings (chest): 5 mm solid nodule in the "
        "right lower lobe. No other nodule.\nImpression: 5 mm right lower lobe nodule.",
        "CT chest\nFINDINGS (LUNGS): 5 mm solid nodule in the right lower lobe.\nIMPRESSION (CHEST): Small "
        "right lower lobe nodule.",
        "胸部CT\n检查所见（肺窗）：右肺下叶实性结节，约5mm。\n诊断意见：右肺下叶小结节。",
    ],
)
def test_a_section_label_with_a_qualifier_is_still_a_label(text: str) -> None:
    assert _guide(text) == (None, 5, "solid")


def test_an_examination_named_only_by_the_heading_is_that_examination() -> None:
    item = next(i for i in build_panel(["CT所见：右肺下叶实性小结节，约5mm。\n印象：右肺下叶小结节。"]).inputs
                if i.key == "modality")  # fmt: skip
    assert (item.value, item.source) == ("CT", "report")
    assert _guide("X线所见：右下肺小结节影，约5mm，实性。")[0] == "radiograph"


@pytest.mark.parametrize(
    "text",
    [
        "Findings: A 9 mm nodule in the left lower lobe. Chest CT could be done to better characterise it.",
        "Findings: 9 mm left lower lobe nodule. A chest CT may be of further value.",
        "所见：左下肺结节影，约9mm。建议进一步CT检查。",
    ],
)
def test_a_ct_that_is_advised_is_not_the_examination(text: str) -> None:
    prediction = _predict(text)
    assert prediction["applicable"] is False
    assert prediction["recommendation"] is None


# -- a nodule whose type is not stated -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "HRCT thorax. 48 yrs / F. Non smoker.\nObservations: well-defined nodule of size 4mm in the left "
        "lower lobe.\nImpression: 4 mm left lower lobe nodule.",
        "胸部CT平扫\nCT所见：两肺纹理增多，左下肺见一小结节影，约4mm。\n印象：左下肺小结节。",
    ],
)
def test_a_nodule_with_no_type_on_a_named_ct_is_read_as_solid_by_a_correctable_default(text: str) -> None:
    panel = build_panel([text])
    assert _guide(text) == (None, 4, "solid")
    nodule = panel.nodules[panel.guiding]
    assert (nodule.nodule_type, nodule.type_source) == ("solid", "default")
    assert any(note.startswith("type not stated") for note in panel.notes)
    assert panel.heading != "Fleischner 2017: computed from the report, not by the model"
    corrected = apply_overrides(panel, [Override(f"nodule.{nodule.id}.type", "ground_glass")])
    assert corrected.nodules[corrected.guiding].nodule_type == "ground-glass"


@pytest.mark.parametrize(
    "text",
    [
        # a hint anywhere that something is not solid: ask
        "CT chest. Findings: 4 mm nodule in the left lower lobe. Elsewhere a hazy opacity in the lingula.",
        "CT chest. Findings: 7 mm ground-glass nodule in the right upper lobe. 4 mm nodule in the left lower "
        "lobe.",
        "CT chest. Findings: 4 mm nodular opacity in the left lower lobe.",
        "CT chest. Findings: 4 mm nodule in the left lower lobe of low attenuation.",
        "胸部CT：左下肺见小结节影，约4mm，密度较淡。",
        "胸部CT：左下肺见小结节，约4mm，边界模糊。",
        # the examination is not named: nothing vouches for the reading
        "Findings: 4 mm nodule in the left lower lobe, 35 HU.",
        "所见：左下肺见小结节影，约4mm。",
    ],
)
def test_a_nodule_with_no_type_is_not_read_as_solid_where_anything_says_otherwise(text: str) -> None:
    prediction = _predict(text)
    assert prediction["applicable"] is False
    assert prediction["recommendation"] is None


# -- a type word that belongs to another lobe's lesion -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "胸部CT：右肺上叶见磨玻璃影，左肺下叶见小结节，约5mm。",
        "CT chest: ground-glass opacity in the right upper lobe, a nodule in the left lower lobe, 5 mm.",
    ],
)
def test_a_type_stated_for_a_lesion_in_another_lobe_does_not_type_the_nodule(text: str) -> None:
    prediction = _predict(text)
    assert prediction["recommendation"] is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("胸部CT：双肺多发磨玻璃结节，右肺上叶约5mm，左肺下叶约3mm。", "ground_glass"),
        ("CT chest: Three solid nodules: right upper lobe 5 mm, left lower lobe 3 mm, lingula 3 mm.",
         "solid"),
        ("CT chest: Ground-glass nodule, right upper lobe, 7 mm.", "ground_glass"),
        ("CT chest: 6 mm pGGN in the right middle lobe.", "ground_glass"),
    ],
)
def test_a_type_stated_for_a_group_or_its_own_nodule_still_types_it(text: str, kind: str) -> None:
    assert _guide(text)[2] == kind
