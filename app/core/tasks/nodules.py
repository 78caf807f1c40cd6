"""Pulmonary nodules as a report states them: size, type, number, patient risk, exclusions.

Deterministic reading of the report text for the Fleischner table. It only takes what the
text says: a nodule without a stated type has type None, a report without smoking history
or another stated risk factor has risk None, and the rule then says what is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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

_RISK_LOW = re.compile(r"\bnever[- ]smok\w*|\bnon-?smok\w*|\bno (?:history of )?smoking\b|\blow[- ]risk\b|"
                       r"不吸烟|无吸烟史|从不吸烟|低危", re.IGNORECASE)  # fmt: skip
_RISK_HIGH = re.compile(r"\b(?:current |former |ex-?|heavy )?smok(?:er|ing|es)\b|\bpack[- ]years?\b|"
                        r"\btobacco\b|\basbestos\b|\bradon\b|\buranium\b|family history of lung cancer|"
                        r"\bhigh[- ]risk\b|吸烟|石棉|肺癌家族史|高危", re.IGNORECASE)  # fmt: skip
_EXCLUSION = re.compile(r"\bknown (?:primary )?(?:cancer|malignancy|carcinoma)\b|\bmetasta\w*|"
                        r"\bhistory of (?:\w+ )?(?:cancer|malignancy|carcinoma)\b|\bimmuno(?:compromised|"
                        r"suppress\w*)\b|\btransplant\w*|\bscreening\b|\blung-?rads\b|"
                        r"肿瘤病史|癌症?病史|转移|免疫抑制|免疫缺陷|移植|筛查", re.IGNORECASE)  # fmt: skip
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
class RiskEvidence:
    risk: Risk | None
    evidence: str = ""


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


def report_context(text: str) -> ReportContext:
    low_spans = [(m.start(), m.end()) for m in _RISK_LOW.finditer(text)]
    low = high = ""
    for start, end in low_spans:
        if certainty_in(text, start, end).certainty != "absent":
            low = low or _sentence(text, start, end)
    for match in _RISK_HIGH.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in low_spans):
            continue  # "non-smoker" is a low-risk statement
        if certainty_in(text, match.start(), match.end()).certainty == "absent":
            low = low or _sentence(text, match.start(), match.end())  # "no smoking history"
        else:
            high = high or _sentence(text, match.start(), match.end())
    risk = RiskEvidence("high", high) if high else RiskEvidence("low", low) if low else RiskEvidence(None)
    exclusions = []
    for match in _EXCLUSION.finditer(text):
        if certainty_in(text, match.start(), match.end()).certainty != "absent":
            exclusions.append(_sentence(text, match.start(), match.end()))
    age: int | None = None
    if stated := _AGE.search(text):
        age = int(next(g for g in stated.groups() if g))
    radiograph_only = bool(_RADIOGRAPH.search(text)) and not _CT.search(text)
    return ReportContext(risk, exclusions, age, radiograph_only)
