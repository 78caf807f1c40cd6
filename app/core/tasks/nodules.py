"""Pulmonary nodules as a report states them, and what the report says about the patient.

A deterministic reader for the Fleischner table. It takes only what the text says and keeps
the place it says it (document, start, end, quote):

- each nodule statement of the findings and impression (not the indication or history):
  its current size (the mean of the long and short axes), any prior size, its type, its
  lobe, calcification, perifissural look, whether it is a mass or changed against a prior;
- the modality of the examination (the table is for CT), screening, the patient's age;
- the exclusions the guideline names (known primary cancer, immunosuppression);
- the risk factors it names, read in both directions (never smoker, former smoker, ...).

Nothing is guessed: a number that cannot be read, a nodule without a size or two sizes for
the same nodule are kept as such, and the panel (followup.py) says what it needs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import Literal

from app.core.messages import QT_TRANSLATE_NOOP
from app.core.tasks.fleischner import NoduleType

# ---------------------------------------------------------------------------------------------
# Text helpers

_A = r"(?<![A-Za-z])"  # an ASCII word start that also works next to Chinese characters
_Z = r"(?![A-Za-z])"


def normalise(text: str) -> str:
    """Full-width forms as half-width, one character for one (offsets stay the same)."""
    out = []
    for char in text:
        folded = unicodedata.normalize("NFKC", char)
        out.append(folded if len(folded) == 1 else char)
    return "".join(out)


_SENTENCE_END = re.compile(r"(?<!\d)\.(?!\d)|\.(?=\s)|[。!！？\n]|\?(?![A-Za-z\u4e00-\u9fff])")
_CLAUSE_END = re.compile(r"[;；]")


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (a decimal point is not a sentence end); semicolons end a clause too."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    left = start
    for match in _SENTENCE_END.finditer(text, start, end):
        spans.extend(_clauses(text, left, match.start()))
        left = match.end()
    spans.extend(_clauses(text, left, end))
    return [(a, b) for a, b in spans if text[a:b].strip(" \t,，:：-")]


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    left = start
    for match in _CLAUSE_END.finditer(text, start, end):
        spans.append((left, match.start()))
        left = match.end()
    spans.append((left, end))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\r\n,，:：":
        start += 1
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return start, end


# ---------------------------------------------------------------------------------------------
# Sections: findings and impression hold the nodules; the indication and history hold the patient.

SectionKind = Literal["exam", "history", "comparison", "findings", "impression", "patient", "other"]
_HEADINGS: tuple[tuple[SectionKind, str], ...] = (
    ("exam", r"EXAM(?:INATION)?|PROCEDURE|STUDY|TECHNIQUE|MODALITY|TYPE OF (?:EXAM|STUDY)|"
             r"检查项目|检查方法|检查部位|检查名称|检查类型|扫描方式"),
    ("history", r"(?:CLINICAL )?INDICATIONS?(?: FOR (?:STUDY|EXAM(?:INATION)?|SCAN))?|(?:CLINICAL |MEDICAL |"
                r"PAST )?HISTORY|HX|CLINICAL (?:INFORMATION|"
                r"DETAILS|NOTES?|DATA)|REASON FOR (?:EXAM(?:INATION)?|STUDY|REFERRAL)|"
                r"病史|现病史|既往史|临床诊断|临床病史|临床资料|临床信息|临床表现|申请目的|检查目的"),
    ("comparison", r"COMPARISONS?|PRIORS?|对比|比较"),
    ("findings", r"FINDINGS?|REPORT|DESCRIPTION|检查所见|影像所见|影像表现|CT所见|表现|所见"),
    ("impression", r"IMPRESSIONS?|CONCLUSIONS?|OPINION|SUMMARY|DIAGNOSIS|COMMENTS?|"
                   r"诊断意见|影像诊断|印象|结论|意见|诊断"),
    ("patient", r"(?:PATIENT )?AGE|SEX|GENDER|年龄|性别|患者信息"),
)  # fmt: skip
_HEADING = re.compile(
    r"(?:^|(?<=\n)|(?<=\u3000)|(?<=  )|(?<=[。.;；]))[ \t]*(?:"
    + "|".join(f"(?P<{k}>{p})" for k, p in _HEADINGS)
    # a qualifier between the label and its colon: "Findings (chest):", "检查所见（胸部）："
    + r")(?:[ \t]*[(（][^()（）\n:：]{1,30}[)）])?[ \t]*[:：]",
    re.IGNORECASE,
)


@dataclass
class Section:
    kind: SectionKind
    start: int  # the text after the heading
    end: int


def split_sections(text: str) -> list[Section]:
    """The report's labelled parts; text before any label is "other"."""
    found: list[tuple[int, int, SectionKind]] = []
    for match in _HEADING.finditer(text):
        kind = next(k for k, _ in _HEADINGS if match.group(k) is not None)
        found.append((match.start(), match.end(), kind))
    sections: list[Section] = []
    if not found or found[0][0] > 0:
        sections.append(Section("other", 0, found[0][0] if found else len(text)))
    for index, (_, body, kind) in enumerate(found):
        end = found[index + 1][0] if index + 1 < len(found) else len(text)
        sections.append(Section(kind, body, end))
    return sections


# ---------------------------------------------------------------------------------------------
# Negation, local to a clause (the nodule reader's own: short and predictable)

_NEG_BEFORE = re.compile(
    r"(?:\b(?:no|without|negative for|free of|absence of|absent|resolution of|resolved|nor|not|never|"
    r"no evidence of|no definite|no convincing|rather than|instead of|denies|denied|deny)\b|"
    r"未见|未发现|未显示|未扫及|无|没有|"
    r"否认|排除)",
    re.IGNORECASE,
)  # fmt: skip
_NEG_AFTER = re.compile(
    r"\b(?:(?:is|are|was|were|has|have been)\s+)?(?:no longer (?:seen|visible|present|identified|evident|"
    r"demonstrated|appreciated)|not (?:seen|identified|present|visuali[sz]ed|evident|appreciated|"
    r"demonstrated)|"
    r"(?:has|have)\s+resolved|resolved|disappeared|absent|excluded|ruled out)\b"
    r"(?!\s+(?:on|in|at|before|previously|from|compared)\b)|"
    r"已消失|消失|已吸收|吸收|未见显示",
    re.IGNORECASE,
)  # fmt: skip
_SCOPE_END = re.compile(r"[,，;；:：()（）]|\b(?:but|however|although|though|whereas|with|which|and there)\b|"
                        r"但|伴",
                        re.IGNORECASE)  # fmt: skip
_PSEUDO_NEG = re.compile(
    r"\b(?:no|without|not)\s+(?:significant\s+|interval\s+|appreciable\s+|definite\s+)*(?:change|increase|"
    r"growth|enlargement|calcification|solid component|spiculation|fat)\b|"
    r"(?:未见|无)(?:明显)?(?:变化|改变|增大|"
    r"进展|缩小|钙化|实性成分|毛刺|脂肪)",
    re.IGNORECASE,
)  # fmt: skip


# A negated list: "no spiculation, calcification or fat", "without calcification or fat",
# "无毛刺、分叶及钙化", "未见钙化及脂肪密度". An item is a few words with no number, article, verb or
# negation; a comma carries the negation on only where the list closes with "or"/"and"/"nor" after the
# word ("No pneumothorax, large right effusion" names a present effusion), while 、 and 及/和/或/与
# always join items.
_NOT_ITEM = (r"(?:a|an|the|is|are|was|were|be|been|seen|noted|identified|present|in|of|at|on|with|within|"
             r"measuring|there|which|that|this|but|however|no|not|nor|without|negative|free|absence)\b")
_ITEM_EN = rf"(?:(?!{_NOT_ITEM})[A-Za-z][A-Za-z-]*\s*){{1,3}}?"
_ITEM_ZH = (r"(?:(?!未见|无|没有|未发现|不)[^\W\dA-Za-z_见为约呈示的位伴])"
            r"(?:(?![见为约呈示的位伴])[^\W\dA-Za-z_]){0,5}?")
_LIST_SEP = r"(?:[,，]\s*(?:or|and|nor)\b|,|，|、|/|\bor\b|\band\b|\bnor\b|以及|及|和|或|与)"
_LIST_NEG_CUE = re.compile(
    r"(?:\b(?:no|without|negative for|free of|absence of|nor|not)\b|未见|未发现|无|没有)"
    r"(?:\s*(?:evidence of|definite|significant|obvious|any|明显|明确))*",
    re.IGNORECASE,
)  # fmt: skip
_LIST_BODY = re.compile(rf"(?:\s*(?:{_ITEM_EN}|{_ITEM_ZH})\s*{_LIST_SEP}\s*)+(?P<last>)(?:{_ITEM_EN})?",
                        re.IGNORECASE)  # fmt: skip
_COORD_AFTER = re.compile(
    rf"\s*(?:(?:,|，)\s*(?:{_ITEM_EN})?)*\s*(?:,\s*)?(?:\bor\b|\band\b|\bnor\b|或|及|和|与|以及|、)",
    re.IGNORECASE,
)  # fmt: skip


def _in_negated_list(text: str, start: int, end: int, clause: tuple[int, int]) -> bool:
    """The word at start..end is a later item of a list that a negation opens."""
    left, right = clause
    before = text[left:start]
    for cue in _LIST_NEG_CUE.finditer(before):
        body = _LIST_BODY.fullmatch(before, cue.end())
        if body is None:
            continue
        joints = re.findall(_LIST_SEP, before[cue.end() : body.start("last")], re.IGNORECASE)
        if joints and joints[-1] not in (",", "，", "/"):
            return True  # "no calcification or (macroscopic) fat", "无毛刺、分叶及钙化"
        if re.search(r"\bor\b|\band\b|\bnor\b|及|和|或|与", "".join(joints), re.IGNORECASE):
            return False  # the list closed before the comma: "No effusion or pneumothorax, calcified ..."
        if _COORD_AFTER.match(text, end, right):
            return True  # commas only: the list closes after the word ("No X, Y or Z")
    return False


def negated(text: str, start: int, end: int, clause: tuple[int, int]) -> bool:
    """Whether the words at start..end are negated inside their clause."""
    if _in_negated_list(text, start, end, clause):
        return True
    left, right = clause
    before = text[left:start]
    scope_starts = [m.end() for m in _SCOPE_END.finditer(before)]
    before = before[scope_starts[-1] :] if scope_starts else before
    pseudo = [(m.start(), m.end()) for m in _PSEUDO_NEG.finditer(before)]
    for match in _NEG_BEFORE.finditer(before):
        if any(a <= match.start() < b for a, b in pseudo):
            continue
        return True
    after = text[end:right]
    stop = _SCOPE_END.search(after)
    after = after[: stop.start()] if stop else after
    return bool(_NEG_AFTER.search(after))


# ---------------------------------------------------------------------------------------------
# Sizes

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}  # fmt: skip
_NUM = r"(?:\d+(?:[.,]\d+)?|\.\d+|" + "|".join(_NUMBER_WORDS) + ")"
_UNIT = r"(?:mm|cm|毫米|厘米|millimet(?:er|re)s?|centimet(?:er|re)s?)(?![A-Za-z])"
_BY = r"\s*(?:x|X|×|\*|by|乘)\s*"
_RANGE_SEP = r"\s*(?:-|–|—|~|to|至|到)\s*"
_MEASURE = re.compile(
    rf"(?<![A-Za-z0-9.,])(?P<a>{_NUM})(?:\s*-?\s*(?P<ua>{_UNIT}))?"
    rf"(?:(?P<range>{_RANGE_SEP})(?P<r>{_NUM})(?:\s*-?\s*(?P<ur>{_UNIT}))?)?"
    rf"(?:{_BY}(?P<b>{_NUM})\s*(?P<ub>{_UNIT})?)?(?:{_BY}(?P<c>{_NUM})\s*(?P<uc>{_UNIT})?)?",
    re.IGNORECASE,
)  # fmt: skip
_ANY_UNIT = re.compile(rf"(?<![A-Za-z]){_UNIT}", re.IGNORECASE)


