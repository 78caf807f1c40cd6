"""Issue 26, item 1: the Fleischner calculator gave wrong answers with authority. One test per
defect the issue lists, in its own words (each of these failed on the code before the fix);
the reports here are written for these tests, not taken from any case set."""

from __future__ import annotations

import pytest

from app.core.tasks.followup import build_panel
from app.core.tasks.results import Finding, FleischnerPanel, Grounding

SOLID_MULTIPLE_GT8_HIGH = "CT at 3-6 months, then at 18-24 months."


def _answer(panel: FleischnerPanel) -> str | None:
    """The recommendation the panel gives (both rows count as an answer), None when it gives none."""
    rec = panel.recommendation
    if rec is None:
        return None
    if rec.recommendation is not None:
        return rec.recommendation
    return " / ".join(rec.by_risk.values()) or None


def test_a_hyphenated_size_is_read_and_the_largest_of_two_nodules_guides() -> None:
    text = ("EXAMINATION: CT thorax with contrast\nHISTORY: 66-year-old man, current smoker.\n"
            "FINDINGS: A 14-mm solid nodule sits in the left upper lobe. A 4 mm solid nodule is seen in the "
            "right lower lobe.")  # fmt: skip
    assert _answer(build_panel([text])) == SOLID_MULTIPLE_GT8_HIGH


def test_another_nodule_without_a_size_gives_no_answer() -> None:
    text = ("EXAMINATION: CT chest\nFINDINGS: 5 mm solid nodule in the right lower lobe. A further solid "
            "nodule "
            "in the left lower lobe is partly obscured and not measured.")  # fmt: skip
    panel = build_panel([text])
    assert _answer(panel) is None


def test_a_nodule_that_grew_against_a_prior_gets_no_table_answer() -> None:
    text = ("EXAMINATION: CT chest\nFINDINGS: Single solid nodule in the left lower lobe, previously 5 mm, "
            "now 11 mm.")  # fmt: skip
    assert _answer(build_panel([text])) is None


@pytest.mark.parametrize(
    "phrase",
    [
        "An 8 mm noncalcified solid nodule in the right lower lobe.",
        "An 8 mm solid nodule in the right lower lobe without calcification.",
    ],
)
def test_noncalcified_is_not_calcified(phrase: str) -> None:
    panel = build_panel([f"EXAMINATION: CT chest\nHISTORY: Current smoker.\nFINDINGS: {phrase}"])
    assert _answer(panel) == "CT at 6-12 months, then CT at 18-24 months."


@pytest.mark.parametrize(
    "phrase", ["右肺下叶见一实性结节，大小约8mm，未见钙化。", "右肺下叶见一实性结节，大小约8mm，无钙化。"]
)
def test_chinese_no_calcification_is_not_calcified(phrase: str) -> None:
    panel = build_panel([f"检查项目：胸部CT平扫\n病史：现吸烟。\n检查所见：{phrase}"])
    assert _answer(panel) == "CT at 6-12 months, then CT at 18-24 months."


@pytest.mark.parametrize("history", ["Smoking status: Never smoker.", "Smoking history: never."])
def test_a_never_smoker_status_line_is_low_risk(history: str) -> None:
    panel = build_panel([f"EXAMINATION: CT chest\nHISTORY: {history}\nFINDINGS: 7 mm solid nodule in the "
                         "right lower lobe."])  # fmt: skip
    assert panel.risk == "low"
    assert _answer(panel) == "CT at 6-12 months, then consider CT at 18-24 months."


def test_chinese_smoking_history_none_is_low_risk() -> None:
    panel = build_panel(
        ["检查项目：胸部CT平扫\n病史：胸闷。吸烟史：无。\n检查所见：右肺下叶见一实性结节，直径约7mm。"]
    )
    assert panel.risk == "low"


def test_a_former_smoker_who_no_longer_smokes_is_high_risk() -> None:
    panel = build_panel(["EXAMINATION: CT chest\nHISTORY: No longer smokes, 35 pack-years.\nFINDINGS: 7 mm "
                         "solid "
                         "nodule in the right lower lobe."])  # fmt: skip
    assert panel.risk == "high"


@pytest.mark.parametrize(
    "history",
    [
        "Colon cancer patient currently on chemotherapy.",
        "s/p right upper lobectomy for lung adenocarcinoma.",
        "Known HIV infection.",
        "31 y/o woman with cough.",
    ],
)
def test_out_of_scope_patients_get_no_answer(history: str) -> None:
    panel = build_panel([f"EXAMINATION: CT chest\nHISTORY: {history}\nFINDINGS: 6 mm solid nodule in the "
                         f"left "
                         "lower lobe."])  # fmt: skip
    assert _answer(panel) is None and not panel.applicable


def test_chinese_post_operative_cancer_gets_no_answer() -> None:
    panel = build_panel(
        ["检查项目：胸部CT增强\n临床诊断：胃癌术后复查\n检查所见：左肺下叶见一实性结节，直径约6mm。"]
    )
    assert _answer(panel) is None and not panel.applicable


def test_a_chest_radiograph_gets_no_answer() -> None:
    panel = build_panel(["EXAMINATION: Chest X-ray, PA and lateral\nFINDINGS: 9 mm solid-appearing nodule "
                         "projecting over the right lower zone."])  # fmt: skip
    assert _answer(panel) is None and not panel.applicable


def test_a_models_size_never_replaces_the_reports() -> None:
    text = (
        "EXAMINATION: CT chest\nHISTORY: Never smoker.\nFINDINGS: 16 mm solid nodule in the right lower lobe."
    )
    start = text.index("16 mm")
    finding = Finding(label="nodule", body_site="right lower lobe", laterality="right", size_mm=5.0,
                      severity=None, certainty="present", evidence=text[start:],
                      grounding=Grounding(True, 0, None, start, len(text), "exact"),
                      model_certainty="present", vocabulary_label="nodule")  # fmt: skip
    panel = build_panel([text], findings=[finding])
    assert _answer(panel) != "No routine follow-up."
    assert _answer(panel) is None  # the two readings differ: the clinician decides first
