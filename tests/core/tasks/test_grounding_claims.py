"""Grounding checks what the draft claims, not only that a string occurs (issue 26, item 3).

Every report below is written for these tests. The last test runs the check over the
development set beside the checkout (../shared/evaluation/grounding.jsonl) and asserts the
issue's goals.
"""

from __future__ import annotations

import json

import pytest

from app.core.tasks.claim_check import Claim, check_claim, sides_in, sizes_in
from app.core.tasks.findings import check
from app.core.tasks.grounding import SourceIndex, locate
from tests.conftest import SHARED

CT = (
    "EXAMINATION: CT thorax, non-contrast\n"
    "CLINICAL HISTORY: Chronic cough. Rule out pneumothorax after biopsy.\n"
    "FINDINGS: There is a 14 mm part-solid nodule in the left upper lobe. "
    "A lipid-containing lesion of -60 HU abuts the right hilum. "
    "Scattered 2-3 mm micronodules in both lower lobes. Mediastinal nodes are all <8 mm. "
    "Trace right pleural effusion. No pneumothorax. The heart is mildly enlarged. "
    "Atelectasis at the right base. Consolidation in the lingula.\n"
    "IMPRESSION: 14 mm part-solid LUL nodule; follow-up advised."
)
ZH = (
    "临床诊断：发热待查，肺炎？\n"
    "检查所见：左肺下叶见一实性结节，大小约1.6cm×1.2cm。右肺中叶见一枚小结节，直径约6mm。"
    "右侧胸腔未见积液。心影不大。\n"
    "诊断意见：左肺下叶实性结节，建议随访。"
)


def claim(evidence: str, label: str = "nodule", certainty: str = "present", size: float | None = None,
          side: str | None = None) -> Claim:  # fmt: skip
    return Claim(label, certainty, evidence, size, side)


def verdict(report: str, c: Claim) -> tuple[str, str | None]:
    result = check_claim(report, c)
    return result.verdict, result.why


# -- numbers: boundaries, signs, comparators, ranges (failed before: all grounded) -------------
def test_a_number_is_not_found_inside_a_longer_number():
    assert locate("4 mm part-solid nodule in the left upper lobe", CT) is None
    assert verdict(CT, claim("4 mm part-solid nodule in the left upper lobe", size=4, side="left")) == (
        "unsupported",
        "number_differs",
    )
    assert locate("左肺下叶见一实性结节，大小约6cm×1.2cm", ZH) is None  # 1.6 cut to 6
    assert verdict(ZH, claim("直径约16mm")) == ("unsupported", "number_differs")


def test_a_sign_is_part_of_the_number():
    assert locate("lipid-containing lesion of -60 HU", CT) is not None
    assert locate("lipid-containing lesion of 60 HU", CT) is None
    assert locate("60 HU abuts the right hilum", CT) is None
    assert verdict(CT, claim("60 HU abuts the right hilum", "mass")) == ("unsupported", "number_differs")


def test_a_comparator_must_be_the_same():
    assert locate("Mediastinal nodes are all <8 mm", CT) is not None
    assert locate("Mediastinal nodes are all >8 mm", CT) is None
    assert locate("Mediastinal nodes are all ≥8 mm", CT) is None
    assert verdict(CT, claim("Mediastinal nodes are all >8 mm", "lymphadenopathy")) == (
        "unsupported",
        "comparator_differs",
    )
    assert verdict(CT, claim("nodes are all 8 mm", "lymphadenopathy")) == (
        "unsupported",
        "comparator_differs",
    )


def test_a_range_keeps_its_hyphen():
    assert locate("Scattered 2-3 mm micronodules", CT) is not None
    assert locate("Scattered 23 mm micronodules", CT) is None
    assert verdict(CT, claim("Scattered 23 mm micronodules", size=23)) == ("unsupported", "number_differs")


def test_a_decimal_separator_must_be_the_same():
    assert locate("大小约1,6cm×1,2cm", ZH) is None
    assert locate("大小约1.6cm×1.2cm", ZH) is not None


