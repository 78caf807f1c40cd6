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