class UnreadableNumber(ValueError):
    pass


def _number(text: str) -> float:
    word = text.lower()
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    if text.count(",") + text.count(".") > 1:
        raise UnreadableNumber(text)
    return float(text.replace(",", "."))


def _mm(value: float, unit: str) -> float:
    return value * 10 if unit.lower().startswith(("cm", "厘米", "centi")) else value


def round_half_up(value: float) -> int:
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def mean_size(dimensions: list[float]) -> int:
    """Fleischner 2017: the average of the long and short axes, rounded to the nearest mm
    (half up); one stated dimension is the size; of three, the two largest (axial plane)."""
    axes = sorted(dimensions, reverse=True)
    if len(axes) == 1:
        return round_half_up(axes[0])
    return round_half_up((axes[0] + (axes[1] if len(axes) > 2 else axes[-1])) / 2)


MeasureKind = Literal["current", "prior", "component", "range"]


@dataclass
class Measurement:
    start: int
    end: int
    dimensions_mm: list[float]
    kind: MeasureKind
    size_mm: int  # mean of the axes, rounded half up; a range: its upper end

    @property
    def text_span(self) -> tuple[int, int]:
        return self.start, self.end


_COMPONENT_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:solid|soft[- ]tissue|实性)\s*"
                              r"(?:component|portion|part|"
                              r"element|core|centre|center|nidus|成分|部分|核心)", re.IGNORECASE)  # fmt: skip
_COMPONENT_BEFORE = re.compile(r"(?:solid (?:component|portion|part|element|core|centre|center|nidus)s?|"
                               r"实性成分|实性部分|"
                               r"实性)\s*[,，]?\s*"
                               r"(?:大小|直径|最大径)?\s*"
                               r"(?:of|measuring|measures|measured|is|:|：|\(|（)?\s*(?:about|approximately|"
                               r"approx\.?|"
                               r"up to|~|约|大小约|直径约|最大径约)?\s*$", re.IGNORECASE)  # fmt: skip
_OTHER_AFTER = re.compile(r"^\s*(?:from|away|below|above|deep to|beneath|distal|proximal|inferior to|"
                          r"superior to|"
                          r"lateral to|medial to|of the (?:pleura|fissure|hilum)|apart)\b|"
                          r"^\s*(?:[\w-]+\s+){0,3}?(?:cysts?|bullae?|blebs?|(?:lymph )?nodes?|aneurysms?|"
                          r"effusions?|"
                          r"hernias?|adenomas?|plaques?|calculi|calculus|stones?|aorta|vessels?)\b|"
                          r"^[^，,。]{0,6}?"
                          r"(?:囊肿|淋巴结|肺大泡|大疱|动脉瘤|积液)", re.IGNORECASE)  # fmt: skip
_PRIOR_BEFORE = re.compile(r"(?:\b(?:previously|prior|formerly|was|were|from|compared (?:to|with)|versus|"
                           r"vs\.?|"
                           r"baseline|initially|originally|then)\b|前片|原|此前|上次|之前|既往|较前|由)\s*"
                           r"(?:measur\w*|约|大小约|直径约|为|of)?\s*(?:about|approximately|~)?\s*$",
                           re.IGNORECASE)  # fmt: skip
_PRIOR_AFTER = re.compile(r"^\s*(?:\(|（)?\s*(?:previously|prior|before|earlier|formerly|on the prior|"
                          r"in \d{4}|"
                          r"ago|\d*\s*(?:年|个月|月|周|天)前|以前|之前|(?:on|in|at) (?:the )?(?:prior|"
                          r"previous|"
                          r"last|earlier|baseline)|in (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|"
                          r"Dec)\w* \d{4})",
                          re.IGNORECASE)  # fmt: skip


_PRIOR_OWN_NUMBER = re.compile(rf"\s*(?:[:：,，]|measur\w*|of|was|at|约|为|大小约|直径约)?\s*"
                               rf"(?:about|approximately|approx\.?|~)?\s*{_NUM}", re.IGNORECASE)  # fmt: skip


_UPPER_BOUND = re.compile(rf"(?:{_A}(?:less than|smaller than|under|below|(?P<incl>not (?:more|larger) than|"
                          r"no (?:more|larger|bigger) than))|[<＜]|小于|不足|不到|未达|(?P<zincl>不超过))\s*"
                          r"(?:about|approximately|约)?\s*$", re.IGNORECASE)  # fmt: skip
# another structure named between the nodule and a size after it, in the same sentence
_OTHER_STRUCTURE = re.compile(rf"{_A}(?:lymph nodes?|nodes?|lymphadenopathy|adenopathy|effusions?|cysts?|"
                              rf"masses|mass|aneurysms?){_Z}|淋巴结|积液|囊肿|肿块|团块|动脉瘤",
                              re.IGNORECASE)  # fmt: skip
_IN_LUNG_NODE = re.compile(rf"(?:{_A}intra-?pulmonary|{_A}peri-?fissural|{_A}(?:sub)?fissural|肺内|叶间裂旁?|"
                           rf"裂周)\s*$", re.IGNORECASE)  # fmt: skip


def _other_before_size(text: str, start: int, at: int) -> bool:
    """Whether the last thing named before the size at `at` (since `start`) is a structure other
    than the nodule: a lymph node, an effusion, a mass named after the nodule."""
    others = [m for m in _OTHER_STRUCTURE.finditer(text, start, at)
              if not _IN_LUNG_NODE.search(text[max(start, m.start() - 12):m.start()])]  # fmt: skip
    if not others:
        return False
    last_other = others[-1]
    nodules = [m for m in _NODULE_NOUN.finditer(text, start, at)]
    if not nodules:
        return not _MASS_NOUN.fullmatch(last_other.group())
    return last_other.start() > nodules[-1].end()


def _prior_after(after: str) -> bool:
    """"5 mm previously", "5 mm (prior)": this size is the prior one; but in "6 x 5 mm (previously
    5 x 4 mm)" the word marks the size that follows it, and this one is the current size."""
    match = _PRIOR_AFTER.search(after)
    return match is not None and not _PRIOR_OWN_NUMBER.match(after, match.end())


def measurements(text: str, start: int, end: int) -> tuple[list[Measurement], list[tuple[int, int]]]:
    """Sizes stated between start and end, and the places of any size that cannot be read."""
    found: list[Measurement] = []
    unreadable: list[tuple[int, int]] = []
    covered: list[tuple[int, int]] = []
    for match in _MEASURE.finditer(text, start, end):
        units = [match.group(u) for u in ("ua", "ur", "ub", "uc") if match.group(u)]
        if not units:
            continue
        unit = units[-1]
        covered.append((match.start(), match.end()))
        try:
            first = _number(match.group("a"))
            if match.group("r") is not None:
                second = _number(match.group("r"))
                if match.group("ua") and match.group("range").strip().lower() in ("to", "至", "到"):
                    # "6 mm to 9 mm": a change, the first is the prior size
                    found.append(
                        Measurement(
                            match.start(),
                            match.start("range"),
                            [_mm(first, unit)],
                            "prior",
                            mean_size([_mm(first, unit)]),
                        )
                    )
                    found.append(
                        Measurement(
                            match.start("r"),
                            match.end(),
                            [_mm(second, unit)],
                            "current",
                            mean_size([_mm(second, unit)]),
                        )
                    )
                    continue
                dims = [_mm(first, match.group("ua") or unit), _mm(second, unit)]
                if dims[1] <= dims[0]:
                    raise UnreadableNumber(match.group())
                kind: MeasureKind = "range"
                size = round_half_up(dims[1])
            else:
                values = [match.group(g) for g in ("a", "b", "c") if match.group(g) is not None]
                units_of = ("ua", "ub", "uc")[: len(values)]
                pairs = zip(values, units_of, strict=True)
                dims = [_mm(_number(v), match.group(u) or unit) for v, u in pairs]
                kind = "current"
                size = mean_size(dims)
        except (UnreadableNumber, ValueError):
            unreadable.append((match.start(), match.end()))
            continue
        if any(d <= 0 for d in dims):
            unreadable.append((match.start(), match.end()))
            continue
        before = text[max(start, match.start() - 40) : match.start()]
        after = text[match.end() : min(end, match.end() + 40)]
        if _COMPONENT_AFTER.search(after) or _COMPONENT_BEFORE.search(before):
            kind = "component"
        elif _OTHER_AFTER.search(after):
            continue  # the size of something else: "a 2 cm cyst", "a 1.5 cm lymph node"
        elif _PRIOR_BEFORE.search(before) or _prior_after(after):
            kind = "prior"
        if kind == "current" and len(dims) == 1 and _other_before_size(text, start, match.start()):
            continue  # "结节约7mm，纵隔见肿大淋巴结，短径约1.5cm": the size of the node, not the nodule's
        bound = _UPPER_BOUND.search(before) if kind == "current" and len(dims) == 1 else None
        if bound is not None:
            # "less than 6 mm", "小于6mm": below the bound; wholly under 6 mm it is the < 6 mm row,
            # otherwise a range that spans rows (the panel asks); "no larger than 6 mm" may be 6 mm
            inclusive = bool(bound.group("incl") or bound.group("zincl"))
            if dims[0] < 6 or (dims[0] == 6 and not inclusive):
                dims = [dims[0] - 1] if dims[0] >= 2 else [dims[0] / 2]
                size = mean_size(dims)
            else:
                dims, kind, size = [1.0, dims[0] - 0.5], "range", round_half_up(dims[0] - 0.5)
        found.append(Measurement(match.start(), match.end(), dims, kind, size))
        # bare numbers before it that share its unit: "2, 3 and 4 mm", "3、5mm"
        head = text[start : match.start()]
        shared = re.search(rf"((?:{_NUM}\s*(?:,|、|，|and|及|和)\s*)+)$", head)
        if shared and kind in ("current", "prior"):
            offset = start + shared.start(1)
            for bare in re.finditer(_NUM, shared.group(1)):
                try:
                    value = _mm(_number(bare.group()), unit)
                except (UnreadableNumber, ValueError):
                    continue
                found.append(
                    Measurement(offset + bare.start(), offset + bare.end(), [value], kind, mean_size([value]))
                )
    for unit_match in _ANY_UNIT.finditer(text, start, end):
        if not any(a <= unit_match.start() < b for a, b in covered):
            head = text[max(start, unit_match.start() - 12) : unit_match.start()]
            if re.search(r"[\d?？xX]\s*$|\bof\s*$", head) or not head.strip():
                unreadable.append((max(start, unit_match.start() - 12), unit_match.end()))
    found.sort(key=lambda m: m.start)
    return found, unreadable


# ---------------------------------------------------------------------------------------------
# Nodule statements

