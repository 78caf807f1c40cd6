"""Pulmonary nodules as a report states them: size, type, number, patient risk, exclusions.

Deterministic reading of the report text for the Fleischner table. It only takes what the
text says: a nodule without a stated type has type None, a report without smoking history
or another stated risk factor has risk None, and the rule then says what is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core.messages import QT_TRANSLATE_NOOP
from app.core.tasks import fleischner
from app.core.tasks.fleischner import Count, NoduleType, Risk
from app.core.tasks.negation import certainty_in, sentence_around

_NODULE = re.compile(r"\b(?:micro)?nodules?\b|\bnodular (?:opacit(?:y|ies)|densit(?:y|ies))\b|结节",
                     re.IGNORECASE)  # fmt: skip
_NUMBER = r"(\d+(?:\.\d+)?)"
_UNIT = r"\s*(mm|cm|毫米|厘米)(?![a-z])"
_DIMENSIONS = re.compile(
    rf"{_NUMBER}(?:\s*(?:mm|cm)?\s*(?:x|×|\*|by)\s*{_NUMBER})?(?:\s*(?:mm|cm)?\s*(?:x|×|\*|by)\s*{_NUMBER})?{_UNIT}",
    re.IGNORECASE,
)
_GROUND_GLASS = re.compile(r"ground[- ]?glass|\bGGNs?\b|\bGGOs?\b|non-?solid|磨玻璃|毛玻璃", re.IGNORECASE)
_PART_SOLID = re.compile(r"part(?:ly|ially)?[- ]?solid|semi-?solid|mixed[- ](?:density|attenuation)|"
                         r"部分实性|混杂密度|混合性", re.IGNORECASE)  # fmt: skip
_SUBSOLID = re.compile(r"sub-?solid|亚实性", re.IGNORECASE)
_SOLID = re.compile(r"(?<![-\w])solid\b|(?<!部分)(?<!亚)实性", re.IGNORECASE)
_CALCIFIED = re.compile(r"calcif|钙化", re.IGNORECASE)
_MULTIPLE = re.compile(r"\b(?:multiple|several|numerous|few|bilateral|scattered|two|three|many)\b|"
                       r"多发|多个|数个|散在|两肺多|双肺多", re.IGNORECASE)  # fmt: skip
_SINGLE = re.compile(r"\b(?:a|an|one|single|solitary|isolated)\b|单发|孤立|单个|一个|一枚", re.IGNORECASE)

# Fleischner 2017 defines low risk as "minimal or absent history of smoking and of other known
# risk factors", and names the risk factors: "heavy smoking, exposure to asbestos, radon or
# uranium, family history of lung cancer", "older age", "emphysema", "pulmonary fibrosis",
# and of the nodule, "upper lobe location" and "spiculation" (MacMahon et al. 2017, p. 230-231).
_RISK_LOW = re.compile(r"\bnever[- ]smok\w*|\bnon-?smok\w*|\bno (?:history of )?smoking\b|"
                       r"\b(?:minimal|remote light) smoking history\b|\blow[- ]risk\b|"
                       r"不吸烟|无吸烟史|从不吸烟|从未吸烟|低危", re.IGNORECASE)  # fmt: skip
_SMOKING = re.compile(r"\b(?:current |former |ex-?|heavy )?smok(?:er|ing|es)\b|\bpack[- ]years?\b|"
                      r"\btobacco\b|吸烟|抽烟|烟龄|包年", re.IGNORECASE)  # fmt: skip
_FAMILY = (r"(?:family (?:history|hx)|familial|mother|father|brother|sister|sibling|parent|son|daughter|"
           r"aunt|uncle|grand\w+|relative|家族|家属|父亲|母亲|父母|兄弟|姐妹|哥哥|姐姐|弟弟|妹妹|儿子|女儿|亲属)")
_PATIENT_FACTORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (QT_TRANSLATE_NOOP("Messages", "exposure to asbestos"),
     re.compile(r"\basbestos\w*|石棉", re.IGNORECASE)),
    (QT_TRANSLATE_NOOP("Messages", "exposure to radon"),
     re.compile(r"\bradon\b|氡", re.IGNORECASE)),
    (QT_TRANSLATE_NOOP("Messages", "exposure to uranium"),
     re.compile(r"\buranium\b|铀", re.IGNORECASE)),
    (QT_TRANSLATE_NOOP("Messages", "family history of lung cancer"),
     re.compile(
        rf"\b{_FAMILY}\b[^.;\n。；]{{0,40}}?\blung (?:cancer|carcinoma|malignancy)\b|"
        rf"\blung (?:cancer|carcinoma)\b[^.;\n]{{0,20}}?\bin (?:his|her|the patient's) {_FAMILY}|"
        rf"肺癌家族史|家族性肺癌|{_FAMILY}[^,，.;；。\n]{{0,12}}肺癌", re.IGNORECASE)),
    (QT_TRANSLATE_NOOP("Messages", "emphysema"),
     re.compile(r"\bemphysema\w*|肺气肿", re.IGNORECASE)),
    (QT_TRANSLATE_NOOP("Messages", "pulmonary fibrosis"),
     re.compile(r"\b(?:pulmonary|interstitial|lung) fibrosis\b|\bIPF\b|"
                r"\bUIP\b|\bhoneycombing\b|肺纤维化|间质纤维化|蜂窝肺", re.IGNORECASE)),
)
_NODULE_FACTORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (QT_TRANSLATE_NOOP("Messages", "upper-lobe location"),
     re.compile(r"\bupper[- ]lobes?\b|\b[RL]UL\b|上叶", re.IGNORECASE)),
    (QT_TRANSLATE_NOOP("Messages", "spiculation"),
     re.compile(r"\bspicul\w*|毛刺", re.IGNORECASE)),
)
# The guideline names "older age" without a cut-off; 65 or over is flagged here, and said so.
OLDER_AGE = 65
OLDER_AGE_FACTOR = QT_TRANSLATE_NOOP(
    "Messages", "older age ({age}; the guideline sets no cut-off, {cutoff} or over is counted here)")
SMOKING_HISTORY = QT_TRANSLATE_NOOP("Messages", "smoking history")
_EXCLUSION = re.compile(r"\bknown (?:primary )?(?:cancer|malignancy|carcinoma)\b|\bmetasta\w*|"
                        r"\bhistory of (?:\w+ )?(?:cancer|malignancy|carcinoma)\b|\bimmuno(?:compromised|"
                        r"suppress\w*)\b|\btransplant\w*|\bscreening\b|\blung-?rads\b|"
                        r"肿瘤病史|癌症?病史|转移|免疫抑制|免疫缺陷|移植|筛查", re.IGNORECASE)  # fmt: skip
_FAMILY_BEFORE = re.compile(rf"\bfamily\b|\b{_FAMILY}\b|{_FAMILY}", re.IGNORECASE)
_AGE = re.compile(r"\b(\d{1,3})[- ](?:year|yr)s?[- ]old\b|(\d{1,3})\s*岁|\bage[d:]?\s*(\d{1,3})\b",
                  re.IGNORECASE)
_RADIOGRAPH = re.compile(r"x-?ray|radiograph|\bPA and lateral\b|\bchest,? (?:2|two) views\b|胸片|X线|DR",
                         re.IGNORECASE)  # fmt: skip
_CT = re.compile(r"\bCT\b|computed tomography|\bHRCT\b|\bLDCT\b", re.IGNORECASE)


@dataclass
class NoduleMention:
    """One nodule statement in the report, with its place in the text."""

    start: int
    end: int  # the sentence that states it
    text: str
    size_mm: float | None
    dimensions_mm: list[float]
    nodule_type: NoduleType | None
    subsolid: bool  # "subsolid": ground-glass or part-solid, the text does not say which
    calcified: bool
    count: Count | None
    certainty: str


@dataclass
class RiskFactor:
    """One risk factor the guideline names, as the report states it."""

    name: str
    evidence: str  # the sentence that states it


@dataclass
class RiskEvidence:
    risk: Risk | None
    evidence: str = ""
    factors: list[RiskFactor] = field(default_factory=list)


@dataclass
class ReportContext:
    """What the report says about the patient that the rule depends on."""

    risk: RiskEvidence
    exclusions: list[str] = field(default_factory=list)
    age: int | None = None
    radiograph_only: bool = False


def _to_mm(value: str, unit: str) -> float:
    number = float(value)
    return number * 10 if unit.lower() in ("cm", "厘米") else number


def _nearest_dimensions(sentence: str, anchor: int) -> list[float]:
    best: tuple[int, list[float]] | None = None
    for match in _DIMENSIONS.finditer(sentence):
        unit = match.group(4)
        values = [_to_mm(v, unit) for v in match.groups()[:3] if v is not None]
        distance = min(abs(match.start() - anchor), abs(match.end() - anchor))
        if best is None or distance < best[0]:
            best = (distance, values)
    return best[1] if best else []


def _nodule_type(sentence: str) -> tuple[NoduleType | None, bool]:
    if _PART_SOLID.search(sentence):
        return "part-solid", False
    if _GROUND_GLASS.search(sentence):
        return "ground-glass", False
    if _SUBSOLID.search(sentence):
        return None, True
    if _SOLID.search(sentence):
        return "solid", False
    return None, False


def _count(sentence: str, word: str) -> Count | None:
    if _MULTIPLE.search(sentence) or word.lower().endswith("nodules"):
        return "multiple"
    if _SINGLE.search(sentence) or word.lower() in ("nodule", "micronodule"):
        return "single"
    return None


def find_nodules(text: str) -> list[NoduleMention]:
    """Nodule statements that are not negated ("no nodules" is not a nodule)."""
    found: list[NoduleMention] = []
    seen_sentences: set[tuple[int, int]] = set()
    for match in _NODULE.finditer(text):
        left, right = sentence_around(text, match.start(), match.end())
        if (left, right) in seen_sentences:
            continue
        certainty = certainty_in(text, match.start(), match.end()).certainty
        if certainty == "absent":
            continue
        seen_sentences.add((left, right))
        sentence = text[left:right]
        dims = _nearest_dimensions(sentence, match.start() - left)
        kind, subsolid = _nodule_type(sentence)
        found.append(NoduleMention(
            start=left, end=right, text=sentence.strip(),
            size_mm=round(fleischner.mean_diameter(dims), 1) if dims else None, dimensions_mm=dims,
            nodule_type=kind, subsolid=subsolid, calcified=bool(_CALCIFIED.search(sentence)),
            count=_count(sentence, match.group()), certainty=certainty,
        ))  # fmt: skip
    return found


def _sentence(text: str, start: int, end: int) -> str:
    left, right = sentence_around(text, start, end)
    return text[left:right].strip()


def _stated(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    return [m for m in pattern.finditer(text) if certainty_in(text, m.start(), m.end()).certainty != "absent"]


def _family_history(text: str, start: int) -> bool:
    """Whether the cancer named at ``start`` is a relative's ("family history of lung cancer",
    "母亲患肺癌"), not the patient's own: a family word earlier in the same sentence."""
    left, _ = sentence_around(text, start, start)
    return bool(_FAMILY_BEFORE.search(text[left:start]))


