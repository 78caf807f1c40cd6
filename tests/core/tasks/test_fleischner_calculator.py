"""The Fleischner calculator with its inputs in view (issue 26, item 1): every notation, every
way an age or an exclusion is written, both directions of risk, the defaults, what it asks
for, the clinician's corrections and the model as a second reader. Reports are written
here for these tests."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from app.core.tasks.fleischner import Override, OverrideError
from app.core.tasks.followup import apply_overrides, build_panel, case_prediction, overrides_from_options
from app.core.tasks.nodules import mean_size, measurements, read_document
from app.core.tasks.render import fleischner_panel
from app.core.tasks.results import Finding, Grounding
from tests.conftest import CORPUS, SHARED

CT = "EXAMINATION: CT chest without contrast\n"


def _guide(text: str) -> tuple[int | None, str | None, str | None]:
    panel = build_panel([text])
    if panel.guiding is None:
        return None, None, panel.reason
    guide = panel.nodules[panel.guiding]
    return guide.size_mm, guide.nodule_type, panel.count


# -- sizes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "size"),
    [
        ("A 7-mm solid nodule in the right lower lobe.", 7),
        ("Solid nodule in the right lower lobe measuring 0,7 cm.", 7),
        ("Solid nodule in the right lower lobe, 1.2 x 0.8 cm.", 10),
        ("Solid nodule in the right lower lobe, 8mm×6mm.", 7),
        ("Solid nodule in the right lower lobe measuring 9 by 8 mm.", 9),
        ("Solid nodule in the right lower lobe, 10 x 7 x 9 mm.", 10),  # three axes: the two largest
        ("Solid nodule in the right lower lobe of 5.5 mm.", 6),  # half up
        ("Solid nodule in the right lower lobe of 8.4 mm.", 8),
    ],
)
def test_every_english_size_notation(phrase: str, size: int) -> None:
    assert _guide(CT + "FINDINGS: " + phrase) == (size, "solid", "single")


@pytest.mark.parametrize(
    ("phrase", "size"),
    [
        ("左肺上叶舌段见一实性结节，大小约0.9厘米×0.5厘米。", 7),
        ("右肺下叶见一实性结节，约5毫米。", 5),
        ("右肺下叶见一实性结节，大小约1.1cm×0.7cm，边缘光整。", 9),
        ("右肺下叶见一实性结节，直径约6.5mm。", 7),
    ],
)
def test_every_chinese_size_notation(phrase: str, size: int) -> None:
    assert _guide("检查项目：胸部CT平扫\n检查所见：" + phrase) == (size, "solid", "single")


def test_mean_size_rounds_half_up() -> None:
    assert (
        mean_size([6, 5]) == 6 and mean_size([6.5]) == 7 and mean_size([5.4]) == 5 and mean_size([9, 7]) == 8
    )


def test_a_range_for_several_nodules_is_guided_by_its_upper_end() -> None:
    assert _guide(CT + "FINDINGS: Several solid nodules in both lower lobes, 2-5 mm.") == (
        5,
        "solid",
        "multiple",
    )
    assert _guide("检查项目：胸部CT\n检查所见：双肺见数枚磨玻璃结节，直径约4～7mm。") == (
        7,
        "ground-glass",
        "multiple",
    )


def test_a_range_for_one_nodule_is_asked_about() -> None:
    panel = build_panel([CT + "FINDINGS: A 4-6 mm solid nodule in the right lower lobe."])
    assert panel.recommendation.recommendation is None and panel.reason == "conflict"
    assert panel.missing == ["a range of sizes is given for one nodule: \u201c4-6 mm\u201d"]


def test_several_nodules_in_one_sentence() -> None:
    text = (
        CT
        + "FINDINGS: Solid nodules in the right middle lobe (3 mm), lingula (4 mm) and left lower lobe (9 x "
          "7 mm)."
    )
    assert _guide(text) == (8, "solid", "multiple")
    text = CT + "FINDINGS: Solid nodules measuring 2, 3 and 6 mm in the lower lobes."
    assert _guide(text) == (6, "solid", "multiple")


def test_a_solid_component_does_not_set_the_size_of_a_part_solid_nodule() -> None:
    text = (
        CT + "FINDINGS: Part-solid nodule in the right lower lobe, 15 x 11 mm overall, solid component 5 mm."
    )
    assert _guide(text) == (13, "part-solid", "single")
    assert _guide(
        "检查项目：胸部CT\n检查所见：右肺下叶见一混合磨玻璃结节，大小约1.0cm×0.8cm，实性成分约3mm。"
    ) == (9, "part-solid", "single")


def test_the_size_of_something_else_in_the_sentence_is_not_the_nodules() -> None:
    text = CT + "FINDINGS: 5 mm solid nodule in the right lower lobe next to a 3 cm bulla."
    assert _guide(text) == (5, "solid", "single")


def test_prior_and_current_sizes() -> None:
    stable = CT + "FINDINGS: 6 mm solid nodule in the right lower lobe, previously 6 mm."
    assert _guide(stable) == (6, "solid", "single")
    for grown in ("The right lower lobe solid nodule measures 10 mm, up from 6 mm.",
                  "The right lower lobe solid nodule has increased in size from 5 mm to 9 mm.",
                  "右肺下叶实性结节较前增大，现约8mm，前片约5mm。"):  # fmt: skip
        panel = build_panel([CT + "FINDINGS: " + grown])
        assert panel.reason == "growth" and panel.recommendation is None, grown


# -- calcification, perifissural, mass --------------------------------------------------------


def test_calcified_nodules_are_benign_and_do_not_count() -> None:
    assert build_panel([CT + "FINDINGS: 4 mm calcified granuloma in the left lower lobe."]).reason == (
        "benign_calcified"
    )
    text = CT + "FINDINGS: Calcified granuloma in the lingula. 7 mm solid nodule in the right lower lobe."
    assert _guide(text) == (7, "solid", "single")
    assert (
        build_panel(["检查项目：胸部CT\n检查所见：右肺上叶见一钙化结节，直径约4mm。"]).reason
        == "benign_calcified"
    )


def test_perifissural_and_mass() -> None:
    text = CT + "FINDINGS: 5 mm oval solid nodule abutting the minor fissure, a typical perifissural nodule."
    assert build_panel([text]).reason == "perifissural"
    assert build_panel([CT + "FINDINGS: 3.2 cm solid nodule in the left upper lobe."]).reason == "mass"
    assert build_panel(["检查项目：胸部CT\n检查所见：右肺下叶见一肿块，大小约3.6cm×3.0cm。"]).reason == "mass"


# -- modality, screening, exclusions, age -----------------------------------------------------


@pytest.mark.parametrize("exam", ["Chest radiograph, 2 views", "XR chest PA and lateral", "CXR portable",
                                  "胸部正位片（DR）"])  # fmt: skip
def test_radiographs_are_out_of_scope(exam: str) -> None:
    panel = build_panel([f"EXAMINATION: {exam}\nFINDINGS: 8 mm solid nodule in the right lower lobe."])
    assert panel.reason == "radiograph" and panel.recommendation is None


def test_an_earlier_radiograph_in_the_history_does_not_make_a_ct_a_radiograph() -> None:
    text = (
        CT
        + "INDICATION: Nodule seen on a chest x-ray last week.\nFINDINGS: 8 mm solid nodule in the right "
          "lower lobe."
    )
    assert _guide(text) == (8, "solid", "single")


def test_an_unstated_modality_is_asked_for() -> None:
    # solid says CT, the earlier radiograph named beside it leaves the examination unsettled: it asks
    panel = build_panel(["FINDINGS: 8 mm solid nodule in the right lower lobe.\nCOMPARISON: Chest x-ray, "
                         "May 2021."])
    assert panel.recommendation.recommendation is None
    assert panel.missing == ["the examination is not stated to be a CT (the table is for nodules seen on CT)"]
    fixed = apply_overrides(panel, [Override("modality", "CT")])
    assert fixed.recommendation.by_risk and fixed.status == "recommendation"


@pytest.mark.parametrize(
    ("history", "reason"),
    [
        ("Breast cancer, on adjuvant chemotherapy.", "known_cancer"),
        ("Metastatic work-up for melanoma.", "known_cancer"),
        ("Staging of newly diagnosed rectal adenocarcinoma.", "known_cancer"),
        ("History of lymphoma.", "known_cancer"),
        ("Renal transplant on tacrolimus.", "immunocompromised"),
        ("HIV positive.", "immunocompromised"),
        ("Lung cancer screening, annual.", "screening"),
        ("结肠癌术后化疗中。", "known_cancer"),
        ("乳腺癌术后。", "known_cancer"),
        ("肝移植术后。", "immunocompromised"),
        ("HIV感染。", "immunocompromised"),
    ],
)
def test_exclusions_in_english_and_chinese(history: str, reason: str) -> None:
    panel = build_panel([CT + f"HISTORY: {history}\nFINDINGS: 6 mm solid nodule in the right lower lobe."])
    assert panel.reason == reason and panel.recommendation is None
    item = next(i for i in panel.inputs if i.key == f"exclusion.{reason}")
    assert item.value is True and item.source == "report" and item.evidence


@pytest.mark.parametrize("history", ["No history of malignancy.", "Mother had breast cancer.",
                                     "Rule out malignancy.", "HIV negative."])  # fmt: skip
def test_what_is_not_an_exclusion(history: str) -> None:
    panel = build_panel([CT + f"HISTORY: {history}\nFINDINGS: 6 mm solid nodule in the right lower lobe."])
    assert panel.status == "recommendation", panel.notes


@pytest.mark.parametrize("age", ["28 y/o man", "28yo F", "28-year-old", "Age: 28", "M/28", "28 years old",
                                 "患者男，28岁",
                                 "年龄：28"])  # fmt: skip
def test_every_way_an_age_is_written(age: str) -> None:
    panel = build_panel(
        [CT + f"HISTORY: {age}, cough.\nFINDINGS: 6 mm solid nodule in the right lower lobe."]
    )
    assert panel.reason == "age_under_35", age
    assert next(i for i in panel.inputs if i.key == "age").value == 28


def test_an_age_at_which_something_happened_is_not_the_patients() -> None:
    text = (
        CT
        + "HISTORY: 50-year-old. Father died of lung cancer at age 30.\nFINDINGS: 6 mm solid nodule in the "
          "RLL."
    )
    panel = build_panel([text])
    assert panel.status == "recommendation" and next(i for i in panel.inputs if i.key == "age").value == 50


def test_the_defaults_are_shown_as_defaults() -> None:
    panel = build_panel([CT + "FINDINGS: 6 mm solid nodule in the right lower lobe."])
    inputs = {i.key: i for i in panel.inputs}
    assert inputs["age"].value is None and inputs["age"].source == "default"
    assert "age not stated: the table is for adults of 35 or over" in panel.notes
    assert all(inputs[f"exclusion.{k}"].value is False and inputs[f"exclusion.{k}"].source == "default"
               for k in ("known_cancer", "immunocompromised", "screening"))  # fmt: skip
    assert panel.risk is None and panel.cells == {"low": "S1_6TO8_LOW", "high": "S1_6TO8_HIGH"}


# -- risk, both directions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("history", "risk"),
    [
        ("Never smoker.", "low"),
        ("Lifelong non-smoker.", "low"),
        ("Denies smoking.", "low"),
        ("Tobacco use: never.", "low"),
        ("不吸烟。", "low"),
        ("否认吸烟史。", "low"),
        ("吸烟史：无。", "low"),
        ("Current smoker.", "high"),
        ("Ex-smoker.", "high"),
        ("Quit smoking in 2015, 30 pack-years.", "high"),
        ("No longer smokes, 20 pack-years.", "high"),
        ("1 ppd x 25 years.", "high"),
        ("吸烟20年。", "high"),
        ("已戒烟5年。", "high"),
        ("戒烟。", "high"),
        ("Never smoker. Moderate emphysema.", "high"),
        ("Never smoker; brother with lung cancer.", "high"),
        ("Cough.", None),
    ],
)
def test_risk_is_read_in_both_directions(history: str, risk: str | None) -> None:
    panel = build_panel([CT + f"HISTORY: {history}\nFINDINGS: 6 mm solid nodule in the right lower lobe."])
    assert panel.risk == risk, history


def test_a_report_that_says_both_never_and_former_smoker_asks() -> None:
    panel = build_panel([CT + "HISTORY: Never smoker. Former smoker, quit 2001.\nFINDINGS: 6 mm solid "
                              "nodule in "
                              "the right lower lobe."])  # fmt: skip
    assert panel.risk is None and set(panel.cells) == {"low", "high"}


# -- bad input: a named reason, never a guess, never a crash ----------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (CT + "FINDINGS: Lungs are clear. No pulmonary nodule.", "no_nodule"),
        (CT + "FINDINGS: Small solid nodule in the left lower lobe.", "size_unknown"),
        (
            CT
            + "FINDINGS: 6 mm solid nodule in the left lower lobe.\nIMPRESSION: 10 mm solid left lower lobe "
              "nodule.",
            "conflict",
        ),
        (
            CT
            + "FINDINGS: 6 mm ground-glass nodule in the left lower lobe.\nIMPRESSION: 6 mm solid nodule, "
              "left lower lobe.",
            "conflict",
        ),
        (CT + "FINDINGS: 1.2.3 cm solid nodule in the left lower lobe.", "size_unknown"),
        (CT + "FINDINGS: ?? mm solid nodule in the left lower lobe.", "size_unknown"),
        ("", "no_nodule"),
        ("\x00\x01 nodule nodule 9999999999999 mm x", None),
    ],
)
def test_bad_input_gets_a_named_reason(text: str, reason: str | None) -> None:
    panel = build_panel([text])
    assert panel.status != "recommendation"
    if reason is not None:
        assert panel.reason == reason, panel.missing
    prediction = case_prediction(panel)
    assert prediction is not None and prediction["applicable"] is False
    json.dumps(prediction)


def test_what_is_missing_is_said_exactly() -> None:
    text = (
        CT
        + "FINDINGS: 6 mm solid nodule in the right upper lobe. Another solid nodule in the left lower lobe."
    )
    panel = build_panel([text])
    assert panel.missing == ["the size of the nodule in the left lower lobe is not stated"]
    assert panel.heading == "Fleischner 2017: needs your input"


# -- corrections and recomputing --------------------------------------------------------------


def test_a_correction_recomputes_and_leaves_the_original_panel_alone() -> None:
    text = (
        CT
        + "FINDINGS: 7 mm solid nodule in the right lower lobe.\nIMPRESSION: 9 mm solid nodule, right lower "
          "lobe."
    )
    panel = build_panel([text])
    assert panel.reason == "conflict" and panel.nodules[0].sizes_stated == [7, 9]
    fixed = apply_overrides(
        panel,
        [Override("nodule.n1.size_mm", 9, at="2026-12-07T22:00:00+00:00"), Override("risk.smoking", False)],
    )
    assert panel.reason == "conflict" and panel.overrides == []  # unchanged
    assert fixed.status == "recommendation" and fixed.risk == "low"
    assert fixed.cells == {"low": "S1_GT8", "high": "S1_GT8"}
    assert fixed.nodules[0].size_source == "clinician"
    assert fixed.heading == "Fleischner 2017: computed from the report and your corrections, not by the model"
    assert fixed.overrides[0] == {
        "field": "nodule.n1.size_mm",
        "value": 9,
        "at": "2026-12-07T22:00:00+00:00",
        "by": "",
    }
    # plain JSON both ways, and the same panel again from the stored corrections
    stored = json.loads(json.dumps(fixed.overrides))
    assert apply_overrides(build_panel([text]), stored).cells == fixed.cells


def test_corrections_of_every_kind() -> None:
    text = (
        CT + "FINDINGS: 5 mm solid nodule in the right lower lobe. 4 mm solid nodule in the left lower lobe."
    )
    panel = build_panel([text])
    assert panel.count == "multiple" and panel.cells["low"] == "SM_LT6_LOW"
    assert apply_overrides(panel, [Override("nodule.n2.status", "not_a_nodule")]).cells["low"] == "S1_LT6_LOW"
    assert apply_overrides(panel, [Override("age", 30)]).reason == "age_under_35"
    assert apply_overrides(panel, [Override("exclusion.known_cancer", True)]).reason == "known_cancer"
    assert (
        apply_overrides(panel, [Override("nodule.n1.type", "ground_glass")]).status == "needs_input"
    )  # mixed
    assert apply_overrides(
        panel, [Override("nodule.n1.type", "ground_glass"), Override("guide", "n1")]
    ).cells == {"low": "SSM_LT6", "high": "SSM_LT6"}
    assert apply_overrides(panel, [Override("risk.emphysema", True)]).risk == "high"


@pytest.mark.parametrize("bad", [Override("nodule.n9.size_mm", 5), Override("age", "old"),
                                 Override("colour", 1), Override("nodule.n1.size_mm", -3),
                                 Override("nodule.n1.type", "fluffy")])  # fmt: skip
def test_a_correction_that_names_nothing_is_refused(bad: Override) -> None:
    panel = build_panel([CT + "FINDINGS: 5 mm solid nodule in the right lower lobe."])
    with pytest.raises(OverrideError):
        apply_overrides(panel, [bad])


def test_command_line_corrections_parse() -> None:
    found = overrides_from_options(["age=52", "risk.smoking=false", "nodule.n1.size_mm=7,5", "count=multiple",
                                    "exclusion.screening=null"])  # fmt: skip
    assert [(o.field, o.value) for o in found] == [
        ("age", 52),
        ("risk.smoking", False),
        ("nodule.n1.size_mm", 7.5),
        ("count", "multiple"),
        ("exclusion.screening", None),
    ]
    with pytest.raises(OverrideError):
        overrides_from_options(["age"])


# -- the model as a second reader -------------------------------------------------------------


def _finding(text: str, anchor: str, size: float | None) -> Finding:
    start = text.index(anchor)
    end = text.index(".", start + len(anchor) - 1) if "." in text[start + len(anchor) - 1 :] else len(text)
    return Finding(label="nodule", body_site=None, laterality=None, size_mm=size, severity=None,
                   certainty="present", evidence=text[start:end],
                   grounding=Grounding(True, 0, None, start, end, "exact"),
                   model_certainty="present", vocabulary_label="nodule")  # fmt: skip


def test_the_model_is_a_second_reader() -> None:
    text = CT + "HISTORY: Never smoker.\nFINDINGS: Solid nodule in the right lower lobe, 12 mm."
    differs = build_panel([text], findings=[_finding(text, "Solid nodule", 4.0)])
    assert differs.status == "needs_input" and differs.reason == "conflict"
    assert differs.nodules[0].size_mm == 12 and differs.nodules[0].model_size_mm == 4.0
    assert "the model reads 4 mm where the report reads 12 mm" in differs.missing[0]
    decided = apply_overrides(differs, [Override("nodule.n1.size_mm", 12)])
    assert decided.cells == {"low": "S1_GT8", "high": "S1_GT8"}
    unsized = CT + "FINDINGS: Small solid nodule in the right lower lobe."
    unconfirmed = build_panel([unsized], findings=[_finding(unsized, "Small solid", 6.0)])
    assert unconfirmed.status == "needs_input" and unconfirmed.nodules[0].size_mm is None  # not used


def test_a_nodule_only_the_model_reads_is_shown_and_decided_by_the_clinician() -> None:
    text = CT + "FINDINGS: Tiny focus of scarring in the right lower lobe."
    panel = build_panel([text], findings=[_finding(text, "Tiny focus", 3.0)])
    assert panel.status == "needs_input" and panel.nodules[0].size_source == "model"
    assert apply_overrides(panel, [Override("nodule.n1.status", "not_a_nodule")]).reason == "no_nodule"


# -- the text the command line prints ---------------------------------------------------------


def test_the_text_shows_each_input_with_its_source_and_quote() -> None:
    text = CT + "HISTORY: Former smoker.\nFINDINGS: 7 mm solid nodule in the right lower lobe."
    shown = fleischner_panel(build_panel([text], ["ct.txt"]))
    assert shown.startswith("Fleischner 2017: computed from the report, not by the model:")
    assert "CT at 6-12 months, then CT at 18-24 months." in shown
    assert "* n1 right lower lobe: 7 mm (report), solid (report)" in shown
    assert "risk.smoking = present (report) \u201cFormer smoker\u201d [ct.txt @" in shown
    assert "age = not stated (default)" in shown


# -- the case sets and the corpus -------------------------------------------------------------


@pytest.mark.skipif(not CORPUS.exists(), reason="no IU corpus beside the checkout")
def test_no_chest_radiograph_of_the_iu_corpus_gets_a_recommendation() -> None:
    with open(CORPUS, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3080
    given = []
    for row in rows:
        with_exam = (f"EXAMINATION: {row['image']}\nINDICATION: {row['indication']}\nFINDINGS: "
                     f"{row['findings']}\n"
                     f"IMPRESSION: {row['impression']}")  # fmt: skip
        text_only = f"{row['findings']}\n{row['impression']}"
        for text in (with_exam, text_only):
            if build_panel([text]).status == "recommendation":
                given.append(row["uid"])
    assert given == []


@pytest.mark.skipif(not (SHARED / "evaluation" / "score.py").exists(), reason="no evaluation sets")
def test_the_development_set_goals(tmp_path) -> None:
    """0 wrong and at least 90% exactly right on fleischner.jsonl, scored by score.py."""
    cases = SHARED / "evaluation" / "fleischner.jsonl"
    out = tmp_path / "followup.jsonl"
    with open(out, "w", encoding="utf-8") as handle:
        for line in cases.read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            predicted = case_prediction(build_panel([case["report"]]))
            handle.write(json.dumps({"id": case["id"], "predicted": predicted}) + "\n")
    figures = tmp_path / "figures.json"
    scored = subprocess.run([sys.executable, str(SHARED / "evaluation" / "score.py"), str(cases), str(out),
                             "--json", str(figures)], capture_output=True, text=True)  # fmt: skip
    assert scored.returncode == 0, scored.stderr
    result = json.loads(figures.read_text())
    assert result["wrong"] == 0 and result["missing"] == 0
    assert result["correct_share"] >= 0.90


def test_reading_is_bounded_on_a_long_report() -> None:
    text = CT + "FINDINGS: " + "6 mm solid nodule in the right lower lobe. " * 2000
    reading = read_document(text)
    assert len(reading.statements) == 2000
    assert measurements("5 mm and 7 mm", 0, 13)[0][1].size_mm == 7


@pytest.mark.parametrize(("option", "said"), [
    ("age", "write FIELD=VALUE"), ("nodule.n1.size_mm=abc", "is not a number"),
    ("colour=red", "not an input"),
])
def test_a_bad_command_line_correction_is_a_usage_error(tmp_path, option: str, said: str) -> None:
    report = tmp_path / "ct.txt"
    report.write_text(CT + "FINDINGS: 7 mm solid nodule in the right lower lobe.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "app", "analyze", str(report), "--task", "followup",
                             "--set", option], capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 2 and said in result.stderr


# -- the same nodule said twice, or two nodules -------------------------------------------------

@pytest.mark.parametrize("text", [
    CT + "FINDINGS: 5 mm solid nodule in the right lower lobe.\nIMPRESSION: Calcified granuloma.",
    CT + "FINDINGS: 6 mm solid nodule in the RLL.\nIMPRESSION: 6 mm calcified granuloma, right lower lobe.",
    "检查项目：胸部CT\n检查所见：右肺水平裂旁见一实性结节，大小约5mm。\n诊断意见：右肺水平裂旁结节，符合肺内淋巴结。",
])
def test_a_benign_word_for_the_same_nodule_stops_the_answer(text: str) -> None:
    panel = build_panel([text])
    assert panel.status == "out_of_scope" and panel.reason in ("benign_calcified", "perifissural")


def test_another_benign_nodule_does_not_stop_the_answer() -> None:
    text = (CT + "FINDINGS: 5 mm solid nodule in the right lower lobe. Additionally, a 3 mm nodule along the "
            "minor fissure, typical of an intrapulmonary lymph node.")  # fmt: skip
    assert _guide(text) == (5, "solid", "single")


def test_the_impression_placing_the_nodule_in_another_lobe_is_a_conflict() -> None:
    text = (CT + "FINDINGS: 5 mm solid nodule in the right lower lobe.\n"
            "IMPRESSION: 5 mm solid left lower lobe nodule.")  # fmt: skip
    panel = build_panel([text])
    assert panel.reason == "conflict"
    assert panel.missing == [
        "the report places one nodule in different lobes: right lower lobe / left lower lobe"]
    both = (CT + "FINDINGS: 5 mm solid nodule in the right lower lobe. "
            "5 mm solid nodule in the left lower lobe.")  # fmt: skip
    assert _guide(both) == (5, "solid", "multiple")


def test_a_measured_ground_glass_opacity_is_a_nodule_and_patchy_ones_are_not() -> None:
    measured = CT + "FINDINGS: 5 mm ground glass opacity in the right upper lobe."
    assert _guide(measured) == (5, "ground-glass", "single")
    patchy = CT + "FINDINGS: Patchy ground-glass opacities in both lower lobes."
    assert build_panel([patchy]).reason == "no_nodule"


def test_a_solid_component_after_a_comma_is_still_the_component() -> None:
    text = ("检查项目：胸部CT\n检查所见：右肺下叶见一混杂磨玻璃密度结节，大小约1.3cm×1.1cm，"
            "内见实性成分，大小约5mm。")  # fmt: skip
    assert _guide(text) == (12, "part-solid", "single")


def test_growth_that_is_denied_is_not_growth() -> None:
    for text in (CT + "FINDINGS: 6 mm solid nodule in the RLL, no interval growth.",
                 "检查项目：胸部CT\n检查所见：右肺下叶实性结节，直径约6mm，较前未见明显增大。"):  # fmt: skip
        assert build_panel([text]).status == "recommendation", text


def test_a_model_that_gives_the_long_axis_agrees_with_the_report() -> None:
    text = CT + "FINDINGS: Solid nodule in the right lower lobe, 9 x 7 mm."
    panel = build_panel([text], findings=[_finding(text, "Solid nodule", 9.0)])
    assert panel.status == "recommendation" and panel.nodules[0].size_mm == 8


def test_two_nodules_joined_by_and_a_are_two_nodules() -> None:
    text = CT + "FINDINGS: A calcified granuloma in the left lower lobe, and a 9 mm solid nodule."
    assert _guide(text) == (9, "solid", "single")  # the granuloma does not count
    text = "检查项目：胸部CT\n检查所见：右肺中叶见一钙化结节，左肺下叶另见一实性结节，直径约6mm。"
    assert _guide(text) == (6, "solid", "single")


def test_a_size_in_the_history_is_compared_with_todays() -> None:
    today = "\nFINDINGS: 6 mm solid nodule in the right lower lobe."
    assert build_panel([CT + "INDICATION: Follow-up of a 4 mm RLL nodule." + today]).reason == "growth"
    same = build_panel([CT + "INDICATION: Follow-up of a 6 mm RLL nodule." + today])
    assert same.status == "recommendation"


def test_tiny_unmeasured_nodules_beside_a_measured_one_make_several() -> None:
    text = CT + "FINDINGS: 7 mm solid nodule in the RLL. Scattered tiny nodules elsewhere, too small to size."
    assert _guide(text) == (7, "solid", "multiple")
    small = CT + "FINDINGS: 3 mm solid nodule in the RLL. Scattered tiny nodules elsewhere."
    assert build_panel([small]).reason == "size_unknown"  # which is larger is not known


def test_a_ct_and_an_earlier_radiograph_in_one_session() -> None:
    radiograph = "EXAMINATION: Chest X-ray\nFINDINGS: Nodular opacity in the right lower zone."
    panel = build_panel([CT + "FINDINGS: 7 mm solid nodule in the RLL.", radiograph], ["ct.txt", "cxr.txt"])
    assert panel.status == "recommendation"
    assert panel.nodules[panel.guiding].size_evidence[0].document == 0
    assert build_panel(["EXAMINATION: Chest X-ray\nFINDINGS: 7 mm nodule."]).reason == "radiograph"


@pytest.mark.parametrize(("history", "risk"), [
    ("Never smoker. Emphysema: none.", "low"), ("Smoker: no.", "low"), ("Passive smoker.", None),
    ("Never smoker. Family history: negative for lung cancer.", "low"), ("否认烟酒史。", "low"),
    ("长期吸烟。", "high"), ("Significant smoking history.", "high"), ("Quit drinking in 2010.", None),
])
def test_risk_in_form_fields_and_in_other_words(history: str, risk: str | None) -> None:
    panel = build_panel([CT + f"HISTORY: {history}\nFINDINGS: 6 mm solid nodule in the right lower lobe."])
    assert panel.risk == risk, history


def test_long_and_short_axes_stated_apart() -> None:
    text = CT + "FINDINGS: Solid nodule in the RLL measuring 8 mm in long axis and 6 mm in short axis."
    assert _guide(text) == (7, "solid", "single")
    chinese = "检查项目：胸部CT\n检查所见：右肺下叶见一实性结节，长径约9mm，短径约7mm。"
    assert _guide(chinese) == (8, "solid", "single")