_NODULE_NOUN = re.compile(
    rf"{_A}(?:micro)?nodules?{_Z}|{_A}nodul(?:ar|e-like) (?:opacit(?:y|ies)|densit(?:y|ies)|lesions?|"
    rf"shadows?)|"
    rf"{_A}(?:[pm]?GGN|[pm]?GGO|SSN|PSN|SPN)s?{_Z}|{_A}granulomas?{_Z}|{_A}hamartomas?{_Z}|"
    rf"{_A}(?:lung |pulmonary )?"
    rf"(?:mass(?:es)?|tumou?rs?){_Z}|结节|肿块|团块|钙化灶|占位|肿物|错构瘤",
    re.IGNORECASE,
)  # fmt: skip
_GG_OPACITY = re.compile(rf"{_A}ground[- ]?glass (?:opacit(?:y|ies)|densit(?:y|ies)|focus|foci|lesions?)|"
                         r"磨玻璃(?:密度)?影|磨玻璃灶|磨玻璃密度灶", re.IGNORECASE)  # fmt: skip
_MASS_NOUN = re.compile(rf"{_A}(?:mass(?:es)?|tumou?rs?){_Z}|肿块|团块|占位|肿物", re.IGNORECASE)
_LESION_NOUN = re.compile(
    rf"{_A}(?:lesions?|opacit(?:y|ies)|densit(?:y|ies)){_Z}|病灶|病变|密度影", re.IGNORECASE
)
_NOT_LUNG = re.compile(
    rf"{_A}(?:thyroid|liver|hepatic|renal|kidney|adrenal|breast|pancrea\w*|spleen|splenic|bone|osseous|"
    rf"vertebra\w*|"
    rf"rib|lymph nodes?|nodes?|thyroid|skin|subcutaneous|soft tissue of the|mediastinal mass|hilar)\b|"
    rf"甲状腺|肝|"
    rf"肾|"
    rf"肾上腺|乳腺|胰|脾|骨|淋巴结|皮下",
    re.IGNORECASE,
)  # fmt: skip
_PLURAL = re.compile(
    rf"{_A}(?:two|three|four|five|six|several|multiple|numerous|few|innumerable|countless|scattered|"
    rf"bilateral|"
    rf"both lungs|a number of|many|nodules|micronodules|GGNs|GGOs|granulomas|masses|respectively){_Z}|"
    rf"多发|多个|数个|数枚|散在|分别|各见|[两二三四五六七八九十几\d]\s*(?:枚|个(?!月|多月|半月|小时|星期|疗程|周期)|处)|(?:双|"
    rf"两)肺[^，。；,;]*?(?:结节|磨玻璃)",
    re.IGNORECASE,
)  # fmt: skip
_DISTINCT = re.compile(rf"{_A}(?:second|another|additional|additionally|separate|separately|other|further|"
                       rf"new|"
                       rf"also|in addition){_Z}|另见|另|此外|另一|还见|亦见",
                       re.IGNORECASE)  # fmt: skip
_PARTSOLID = re.compile(
    rf"{_A}part(?:ly|ially)?[- ]?solid|{_A}semi-?solid|{_A}mixed[- ](?:density|attenuation|ground[- ]?glass)|"
    rf"{_A}mixed (?:solid (?:and|&|/) ground[- ]?glass|ground[- ]?glass (?:and|&|/) solid)|"
    rf"{_A}(?:solid (?:and|&|/) ground[- ]?glass|ground[- ]?glass (?:and|&|/) solid) (?:components?|"
    rf"attenuation|density|elements?)|混合密度|实性及磨玻璃|磨玻璃及实性|"
    rf"{_A}(?:PSN|mGGN|mGGO)s?{_Z}|部分实性|混杂密度|混合性|混合磨玻璃|混杂磨玻璃|"
    # "a subsolid nodule ... with a 3 mm solid component": a solid part stated makes it part-solid
    rf"{_A}(?:sub-?solid|ground[- ]?glass(?: (?:density|attenuation))?|GGN|GGO)"
    rf"(?![^.;。；\n]{{0,60}}?\b(?:no|without|absent|lacks?|lacking|not|nor)\b)"
    rf"(?=[^.;。；\n]{{0,60}}?\bsolid (?:component|portion|part|element|core|centre|center|nidus)s?\b)|"
    r"(?:亚实性|磨玻璃)(?![^。；;\n]{0,30}?(?:无|未见|不伴|没有|未)(?:明显|明确)?实性)"
    r"(?=[^。；;\n]{0,30}?实性(?:成分|部分|核心))",
    re.IGNORECASE,
)  # fmt: skip
_GROUNDGLASS = re.compile(
    rf"{_A}(?:pure )?ground[- ]?glass(?! (?:component|portion|halo|part|rim|margin|attenuation around))|"
    rf"{_A}(?:GGN|GGO|pGGN|pGGO)s?{_Z}|{_A}non-?solid|纯磨玻璃|磨玻璃|毛玻璃",
    re.IGNORECASE,
)  # fmt: skip
_SUBSOLID = re.compile(rf"{_A}sub-?solid|{_A}SSNs?{_Z}|亚实性", re.IGNORECASE)
_SOLIDTYPE = re.compile(rf"(?<![-\w])solid(?![- ](?:component|portion|part|element))\b|{_A}soft[- ]tissue "
                        r"(?:density|attenuation|nodule)|"
                        r"(?<!部分)(?<!亚)实性(?!成分|部分)|实质性|软组织(?:密度)?(?=结节|影|灶)",
                        re.IGNORECASE)  # fmt: skip
_CALCIFIED = re.compile(
    rf"{_A}(?:densely |diffusely |centrally |completely |partially |coarsely )?calcifi(?:ed|cation)s?|"
    rf"{_A}calcific{_Z}|"
    rf"{_A}popcorn|{_A}laminated|{_A}(?:internal |macroscopic )?fat(?:ty)?(?: attenuation| density)?{_Z}|"
    rf"{_A}hamartomas?{_Z}|钙化|爆米花|脂肪密度|脂肪成分|错构瘤",
    re.IGNORECASE,
)  # fmt: skip
_NONCALCIFIED = re.compile(rf"{_A}non-?calcified|{_A}uncalcified|{_A}not calcified|未见(?:明显|明确)?钙化|"
                           r"无(?:明显)?钙化|不伴钙化|非钙化", re.IGNORECASE)  # fmt: skip
_PERIFISSURAL = re.compile(
    rf"{_A}peri-?fissural|{_A}intra-?pulmonary lymph node|{_A}(?:sub)?fissural (?:nodule|lymph node)|"
    rf"裂周|叶间裂旁淋巴结|肺内淋巴结|叶间裂淋巴结|"
    # the typical shape on a fissure: "a triangular nodule abutting the minor fissure", "斜裂旁三角形结节"
    rf"{_A}(?:triangular|lentiform|lenticular|flat oval|flattened|polygonal)[^.;。；\n]{{0,40}}?"
    rf"fissur\w*|{_A}fissur\w*[^.;。；\n]{{0,40}}?(?:triangular|lentiform|lenticular|flattened|polygonal)|"
    rf"(?:叶间裂|水平裂|斜裂)[^。；;\n]{{0,12}}?(?:三角形|梭形|扁平|类三角形)|"
    rf"(?:三角形|梭形|扁平|类三角形)[^。；;\n]{{0,12}}?(?:叶间裂|水平裂|斜裂)",
    re.IGNORECASE,
)  # fmt: skip
_ATYPICAL = re.compile(rf"{_A}atypical|{_A}not typical|不典型|非典型", re.IGNORECASE)
_GROWTH = re.compile(
    rf"{_A}(?:increas\w* (?:in size|in diameter|from|to)|enlarg\w*\b(?!\s+(?:[\w-]+\s+){{0,2}}"
    rf"(?:lymph|nodes?|heart|thyroid|liver|spleen|adenopathy))|interval growth|grow(?:n|ing|th)|grew|"
    rf"larger than|bigger|decreas\w* (?:in size|from|to)|smaller than|shrunk|shrinking|reduc\w* in size)|"
    rf"较前(?:明显)?(?:增大|增长|长大|缩小|减小|变小)|增大|长大|缩小",
    re.IGNORECASE,
)  # fmt: skip
_AXES = re.compile(rf"{_A}(?:long|short|longest|shortest|maximal|minimal|perpendicular)"
                   rf"(?:[- ]axis| diameter)|"
                   r"长径|短径|长轴|短轴", re.IGNORECASE)  # fmt: skip
_TINY = re.compile(rf"{_A}(?:tiny|punctate|too small to (?:characteri[sz]e|measure)|sub-?[1-4] ?mm)|"
                   r"微小|细小",
                   re.IGNORECASE)  # fmt: skip
_SPICULATED = re.compile(rf"{_A}spicul\w*|毛刺", re.IGNORECASE)
_UNMEASURED = re.compile(rf"{_A}(?:not (?:reliably |accurately )?(?:measured|measurable)|unmeasurable|"
                         r"too small to (?:measure|characteri[sz]e)|subcentimet(?:er|re))\b|"
                         r"未能测量|无法测量|难以测量", re.IGNORECASE)  # fmt: skip

_SIDE = {"right": "right", "left": "left", "右": "right", "左": "left"}
_LEVEL = {
    "upper": "upper",
    "middle": "middle",
    "lower": "lower",
    "上": "upper",
    "中": "middle",
    "下": "lower",
}
_LOBE = re.compile(
    rf"(?P<side>right|left)\s+(?P<level>upper|middle|lower)(?:\s+(?:and\s+(?:right\s+|"
    rf"left\s+)?\w+\s+)?lobes?)|"
    rf"{_A}(?P<abbr>RUL|RML|RLL|LUL|LLL){_Z}|{_A}(?P<lingula>lingula)r?|"
    rf"(?P<zside>[右左])肺(?P<zlevel>[上中下])叶|(?P<zside2>[右左])(?P<zlevel2>[上中下])肺(?!野)|"
    rf"(?P<zling>舌段)",
    re.IGNORECASE,
)  # fmt: skip
_ABBR = {"RUL": "right upper lobe", "RML": "right middle lobe", "RLL": "right lower lobe",
         "LUL": "left upper lobe", "LLL": "left lower lobe"}  # fmt: skip
LOBE_NAMES = ("right upper lobe", "right middle lobe", "right lower lobe", "left upper lobe",
              "left lower lobe",
              "lingula")  # fmt: skip


def _lobe(match: re.Match[str]) -> str:
    if match.group("abbr"):
        return _ABBR[match.group("abbr").upper()]
    if match.group("lingula") or match.group("zling"):
        return "lingula"
    if match.group("side"):
        return f"{match.group('side').lower()} {match.group('level').lower()} lobe"
    side = match.group("zside") or match.group("zside2")
    level = match.group("zlevel") or match.group("zlevel2")
    return f"{_SIDE[side]} {_LEVEL[level]} lobe"