# -- sentences and words ------------------------------------------------------------------------
def test_an_ellipsis_quote_must_stay_in_one_sentence():
    stitched = "right pleural effusion … heart is mildly enlarged … Consolidation"
    assert locate(stitched, CT) is None
    assert verdict(CT, claim(stitched, "pleural effusion", side="right")) == (
        "unsupported",
        "spans_sentences",
    )
    assert verdict(CT, claim("14 mm part-solid nodule … left upper lobe", size=14, side="left")) == (
        "supported",
        None,
    )
    assert verdict(ZH, claim("左肺下叶……直径约6mm", side="left")) == ("unsupported", "spans_sentences")


def test_a_quote_that_only_matches_across_a_full_stop_is_refused():
    assert locate("Atelectasis at the right base Consolidation", CT) is None
    assert verdict(CT, claim("right base consolidation", "consolidation", side="right")) == (
        "unsupported",
        "spans_sentences",
    )
    assert verdict(CT, claim("No pneumothorax The heart is mildly enlarged", "cardiomegaly")) == (
        "unsupported",
        "spans_sentences",
    )


def test_a_word_is_not_found_inside_a_longer_word():
    assert locate("nodules in both lower lobes", CT) is None  # the report says "micronodules"
    assert locate("micronodules in both lower lobes", CT) is not None


def test_a_loose_match_never_vouches_for_a_quote():
    quote = "14 mm part solid LUL nodule follow-up advised"  # the semicolon dropped
    span = SourceIndex(CT).locate(quote)
    result = check_claim(CT, claim(quote, size=14, side="left"))
    assert span is None or span.match == "loose"
    assert result.verdict == "unsupported"


def test_what_is_ignored_case_blanks_width_and_edge_punctuation():
    for quote in (
        "“THE HEART IS MILDLY ENLARGED.”",
        "The  heart is\nmildly enlarged",
        "(the heart is mildly enlarged)",
    ):
        result = check_claim(CT, claim(quote, "cardiomegaly"))
        assert result.verdict == "supported", quote
    full_width = check_claim(ZH, claim("右肺中叶见一枚小结节,直径约６ｍｍ", size=6, side="right"))
    assert full_width.verdict == "supported" and full_width.match == "normalised"
    exact = check_claim(ZH, claim("右肺中叶见一枚小结节，直径约6mm", size=6, side="right"))
    assert exact.match == "exact" and not exact.mismatches


# -- what the finding claims --------------------------------------------------------------------
def test_the_quote_must_name_the_finding():
    assert verdict(CT, claim("The heart is mildly enlarged", "lung mass")) == ("unsupported", "other_finding")
    assert verdict(CT, claim("Trace right pleural effusion", "pneumothorax")) == (
        "unsupported",
        "other_finding",
    )
    assert verdict(ZH, claim("心影不大", "肿块")) == ("unsupported", "other_finding")
    assert verdict(CT, claim("The heart is mildly enlarged", "cardiomegaly")) == ("supported", None)
    assert verdict(CT, claim("Atelectasis at the right base", "atelectasis", side="right")) == (
        "supported",
        None,
    )


def test_the_size_field_is_compared_with_the_quote():
    quote = "14 mm part-solid nodule in the left upper lobe"
    assert verdict(CT, claim(quote, size=14, side="left")) == ("supported", None)
    assert verdict(CT, claim(quote, size=4, side="left")) == ("unsupported", "number_differs")
    assert verdict(CT, claim(quote, size=1.4, side="left")) == ("unsupported", "number_differs")  # cm as mm
    two_axes = "左肺下叶见一实性结节，大小约1.6cm×1.2cm"
    assert verdict(ZH, claim(two_axes, size=14, side="left")) == ("supported", None)  # mean of the axes
    assert verdict(ZH, claim(two_axes, size=16, side="left")) == ("unsupported", "number_differs")
    result = check_claim(ZH, claim(two_axes, size=16, side="left"))
    assert result.mismatches[0].claimed == "16 mm" and "14 mm" in result.mismatches[0].quoted