def risk_factors(text: str, nodule_sentences: list[str] | None = None) -> list[RiskFactor]:
    """The guideline's risk factors that the text states and does not negate. Nodule features
    (upper-lobe location, spiculation) count only in the sentences that state a nodule."""
    factors: list[RiskFactor] = []
    low_spans = [(m.start(), m.end()) for m in _RISK_LOW.finditer(text)]
    for match in _stated(text, _SMOKING):
        if not any(start < match.end() and match.start() < end for start, end in low_spans):
            factors.append(RiskFactor(SMOKING_HISTORY, _sentence(text, match.start(), match.end())))
            break
    for name, pattern in _PATIENT_FACTORS:
        if found := _stated(text, pattern):
            factors.append(RiskFactor(name, _sentence(text, found[0].start(), found[0].end())))
    for name, pattern in _NODULE_FACTORS:
        for sentence in nodule_sentences if nodule_sentences is not None else []:
            if _stated(sentence, pattern):
                factors.append(RiskFactor(name, sentence.strip()))
                break
    stated = _AGE.search(text)
    age = int(next(g for g in stated.groups() if g)) if stated else None
    if stated and age is not None and age >= OLDER_AGE:
        factors.append(RiskFactor(OLDER_AGE_FACTOR.format(age=age, cutoff=OLDER_AGE),
                                  _sentence(text, stated.start(), stated.end())))
    return factors


