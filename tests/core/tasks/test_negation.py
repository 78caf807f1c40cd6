import pytest

from app.core.tasks.negation import assess, certainty_in


def judge(text, target):
    start = text.index(target)
    return certainty_in(text, start, start + len(target)).certainty


@pytest.mark.parametrize(("text", "target", "expected"), [
    ("No pleural effusion.", "pleural effusion", "absent"),
    ("There is no evidence of pneumothorax.", "pneumothorax", "absent"),
    ("No pneumothorax, pleural effusion or focal consolidation.", "focal consolidation", "absent"),
    ("The lungs are clear without focal airspace disease.", "airspace disease", "absent"),
    ("Pneumothorax has resolved.", "Pneumothorax", "absent"),
    ("Calcified granuloma is not seen.", "granuloma", "absent"),
    ("Negative for acute fracture.", "fracture", "absent"),
    ("Heart size is enlarged. No effusion.", "enlarged", "present"),
    ("No effusion but there is cardiomegaly.", "cardiomegaly", "present"),
    ("Mild cardiomegaly.", "cardiomegaly", "present"),
    ("No change in the right upper lobe nodule.", "nodule", "present"),
    ("Possible right lower lobe pneumonia.", "pneumonia", "possible"),
    ("Cannot exclude small left effusion.", "effusion", "possible"),
    ("Atelectasis or pneumonia in the left base.", "Atelectasis", "possible"),
    ("Findings may represent atelectasis.", "atelectasis", "possible"),
    ("Stable 2.5 cm mass in the left lung, no effusion.", "mass", "present"),
])  # fmt: skip
def test_english(text, target, expected):
    assert judge(text, target) == expected


@pytest.mark.parametrize(("text", "target", "expected"), [
    ("未见胸腔积液。", "胸腔积液", "absent"),
    ("双肺未见明显实变。", "实变", "absent"),
    ("无气胸。", "气胸", "absent"),
    ("未见胸腔积液及气胸。", "气胸", "absent"),
    ("双肺纹理增多，未见实变，心影增大。", "心影增大", "present"),
    ("双肺纹理增多，未见实变，心影增大。", "实变", "absent"),
    ("心影增大。", "心影增大", "present"),
    ("不除外肺炎。", "肺炎", "possible"),
    ("右下肺斑片影，考虑肺炎可能。", "肺炎", "possible"),
    ("右肺上叶结节较前未见明显变化。", "结节", "present"),
    ("疑似右侧少量胸腔积液。", "胸腔积液", "possible"),
])  # fmt: skip
def test_chinese(text, target, expected):
    assert judge(text, target) == expected


def test_without_a_target_the_sentence_decides():
    assert assess("No acute cardiopulmonary abnormality").certainty == "absent"
    assert assess("Clear lungs").certainty == "present"
    assert assess("未见异常").certainty == "absent"


def test_the_trigger_is_reported():
    text = "There is no pleural effusion."
    start = text.index("pleural")
    assert certainty_in(text, start, start + 7).trigger.lower() in ("no", "there is no")


# -- issue 26: scope ends at commas, semicolons, "but", "however" and new clauses -------------------
@pytest.mark.parametrize(("text", "target", "expected"), [
    ("No pneumothorax, large right pleural effusion.", "pleural effusion", "present"),
    ("No pneumothorax, large right pleural effusion.", "pneumothorax", "absent"),
    ("No consolidation or collapse, small left pneumothorax.", "pneumothorax", "present"),
    ("No consolidation or collapse, small left pneumothorax.", "collapse", "absent"),
    ("No focal consolidation, effusion, or pneumothorax.", "effusion", "absent"),
    ("No focal consolidation, large effusion, or pneumothorax.", "pneumothorax", "absent"),
    ("Negative for consolidation, effusion, pneumothorax.", "pneumothorax", "absent"),
    ("No effusion; however, there is basal atelectasis.", "atelectasis", "present"),
    ("No effusion but mild basal atelectasis.", "atelectasis", "present"),
    ("There is no evidence of pneumonia, and the heart is enlarged.", "enlarged", "present"),
    ("No effusion and mild interstitial edema.", "edema", "present"),
    ("Slight cardiomegaly with no failure or pneumonia.", "cardiomegaly", "present"),
    ("No pneumothorax, effusion present on the right.", "effusion", "present"),
    ("No pneumothorax, effusion or consolidation is seen.", "effusion", "absent"),
    ("No acute, displaced rib fractures identified.", "fractures", "absent"),
    ("There is no pneumothorax, pleural effusion, focal airspace consolidation.", "consolidation", "absent"),
    ("No abnormality other than a small effusion.", "effusion", "present"),
])  # fmt: skip
def test_english_scope_ends_at_new_clauses(text, target, expected):
    assert judge(text, target) == expected