# A nodule whose type is not stated at all ("a 4 mm nodule", "小结节影，约5mm") is read as solid, the
# reading radiologists give an unqualified nodule (a subsolid one is always named: ground-glass,
# part-solid), shown as a default the clinician can correct. Not where anything hints otherwise: a
# word anywhere in the document that names or suggests a subsolid or hazy nodule, or one about the
# nodule's density or opacity in its own statement; then the panel asks.
_HINT_DOCUMENT = re.compile(
    rf"{_A}(?:ground[- ]?glass|groundglass|GG[OAN]s?{_Z}|SSNs?{_Z}|sub-?solid|non-?solid|"
    rf"part(?:ly|ially)?[- ]"
    rf"solid|semi-?solid|mixed[- ](?:attenuation|density|solid)|hazy|haziness|faint\w*|subtle|halo|"
    rf"frosted|cystic|[pm]GG[NO]s?{_Z})|磨玻璃|毛玻璃|玻璃|囊性|混杂密度|混合密度|混合性|半实性|部分实性|亚实性|非实性|淡薄|淡片|稍高密度|"
    r"密度(?:不均|较淡|浅淡|减低|较低|稍低)|低密度|晕征|模糊",
    re.IGNORECASE,
)  # fmt: skip
_HINT_NEAR = re.compile(rf"{_A}(?:opacit(?:y|ies)|attenuat\w*|dens(?:e|ity|ities)|HU{_Z}|Hounsfield)|密度|"
                        r"CT值|HU", re.IGNORECASE)  # fmt: skip