def _age(text: str) -> int | None:
    stated = _AGE.search(text)
    return int(next(g for g in stated.groups() if g)) if stated else None


def report_context(text: str, nodule_sentences: list[str] | None = None) -> ReportContext:
    """Risk as the guideline defines it: high when any named risk factor is stated; low only
    when the text states minimal or absent smoking and no other factor; otherwise unknown."""
    factors = risk_factors(text, nodule_sentences)
    low = ""
    for match in _stated(text, _RISK_LOW):
        low = low or _sentence(text, match.start(), match.end())
    for match in _SMOKING.finditer(text):
        if certainty_in(text, match.start(), match.end()).certainty == "absent":
            low = low or _sentence(text, match.start(), match.end())  # "no smoking history"
    if factors:
        risk = RiskEvidence("high", "; ".join(dict.fromkeys(f.evidence for f in factors)), factors)
    elif low:
        risk = RiskEvidence("low", low)
    else:
        risk = RiskEvidence(None)
    exclusions = []
    for match in _stated(text, _EXCLUSION):
        if not _family_history(text, match.start()):
            exclusions.append(_sentence(text, match.start(), match.end()))
    radiograph_only = bool(_RADIOGRAPH.search(text)) and not _CT.search(text)
    return ReportContext(risk, exclusions, _age(text), radiograph_only)