@pytest.mark.parametrize(("text", "target", "expected"), [
    ("未见气胸，右侧少量胸腔积液。", "胸腔积液", "present"),
    ("双肺无实变 右侧少量胸腔积液", "胸腔积液", "present"),
    ("未见实变，但右侧胸腔积液。", "胸腔积液", "present"),
    ("未见胸腔积液、气胸及实变。", "实变", "absent"),
    ("胸腔未见积液。", "积液", "absent"),
    ("左侧气胸未见。", "气胸", "absent"),
    ("右侧胸腔积液，左侧未见。", "胸腔积液", "present"),
])  # fmt: skip
def test_chinese_scope_ends_at_clause_commas_and_spaces(text, target, expected):
    assert judge(text, target) == expected


# -- hedges: about existence (possible) or about nature (present) ---------------------------------
@pytest.mark.parametrize(("text", "target", "expected"), [
    ("Early pneumonia could not be excluded.", "pneumonia", "possible"),
    ("A small pneumothorax cannot be ruled out.", "pneumothorax", "possible"),
    ("It is not possible to exclude a small pneumothorax.", "pneumothorax", "possible"),
    ("A layering effusion is not excluded.", "effusion", "possible"),
    ("Cannot exclude early consolidation.", "consolidation", "possible"),
    ("Pulmonary edema is unlikely.", "edema", "possible"),
    ("Opacity suspicious for pneumonia.", "pneumonia", "possible"),
    ("Query small effusion.", "effusion", "possible"),
    ("?effusion at the left base", "effusion", "possible"),
    ("No findings suspicious for pneumonia.", "pneumonia", "absent"),
    ("6 mm nodule, possibly a granuloma.", "nodule", "present"),
    ("6 mm nodule, possibly a granuloma.", "granuloma", "possible"),
    ("Likely benign nodule.", "nodule", "present"),
    ("Right hilar mass, may represent a primary tumour.", "mass", "present"),
    ("Lymphadenopathy, compatible with sarcoidosis.", "Lymphadenopathy", "present"),
    ("Findings are consistent with pulmonary edema.", "edema", "present"),
    ("Small effusion; loculation cannot be excluded.", "effusion", "present"),
])  # fmt: skip
def test_english_hedges(text, target, expected):
    assert judge(text, target) == expected


@pytest.mark.parametrize(("text", "target", "expected"), [
    ("不能排除肺炎。", "肺炎", "possible"),
    ("肺炎不除外。", "肺炎", "possible"),
    ("淋巴结肿大待排。", "淋巴结肿大", "possible"),
    ("右肺上叶占位待排。", "占位", "possible"),
    ("考虑肺水肿。", "肺水肿", "possible"),
    ("左侧气胸？", "气胸", "possible"),
    ("炎性结节可能。", "结节", "present"),
    ("包裹性积液不除外。", "积液", "present"),
    ("右肺上叶肿块，考虑肺癌。", "肿块", "present"),
    ("符合肺水肿表现。", "肺水肿", "present"),
])  # fmt: skip
def test_chinese_hedges(text, target, expected):
    assert judge(text, target) == expected


# -- resolved or not ----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "target", "expected"), [
    ("The pneumonia has not resolved.", "pneumonia", "present"),
    ("Effusion, not resolved since the prior study.", "Effusion", "present"),
    ("Partial resolution of the consolidation.", "consolidation", "present"),
    ("Incompletely resolved pneumothorax.", "pneumothorax", "present"),
    ("No resolution of the effusion.", "effusion", "present"),
    ("The pneumothorax has resolved.", "pneumothorax", "absent"),
    ("Pleural effusion and pneumothorax have resolved.", "Pleural effusion", "absent"),
    ("Interval resolution of the effusion.", "effusion", "absent"),
    ("Atelectasis is no longer seen.", "Atelectasis", "absent"),
    ("右肺下叶实变较前大部分吸收。", "实变", "present"),
    ("右肺下叶肺炎，较前未见吸收。", "肺炎", "present"),
    ("左侧胸腔积液已吸收。", "胸腔积液", "absent"),
    ("原右肺下叶肺炎较前已完全吸收。", "肺炎", "absent"),
    ("左侧胸腔积液未完全吸收。", "胸腔积液", "present"),
])  # fmt: skip
def test_resolution(text, target, expected):
    assert judge(text, target) == expected


def test_pseudo_triggers_negate_the_change_not_the_finding():
    assert judge("No decrease in the size of the left effusion.", "effusion") == "present"
    assert judge("No significant change in the nodule.", "nodule") == "present"
    assert judge("No enlargement of the heart.", "enlargement") == "absent"
    assert judge("气胸较前未见增多。", "气胸") == "present"


def test_long_sentences_cost_the_same_per_mention():
    import time

    text = "no nodule, " * 3000 + "nodule"
    started = time.perf_counter()
    for _ in range(20):
        certainty_in(text, len(text) - 6, len(text))
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(("text", "target", "expected"), [
    ("Resolved left basal pneumonia.", "pneumonia", "absent"),
    ("Fully cleared right effusion.", "effusion", "absent"),
    ("Nearly resolved right effusion.", "effusion", "present"),
    ("Previously resolved left pneumothorax has recurred.", "pneumothorax", "present"),
    ("The previously cleared effusion has not reaccumulated.", "effusion", "absent"),
    ("Basal atelectasis, resolved pneumonia.", "atelectasis", "present"),
    ("Left pneumothorax, resolved since yesterday.", "pneumothorax", "absent"),
])  # fmt: skip
def test_resolved_as_a_modifier(text, target, expected):
    assert judge(text, target) == expected


