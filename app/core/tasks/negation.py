"""Is a finding present, absent or possible in a sentence? NegEx-style rules, English and Chinese.

A trigger ("no", "without", "未见", ...) governs the words after it up to a scope
terminator ("but", "however", a sentence end, "但", a Chinese clause comma, ...); post
triggers ("is not seen", "未见显示") govern the words before them. Negation wins over
uncertainty when both govern the target, as in "no convincing evidence of pneumonia".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Certainty = Literal["present", "absent", "possible"]

_EN_NEG_PRE = [
    "no evidence of", "no signs? of", "no radiographic evidence of", "no convincing", "no definite",
    "no acute", "no focal", "no large", "no visible", "negative for", "free of", "absence of",
    "without", "no", "not", "never", "neither", "nor", "rules? out", "ruled out", "resolution of",
    "clear of", "there (?:is|are) no", "no longer", "denies", "denied",
]  # fmt: skip
_EN_NEG_POST = [
    r"(?:is|are|was|were) (?:not|no longer) (?:seen|identified|present|visuali[sz]ed|evident|appreciated|"
    r"demonstrated)",
    r"not (?:seen|identified|present|visualized|visualised|evident|appreciated)",
    r"(?:has|have) resolved", r"resolved", r"(?:is|are) absent", r"ruled out", r"excluded",
]  # fmt: skip
_EN_POSSIBLE_PRE = [
    "possible", "possibly", "probable", "probably", "likely", "may represent", "may be", "could represent",
    "could be", "might be", "suspicious for", "suspected", "questionable", "question of", "cannot exclude",
    "can not exclude", "cannot be excluded", "not excluded", "cannot rule out", "differential includes",
    "suggestive of", "suggests?", "concerning for", "compatible with", "consistent with", "versus", "vs",
    "borderline", "equivocal", "?",
]  # fmt: skip
_EN_POSSIBLE_POST = [
    r"(?:is|are) (?:possible|suspected|questioned|not excluded)", r"cannot be (?:excluded|ruled out)",
    r"not (?:excluded|ruled out)", r"\bversus\b", r"\bor [a-z]+", r"\?",
]  # fmt: skip
_EN_TERMINATORS = [
    "but", "however", "although", "though", "except", "apart from", "aside from", "which", "whereas",
    "yet", "otherwise", "there is", "there are", "with", "and there",
]  # fmt: skip

# Chinese: the clause comma ends a scope ("未见实变，心影增大"), the enumeration comma does not.
_ZH_NEG_PRE = ["未见明显", "未见确切", "未见", "未发现", "未显示", "未扫及", "未及", "无明显", "无",
               "没有", "不伴", "排除", "否认"]  # fmt: skip
_ZH_NEG_POST = ["未见显示", "未见", "消失", "已吸收", "完全吸收", "不明显", "阴性"]
_ZH_POSSIBLE_PRE = ["不除外", "不能除外", "不排除", "可疑", "疑似", "疑为", "考虑为", "考虑", "可能为",
                    "可能", "倾向于", "倾向", "待排", "似为", "似"]  # fmt: skip
_ZH_POSSIBLE_POST = ["可能", "待排", "不除外", "可能性大", "？", "?"]
_ZH_TERMINATORS = ["，", "但", "但是", "然而", "而", "伴", "；", "。"]

# Pseudo-triggers look like negations but negate something else ("no change in the nodule").
_EN_PSEUDO = re.compile(
    r"\b(?:no|without|not) (?:significant |interval |appreciable )*(?:change|increase|growth|enlargement)\b"
    r"|\bnot (?:only|necessarily)\b|\bno longer\s+(?:enlarging|growing)\b",
    re.IGNORECASE,
)
_ZH_PSEUDO = re.compile(r"(?:未见|无)(?:明显)?(?:变化|改变|增大|进展|缩小)|较前无(?:明显)?变化")

_SENTENCE_END = re.compile(r"[.;:!\n。；！]|\s-\s")


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_EN_NEG_PRE_RE = re.compile(rf"(?<![\w-])(?:{_alternation(_EN_NEG_PRE)})(?![\w-])", re.IGNORECASE)
_EN_NEG_POST_RE = re.compile(rf"(?<![\w-])(?:{_alternation(_EN_NEG_POST)})(?![\w-])", re.IGNORECASE)
_EN_POS_PRE_RE = re.compile(
    rf"(?<![\w-])(?:{_alternation([w for w in _EN_POSSIBLE_PRE if w != '?'])})(?![\w-])", re.IGNORECASE
)
_EN_POS_POST_RE = re.compile(rf"(?:{_alternation(_EN_POSSIBLE_POST)})", re.IGNORECASE)
_EN_TERM_RE = re.compile(rf"(?<![\w-])(?:{_alternation(_EN_TERMINATORS)})(?![\w-])", re.IGNORECASE)
_ZH_NEG_PRE_RE = re.compile(_alternation([re.escape(w) for w in _ZH_NEG_PRE]))
_ZH_NEG_POST_RE = re.compile(_alternation([re.escape(w) for w in _ZH_NEG_POST]))
_ZH_POS_PRE_RE = re.compile(_alternation([re.escape(w) for w in _ZH_POSSIBLE_PRE]))
_ZH_POS_POST_RE = re.compile(_alternation([re.escape(w) for w in _ZH_POSSIBLE_POST]))
_ZH_TERM_RE = re.compile(_alternation([re.escape(w) for w in _ZH_TERMINATORS]))
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Assessment:
    certainty: Certainty
    trigger: str = ""  # the words that decided it ("" when nothing did: present)


def is_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or clause list) that holds text[start:end]."""
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        # A full stop between digits ("2.5 cm") does not end a sentence.
        if match.group() == "." and 0 < match.start() < len(text) - 1 and \
                text[match.start() - 1].isdigit() and text[match.start() + 1].isdigit():  # fmt: skip
            continue
        left = match.end()
    right = len(text)
    for match in _SENTENCE_END.finditer(text, end):
        if match.group() == "." and 0 < match.start() < len(text) - 1 and \
                text[match.start() - 1].isdigit() and text[match.start() + 1].isdigit():  # fmt: skip
            continue
        right = match.start()
        break
    return left, right


