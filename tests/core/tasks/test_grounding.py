import json

import pytest

from app.core.tasks.findings import FindingsFormatError, check, parse, rule_findings
from app.core.tasks.grounding import locate

REPORT = (
    "FINDINGS:\nThe heart is  mildly enlarged.\u00a0No pleural effusion or pneumothorax.\n"
    "There is a 7 x 5 mm solid nodule in the right upper lobe \u2014 stable.\n\n"
    "IMPRESSION:\nMild cardiomegaly."
)
ZH_REPORT = "表现：\n心影增大。未见胸腔积液，双肺未见实变。右肺上叶见一枚6mm磨玻璃结节。"


def test_exact_quote_gives_its_offsets():
    span = locate("Mild cardiomegaly", REPORT)
    assert span is not None and span.match == "exact"
    assert REPORT[span.start:span.end] == "Mild cardiomegaly"


@pytest.mark.parametrize("quote", [
    "the heart is mildly enlarged",  # case and the double space
    "no pleural effusion or pneumothorax",  # the non-breaking space before it
    "solid nodule in the right upper lobe - stable",  # em dash written as a hyphen
    "\u201cMild cardiomegaly.\u201d",  # the model wrapped it in quotes
])  # fmt: skip
def test_normalised_quotes_map_back_to_the_source(quote):
    span = locate(quote, REPORT)
    assert span is not None
    found = REPORT[span.start:span.end]
    assert found.split()[0].lower() == quote.strip("\u201c\u201d").split()[0].lower()
    assert found.rstrip(".").lower().endswith(quote.strip("\u201c\u201d").rstrip(".").split()[-1].lower())


def test_ellipsis_parts_must_appear_in_order_within_one_sentence():
    span = locate("No pleural effusion ... pneumothorax", REPORT)
    assert span is not None
    assert REPORT[span.start:span.end] == "No pleural effusion or pneumothorax"
    assert locate("pneumothorax ... No pleural effusion", REPORT) is None
    assert locate("The heart ... pneumothorax", REPORT) is None  # two sentences stitched together


def test_punctuation_differences_are_a_loose_match():
    span = locate("7 x 5 mm solid nodule, in the right upper lobe", REPORT)
    assert span is not None and span.match == "loose"


def test_fabricated_quotes_are_not_found():
    assert locate("Large right pleural effusion", REPORT) is None
    assert locate("no", REPORT) is None  # too short to mean anything
    assert locate("", REPORT) is None


def test_chinese_quote_with_full_width_punctuation():
    span = locate("未见胸腔积液，双肺未见实变", ZH_REPORT)
    assert span is not None and ZH_REPORT[span.start:span.end] == "未见胸腔积液，双肺未见实变"
    assert locate("未见胸腔积液,双肺未见实变", ZH_REPORT) is not None  # ASCII comma for the full-width one


def item(evidence, label, certainty="present", size=None):
    return {"evidence": evidence, "label": label, "body_site": "", "laterality": "none",
            "size_mm": size, "severity": "none", "certainty": certainty}  # fmt: skip


def test_a_fabricated_finding_is_flagged_ungrounded():
    items = [item("Mild cardiomegaly.", "cardiomegaly"),
             item("Large right pleural effusion with mediastinal shift.", "pleural effusion")]  # fmt: skip
    real, fabricated = check(items, [REPORT], ["r.txt"])
    assert real.grounding.grounded and real.grounding.document_name == "r.txt"
    assert REPORT[real.grounding.start:real.grounding.end] == "Mild cardiomegaly"
    assert real.grounding.verdict == "supported" and real.grounding.match == "exact"
    assert not fabricated.grounding.grounded
    assert fabricated.grounding.start is None and not fabricated.grounding.located
    assert fabricated.grounding.why == "not_in_report"
    assert fabricated.certainty == "present"  # nothing in the source to overrule the model


def test_a_negated_finding_the_model_calls_present_is_flagged_not_overwritten():
    english = check([item("No pleural effusion or pneumothorax.", "pleural effusion")], [REPORT])[0]
    # the rules flag, they never overwrite: the draft's answer is kept beside the rules' reading
    assert english.certainty == "present" and english.model_certainty == "present"
    assert english.rule_certainty == "absent" and english.certainty_conflict
    assert english.certainty_rule.lower() == "no"
    assert english.rule_evidence == "No pleural effusion or pneumothorax"
    chinese = check([item("未见胸腔积液", "胸腔积液")], [ZH_REPORT])[0]
    # the quote is there, but a negated sentence does not support a present finding
    assert chinese.grounding.located and not chinese.grounding.grounded
    assert chinese.grounding.why == "negated_in_context"
    assert chinese.certainty == "present" and chinese.rule_certainty == "absent"
    assert chinese.certainty_conflict
    assert chinese.certainty_rule == "未见"


def test_a_plain_statement_flags_a_wrong_negation():
    finding = check([item("The heart is mildly enlarged.", "enlarged heart", "absent")], [REPORT])[0]
    assert finding.certainty == "absent" and finding.model_certainty == "absent"
    assert finding.rule_certainty == "present" and finding.certainty_conflict


def test_when_the_rules_agree_there_is_no_conflict():
    finding = check([item("No pleural effusion or pneumothorax.", "pleural effusion", "absent")], [REPORT])[0]
    assert finding.certainty == finding.rule_certainty == "absent" and not finding.certainty_conflict


def test_evidence_in_the_second_document_points_there():
    finding = check([item("双肺未见实变", "consolidation")], [REPORT, ZH_REPORT], ["a.txt", "b.txt"])[0]
    assert finding.grounding.document == 1 and finding.grounding.document_name == "b.txt"
    assert finding.rule_certainty == "absent" and finding.certainty == "present"
    assert finding.certainty_conflict


def test_label_that_the_quote_does_not_name_is_marked():
    finding = check([item("Mild cardiomegaly.", "pleural effusion")], [REPORT])[0]
    assert finding.grounding.located and finding.label_in_evidence is False
    assert not finding.grounding.grounded and finding.grounding.why == "other_finding"


def test_parse_complete_json():
    text = json.dumps({"findings": [item("Mild cardiomegaly.", "cardiomegaly")]})
    parsed = parse(text)
    assert parsed.complete and len(parsed.items) == 1


def test_parse_keeps_the_finished_items_of_a_cut_short_answer():
    whole = json.dumps({"findings": [item("Mild cardiomegaly.", "cardiomegaly"), item("No pleural", "x")]})
    cut = whole[: whole.index("No pleural") + 4]
    parsed = parse(cut)
    assert not parsed.complete
    assert [i["label"] for i in parsed.items] == ["cardiomegaly"]
    assert parse('{"findings": [{"evidence": "abc').items == []


@pytest.mark.parametrize("bad", ["", "   ", "The report shows cardiomegaly.", "[1, 2]", '{"other": 1}'])
def test_parse_rejects_what_is_not_findings_json(bad):
    with pytest.raises(FindingsFormatError):
        parse(bad)


def test_rule_findings_read_the_vocabulary_with_negation():
    found = {(f.label, f.certainty) for f in rule_findings(REPORT)}
    assert ("cardiomegaly", "present") in found
    assert ("pleural effusion", "absent") in found
    assert ("pneumothorax", "absent") in found
    assert ("nodule", "present") in found