@pytest.mark.parametrize(("text", "target", "expected"), [
    ("A gown fold mimicking a pneumothorax.", "pneumothorax", "absent"),
    ("Breast tissue simulates a nodule.", "nodule", "absent"),
    ("The edge of the scapula can be mistaken for a pneumothorax.", "pneumothorax", "absent"),
    ("Pseudo-nodule from the nipple.", "nodule", "absent"),
    ("The opacity is a vessel rather than a nodule.", "nodule", "absent"),
    ("The opacity is probably a vessel rather than a nodule.", "nodule", "possible"),
    ("Band of atelectasis, which cannot be differentiated from early consolidation.", "consolidation",
     "possible"),
    ("A gown fold mimicking pneumothorax, and a true small pneumothorax at the base.", "small pneumothorax",
     "present"),
])  # fmt: skip
def test_lookalikes_and_contrasts(text, target, expected):
    assert judge(text, target) == expected


@pytest.mark.parametrize(("text", "target", "expected"), [
    ("Basal consolidation, likely pneumonia in the right clinical context.", "consolidation", "present"),
    ("Basal consolidation in the right clinical context.", "consolidation", "possible"),
    ("左肺下叶小结节显示欠清。", "结节", "possible"),
    ("左肺下叶结节边界不清。", "结节", "present"),
])  # fmt: skip
def test_which_finding_a_hedge_is_about(text, target, expected):
    assert judge(text, target) == expected


@pytest.mark.parametrize(("text", "target", "expected"), [
    ("Bilateral pleural effusions, resolved on the right.", "pleural effusions", "present"),
    ("Small effusions, now cleared on the left side.", "effusions", "present"),
    ("Left effusion, resolved.", "effusion", "absent"),
])  # fmt: skip
def test_a_resolution_on_one_side_leaves_the_other(text, target, expected):
    assert judge(text, target) == expected


@pytest.mark.parametrize(("text", "target", "expected"), [
    ("Left basal effusion, previously absent.", "effusion", "present"),
    ("Apical pneumothorax, not visible on the preceding radiograph.", "pneumothorax", "present"),
    ("Right hilar adenopathy, which was not identified on the CT of March 2021.", "adenopathy", "present"),
    ("Mid zone consolidation, absent three days ago.", "consolidation", "present"),
    ("Basal atelectasis was not seen before and is now evident.", "atelectasis", "present"),
    ("Not seen earlier, a nodule is now evident in the lingula.", "nodule", "present"),
    # about now, not the earlier study
    ("The effusion noted previously is no longer seen.", "effusion", "absent"),
    ("Effusions have cleared, previously seen on the left.", "Effusions", "absent"),
    ("No pneumothorax, also absent previously.", "pneumothorax", "absent"),
    ("右肺上叶结节，上次CT未见。", "结节", "present"),
    ("上次CT未见的左肺实变，本次可见。", "实变", "present"),
    ("上次CT未见右侧积液，现见少量积液。", "积液", "present"),
    ("未见气胸，上次检查亦未见。", "气胸", "absent"),
])  # fmt: skip
def test_a_negation_about_an_earlier_study_leaves_the_finding_present(text, target, expected):
    assert judge(text, target) == expected


@pytest.mark.parametrize(("text", "target", "expected"), [
    ("Consolidation, resolved on the left, remains on the right.", "Consolidation", "present"),
    ("Effusion, resolved on the right, but persisting on the left.", "Effusion", "present"),
    ("Consolidation, resolved on the left.", "Consolidation", "absent"),
])  # fmt: skip
def test_a_resolution_on_one_side_with_the_finding_going_on_elsewhere(text, target, expected):
    assert judge(text, target) == expected


@pytest.mark.parametrize(("text", "target", "expected"), [
    ("Effusion was not seen on the prior exam either.", "Effusion", "absent"),
    ("Pneumothorax is also absent previously and today.", "Pneumothorax", "absent"),
    ("Effusion, previously noted, has now resolved.", "Effusion", "absent"),
    ("Pneumonia, resolved in the left lower lobe, unchanged in the right lower lobe.", "Pneumonia",
     "present"),
])  # fmt: skip
def test_the_past_said_alongside_now(text, target, expected):
    assert judge(text, target) == expected


@pytest.mark.parametrize(("text", "target", "expected"), [
    ("Formerly no nodules were seen, and none are now seen.", "nodules", "absent"),
    ("Formerly no effusion, and no new effusion today.", "effusion", "absent"),
    ("Formerly no effusion, now a small one at the left base.", "effusion", "present"),
    ("上次检查未见结节，此次亦未见新发结节。", "结节", "absent"),
    ("上次检查未见结节，此次新见右肺小结节。", "结节", "present"),
])  # fmt: skip
def test_a_negation_before_the_finding_about_the_past_needs_a_now(text, target, expected):
    assert judge(text, target) == expected
