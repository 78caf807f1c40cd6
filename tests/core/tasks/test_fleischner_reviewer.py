"""Wrong recommendations a reviewer found, one class of phrasing per test, in English and
Chinese; the reports are written for these tests, not taken from any case set."""

from __future__ import annotations

import pytest

from app.core.tasks.followup import build_panel, case_prediction


def _predict(text: str) -> dict[str, object]:
    return case_prediction(build_panel([text]))


def _guide(text: str) -> dict[str, object]:
    prediction = _predict(text)
    assert prediction["applicable"], prediction
    guide = prediction["guide"]
    assert isinstance(guide, dict)
    return guide


@pytest.mark.parametrize("text", [
    "CT chest. Single solid nodule in the left lower lobe, 0.6 x 0.5 cm. The previous CT from last year "
    "showed 0.4 cm.",
    "CT chest. 6 mm solid nodule in the left lower lobe. On the examination of 2021 it measured 4 mm.",
    "CT chest. Left lower lobe nodule 6 mm. Earlier 4 mm.",
    "CT chest. Solid left lower lobe nodule, 6 mm. Comparison study 2021: 4 mm.",
    "胸部CT：左肺下叶实性结节，大小约6mm。2021年老片约4mm。",
    "胸部CT：左肺下叶实性结节约6mm。前次检查约4mm。",
    "CT chest. 6 mm solid nodule in the left lower lobe. It was 4 mm last year.",
    "胸部CT：左肺下叶实性结节约6mm。去年外院CT约4mm。",
])
def test_an_earlier_size_in_a_sentence_of_its_own_is_a_change(text: str) -> None:
    prediction = _predict(text)
    assert not prediction["applicable"] and prediction["reason"] == "growth", prediction


@pytest.mark.parametrize("text", [
    "CT chest. 7 mm solid nodule in the right upper lobe. 4 mm solid nodule in the left lower lobe. "
    "Previous CT: 5 mm.",
    "胸部CT：右肺上叶实性结节约7mm，左肺下叶实性结节约4mm。前片约5mm。",
])
def test_an_earlier_size_that_fits_no_nodule_in_particular_is_asked(text: str) -> None:
    prediction = _predict(text)
    assert not prediction["applicable"] and prediction["reason"] == "conflict", prediction


@pytest.mark.parametrize("text", [
    "CT chest. 6 mm solid nodule in the left lower lobe, unchanged from the prior CT of 2021.",
    "胸部CT：左肺下叶实性结节约6mm，与2021年片比较大小相仿。",
])
def test_a_stable_nodule_is_still_read_by_the_table(text: str) -> None:
    assert _guide(text)["size_mm"] == 6


@pytest.mark.parametrize("text", [
    "CT chest. 9 mm nodule in the left lower lobe, mixed solid and ground glass.",
    "CT chest. 9 mm left lower lobe nodule with ground-glass and solid components.",
    "胸部CT：左肺下叶结节约9mm，呈混合密度。",
])
def test_mixed_solid_and_ground_glass_is_part_solid(text: str) -> None:
    assert _guide(text)["type"] == "part_solid"


@pytest.mark.parametrize("text", [
    "CT chest. 5 mm solid nodule in the left lower lobe; an enlarged subcarinal lymph node measures "
    "1.8 cm in short axis.",
    "CT chest. 5 mm solid nodule in the left lower lobe, small left effusion measuring 2.5 cm in depth.",
    "胸部CT：左肺下叶实性结节约5mm，纵隔内见肿大淋巴结，短径约1.8cm。",
])
def test_a_size_of_another_structure_in_the_sentence_is_not_the_nodules(text: str) -> None:
    assert _guide(text)["size_mm"] == 5


@pytest.mark.parametrize("factor", [
    "Background of interstitial lung disease.",
    "Usual interstitial pneumonia pattern of fibrosis in both bases.",
    "Findings compatible with NSIP.",
    "双肺间质性肺炎。",
    "双下肺间质性改变。",
])
def test_interstitial_lung_disease_is_a_risk_factor(factor: str) -> None:
    text = f"CT chest. {factor} 7 mm solid nodule in the left lower lobe."
    if factor[0] > "\u4e00":
        text = f"胸部CT：{factor}左肺下叶实性结节约7mm。"
    assert _predict(text)["risk"] == "high"


@pytest.mark.parametrize("text", ["No interstitial lung disease. 7 mm solid nodule in the left lower lobe.",
                                  "胸部CT：左肺下叶实性结节约7mm。未见间质性改变。"])
def test_absent_interstitial_disease_is_not_a_risk_factor(text: str) -> None:
    assert _predict(text)["risk"] != "high"


@pytest.mark.parametrize("age", ["29M.", "Patient (M, 29).", "F29.", "29F.", "29 y.", "29yo.",
                                 "Patient: 29 y, male."])
def test_an_age_under_35_in_short_forms_is_read(age: str) -> None:
    prediction = _predict(f"{age}\nCT chest: 5 mm solid nodule in the left lower lobe.")
    assert not prediction["applicable"] and prediction["reason"] == "age_under_35", prediction


def test_an_age_under_35_in_chinese_is_read() -> None:
    prediction = _predict("男，29岁。胸部CT：左肺下叶实性结节约5mm。")
    assert not prediction["applicable"] and prediction["reason"] == "age_under_35", prediction


@pytest.mark.parametrize("text", [
    "CT chest. Solid nodule in the left lower lobe, less than 6 mm.",
    "CT chest. Solid nodule in the left lower lobe, under 5 mm.",
    "CT chest. Solid left lower lobe nodule <4 mm.",
    "胸部CT：左肺下叶实性结节，小于6mm。",
    "胸部CT：左肺下叶实性结节，直径不足5mm。",
])
def test_an_upper_bound_below_6_mm_is_the_smallest_row(text: str) -> None:
    assert _guide(text)["size_mm"] < 6


@pytest.mark.parametrize("text", ["CT chest. Solid nodule in the left lower lobe, less than 1 cm.",
                                  "CT chest. Solid nodule in the left lower lobe, no larger than 6 mm.",
                                  "胸部CT：左肺下叶实性结节，小于1cm。",
                                  "胸部CT：左肺下叶实性结节，不超过6mm。"])
def test_an_upper_bound_that_spans_rows_gives_no_row(text: str) -> None:
    assert not _predict(text)["applicable"]


@pytest.mark.parametrize("text", ["CT chest. 7 mm solid nodule in the lingula.",
                                  "CT chest. 7 mm solid lingular nodule.",
                                  "胸部CT：左肺上叶舌段实性结节约7mm。"])
def test_the_lingula_is_an_upper_lobe_location(text: str) -> None:
    assert _predict(text)["risk"] == "high"


@pytest.mark.parametrize("text", [
    "CT chest. 6 mm solid nodule in the left lower lobe. Reconstructed at 1 mm, compared with 2021.",
    "CT chest. 6 mm solid nodule in the left lower lobe. The prior study showed a 2 cm liver cyst.",
    "胸部CT：左肺下叶实性结节约6mm。与2021年片比较，层厚1mm。",
    "胸部CT：左肺下叶实性结节约6mm。前片肝内囊肿约2cm。",
])
def test_an_earlier_size_of_something_else_is_not_a_change(text: str) -> None:
    assert _guide(text)["size_mm"] == 6