def _governs_before(segment: str, pattern: re.Pattern[str], terminators: re.Pattern[str]) -> str:
    """The last trigger in ``segment`` (text before the target) with no terminator after it."""
    found = ""
    for match in pattern.finditer(segment):
        tail = segment[match.end():]
        if not terminators.search(tail):
            found = match.group()
    return found


def _governs_after(segment: str, pattern: re.Pattern[str], terminators: re.Pattern[str]) -> str:
    """A post trigger in ``segment`` (text after the target) before any terminator."""
    stop = terminators.search(segment)
    head = segment[: stop.start()] if stop else segment
    match = pattern.search(head)
    return match.group() if match else ""


def assess(sentence: str, target_start: int = -1, target_end: int = -1) -> Assessment:
    """Certainty of the target ``sentence[target_start:target_end]``; without a target the
    whole sentence is judged as if the finding sat at its end."""
    if target_start < 0:
        target_start = target_end = len(sentence)
    # Mask pseudo-triggers with spaces so that offsets stay put.
    pseudo = _ZH_PSEUDO if is_chinese(sentence) else _EN_PSEUDO
    sentence = pseudo.sub(lambda m: " " * len(m.group()), sentence)
    before, after = sentence[:target_start], sentence[target_end:]
    if is_chinese(sentence):
        neg_pre, neg_post, pos_pre, pos_post, term = (
            _ZH_NEG_PRE_RE, _ZH_NEG_POST_RE, _ZH_POS_PRE_RE, _ZH_POS_POST_RE, _ZH_TERM_RE)  # fmt: skip
        # "不除外" contains "除外"-style words: possibility triggers are checked first in Chinese.
        possible = _governs_before(before, pos_pre, term) or _governs_after(after, pos_post, term)
        negated = _governs_before(before, neg_pre, term) or _governs_after(after, neg_post, term)
        later = before.rfind(possible) > before.rfind(negated)
        if possible and (not negated or negated in possible or later):
            return Assessment("possible", possible)
        if negated:
            return Assessment("absent", negated)
        return Assessment("present")
    negated = _governs_before(before, _EN_NEG_PRE_RE, _EN_TERM_RE) or _governs_after(
        after, _EN_NEG_POST_RE, _EN_TERM_RE
    )
    possible = _governs_before(before, _EN_POS_PRE_RE, _EN_TERM_RE) or _governs_after(
        after, _EN_POS_POST_RE, _EN_TERM_RE
    )
    if negated and possible and re.search(r"\b(?:not|cannot|can not)\b", possible, re.IGNORECASE):
        return Assessment("possible", possible)  # "cannot be excluded" is not a negation
    if negated:
        return Assessment("absent", negated)
    if possible:
        return Assessment("possible", possible)
    return Assessment("present")


def certainty_in(text: str, start: int, end: int) -> Assessment:
    """Certainty of ``text[start:end]`` judged within its own sentence."""
    left, right = sentence_around(text, start, end)
    return assess(text[left:right], start - left, end - left)