def test_the_side_field_is_compared_with_the_quote():
    quote = "14 mm part-solid nodule in the left upper lobe"
    assert verdict(CT, claim(quote, size=14, side="right")) == ("unsupported", "laterality_differs")
    assert verdict(CT, claim("14 mm part-solid LUL nodule", size=14, side="left")) == ("supported", None)
    assert verdict(CT, claim("Scattered 2-3 mm micronodules in both lower lobes", side="bilateral")) == (
        "supported",
        None,
    )
    assert verdict(ZH, claim("右肺中叶见一枚小结节", side="left")) == ("unsupported", "laterality_differs")
    assert verdict(CT, claim("Trace left pleural effusion", "pleural effusion", side="left")) == (
        "unsupported",
        "laterality_differs",
    )


def test_a_negated_or_asked_about_quote_cannot_support_a_present_finding():
    assert verdict(CT, claim("pneumothorax", "pneumothorax")) == ("unsupported", "negated_in_context")
    assert verdict(CT, claim("Rule out pneumothorax after biopsy", "pneumothorax")) == (
        "unsupported",
        "negated_in_context",
    )
    assert verdict(CT, claim("No pneumothorax.", "pneumothorax", "absent")) == ("supported", None)
    assert verdict(ZH, claim("心影不大", "cardiomegaly")) == ("unsupported", "negated_in_context")
    assert verdict(ZH, claim("心影不大", "cardiomegaly", "absent")) == ("supported", None)
    assert verdict(ZH, claim("肺炎？", "pneumonia")) == ("unsupported", "negated_in_context")
    assert verdict(ZH, claim("右侧胸腔未见积液", "pleural effusion", side="right")) == (
        "unsupported",
        "negated_in_context",
    )


def test_a_quote_found_twice_supports_when_one_place_does():
    report = "INDICATION: Small pneumothorax?\nFINDINGS: Small pneumothorax at the left apex."
    assert verdict(report, claim("Small pneumothorax", "pneumothorax")) == ("supported", None)


def test_sizes_and_sides_as_reports_write_them():
    assert sizes_in("8mm x 6mm")[0] == [7.0]
    assert sizes_in("0,7 cm")[0] == [7.0] and sizes_in("约5毫米")[0] == [5.0]
    assert sizes_in("9-mm nodule")[0] == [9.0] and sizes_in("3-5 mm nodules")[0] == [5.0]
    assert sizes_in("all <5 mm") == ([], ["<5 mm"])
    assert sides_in("RLL and LUL") == {"left", "right"} and sides_in("两肺下叶") == {"bilateral"}
    assert sides_in("大小约5mm左右") == set()  # 左右 after a number is "about"


def test_bad_input_is_an_answer_never_a_crash():
    for quote in ("", "   ", "…", "......", "mm", "-", "<"):
        assert check_claim(CT, claim(quote)).verdict == "unsupported"
    assert check_claim("", claim("nodule")).why == "not_in_report"
    assert Claim.from_dict({"label": 3, "size_mm": "big", "laterality": "middle"}).size_mm is None


# -- the app's findings check uses it -----------------------------------------------------------
def test_the_findings_check_stores_the_outcome_on_each_finding():
    items = [
        {
            "label": "nodule",
            "evidence": "14 mm part-solid nodule in the left upper lobe",
            "size_mm": 14,
            "laterality": "left",
            "certainty": "present",
        },
        {
            "label": "nodule",
            "evidence": "4 mm part-solid nodule in the left upper lobe",
            "size_mm": 4,
            "laterality": "left",
            "certainty": "present",
        },
        {"label": "mass", "evidence": "The heart is mildly enlarged", "certainty": "present"},
        {
            "label": "nodule",
            "evidence": "14 mm part-solid nodule in the left upper lobe",
            "size_mm": 5,
            "laterality": "left",
            "certainty": "present",
        },
    ]
    good, inside, other, size = check(items, [CT], ["ct.txt"])
    assert (
        good.grounding.grounded and good.grounding.verdict == "supported" and good.grounding.match == "exact"
    )
    assert not inside.grounding.grounded and not inside.grounding.located
    assert inside.grounding.why == "number_differs"
    assert other.grounding.located and not other.grounding.grounded and other.grounding.why == "other_finding"
    assert size.grounding.located and not size.grounding.grounded
    assert size.grounding.mismatches[0] == {"kind": "number_differs", "claimed": "5 mm", "quoted": "14 mm"}


# -- the development set -------------------------------------------------------------------------
CASES = SHARED / "evaluation" / "grounding.jsonl"