def unstated_type_reads_solid(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether nodules stated at ``spans`` of ``text``, none with a type, may be read as solid."""
    return not _HINT_DOCUMENT.search(text) and not any(_HINT_NEAR.search(text, a, b) for a, b in spans)


@dataclass
class Statement:
    """One nodule the text states, or a group of nodules stated together ("two nodules, ...")."""

    start: int  # the clause that states it
    end: int
    section: SectionKind
    size_mm: int | None = None
    dimensions_mm: list[float] = field(default_factory=list)
    size_span: tuple[int, int] | None = None
    prior_size_mm: int | None = None
    is_range: bool = False
    nodule_type: NoduleType | None = None
    subsolid: bool = False
    type_span: tuple[int, int] | None = None
    lobe: str | None = None
    calcified: bool = False
    calcified_span: tuple[int, int] | None = None
    odd_calcification: tuple[int, int] | None = None  # eccentric, punctate, stippled: not a benign pattern
    perifissural: bool = False
    mass: bool = False
    growth: bool = False
    growth_span: tuple[int, int] | None = None
    spiculated: bool = False
    upper_lobe: bool = False
    plural: bool = False  # part of a group statement
    group: bool = False  # a group statement that gives no size of its own
    distinct: bool = False  # "another", "a second", "另见": not the nodule named before
    unreadable: bool = False
    unmeasured: bool = False
    tiny: bool = False  # "tiny", "too small to characterise", "微小": smaller than any measured one


def _nearest(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    if not spans:
        return None
    return min(spans, key=lambda s: min(abs(s[0] - end), abs(start - s[1]), 0 if s[0] < end and start < s[1]
                                          else 10**6))  # fmt: skip


def _other_lobes_word(text: str, span: tuple[int, int], clause: tuple[int, int],
                      anchor: tuple[int, int]) -> bool:  # fmt: skip
    """A word in another comma-part of the clause that names its own, different lobe: "右肺上叶见磨玻璃影，
    左肺下叶见小结节，约5mm" says nothing of the type of the 5 mm nodule."""
    cuts = [clause[0]] + [m.end() for m in re.finditer(r"[,，;；]", text[clause[0] : clause[1]])]
    cuts = [clause[0]] + [clause[0] + c for c in cuts[1:]] + [clause[1]]

    def part(position: int) -> tuple[int, int]:
        index = max(i for i, c in enumerate(cuts[:-1]) if c <= position)
        return cuts[index], cuts[index + 1]

    own_part = part(span[0])
    if own_part == part(anchor[0]) or _PLURAL.search(text, *own_part):
        return False  # "Three ground-glass nodules: RML 4 mm, RLL 3 mm" types every one
    lobes = [(m.start(), _lobe(m)) for m in _LOBE.finditer(text, clause[0], clause[1])]
    own = {name for at, name in lobes if own_part[0] <= at < own_part[1]}
    others = [(abs(at - anchor[0]), name) for at, name in lobes if not own_part[0] <= at < own_part[1]]
    return bool(own and others and min(others)[1] not in own)


def _type_at(text: str, left: int, right: int, clause: tuple[int, int], anchor: tuple[int, int]
             ) -> tuple[NoduleType | None, bool, tuple[int, int] | None]:  # fmt: skip
    """The nodule type stated in left..right nearest the anchor (negated words do not count)."""
    options: list[tuple[tuple[int, int], NoduleType | None, bool]] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind, subsolid in ((_PARTSOLID, "part-solid", False), (_GROUNDGLASS, "ground-glass", False),
                                    (_SUBSOLID, None, True), (_SOLIDTYPE, "solid", False)):  # fmt: skip
        for match in pattern.finditer(text, left, right):
            span = (match.start(), match.end())
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            if negated(text, span[0], span[1], clause):
                continue
            if _other_lobes_word(text, span, clause, anchor):
                continue
            taken.append(span)
            options.append((span, kind, subsolid))  # type: ignore[arg-type]
    if not options:
        return None, False, None
    best = _nearest([o[0] for o in options], *anchor)
    for span, kind, subsolid in options:
        if span == best:
            return kind, subsolid, span
    return None, False, None


def _flag(pattern: re.Pattern[str], text: str, left: int, right: int, clause: tuple[int, int]
          ) -> tuple[int, int] | None:  # fmt: skip
    for match in pattern.finditer(text, left, right):
        if not negated(text, match.start(), match.end(), clause):
            return match.start(), match.end()
    return None


_NO_GROWTH_BEFORE = re.compile(
    rf"{_A}(?:no|not|without|nor|never|negative for|absence of)\b[^.,;，。；]{{0,30}}$|(?:未见|无|未|没有|"
    rf"不)(?:明显|明确)?"
    r"[^，。；]{0,4}$|较前无",
    re.IGNORECASE,
)  # fmt: skip


def _growth(text: str, left: int, right: int) -> tuple[int, int] | None:
    """A change in size stated for the nodule ("has grown", "较前增大"), not a negated one
    ("no interval growth", "未见明显增大")."""
    for match in _GROWTH.finditer(text, left, right):
        if not _NO_GROWTH_BEFORE.search(text[max(left, match.start() - 40):match.start()]):
            return match.start(), match.end()
    return None


# a calcification that is not one of the benign patterns (diffuse, central, laminated, popcorn)
_ODD_CALCIFICATION = re.compile(
    rf"{_A}(?:eccentric|punctate|stippled|amorphous|speckled|dystrophic|peripheral|micro)[- ]?\w*\s*"
    rf"(?:\w+\s+)?calcifi\w*|{_A}micro-?calcifi\w*|{_A}calcifi\w*\s+(?:\w+\s+)?(?:eccentric|punctate|"
    rf"stippled|amorphous)|(?:偏心|点状|细点状|斑点状|砂粒样?|沙粒样?|微小|细小|散在)钙化|微钙化",
    re.IGNORECASE,
)  # fmt: skip


def _odd_calcification(text: str, left: int, right: int, clause: tuple[int, int]) -> tuple[int, int] | None:
    for match in _ODD_CALCIFICATION.finditer(text, left, right):
        if not negated(text, match.start(), match.end(), clause):
            return match.start(), match.end()
    return None


def _calcified(text: str, left: int, right: int, clause: tuple[int, int]) -> tuple[int, int] | None:
    non = [(m.start(), m.end()) for m in _NONCALCIFIED.finditer(text, left, right)]
    for match in _CALCIFIED.finditer(text, left, right):
        if any(a <= match.start() < b or match.start() <= a < match.end() for a, b in non):
            continue
        if negated(text, match.start(), match.end(), clause):
            continue
        return match.start(), match.end()
    return None


def read_statements(text: str, sections: list[Section]) -> tuple[list[Statement], list[tuple[int, int]]]:
    """The nodule statements of the findings and impression (or of unlabelled text), and the
    places of sizes next to a nodule that cannot be read."""
    statements: list[Statement] = []
    unreadable_at: list[tuple[int, int]] = []
    for section in sections:
        if section.kind in ("history", "comparison", "exam", "patient"):
            continue
        for clause in sentences(text, section.start, section.end):
            statements.extend(_read_clause(text, clause, section.kind, unreadable_at))
    return statements, unreadable_at


# a sentence about an earlier examination: "Prior CT 2 years ago showed 0.3 cm", "前片约3mm"
_PRIOR_CUE = re.compile(
    rf"{_A}(?:prior|previous(?:ly)?|earlier|comparison|compared|before|ago|baseline|formerly|"
    rf"originally|initially|was|were|outside|last (?:CT|scan|study|exam\w*|year|month|time)|"
    rf"(?:19|20)\d{{2}}){_Z}|"
    r"前片|前次|上次|既往|原片|老片|旧片|较前|年前|月前|之前|以前|此前|原约|原为|\d{4}\s*年|去年|前年|外院|上一次|"
    r"前一次|上回",
    re.IGNORECASE,
)  # fmt: skip
# a size of the examination itself: "slice thickness 1 mm", "层厚1mm"
_TECHNICAL = re.compile(rf"{_A}(?:slices?|thickness|reconstruct\w*|collimation|intervals?|increments?|"
                        r"kernel|pitch)|层厚|重建|层距|准直", re.IGNORECASE)  # fmt: skip


def _bare_prior(text: str, clause: tuple[int, int], section: SectionKind) -> Statement | None:
    """A size stated in a sentence of its own that names no nodule but an earlier examination
    ("RLL nodule 5 mm. Prior 3 mm.", "On the CT from 2022 it measured 3 mm."): the earlier size of
    the nodule before it."""
    left, right = clause
    if not _PRIOR_CUE.search(text, left, right) or _TECHNICAL.search(text, left, right):
        return None
    if _OTHER_STRUCTURE.search(text, left, right) or _NOT_LUNG.search(text, left, right):
        return None  # "the prior showed a 2 cm liver cyst": not the nodule's size
    sizes = [m for m in measurements(text, left, right)[0] if m.kind in ("current", "prior", "range")]
    if len(sizes) != 1:
        return None
    lobe = _LOBE.search(text, left, right)
    return Statement(start=left, end=right, section=section, lobe=_lobe(lobe) if lobe else None,
                     size_mm=sizes[0].size_mm, dimensions_mm=sizes[0].dimensions_mm,
                     size_span=(sizes[0].start, sizes[0].end))  # fmt: skip


def prior_statements(text: str, sections: list[Section]) -> list[Statement]:
    """Nodules with a size in the indication, history or comparison ("follow-up of a 4 mm
    nodule"), and sizes of an earlier examination stated in a sentence of their own: earlier
    measurements, compared with the current ones for growth."""
    found: list[Statement] = []
    for section in sections:
        if section.kind in ("exam", "patient"):
            continue
        for clause in sentences(text, section.start, section.end):
            read = _read_clause(text, clause, section.kind, [])
            if section.kind in ("history", "comparison"):
                found.extend(s for s in read if s.size_mm is not None)
            elif not read:
                bare = _bare_prior(text, clause, section.kind)
                if bare is not None:
                    found.append(bare)
    return found


_NEW_NODULE = re.compile(r",?\s+(?:and|with|plus)\s+(?=(?:an?|one|another|a second|a separate)\s)|"
                         r"[，,]\s*(?=[^，,。；;]{0,8}?(?:另见|另可见|并见|还见))",
                         re.IGNORECASE)  # fmt: skip


def _read_clause(text: str, clause: tuple[int, int], section: SectionKind,
                 unreadable_at: list[tuple[int, int]]) -> list[Statement]:  # fmt: skip
    left, right = clause
    # "a calcified granuloma in the LLL, and a 9 mm solid nodule in the RLL": two statements
    for cut in _NEW_NODULE.finditer(text, left, right):
        head, tail = (left, cut.start()), (cut.end(), right)
        if all(_NODULE_NOUN.search(text, a, b) for a, b in (head, tail)) and not _PLURAL.search(text, *head):
            others = _read_clause(text, tail, section, unreadable_at)
            for statement in others:
                statement.distinct = not statement.plural  # "..., and a 9 mm nodule": another one
            return _read_clause(text, head, section, unreadable_at) + others
    nouns = [m for m in _NODULE_NOUN.finditer(text, left, right)]
    lesions = [m for m in _LESION_NOUN.finditer(text, left, right)]
    lung_words = r"\blungs?\b|pulmonary|肺"
    lung = bool(_LOBE.search(text, left, right)) or bool(re.search(lung_words, text[left:right],
                                                                   re.IGNORECASE))  # fmt: skip
    live = [m for m in nouns if not negated(text, m.start(), m.end(), clause)]
    if not live:
        focal = [m for m in _GG_OPACITY.finditer(text, left, right)
                 if not negated(text, m.start(), m.end(), clause)]  # fmt: skip
        if not (lung and lesions) and not focal:
            return []
        live_lesions = [m for m in lesions if not negated(text, m.start(), m.end(), clause)]
        if not live_lesions and not focal:
            return []
        sizes, _ = measurements(text, left, right)
        current = [m for m in sizes if m.kind in ("current", "range")]
        if focal and current and max(m.size_mm for m in current) < 30:
            live = focal  # "a 5 mm ground-glass opacity": a measured focal one is a nodule
        elif not current or max(m.size_mm for m in current) < 30:
            return []  # a lung "lesion" or "opacity" under 3 cm is not read as a nodule
        else:
            live = live_lesions or focal
    if _NOT_LUNG.search(text, left, right) and not lung:
        return []
    sizes, unreadable = measurements(text, left, right)
    unreadable_at.extend(unreadable)
    current = [m for m in sizes if m.kind in ("current", "range")]
    prior = [m for m in sizes if m.kind == "prior"]
    plural = bool(_PLURAL.search(text, left, right)) or (len(live) > 1 and len(current) > 1)
    if not plural and len(current) == 2 and _AXES.search(text, left, right):
        # "long axis 8 mm, short axis 6 mm", "长径约8mm，短径约6mm": one nodule, two axes
        first, second = current
        dims = first.dimensions_mm + second.dimensions_mm
        current = [Measurement(first.start, second.end, dims, "current", mean_size(dims))]
    distinct = bool(_DISTINCT.search(text, left, right)) and not plural
    mass = any(_MASS_NOUN.fullmatch(m.group()) or _MASS_NOUN.search(m.group()) for m in live)
    growth = _growth(text, left, right)
    lobes = [(m.start(), m.end(), _lobe(m)) for m in _LOBE.finditer(text, left, right)]
    spiculated = _flag(_SPICULATED, text, left, right, clause) is not None
    upper = any("upper" in lobe or lobe == "lingula" for _, _, lobe in lobes)  # the lingula: left upper lobe
    perifissural = _flag(_PERIFISSURAL, text, left, right, clause) is not None and not _ATYPICAL.search(
        text, left, right
    )
    unmeasured = bool(_UNMEASURED.search(text, left, right))
    tiny = bool(_TINY.search(text, left, right))

    anchors: list[tuple[int, int, Measurement | None]] = [(m.start, m.end, m) for m in current]
    if not anchors:
        anchors = [(live[0].start(), live[0].end(), None)]
    many = plural or (len(anchors) > 1 and len(live) > 1)
    if len(anchors) > 1 and not many:
        many = True  # several sizes in one clause that names no plural: read each, the panel compares them
        many_singular = True
    else:
        many_singular = False
    result: list[Statement] = []
    bounds = _segments(text, left, right, [(a, b) for a, b, _ in anchors])
    for (seg_left, seg_right), (a_start, a_end, measure) in zip(bounds, anchors, strict=True):
        kind, subsolid, type_span = _type_at(text, seg_left, seg_right, clause, (a_start, a_end))
        if kind is None and not subsolid:
            kind, subsolid, type_span = _type_at(text, left, right, clause, (a_start, a_end))
        seg_lobes = [(s, e) for s, e, _ in lobes if seg_left <= s < seg_right] or [
            (s, e) for s, e, _ in lobes
        ]
        lobe_span = _nearest(seg_lobes, a_start, a_end)
        lobe = next((name for s, e, name in lobes if (s, e) == lobe_span), None)
        calcified = _calcified(text, seg_left, seg_right, clause)
        if calcified is None and len(anchors) == 1:
            calcified = _calcified(text, left, right, clause)
        odd = None  # the pattern is worded around the word: "eccentric calcification", "点状钙化"
        if calcified is not None:
            near = (max(left, calcified[0] - 20), min(right, calcified[1] + 20))
            odd = _odd_calcification(text, *near, clause)
        if odd is not None:
            calcified = None  # not a benign pattern: the nodule counts, and the panel asks
        statement = Statement(
            start=left, end=right, section=section, nodule_type=kind, subsolid=subsolid, type_span=type_span,
            lobe=lobe, calcified=calcified is not None, calcified_span=calcified, perifissural=perifissural,
            odd_calcification=odd,
            mass=bool(mass), growth=growth is not None, growth_span=growth, spiculated=spiculated,
            upper_lobe=upper, plural=many and not many_singular, distinct=distinct, unmeasured=unmeasured,
            tiny=tiny,
            unreadable=bool(unreadable) and measure is None,
        )  # fmt: skip
        if measure is not None:
            statement.size_mm = measure.size_mm
            statement.dimensions_mm = measure.dimensions_mm
            statement.size_span = (measure.start, measure.end)
            statement.is_range = measure.kind == "range"
            if prior and len(anchors) == 1:
                statement.prior_size_mm = max(p.size_mm for p in prior)
            if statement.size_mm >= 30:
                statement.mass = True
        elif plural:
            statement.group = True
        result.append(statement)
    if many_singular:
        for statement in result:
            statement.plural = False
            statement.distinct = False
    return result


_SEGMENT_BREAK = re.compile(r",\s*(?:and\s+)?|\band\b|、|，|及|和|以及|;|；|\)|）")


def _segments(text: str, left: int, right: int, anchors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split a clause into one stretch per anchor, at the last break between two anchors."""
    cuts = [left]
    for (_, end_a), (start_b, _) in pairwise(anchors):
        breaks = [m for m in _SEGMENT_BREAK.finditer(text, end_a, start_b)]
        cut = breaks[-1].start() if breaks else (end_a + start_b) // 2
        if breaks and breaks[-1].group() in (")", "）"):
            cut = breaks[-1].end()
        cuts.append(cut)
    cuts.append(right)
    return list(pairwise(cuts))


# ---------------------------------------------------------------------------------------------
# The examination, the patient, the exclusions and the risk factors

Modality = Literal["CT", "radiograph", "other"]
_CT = re.compile(rf"{_A}(?:CT|CTA|HRCT|LDCT|MDCT|MSCT|CAT){_Z}|computed tomograph|{_A}PET[/-]CT{_Z}|"
                 r"体层|计算机断层", re.IGNORECASE)  # fmt: skip
_RADIOGRAPH = re.compile(
    rf"radiograph|x-?ray|{_A}(?:XR|CXR){_Z}|{_A}(?-i:DR|CR)(?![A-Za-z.]|\s*[:=]?\s*\d)|"
    rf"{_A}(?:chest|plain) films?|{_A}frontal (?:view|projection)|"
    rf"{_A}lateral view|{_A}(?:PA|AP) (?:and|&) lateral|{_A}(?:PA|AP) (?:view|"
    rf"chest|"
    rf"portable|supine|erect|upright)|portable chest|chest,? (?:1|2|one|two|single) views?|"
    rf"frontal and lateral|"
    rf"{_A}(?:1|2|3|one|two|three|single)[- ]?(?:\(\d\)\s*)?v(?:iews?)?{_Z}|frontal\s*(?:/|and|&)\s*lateral|"
    rf"{_A}(?:PA|AP)\s*(?:and|&|/)?\s*lat(?:eral)?{_Z}|{_A}chest x-|"
    rf"胸片|X线|平片|正位片|正侧位|摄片|胸部正位|胸部侧位",
    re.IGNORECASE,
)  # fmt: skip
_OTHER_MODALITY = re.compile(rf"{_A}(?-i:MRI?|US)(?![A-Za-z.])|{_A}(?:magnetic resonance|ultrasound|"
                             rf"sonograph\w*){_Z}|磁共振|超声",
                             re.IGNORECASE)  # fmt: skip
# A nodule described by its attenuation, a CT number, a lung or mediastinal window, or a series and
# image can only have been read on CT: where the examination is not named, these words say CT.
_CT_EVIDENCE = re.compile(
    rf"{_A}(?:part(?:ly|ially)?[- ]?solid|semi-?solid|sub-?solid|solid|ground[- ]?glass|GG[NO]s?|"
    # ("soft tissue density" and "attenuation" alone are radiograph words too: they are not evidence)
    rf"mixed[- ](?:attenuation|density)|"
    rf"Hounsfield|lung windows?|mediastinal windows?|(?:series|se)\s*#?\s*\d+\s*[,/]?\s*(?:image|im|img)"
    rf"\s*#?\s*\d+|(?:image|img|im)\s*#?\s*\d+(?:\s*/\s*\d+)?|axial (?:images?|slices?|sections?))"
    rf"{_Z}|-?\d+\s*(?-i:HU|Hu){_Z}|"
    r"实性|磨玻璃|毛玻璃|混杂(?:磨玻璃)?密度|混合(?:磨玻璃)?密度|亚实性|肺窗|纵隔窗|层面|CT值|薄层|"
    r"第\s*\d+\s*(?:层|幅)|序列\s*\d+|(?<![A-Za-z])(?-i:Se)\s*\d+",
    re.IGNORECASE,
)  # fmt: skip
# "compared with the chest radiograph of 2020", "对比2020年胸片": an earlier examination, not this one;
# "correlate with MRI", "建议超声检查": one advised, not this one either
_COMPARED_BEFORE = re.compile(
    r"(?:\b(?:compared? (?:to|with)|comparison (?:to|with|is made (?:to|with))|comparison[:：]|prior|"
    r"previous|earlier|outside|old|preceding|the last|since|correlat\w*|recommend\w*|suggest\w*|advis\w*|"
    r"consider|further|follow-?up|dedicated|(?:seen|noted|found|detected|identified|shown|demonstrated|"
    r"visible|suspected|abnormal)\s+(?:on|at|by|in))\b[^.;。；\n]{0,24}|(?:对比|比较|与|较|前次|既往|上次|"
    r"此前|外院|建议|请|结合|进一步|必要时|随访|复查|体检|因)[^，,。；;\n]{0,12})$",
    re.IGNORECASE,
)
# any other examination named anywhere in the text (the words as they are written: "Dr" is a doctor,
# "us" a pronoun): it stops the inference, and the panel asks.
_OTHER_NAMED = re.compile(
    rf"{_A}(?-i:MRI?|US|PET(?![/-]?CT)|XR|CXR|KUB){_Z}|{_A}(?-i:DR|CR)(?![A-Za-z.]|\s*[:=]?\s*\d)|"
    rf"{_A}(?:magnetic resonance|ultraso\w+|"
    rf"sonograph\w*|scintigra\w+|mammogra\w+|fluoroscop\w*)|磁共振|超声|彩超|核素|钼靶|透视",
    re.IGNORECASE,
)  # fmt: skip
_SCREENING = re.compile(rf"{_A}(?:lung (?:cancer )?screening|screening (?:low[- ]dose )?CT|LCS|Lung-?RADS)|"
                        r"肺癌筛查|(?:低剂量|LDCT).{0,12}筛查|"
                        r"筛查.{0,8}(?:低剂量|CT)", re.IGNORECASE)  # fmt: skip
_SCREENING_WORD = re.compile(rf"{_A}screening{_Z}|筛查", re.IGNORECASE)
_OTHER_SCREENING = re.compile(
    rf"{_A}(?:TB|tuberculosis|pre-?op\w*|pre-?transplant|metasta\w*|mammo\w*|breast|colon\w*|colorectal|"
    rf"prostate|cervical|covid|drug|hearing|vision|developmental|aneurysm|AAA|hepatitis|HIV)\b|结核|乳腺|"
    rf"肠癌|转移",
    re.IGNORECASE,
)  # fmt: skip

_AGE = re.compile(
    rf"{_A}(?P<a>\d{{1,3}})\s*-?\s*(?:years?|yrs?|y)\s*-?\s*(?:old|o\b|/o|\.o\.)|"
    rf"{_A}(?P<b>\d{{1,3}})\s*(?:yo|y/o|y\.o\.|yrs? old|yr old|years? of age){_Z}|"
    rf"{_A}(?:patient )?age[d]?\s*[:：=]?\s*(?P<c>\d{{1,3}})(?:\s*(?:years?|yrs?|y))?{_Z}|"
    rf"{_A}[MF]\s*/\s*(?P<d>\d{{1,3}}){_Z}|(?<![\w/])(?P<e>\d{{1,3}})\s*/\s*[MF]{_Z}|"
    rf"(?<![\w.])(?P<f>\d{{2}})\s?(?:M|F)(?=[,;.:)\s]|$)|(?<![\w.])(?-i:[MF])(?P<m>\d{{2}})(?=[,;.:)\s]|$)|"
    rf"(?:^|(?<=\n)|(?<=[:：]))\s*(?P<n>\d{{2}})\s?(?:y|yr)\.?(?=[,;.\s]|$)|(?P<g>\d{{1,3}})\s*(?:岁|周岁)|"
    rf"年龄\s*[:：]?\s*(?P<h>\d{{1,3}})|(?<![\w.])(?P<i>\d{{1,3}})\s*(?-i:Y)(?=[\s,，;；)）]|$)|"
    rf"{_A}(?:male|female|man|woman|M|F)\s*[,/，]\s*(?P<j>\d{{1,3}})(?=\s*(?:[,.;，。；)）]|yo\b|y\b|years?\b|"
    rf"$))|"
    rf"[男女]\s*[,，]?\s*(?P<k>\d{{1,3}})(?=\s*(?:[,，。;；]|$))|"
    rf"{_A}(?:the )?(?:patient|pt)\.? is (?:a )?(?P<l>\d{{1,3}})(?=\s*(?:[,.;]|y|years?\b|$))",
    re.IGNORECASE,
)  # fmt: skip
_AGE_NOT_PATIENT = re.compile(r"\b(?:at|since|from|by|until|before|after|when)\s+(?:the\s+)?$|"
                              r"(?:于|在|从|自)\s*$", re.IGNORECASE)  # fmt: skip

FAMILY = (r"(?:family (?:history|hx)|FHx|FH:|familial|mother|father|brother|sister|sibling|parents?|son|"
          r"daughter|"
          r"aunt|uncle|grand\w+|relatives?|cousin|家族|家属|父亲|母亲|父母|兄弟|姐妹|哥哥|姐姐|弟弟|妹妹|"
          r"儿子|女儿|亲属|"
          r"其父|其母|祖父|祖母|外祖)")  # fmt: skip
_FAMILY = re.compile(rf"{_A}{FAMILY}", re.IGNORECASE)
_FIELD_NO = re.compile(r"\s*[:：=]\s*(?:none|no|absent|negative|not seen|nil|n|无|阴性|未见)\b",
                       re.IGNORECASE)  # fmt: skip
_FAMILY_AFTER = re.compile(rf"[^.;。；,，]{{0,6}}?(?:家族史|家族|\s+in (?:his|her|the patient's|a) {FAMILY})",
                           re.IGNORECASE)  # fmt: skip
_SELF = re.compile(r"本人|患者本人|the patient (?:has|had|is)|she has|he has", re.IGNORECASE)

ExclusionKey = Literal["known_cancer", "immunocompromised", "screening"]
_CANCER = re.compile(
    rf"{_A}(?:cancer|carcinoma|adenocarcinoma|malignan\w+|melanoma|lymphoma|leuka?emia|sarcoma|myeloma|"
    rf"mesothelioma|neoplasm|oncolog\w*|metasta\w+|tumou?r){_Z}(?! markers?)|{_A}(?:NSCLC|SCLC|HCC|RCC|CLL|"
    rf"CML|AML|MDS|NHL|DLBCL|GIST|HNSCC){_Z}|"
    rf"{_A}(?:breast|lung|colon|colorectal|rectal|prostate|gastric|renal|bladder|thyroid|ovarian|cervical|"
    rf"pancreatic|esophageal|oesophageal|liver|head and neck|endometrial|uterine) ca{_Z}|癌|肉瘤|淋巴瘤|"
    rf"白血病|骨髓瘤|恶性肿瘤|肿瘤(?!标志物|指标)|转移|(?<=[\u4e00-\u9fff])(?-i:Ca|CA)(?![A-Za-z])",
    re.IGNORECASE,
)  # fmt: skip
_CANCER_CONTEXT = re.compile(
    rf"{_A}(?:history of|hx of|known|diagnosed|newly diagnosed|s/p|status post|post|treated|on|receiving|"
    rf"undergoing|staging|restaging|surveillance|work-?up|follow-?up of|metastatic|stage|mastectomy|"
    rf"lobectomy|"
    rf"resection|chemo\w*|radiotherap\w*|radiation|immunotherap\w*|FOLFOX\w*|FOLFIRI\w*|primary)\b|"
    rf"术后|化疗|放疗|靶向|免疫治疗|病史|复查|分期|确诊|治疗后|切除|排查|随访|中|既往|患有|史",
    re.IGNORECASE,
)  # fmt: skip
_CANCER_STRONG = re.compile(
    rf"{_A}(?:metastatic (?:work-?up|survey|disease)|(?:evaluat\w+|assess\w*|search|survey|look) for "
    rf"metasta\w+|known (?:primary )?(?:cancer|malignancy|carcinoma|"
    rf"tumou?r)|"
    rf"(?:on|receiving|undergoing|post|s/p|after) (?:\w+ )?chemo(?:therapy)?|chemotherapy for (?:\w+ ){{0,3}}"
    rf"(?:cancer|carcinoma|lymphoma|leuka?emia|myeloma|sarcoma|malignancy)|oncology (?:patient|follow-?up))|"
    rf"化疗中|化疗后|癌术后|瘤术后|癌.{{0,6}}术后|癌.{{0,6}}化疗|排查.{{0,4}}转移|转移瘤|恶性肿瘤病史|"
    rf"肿瘤病史|癌症?病史",
    re.IGNORECASE,
)  # fmt: skip
_SUSPECTED = re.compile(
    rf"{_A}(?:suspicious for|suspected|suspicion of|concerning for|worrisome for|possible|possibly|probable|"
    rf"may represent|could represent|cannot (?:be )?exclude|not excluded|rule out|r/o|to exclude|"
    rf"differential|versus|vs|question of|risk of|screening|evaluate for|evaluation for|concern for|"
    rf"concern of|worried about|assess for|query|likely|suggestive of|\?)|考虑|可能|待排|"
    rf"不除外|除外|不能排除|可疑|疑似|筛查|\?|？",
    re.IGNORECASE,
)  # fmt: skip
_IMMUNO = re.compile(
    rf"{_A}(?:HIV|AIDS){_Z}|{_A}immuno-?(?:compromised|suppress\w*|deficien\w*)|{_A}transplant\w*|"
    rf"{_A}(?-i:PLWH|PLHIV|PWH|HAART|cART|ARVs?){_Z}|{_A}(?:on|receiving|taking|started on) (?-i:ART){_Z}|"
    rf"{_A}anti-?retroviral\w*|{_A}CD4\+?(?:\s*T[- ]?(?:cell|lymphocyte)s?)?(?:\s*(?:count|cells?))?\s*"
    rf"(?:[:：=]|of|was|is)?\s*\d+|{_A}(?:agammaglobulin\w*|hypogammaglobulin\w*)|{_A}(?-i:CVID|SCID){_Z}|"
    r"抗逆转录病毒|CD4\+?\s*(?:T\s*)?(?:细胞)?(?:计数)?\s*[:：]?\s*\d+|人类免疫缺陷病毒|"
    rf"{_A}(?:tacrolimus|cyclosporin\w*|ciclosporin|mycophenolat\w*|cyclophosphamide|azathioprine|sirolimus|"
    rf"everolimus|rituximab|methotrexate|infliximab|adalimumab|etanercept|BMT|HSCT){_Z}|{_A}(?:on|receiving|"
    rf"long[- ]term|high[- ]dose) "
    rf"(?:\w+ )?(?:steroids?|corticosteroids?|prednis\w+){_Z}|{_A}chemo(?:therapy)?{_Z}|{_A}neutropeni\w*|"
    rf"免疫抑制|免疫缺陷|免疫功能低下|移植|艾滋|他克莫司|环孢素|吗替麦考酚酯|霉酚酸|环磷酰胺|硫唑嘌呤|"
    rf"甲氨蝶呤|利妥昔单抗|英夫利昔单抗|阿达木单抗|激素治疗|化疗|长期(?:服用|口服|使用|应用)?(?:糖皮质)?激素",
    re.IGNORECASE,
)  # fmt: skip
# a transplant named for an organ donor, not a recipient ("potential living kidney donor", "供肾评估")
# (only words that make the patient the donor: "renal transplant, living related donor" is a recipient)
_DONOR = re.compile(
    rf"{_A}(?:potential|prospective|possible|candidate|altruistic|intended|proposed)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"donor\b|{_A}donor (?:work-?up|evaluation|assessment|screening|candidate|nephrectomy|hepatectomy)|"
    rf"{_A}(?:evaluat\w+|work-?up|assess\w+|screen\w*) (?:as|for) (?:an? )?(?:[\w-]+\s+){{0,3}}?donor\b|"
    rf"{_A}(?:as|is|be|being) an? (?:[\w-]+\s+){{0,3}}?donor\b|{_A}donor for (?:his|her|their|a|the)\b|"
    rf"{_A}for (?:[\w-]+\s+){{0,2}}donation\b|{_A}donat(?:e|es|ing) (?:an? |his |her |one |part of )?"
    rf"(?:[\w-]+\s+)?(?:kidney|liver|organ|lobe|marrow|stem)|"
    r"供者(?:术前|评估|检查|筛查)|供体(?:术前|评估|检查|筛查)|供肾(?:评估|者)|供肝(?:评估|者)|拟捐献|拟捐|"
    r"捐献者|作为[^，。；,;]{0,8}?供(?:者|体)|活体[^，。；,;]{0,6}?供(?:者|体)",
    re.IGNORECASE,
)  # fmt: skip
_RECIPIENT = re.compile(
    rf"{_A}(?:recipients?|s/p|status post|post[- ]?transplant\w*|history of|h/o|hx of|transplanted)\b|"
    rf"{_A}(?:renal|kidney|liver|hepatic|heart|cardiac|lung|pancreas|bone marrow|stem cell|organ|solid organ)"
    rf" transplant (?:in|on|at|since|\d{{4}})\b|"
    rf"{_A}(?:underwent|received|had) (?:a |an )?(?:\w+ )?transplant|"
    r"受者|受体|术后|移植后|(?:19|20)\d\d年.{0,6}移植",
    re.IGNORECASE,
)  # fmt: skip
_NOT_IMMUNO = re.compile(
    rf"{_A}HIV(?:[- ]?[12])?(?:\s*(?:[12]/2\s*)?(?:test(?:ing)?|antibod(?:y|ies)|Ab|serology|screen(?:ing)?|"
    rf"status|Ag/Ab|viral load))?(?:\s*(?:is|was|were|[:：=]))?\s*[-(]?\s*(?:negative|neg\b|non-?reactive|"
    rf"undetect\w*|\(-\)|-(?![A-Za-z0-9]))|"
    # a test, a status, a screen named without a positive result: not a diagnosis of HIV
    rf"{_A}HIV(?:[- ]?[12])?(?:\s*[12]/2)?\s*(?:test\w*|screen\w*|status|serology|antibod\w+|Ab|Ag/Ab)\b"
    rf"(?![^.;,\n]{{0,24}}\b(?:positive|reactive|detected|confirmed)\b|\s*[:=]?\s*\(?\+)|"
    r"(?:HIV|艾滋病?)(?:病毒)?(?:抗体|检测|筛查|初筛)?\s*[:：]?\s*(?:阴性|\(-\)|（-）|未见异常)",
    re.IGNORECASE,
)  # fmt: skip

# Risk (Fleischner 2017: "minimal or absent history of smoking and of other known risk factors" is low).
_SMOKE_WORD = re.compile(rf"{_A}(?:smok\w*|tobacco|cigarettes?|pack[- ]?years?|ppd|PY|cigs?){_Z}|"
                         r"吸烟|抽烟|烟龄|"
                         r"包年|支/日|支/天|每日\d+支|每天\d+支|戒烟", re.IGNORECASE)  # fmt: skip
_NEVER = re.compile(
    rf"{_A}(?:never|non|life-?long non|lifelong non)[- ]?smok\w*|{_A}never (?:smoked|used tobacco)|"
    rf"{_A}(?:denies|denied|deny|no|negative for|without)\s+(?:any\s+)?(?:history of\s+|hx of\s+)?"
    rf"(?:smoking|tobacco|cigarette)(?:\s+(?:use|smoking|history|hx))?|"
    rf"{_A}(?:smoking|tobacco)(?: status| history| use| hx)?\s*[:：=\-]\s*(?:never|none|no|nil|negative|"
    rf"denies|0)\b|"
    rf"{_A}no (?:smoking|tobacco) (?:history|hx|use)|{_A}non-?smoker|{_A}never (?:a |been a )?smoker|"
    rf"{_A}smoker\s*[:：=]\s*(?:no|none|never|n)\b|"
    rf"{_A}(?:does not|doesn't|did not|didn't|has never) smoked?\b|"
    r"不吸烟|从不吸烟|从未吸烟|无吸烟史|否认吸烟|吸烟史\s*[:：]?\s*(?:无|否认|阴性|\(-\)|（-）)|无吸烟|"
    r"不抽烟|未吸烟|"
    r"否认烟酒|无烟酒|烟酒史\s*[:：]?\s*(?:无|否认)|不嗜烟",
    re.IGNORECASE,
)  # fmt: skip
_EVER = re.compile(
    rf"{_A}(?:current|former|ex|active|heavy|past|previous|prior|daily|occasional|light|"
    rf"long-?time)[- ]?smok\w*|"
    rf"{_A}(?:smoker|smokes|smoked|smoking history of|quit smoking|stopped smoking|quit\s+\d|quit\b)|"
    rf"{_A}no longer smok\w*|{_A}\d+(?:\.\d+)?\s*[- ]?(?:pack[- ]?years?|PY|pk[- ]?yrs?|ppd)\b|"
    rf"{_A}pack[- ]?years?\s*[:：]?\s*\d+|{_A}\d+\s*(?:packs?|cigarettes?)\s*(?:per|a|/)\s*day|"
    rf"{_A}(?:tobacco|smoking) (?:use|history|status)\s*[:：=\-]\s*(?:current|former|yes|positive|ex|quit|"
    rf"past)|"
    r"吸烟\s*\d|吸烟史\s*[:：]?\s*(?:有|\d)|有吸烟史|现吸烟|仍吸烟|既往吸烟|已戒烟|戒烟|\d+\s*包年|"
    r"每日\s*\d+\s*支|"
    r"每天\s*\d+\s*支|吸烟(?:约)?\d+年|烟龄|长期吸烟|大量吸烟|吸烟者|烟民|有烟酒史|烟酒史\s*[:：]?\s*有|"
    r"吸烟指数|嗜烟|吸烟史\s*[:：]?\s*(?:\(\+\)|（\+）|阳性)|"
    rf"{_A}(?:history of|hx of|h/o) (?:smoking|tobacco)|{_A}tobacco (?:abuse|use disorder|dependence)|"
    rf"{_A}(?:significant|remote|extensive|heavy|long|positive|prior|past|former|\d+[- ]years?) "
    rf"(?:smoking|tobacco) (?:history|hx|use)",
    re.IGNORECASE,
)  # fmt: skip
# a time since which the patient has not smoked: "non-smoker for 12 years", "has not smoked since 2010",
# "no smoking in the last 5 years", "不吸烟已10年", "已不吸烟5年", "停止吸烟": a former smoker,
# not a never smoker
_SINCE = re.compile(
    r"\s*(?:for|x|since|over|in|during)\s+(?:the\s+)?(?:last|past|previous)?\s*(?:\d+|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|several|many|a few|a couple of|some)?\s*(?:years?|yrs?|months?|decades?|"
    r"(?:19|20)\d\d)\b",
    re.IGNORECASE,
)  # fmt: skip
_STOPPED_EN = re.compile(rf"{_A}(?:non|not|no)[- ]?smok\w*|{_A}(?:has|have)(?: not|n't) smoked|"
                         rf"{_A}(?:has|have)(?: not|n't) used tobacco", re.IGNORECASE)  # fmt: skip
_STOPPED_ZH = re.compile(r"已(?:经)?不(?:再)?(?:吸|抽)烟|不(?:再)?(?:吸|抽)烟(?:已|已经)\s*\d|"
                         r"停止(?:吸|抽)烟|"
                         r"已停(?:吸|抽)烟")  # fmt: skip


def _stopped_smoking(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _STOPPED_ZH.finditer(text)]
    for match in _STOPPED_EN.finditer(text):
        since = _SINCE.match(text, match.end())
        if re.search(r"(?:life-?long|never|always)\W*$", text[max(0, match.start() - 12) : match.start()],
                     re.IGNORECASE):  # fmt: skip
            continue  # "lifelong non-smoker for 60 years" never smoked
        if since:
            spans.append((match.start(), since.end()))
    return spans


_SMOKE_UNKNOWN = re.compile(rf"{_A}(?:smoking|tobacco)(?: status| history| use)?\s*[:：=\-]\s*(?:unknown|"
                            r"not (?:stated|known|available|given)|n/?a|unavailable)|"
                            r"\bunknown (?:smoking|tobacco) (?:history|status)|"
                            r"吸烟史\s*[:：]?\s*(?:不详|不明|"
                            r"未知)",
                            re.IGNORECASE)  # fmt: skip

RiskKey = Literal["smoking", "asbestos", "radon", "uranium", "family", "emphysema", "fibrosis", "upper_lobe",
                  "spiculation"]  # fmt: skip
RISK_NAMES: dict[str, str] = {
    "smoking": QT_TRANSLATE_NOOP("Messages", "smoking history"),
    "asbestos": QT_TRANSLATE_NOOP("Messages", "exposure to asbestos"),
    "radon": QT_TRANSLATE_NOOP("Messages", "exposure to radon"),
    "uranium": QT_TRANSLATE_NOOP("Messages", "exposure to uranium"),
    "family": QT_TRANSLATE_NOOP("Messages", "family history of lung cancer"),
    "emphysema": QT_TRANSLATE_NOOP("Messages", "emphysema"),
    "fibrosis": QT_TRANSLATE_NOOP("Messages", "pulmonary fibrosis"),
    "upper_lobe": QT_TRANSLATE_NOOP("Messages", "upper-lobe location"),
    "spiculation": QT_TRANSLATE_NOOP("Messages", "spiculation"),
}
SMOKING_HISTORY = RISK_NAMES["smoking"]
_PATIENT_FACTORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("asbestos", re.compile(rf"{_A}asbestos\w*|石棉", re.IGNORECASE)),
    ("radon", re.compile(rf"{_A}radon{_Z}|氡", re.IGNORECASE)),
    ("uranium", re.compile(rf"{_A}uranium{_Z}|铀", re.IGNORECASE)),
    ("emphysema", re.compile(rf"{_A}emphysema\w*|{_A}COPD{_Z}(?= with emphysema)|肺气肿", re.IGNORECASE)),
    ("fibrosis", re.compile(rf"{_A}(?:pulmonary|interstitial|lung|idiopathic) fibrosis|{_A}(?:IPF|UIP){_Z}|"
                            rf"{_A}honeycomb\w*|{_A}fibrotic (?:interstitial )?lung disease|{_A}(?:ILD){_Z}|"
                            rf"{_A}interstitial (?:lung disease|pneumonia|pneumonitis|lung abnormalit\w*)|"
                            rf"{_A}(?:NSIP|UIP|ILA){_Z}|"
                            r"肺纤维化|间质纤维化|蜂窝肺|蜂窝影|间质性肺病|间质性肺疾病|间质性肺炎|间质性改变|间质性病变|"
                            r"间质改变|间质病变", re.IGNORECASE)),
)  # fmt: skip
_LUNG_CANCER = (
    r"(?:lung|pulmonary|bronchogenic)\s+(?:cancer|carcinoma|malignancy|adenocarcinoma|ca\b)|肺癌|肺腺癌|"
    r"肺恶性肿瘤"
)
_FAMILY_LUNG_CANCER = re.compile(
    rf"{_A}{FAMILY}[^.;\n。；]{{0,50}}?(?:{_LUNG_CANCER})|(?:{_LUNG_CANCER})[^.;\n。；]{{0,30}}?(?:in (?:his|"
    rf"her|the "
    rf"patient's|a) {FAMILY})|肺癌家族史|家族性肺癌",
    re.IGNORECASE,
)  # fmt: skip


@dataclass
class Found:
    """Something the text states, with its place."""

    start: int
    end: int
    value: str = ""  # what it says, for values (an age, a modality, present or absent)


@dataclass
class PatientReading:
    modality: Modality | None = None
    modality_at: Found | None = None
    modality_inferred: bool = False  # not named: inferred from words only CT gives (attenuation, HU)
    age: int | None = None
    age_at: Found | None = None
    ages: list[int] = field(default_factory=list)
    exclusions: dict[str, list[Found]] = field(default_factory=dict)  # key -> places stated
    exclusions_absent: dict[str, list[Found]] = field(default_factory=dict)  # stated as absent
    factors: dict[str, list[Found]] = field(default_factory=dict)  # risk factor -> places stated
    factors_absent: dict[str, list[Found]] = field(default_factory=dict)
    never_smoker: list[Found] = field(default_factory=list)
    smoking_unknown: list[Found] = field(default_factory=list)


def _sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    for left, right in sentences(text):
        if left <= start < right or left < end <= right:
            return left, right
    return start, end


def _family_sentence(text: str, start: int) -> bool:
    left, _ = _sentence_of(text, start, start + 1)
    before = text[left:start]
    family = [m.end() for m in _FAMILY.finditer(before)]
    if not family:
        return False
    return not _SELF.search(before[family[-1] :])


# a CT advised, not done: "chest CT could be obtained to better define this", "建议进一步CT检查"
_ADVISED = re.compile(
    rf"{_A}(?:recommend\w*|suggest\w*|consider\w*|advis\w*|could|may|might|should|would|to better|"
    rf"further (?:evaluation|assessment|characteri[sz]ation|imaging)|if (?:clinically )?(?:indicated|needed|"
    rf"desired|warranted))\b|建议|可考虑|进一步|必要时|请结合",
    re.IGNORECASE,
)  # fmt: skip


def read_patient(text: str, sections: list[Section]) -> PatientReading:
    """Modality, age, exclusions and risk factors stated anywhere in one document."""
    reading = PatientReading()
    exam = [s for s in sections if s.kind == "exam"]
    places = [(s.start, s.end) for s in exam] or [
        (s.start, s.end) for s in sections if s.kind not in ("history", "comparison")
    ]
    for start, end in places:
        if reading.modality is not None:
            break
        for pattern, modality in ((_CT, "CT"), (_RADIOGRAPH, "radiograph"), (_OTHER_MODALITY, "other")):
            match = next((m for m in pattern.finditer(text, start, end) if not _COMPARED_BEFORE.search(
                text[max(start, m.start() - 30) : m.start()]) and not (
                    modality == "CT" and _ADVISED.search(text, *_sentence_of(text, m.start(), m.end())))),
                None)  # fmt: skip
            if match and modality == "CT" and not exam:
                radiograph = _RADIOGRAPH.search(text, start, end)
                if radiograph and radiograph.start() < match.start():
                    match = radiograph
                    modality = "radiograph"
            if match:
                reading.modality = modality  # type: ignore[assignment]
                left, right = _sentence_of(text, match.start(), match.end())
                if not exam:  # "CT CHEST: a 7 mm nodule ...": the words up to the colon
                    colon = re.search(r"[:：]", text[match.end():right])
                    left = max(left, text.rfind("\n", 0, match.start()) + 1)
                    right = match.end() + colon.start() if colon else right
                reading.modality_at = Found(*_strip(text, left, right), modality)
                break
    if reading.modality is None:  # the examination named only by a heading: "CT所见：", "CT FINDINGS:"
        for heading_start, section in zip([0] + [s.end for s in sections[:-1]], sections, strict=True):
            heading = _CT.search(text, heading_start, section.start)
            if heading and not _RADIOGRAPH.search(text) and not _OTHER_NAMED.search(text):
                reading.modality = "CT"
                reading.modality_at = Found(*_strip(text, heading_start, section.start - 1), "CT")
                break
    if reading.modality is None:
        _infer_modality(text, reading)
    # screening: the exam line, or "lung cancer screening" / Lung-RADS anywhere
    for match in _SCREENING.finditer(text):
        if not _negated_in_sentence(text, match.start(), match.end()):
            reading.exclusions.setdefault("screening", []).append(Found(*_sentence_of(text, *match.span())))
    for start, end in [(s.start, s.end) for s in sections if s.kind in ("exam", "history")]:
        for match in _SCREENING_WORD.finditer(text, start, end):
            left, right = _sentence_of(text, *match.span())
            if _OTHER_SCREENING.search(text, left, right) or _negated_in_sentence(text, *match.span()):
                continue  # "TB screening", "screening for metastases", "not a screening study"
            reading.exclusions.setdefault("screening", []).append(Found(left, right))
    # age
    for match in _AGE.finditer(text):
        value = next(g for g in match.groups() if g is not None)
        if _AGE_NOT_PATIENT.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        if _family_sentence(text, match.start()):
            continue
        age = int(value)
        if not 0 < age < 130:
            continue
        reading.ages.append(age)
        if reading.age_at is None:
            reading.age = age
            reading.age_at = Found(*_strip(text, match.start(), match.end()), str(age))
    # known cancer (the patient's own: not a relative's, not suspected, not negated)
    relatives = [m.span() for m in _FAMILY_LUNG_CANCER.finditer(text)]
    for match in _CANCER.finditer(text):
        if _family_sentence(text, match.start()) or any(a <= match.start() < b for a, b in relatives):
            continue
        if _FAMILY_AFTER.match(text, match.end()):
            continue  # "肺癌家族史", "cancer in her mother"
        left, right = _sentence_of(text, match.start(), match.end())
        clause = _clause_of(text, match.start(), match.end(), (left, right))
        if negated(text, match.start(), match.end(), clause):
            reading.exclusions_absent.setdefault("known_cancer", []).append(Found(left, right))
            continue
        sentence = text[left:right]
        strong = _CANCER_STRONG.search(sentence)
        if strong:
            reading.exclusions.setdefault("known_cancer", []).append(Found(*_strip(text, left, right)))
            continue
        local = text[max(clause[0], match.start() - 40) : min(clause[1], match.end() + 25)]
        if _SUSPECTED.search(local) or re.search(rf"{_A}screening{_Z}|筛查", sentence, re.IGNORECASE):
            continue
        if re.match(r"(?:metasta|转移)", match.group(), re.IGNORECASE):
            continue  # "metastasis" alone is a question about a nodule, not a known primary
        where = _section_kind(sections, match.start())
        if _CANCER_CONTEXT.search(sentence) or where in ("history", "exam", "patient", "other"):
            reading.exclusions.setdefault("known_cancer", []).append(Found(*_strip(text, left, right)))
    # immunosuppression
    for match in _IMMUNO.finditer(text):
        if _family_sentence(text, match.start()) or _NOT_IMMUNO.match(text, match.start()):
            continue
        left, right = _sentence_of(text, match.start(), match.end())
        clause = _clause_of(text, match.start(), match.end(), (left, right))
        if negated(text, match.start(), match.end(), clause):
            reading.exclusions_absent.setdefault("immunocompromised", []).append(Found(left, right))
            continue
        donor = _DONOR.search(text, left, right) and not _RECIPIENT.search(text, left, right)
        if donor and re.match(r"transplant|移植", match.group(), re.IGNORECASE):
            continue  # a living donor's work-up: the patient gives the organ and takes no immunosuppression
        if re.match(r"chemo|化疗", match.group(), re.IGNORECASE) and "known_cancer" in reading.exclusions:
            continue
        if re.match(r"chemo|化疗", match.group(), re.IGNORECASE) and _CANCER.search(text[left:right]):
            continue
        reading.exclusions.setdefault("immunocompromised", []).append(Found(*_strip(text, left, right)))
    # smoking, both directions
    never_spans: list[tuple[int, int]] = []
    stopped = [span for span in _stopped_smoking(text) if not _family_sentence(text, span[0])]
    for start, end in stopped:
        stated_at = _sentence_of(text, start, end)
        reading.factors.setdefault("smoking", []).append(Found(*_strip(text, *stated_at)))
    for match in _NEVER.finditer(text):
        if _family_sentence(text, match.start()):
            continue
        if any(a <= match.start() < b or match.start() <= a < match.end() for a, b in stopped):
            continue  # "non-smoker for 12 years", "已不吸烟10年": a former smoker (read below)
        never_spans.append(match.span())
        reading.never_smoker.append(Found(*_sentence_of(text, *match.span())))
    for match in _SMOKE_UNKNOWN.finditer(text):
        reading.smoking_unknown.append(Found(*_sentence_of(text, *match.span())))
        never_spans.append(match.span())
    for match in _EVER.finditer(text):
        if any(a <= match.start() < b or match.start() <= a < match.end() for a, b in never_spans):
            continue
        if re.search(r"(?:passive|second-?hand|被动)\W{0,2}$", text[max(0, match.start() - 14):match.start()],
                     re.IGNORECASE):  # fmt: skip
            continue  # second-hand smoke is not the patient's smoking history
        if _family_sentence(text, match.start()):
            continue
        left, right = _sentence_of(text, match.start(), match.end())
        if re.match(r"quit", match.group(), re.IGNORECASE) and not _SMOKE_WORD.search(text, left, right):
            continue  # "quit" what? only smoking counts
        if re.match(r"no longer", match.group(), re.IGNORECASE) is None and negated(
            text, match.start(), match.end(), _clause_of(text, match.start(), match.end(), (left, right))
        ):
            continue
        reading.factors.setdefault("smoking", []).append(Found(*_strip(text, left, right)))
    # the other patient factors
    for key, pattern in _PATIENT_FACTORS:
        for match in pattern.finditer(text):
            left, right = _sentence_of(text, match.start(), match.end())
            if _family_sentence(text, match.start()):
                continue
            clause = _clause_of(text, match.start(), match.end(), (left, right))
            if negated(text, match.start(), match.end(), clause) or _FIELD_NO.match(text, match.end()):
                reading.factors_absent.setdefault(key, []).append(Found(*_strip(text, left, right)))
            else:
                reading.factors.setdefault(key, []).append(Found(*_strip(text, left, right)))
    for match in _FAMILY_LUNG_CANCER.finditer(text):
        left, right = _sentence_of(text, match.start(), match.end())
        if negated(text, match.start(), match.end(), (left, right)) or re.search(
            r"\bno (?:family )?history\b|\bnegative\b|无.{0,4}家族史|否认.{0,6}家族",
            text[left : match.end()],
            re.IGNORECASE,
        ):
            reading.factors_absent.setdefault("family", []).append(Found(*_strip(text, left, right)))
        else:
            reading.factors.setdefault("family", []).append(Found(*_strip(text, left, right)))
    return reading


def _infer_modality(text: str, reading: PatientReading) -> None:
    """The examination is not named: a nodule described as solid, ground-glass or by its CT number
    was read on CT, unless the text names a radiograph or another examination anywhere (then it is
    not settled, and the panel asks)."""
    if _RADIOGRAPH.search(text) or _OTHER_NAMED.search(text):
        return
    match = _CT_EVIDENCE.search(text)
    if match is None:
        return
    reading.modality = "CT"
    reading.modality_inferred = True
    reading.modality_at = Found(match.start(), match.end(), "CT")


def _clause_of(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    return sentence


def _negated_in_sentence(text: str, start: int, end: int) -> bool:
    return negated(text, start, end, _sentence_of(text, start, end))


def _section_kind(sections: list[Section], position: int) -> SectionKind:
    for section in sections:
        if section.start <= position < section.end:
            return section.kind
    return "other"


@dataclass
class DocumentReading:
    text: str  # normalised (same length as the document's text)
    sections: list[Section]
    statements: list[Statement]
    unreadable: list[tuple[int, int]]
    patient: PatientReading
    priors: list[Statement] = field(default_factory=list)  # sizes stated in the history or comparison


def read_document(text: str) -> DocumentReading:
    normal = normalise(text)
    sections = split_sections(normal)
    statements, unreadable = read_statements(normal, sections)
    return DocumentReading(normal, sections, statements, unreadable, read_patient(normal, sections),
                           prior_statements(normal, sections))