@pytest.mark.skipif(not CASES.exists(), reason="no evaluation sets beside the checkout")
def test_goals_on_the_development_set():
    accepted_unsupported: list[str] = []
    supported = accepted = 0
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        result = check_claim(case["report"], Claim.from_dict(case["finding"]))
        if case["expected"] == "supported":
            supported += 1
            accepted += result.verdict == "supported"
        elif result.verdict == "supported":
            accepted_unsupported.append(case["id"])
    assert accepted_unsupported == []
    assert accepted / supported >= 0.97


def test_side_letters_prior_sizes_and_hyphenated_words():
    report = (
        "FINDINGS: Small R pleural effusion. Healed L 9th rib fracture. Non-calcified nodule in the RML, "
        "previously 5 mm, now 8 mm. Small pericardial effusion."
    )
    assert verdict(report, claim("Small R pleural effusion", "pleural effusion", side="right")) == (
        "supported",
        None,
    )
    assert verdict(report, claim("Small R pleural effusion", "pleural effusion", side="left")) == (
        "unsupported",
        "laterality_differs",
    )
    assert verdict(report, claim("Small L pleural effusion", "pleural effusion", side="left")) == (
        "unsupported",
        "laterality_differs",
    )
    assert verdict(report, claim("Healed L 9th rib fracture", "fracture", side="left")) == ("supported", None)
    nodule = "Non-calcified nodule in the RML, previously 5 mm, now 8 mm"
    assert verdict(report, claim(nodule, size=8, side="right")) == ("supported", None)
    assert verdict(report, claim(nodule, size=5, side="right")) == (
        "unsupported",
        "number_differs",
    )  # the prior size
    assert locate("calcified nodule in the RML", report) is None  # cut from "Non-calcified"
    assert verdict(report, claim("Small pericardial effusion", "pleural effusion")) == (
        "unsupported",
        "other_finding",
    )
    assert verdict(report, claim("Small R pleural effusion", "pericardial effusion")) == (
        "unsupported",
        "other_finding",
    )


def test_the_command_line_and_the_export_say_how_each_quote_matched():
    from dataclasses import asdict

    from app.core.tasks.render import findings_table
    from app.core.tasks.results import TaskResult
    from app.core.vault.export import _quote_checks

    items = [
        {"label": "cardiomegaly", "evidence": "The heart is mildly enlarged.", "certainty": "present"},
        {"label": "nodule", "evidence": "14 MM part-solid nodule in the left upper lobe", "size_mm": 9},
        {"label": "pneumothorax", "evidence": "Large right pneumothorax", "certainty": "present"},
    ]
    found = check(items, [CT], ["ct.txt"])
    table = findings_table(TaskResult("findings", "findings@3", "m", "en", "draft", "{}", findings=found))
    lines = table.splitlines()
    assert "quote found exactly" in lines[1]
    assert (
        "NOT SUPPORTED" in lines[3]
        and "a number differs: the draft says 9 mm, the report says 14 mm" in lines[3]
    )
    assert "UNGROUNDED" in lines[5] and "the quote is not in the report" in lines[5]
    exported = _quote_checks({"findings": [asdict(f) for f in found]})
    assert "quote found exactly" in exported[0]
    assert "the draft says 9 mm, the report says 14 mm" in exported[1]
    assert "the quote is not in the report" in exported[2]


def test_structured_fields_and_resolved_findings_are_not_present():
    report = (
        "FINDINGS:\nPneumothorax: none.\nPleural effusion: absent.\nResolved left lower lobe pneumonia.\n"
        "Nodule: 5 mm, right lower lobe.\n检查所见：气胸：无。"
    )
    assert verdict(report, claim("Pneumothorax", "pneumothorax")) == ("unsupported", "negated_in_context")
    assert verdict(report, claim("Pneumothorax: none", "pneumothorax", "absent")) == ("supported", None)
    assert verdict(report, claim("Pleural effusion", "pleural effusion")) == (
        "unsupported",
        "negated_in_context",
    )
    assert verdict(report, claim("left lower lobe pneumonia", "pneumonia", side="left")) == (
        "unsupported",
        "negated_in_context",
    )
    assert verdict(report, claim("Nodule: 5 mm, right lower lobe", size=5, side="right")) == (
        "supported",
        None,
    )
    assert verdict(report, claim("气胸", "pneumothorax")) == ("unsupported", "negated_in_context")
    both = "FINDINGS: No pleural or pericardial effusion. Mild hyperinflation."
    assert verdict(both, claim("No pleural or pericardial effusion", "pleural effusion", "absent")) == (
        "supported",
        None,
    )
    assert verdict(both, claim("Mild hyperinflation", "emphysema")) == ("supported", None)


def test_an_effusion_of_another_space_does_not_support_a_pleural_effusion_even_with_words_between():
    from app.core.tasks.claim_check import Claim, check_claim

    report = ("检查所见：右侧少量胸腔积液。心包腔内少许积液。\n"
              "FINDINGS: Small pericardial and trace joint effusion.")
    other = check_claim(report, Claim("pleural effusion", "present", "心包腔内少许积液"))
    assert other.why == "other_finding"
    pleural = check_claim(report, Claim("pleural effusion", "present", "右侧少量胸腔积液"))
    assert pleural.verdict == "supported"
    english = "FINDINGS: A small pericardial effusion. Small left pleural effusion."
    pericardial = Claim("pleural effusion", "present", "A small pericardial effusion")
    assert check_claim(english, pericardial).verdict == "unsupported"
    left = Claim("pleural effusion", "present", "Small left pleural effusion")
    assert check_claim(english, left).verdict == "supported"


def test_a_quote_of_the_prior_size_does_not_support_the_size_now():
    from app.core.tasks.claim_check import Claim, check_claim

    chinese = "检查所见：左肺下叶结节较前增大，现约9mm，旧片约6mm。"
    refused = check_claim(chinese, Claim("nodule", "present", "旧片约6mm", 6, "left"))
    assert (refused.verdict, refused.why) == ("unsupported", "number_differs")
    now = Claim("nodule", "present", "左肺下叶结节较前增大，现约9mm", 9, "left")
    assert check_claim(chinese, now).supported
    english = "FINDINGS: LLL nodule now 9 mm, previously 6 mm on the prior CT."
    assert not check_claim(english, Claim("nodule", "present", "previously 6 mm", 6, "left")).supported


def test_a_bare_earlier_size_or_a_place_alone_supports_nothing():
    from app.core.tasks.claim_check import Claim, check_claim

    english = "FINDINGS: Left upper lobe nodule measures 11 mm today, was 7 mm on the old film."
    for quote in ("7 mm",):
        got = check_claim(english, Claim("nodule", "present", quote, 7, "left"))
        assert (got.verdict, got.why) == ("unsupported", "number_differs")
    assert check_claim(english, Claim("nodule", "present", "11 mm", 11, "left")).supported
    place = check_claim(english, Claim("nodule", "present", "Left upper lobe", 11, "left"))
    assert (place.verdict, place.why) == ("unsupported", "other_finding")
    chinese = "左肺上叶磨玻璃结节，现大小约10mm，原约4mm。"
    for quote in ("4mm", "约4mm"):
        got = check_claim(chinese, Claim("nodule", "present", quote, 4, "left"))
        assert (got.verdict, got.why) == ("unsupported", "number_differs")
    assert check_claim(chinese, Claim("nodule", "present", "大小约10mm", 10, "left")).supported


def test_a_verbatim_quote_across_a_sentence_end_is_refused():
    from app.core.tasks.claim_check import Claim, check_claim

    english = "No pleural effusion. Right basal collapse. A 2.5 cm mass in the left hilum."
    quote = "effusion. Right basal collapse"
    got = check_claim(english, Claim("atelectasis", "present", quote, None, "right"))
    assert (got.verdict, got.why) == ("unsupported", "spans_sentences")
    mass = Claim("mass", "present", "A 2.5 cm mass in the left hilum", 25, "left")
    assert check_claim(english, mass).supported
    chinese = "双肺未见实变。左下肺少许炎症。"
    got = check_claim(chinese, Claim("pneumonia", "present", "未见实变。左下肺少许炎症", None, "left"))
    assert (got.verdict, got.why) == ("unsupported", "spans_sentences")
