"""Does a draft finding's quoted evidence support what the finding claims?

Finding the quote in the report (:mod:`app.core.tasks.grounding`) is the first step only. A
quote supports a finding when

1. it occurs in the report verbatim, after ignoring case, blanks, full-width vs half-width
   forms and leading/trailing punctuation, on word and number boundaries, with every digit,
   sign, decimal separator, comparator and range as written (match ``exact`` or
   ``normalised``; a ``loose`` match, with punctuation dropped, vouches for nothing); a
   quote with an ellipsis has every part verbatim and all parts in one sentence;
2. it names the finding: the label or a synonym (``other_finding`` when it names something
   else);
3. what it says of the finding is what the draft says: not negated, hedged, asked about
   ("rule out ...") or taken from the indication or history when the draft says present
   (``negated_in_context``), and the reverse for a draft that says absent or uncertain
   (``certainty_differs``);
4. the draft's size (mm; cm converted; a single dimension, or the mean of two axes as
   Fleischner 2017 measures, or an end of a range) and side (left / right / bilateral, 左 /
   右 / 双 / 两) are what the quote says of the finding (``number_differs``,
   ``laterality_differs``); where the quote does not state them, the rest of its sentence
   may; where nothing states them the draft's value is not supported.

The check says how the quote matched, and lists each mismatch with the draft's value and
the report's, so the window, the command line and an export can show why.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from types import SimpleNamespace
from typing import Any

from app.core import messages
from app.core.tasks.grounding import SIDE_LETTER, SourceIndex, Span
from app.core.tasks.negation import certainty_in
from app.core.tasks.vocabulary import LABELS

SUPPORTED = "supported"
UNSUPPORTED = "unsupported"
# The reasons, in the words of the evaluation format (certainty_differs is this module's own).
REASONS = ("not_in_report", "number_differs", "laterality_differs", "negated_in_context", "other_finding",
           "comparator_differs", "spans_sentences", "certainty_differs")  # fmt: skip


_SIDE_WORDS = {
    "left": "left", "right": "right", "bilateral": "bilateral", "both": "bilateral",
    "左": "left", "左侧": "left", "右": "right", "右侧": "right",
    "双侧": "bilateral", "双": "bilateral", "两侧": "bilateral",
}  # fmt: skip


@dataclass
class Claim:
    label: str
    certainty: str
    evidence: str
    size_mm: float | None = None
    laterality: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        size = data.get("size_mm")
        side = data.get("laterality")
        side = _SIDE_WORDS.get(side.strip().casefold()) if isinstance(side, str) else None
        return cls(str(data.get("label") or ""), str(data.get("certainty") or "present"),
                   str(data.get("evidence") or ""),
                   float(size) if isinstance(size, int | float) and not isinstance(size, bool) and size > 0
                   else None,
                   side if side in ("left", "right", "bilateral") else None)  # fmt: skip


@dataclass
class Mismatch:
    """One thing the quote does not support: ``kind`` is a reason of :data:`REASONS`;
    ``claimed`` what the draft says, ``quoted`` what the quote or report says instead."""

    kind: str
    claimed: str = ""
    quoted: str = ""

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class ClaimCheck:
    verdict: str  # "supported" | "unsupported"
    why: str | None = None  # the main reason when unsupported
    match: str | None = None  # how the quote matched: "exact" | "normalised" | "loose"; None: not found
    start: int | None = None  # where the quote is in the report (also when it does not support)
    end: int | None = None
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def supported(self) -> bool:
        return self.verdict == SUPPORTED


# -- what names a finding ---------------------------------------------------------------------
# English words match at a word start; Chinese anywhere. Added to the shared vocabulary's words.
_EXTRA: dict[str, tuple[str, ...]] = {
    "pleural effusion": (
        r"effusions?",
        r"hydrothora\w*",
        r"积液",
        r"pleural\s+(?:or|and|/)\s*pericardial\s+effusions?",
    ),
    "pneumothorax": (r"pneumothora\w*", r"hydropneumothora\w*", r"ptx"),
    "consolidation": (r"consolidat\w*", r"实变"),
    "pneumonia": (
        r"pneumonias?",
        r"pneumonic",
        r"bronchopneumonia",
        r"pneumonitis",
        r"infection",
        r"infective",
        r"炎症",
        r"感染",
        r"炎性(?:病变|改变)",
    ),
    "atelectasis": (r"atelecta\w*", r"collapsed?", r"膨胀不全", r"不张"),
    "cardiomegaly": (
        r"(?:heart|cardiac)\b[^.;。]{0,40}?\benlarg\w*",
        r"enlarg\w*\s+(?:\w+\s+){0,2}?(?:heart|cardiac)",
        r"cardiac enlargement",
        r"心影(?:明显|稍|轻度)?(?:增大|扩大)",
        r"心脏(?:明显|稍|轻度)?(?:增大|扩大)",
    ),
    "nodule": (
        r"nodules?",
        r"nodular",
        r"micronodules?",
        r"ggos?",
        r"ggns?",
        r"ground[- ]?glass",
        r"磨玻璃",
        r"结节",
    ),
    "mass": (r"mass(?:es)?", r"tumou?rs?", r"neoplasms?", r"肿块", r"肿物", r"团块", r"占位"),
    "lymphadenopathy": (
        r"lymphadenopath\w*",
        r"adenopath\w*",
        r"enlarged\s+(?:\w+\s+){0,2}?(?:lymph\s+)?nodes?",
        r"lymph\s+nodes?\s+(?:(?:is|are|appear|appears)\s+)?(?:enlarged|enlargement)",
        r"lymph node enlargement",
        r"淋巴结(?:肿大|增大)",
        r"(?:肿大|增大)(?:的)?淋巴结",
    ),
    "emphysema": (r"emphysema\w*", r"肺气肿"),
    "fracture": (r"fractures?", r"fractured", r"骨折"),
    "hiatal hernia": (r"hiatal hernia", r"hiatus hernia", r"裂孔疝"),
    "edema": (r"o?edema\w*", r"水肿"),
}
# Words that name the finding as absent ("heart size is normal", 心影不大).
_NEGATIVE: dict[str, tuple[str, ...]] = {
    "cardiomegaly": (
        r"(?:heart|cardiac)(?: size| silhouette| shadow)?\s+(?:is\s+|are\s+)?(?:normal|not enlarged|"
        r"within normal limits)",
        r"normal (?:heart|cardiac) (?:size|silhouette)",
        r"心影不大",
        r"心脏不大",
        r"心影(?:大小)?(?:正常|未见(?:明显)?增大|无(?:明显)?增大)",
        r"心脏大小正常",
    ),
}
# A pleural effusion named by "effusion" or 积液 alone is not a pericardial or joint effusion.
_NOT_THIS: dict[str, re.Pattern[str]] = {
    "pleural effusion": re.compile(
        # the qualifier may stand a few words or characters before: "pericardial small effusion",
        # 心包少量积液, 心包腔内少许积液
        r"(?:(?:pericardial|joint|knee|peritoneal)\s+(?:[a-z-]+\s+){0,2}"
        r"|(?:心包|关节|腹腔|盆腔)[^，,。；;：:]{0,5})$", re.IGNORECASE
    ),
}
_ASCII = re.compile(r"[a-z]", re.IGNORECASE)


def _compile(words: Sequence[str], *, regex: bool) -> re.Pattern[str]:
    """English words at a word start (the vocabulary's words are word starts: "hyperinflat",
    "effusion" for "effusions"; the patterns here say where they end); Chinese anywhere."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        if not _ASCII.match(word):
            parts.append(word if regex else re.escape(word))
        else:
            parts.append(rf"(?<![A-Za-z]){word}(?![a-z])" if regex else rf"(?<![A-Za-z]){re.escape(word)}\w*")
    return re.compile("|".join(parts), re.IGNORECASE)


_MENTION: dict[str, re.Pattern[str]] = {}
for _label in {*LABELS, *_EXTRA}:
    _plain = _compile(LABELS.get(_label, ()), regex=False).pattern if _label in LABELS else ""
    _more = _compile(_EXTRA.get(_label, ()), regex=True).pattern if _label in _EXTRA else ""
    _MENTION[_label] = re.compile("|".join(p for p in (_plain, _more) if p), re.IGNORECASE)
_ABSENT = {label: _compile(words, regex=True) for label, words in _NEGATIVE.items()}


def concept_of(label: str) -> str | None:
    """The finding a free label names (earliest, longest mention wins), or None."""
    text = unicodedata.normalize("NFKC", label)
    best: tuple[int, int, str] | None = None
    for concept, pattern in _MENTION.items():
        exclude = _NOT_THIS.get(concept)
        match = next(
            (m for m in pattern.finditer(text) if not (exclude and exclude.search(text[: m.start()]))), None
        )
        if match:
            key = (match.start(), -len(match.group()), concept)
            if best is None or key < best:
                best = key
    return best[2] if best else None


@dataclass
class _Mention:
    start: int
    end: int
    absent: bool = False  # a word that names the finding as absent ("heart size is normal")


def _mentions(text: str, start: int, end: int, label: str) -> list[_Mention]:
    """The places in text[start:end] that name the finding ``label``."""
    window = text[start:end]
    concept = concept_of(label)
    found: list[_Mention] = []
    if concept is not None:
        for match in _MENTION[concept].finditer(window):
            exclude = _NOT_THIS.get(concept)
            if exclude is not None and exclude.search(window[: match.start()]):
                continue
            found.append(_Mention(start + match.start(), start + match.end()))
        if concept in _ABSENT:
            for match in _ABSENT[concept].finditer(window):
                found.append(_Mention(start + match.start(), start + match.end(), absent=True))
    else:  # outside the vocabulary: every word of the label must be there
        normal = unicodedata.normalize("NFKC", label).casefold()
        words = [w[:5] for w in re.findall(r"[a-z]{4,}", normal) if w not in _STOP_WORDS]
        cjk = "".join(c for c in normal if "\u3400" <= c <= "\u9fff")
        patterns = [rf"(?<![a-z]){re.escape(w)}" for w in words]
        if cjk:
            patterns.extend(re.escape(cjk[i : i + 2]) for i in range(max(1, len(cjk) - 1)))
        if not patterns:
            return [_Mention(start, end)]  # nothing to look for: the quote as a whole
        places = [re.search(p, window, re.IGNORECASE) for p in patterns]
        if all(places):
            first = min(m.start() for m in places if m)
            last = max(m.end() for m in places if m)
            found.append(_Mention(start + first, start + last))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[_Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            if mention.absent and not kept[-1].absent:
                kept[-1] = mention  # "heart size is normal" outranks "heart ... enlarged" inside it
            continue
        kept.append(mention)
    return kept


_STOP_WORDS = frozenset(
    {
        "with",
        "left",
        "right",
        "bilateral",
        "small",
        "large",
        "mild",
        "moderate",
        "severe",
        "lower",
        "upper",
        "middle",
        "lobe",
        "lung",
        "pulmonary",
        "acute",
        "chronic",
    }
)


# -- context: sections and question words -----------------------------------------------------
_HEADING = re.compile(
    r"(?:^|(?<=[.。;；\n]))[ \t]*([A-Za-z][A-Za-z /&()'-]{1,40}?|[\u4e00-\u9fff]{2,10})[ \t]*[:：]"
    r"|^[ \t]*([A-Z][A-Z /&()'-]{2,40}|[\u4e00-\u9fff]{2,8})[ \t]*$",  # a heading alone on its line
    re.MULTILINE,
)
_NOT_FINDINGS = re.compile(
    r"^(?:indications?|clinical|history|hx|reason|reasons|comparison|comparisons|prior|request|referral|"
    r"symptoms?|complaint|presenting|question|临床|病史|简要病史|现病史|既往史|检查目的|申请目的|检查原因|主诉|"
    r"诊断目的|对比|比较|申请)",
    re.IGNORECASE,
)
_QUESTION = re.compile(
    r"(?:\brule out\b|\brules out\b|\br/o\b|\bevaluate for\b|\beval for\b|\bassess(?:ment)? for\b|"
    r"\bto exclude\b|"
    r"\bquery\b|\bhistory of\b|\bh/o\b|\bhx of\b|\?\s*$|？\s*$|既往|病史)[^.;。；]*$",
    re.IGNORECASE,
)


def section_of(text: str, position: int) -> str:
    """The heading of the section that holds text[position] ("" when none)."""
    heading = ""
    for match in _HEADING.finditer(text, 0, position + 1):
        group = 1 if match.group(1) else 2
        if match.start(group) <= position and (group == 1 or match.end(group) <= position):
            heading = match.group(group).strip()
    return heading


def _in_question_or_history(text: str, sentence_start: int, mention: _Mention) -> str:
    """The section heading or the words that make the mention a question or history ("")."""
    heading = section_of(text, mention.start)
    if heading and _NOT_FINDINGS.match(heading):
        return heading
    before = text[sentence_start : mention.start]
    match = _QUESTION.search(before)
    return match.group().strip() if match else ""


# -- sizes and sides --------------------------------------------------------------------------
_UNIT = r"(?:mm|cm|毫米|厘米|millimet(?:er|re)s?|centimet(?:er|re)s?)"
_VALUE = r"\d+(?:[.,]\d+)?"
_MEASURE = re.compile(
    r"(?P<cmp>(?:[<>≤≥]=?|less than|greater than|more than|smaller than|larger than|up to|"
    r"小于|大于|不超过|超过)\s*)?"
    rf"(?P<body>{_VALUE}\s*(?:-?\s*{_UNIT}\s*)?(?:(?:[-~]|to|至)\s*{_VALUE}\s*(?:{_UNIT}\s*)?)?"
    rf"(?:(?:x|×|\*|by)\s*{_VALUE}\s*(?:{_UNIT}\s*)?)*)(?<=\S)",
    re.IGNORECASE,
)
_SIDES = re.compile(
    r"(?<![a-z])(left|right|bilateral(?:ly)?|both|bibasilar|bibasal|bilat|rul|rml|rll|lul|lll|lt|rt)(?![a-z])"
    rf"|{SIDE_LETTER}"
    r"|左|右|双|两(?=[肺侧下上中])",
    re.IGNORECASE,
)


def _to_mm(value: str, unit: str) -> float:
    number = float(value.replace(",", "."))
    return number * 10 if unit.casefold().startswith(("cm", "centi", "厘")) else number


_PRIOR = re.compile(
    r"(?:\b(?:previously|prior|formerly|was|were|before|compared (?:to|with))\b[^,;.\d]{0,20}"
    r"|(?:原|前次|此前|较前|前片|旧片|老片|上次|既往|前一次|对比片)[^，,。；;\d]{0,6})$",
    re.IGNORECASE,
)
_FROM = re.compile(r"\bfrom\s*$|由\s*$|从\s*$", re.IGNORECASE)


def sizes_in(text: str) -> tuple[list[float], list[str]]:
    """The sizes ``text`` states, in mm, and the measurements that are only bounds ("<5 mm").
    A single dimension is the size; two or more (8 x 6 mm) give the mean of the first two
    (Fleischner 2017: the mean of the long and short axes), not either axis alone; a range
    (3-4 mm, given for several nodules) gives its upper end."""
    normal = unicodedata.normalize("NFKC", text).replace("×", "x")
    sizes: list[float] = []
    bounds: list[str] = []
    for match in _MEASURE.finditer(normal):
        if _PRIOR.search(normal[max(0, match.start() - 24) : match.start()]):
            continue  # an earlier measurement ("previously 4 mm, now 12 mm") is not the size now
        body = match.group("body")
        changed = bool(_FROM.search(normal[max(0, match.start() - 8) : match.start()]))
        units = re.findall(_UNIT, body, re.IGNORECASE)
        if not units:
            continue  # a bare number is no size
        if match.group("cmp"):
            bounds.append(match.group().strip())
            continue
        dims: list[float] = []
        for dim in re.split(r"\s*(?:x|\*|\bby\b)\s*", body, flags=re.IGNORECASE):
            values = re.findall(rf"({_VALUE})\s*({_UNIT})?", dim, re.IGNORECASE)
            if not values:
                continue
            unit = next((u for _, u in reversed(values) if u), "") or units[-1]
            ends = [_to_mm(value, own or unit) for value, own in values]
            # "from 4 mm to 12 mm" is a change: the size now is its last value
            dims.append(ends[-1] if changed else max(ends))
        if len(dims) == 1:
            sizes.append(dims[0])
        elif len(dims) >= 2:
            sizes.append((dims[0] + dims[1]) / 2)
    return sizes, bounds


def _half_up(value: float) -> int:
    return int(value + 0.5 + 1e-9)


def _size_matches(claimed: float, stated: list[float]) -> bool:
    claimed = float(claimed)
    return any(abs(claimed - s) < 0.051 or (claimed.is_integer() and _half_up(s) == claimed) for s in stated)


def sides_in(text: str) -> set[str]:
    """The sides ``text`` names: left, right, bilateral."""
    found: set[str] = set()
    cleaned = re.sub(r"左右(?![肺侧])", "", unicodedata.normalize("NFKC", text))
    for match in _SIDES.finditer(cleaned):
        word = match.group().casefold()
        if word in ("left", "lul", "lll", "lt", "l", "左"):
            found.add("left")
        elif word in ("right", "rul", "rml", "rll", "rt", "r", "右"):
            found.add("right")
        else:
            found.add("bilateral")
    return found


def _side_matches(claimed: str, stated: set[str]) -> bool:
    if claimed == "bilateral":
        return "bilateral" in stated or {"left", "right"} <= stated
    return claimed in stated


# -- segments: the part of a sentence that speaks of one mention -------------------------------
_SEPARATOR = re.compile(r"[,;，；]|\band\b|\bwith\b|\bwhile\b|\bwhereas\b|及|和|并|伴")


def _segments(text: str, start: int, end: int, mentions: list[_Mention]) -> list[tuple[int, int]]:
    """text[start:end] cut between consecutive mentions at the last separator between them,
    so that each mention keeps the words of its own clause."""
    if not mentions:
        return []
    groups: list[int] = [0]  # mentions with no separator between them are one phrase (磨玻璃结节)
    cuts = [start]
    for before, after in itertools.pairwise(mentions):
        gap = text[before.end : after.start]
        last = None
        for match in _SEPARATOR.finditer(gap):
            last = match
        if last is None:
            groups.append(groups[-1])
            continue
        groups.append(groups[-1] + 1)
        cuts.append(before.end + last.start())
    cuts.append(end)
    return [(cuts[g], cuts[g + 1]) for g in groups]


def _clause_of(text: str, start: int, end: int, mention: _Mention) -> tuple[int, int]:
    """The clause of text[start:end] (between separators) that holds ``mention``."""
    left = start
    for match in _SEPARATOR.finditer(text, start, max(start, mention.start)):
        left = match.end()
    stop = _SEPARATOR.search(text, min(mention.end, end), end)
    return left, stop.start() if stop else end


def _segment_of(
    text: str, start: int, end: int, mentions: list[_Mention], mention: _Mention
) -> tuple[int, int]:
    """The segment of text[start:end] that holds ``mention``."""
    inside = [m for m in mentions if start <= m.start < end]
    for m, segment in zip(inside, _segments(text, start, end, inside), strict=True):
        if m.start <= mention.start < m.end or mention.start <= m.start < mention.end:
            return segment
    return start, end


# Forms the sentence rules may read as present, and which say absent or possible: a field
# with its value ("Pneumothorax: none", 气胸：无), "resolved X", "X is not favoured".
_FIELD_ABSENT = re.compile(
    r"^\s*[:：]\s*(?:none|no|nil|absent|negative|not (?:seen|present|identified)|无|未见|阴性|没有)(?![a-z])",
    re.IGNORECASE,
)
_RESOLVED_BEFORE = re.compile(r"\b(?:resolved|cleared)\s+(?:[a-z]+\s+){0,4}$", re.IGNORECASE)
_DOUBTED_AFTER = re.compile(
    r"^\s*(?:is|are|was|were)?\s*(?:not (?:favou?red|suspected|likely)|unlikely|doubtful)\b", re.IGNORECASE
)


def _structured_reading(before: str, after: str) -> str:
    """ "absent" or "possible" where such a form speaks of the mention; else "present"."""
    if _FIELD_ABSENT.search(after) or _RESOLVED_BEFORE.search(before):
        return "absent"
    if _DOUBTED_AFTER.search(after):
        return "possible"
    return "present"


# -- the check --------------------------------------------------------------------------------
_CERTAINTY = {"present": "present", "absent": "absent", "possible": "possible", "uncertain": "possible",
              "probable": "possible", "negative": "absent", "positive": "present"}  # fmt: skip


@dataclass
class _Reading:
    mismatches: list[Mismatch]
    passed: int  # how many of the checks passed (the best mention shows its failures)


def check_claim(report: str, claim: Claim, index: SourceIndex | None = None) -> ClaimCheck:
    """Whether ``claim``'s evidence, quoted from ``report``, supports the claim. A quote
    found in several places supports the claim when one of them does."""
    index = index or SourceIndex(report)
    if not claim.evidence.strip():
        return ClaimCheck(UNSUPPORTED, "not_in_report", mismatches=[Mismatch("not_in_report")])
    spans = index.locate_all(claim.evidence)
    if not spans:
        span = index.locate(claim.evidence)  # a loose match (punctuation dropped) at best
        diagnosis = index.diagnose(claim.evidence)
        why = diagnosis.why
        mismatches = [Mismatch(d[0], d[1], d[2]) for d in diagnosis.details] or [Mismatch(why, "", "")]
        if span is not None and why == "not_in_report":
            mismatches = [Mismatch("not_in_report", claim.evidence.strip(), report[span.start : span.end])]
        return ClaimCheck(UNSUPPORTED, why, span.match if span else None,
                          span.start if span else None, span.end if span else None, mismatches)  # fmt: skip
    results = [_check_span(report, index, span, claim) for span in spans]
    return next((r for r in results if r.supported), results[0])


def _check_span(report: str, index: SourceIndex, span: Span, claim: Claim) -> ClaimCheck:
    result = ClaimCheck(SUPPORTED, None, span.match, span.start, span.end)
    if index.crosses_sentence(span.start, span.end):
        # verbatim, but across a sentence end ("No effusion. Left basilar atelectasis"): the
        # two sentences say two things, and neither says both
        result.verdict, result.why = UNSUPPORTED, "spans_sentences"
        result.mismatches = [Mismatch("spans_sentences", claim.evidence.strip(),
                                      report[span.start:span.end].strip())]  # fmt: skip
        return result
    mentions = _mentions(report, span.start, span.end, claim.label)
    if not mentions:
        # A quote that names no finding supports none: a place alone ("RLL") does not. A
        # measurement fragment ("大小约 7 mm") is read with the finding its sentence names,
        # unless its context gives it as an earlier size ("previously 6 mm", 前片约6mm,
        # 较前（5mm）): that is not the size now.
        named = sorted({c for c in (concept_of(report[span.start : span.end]),) if c})
        if not named and _states_size(report[span.start : span.end]):
            if claim.size_mm is not None and _earlier_size(report, index, span):
                result.verdict, result.why = UNSUPPORTED, "number_differs"
                result.mismatches = [Mismatch("number_differs", f"{claim.size_mm:g} mm",
                                              report[span.start:span.end].strip())]  # fmt: skip
                return result
            s_start, s_end = index.sentence(span.start)
            if s_end >= span.end:
                mentions = _mentions(report, s_start, s_end, claim.label)
    if not mentions:
        named = sorted({c for c in (concept_of(report[span.start : span.end]),) if c})
        result.verdict, result.why = UNSUPPORTED, "other_finding"
        result.mismatches = [Mismatch("other_finding", claim.label, ", ".join(named) or
                                      report[span.start:span.end].strip())]  # fmt: skip
        return result
    readings = [_read(report, index, span.start, span.end, m, claim) for m in mentions]
    best = max(readings, key=lambda r: (not r.mismatches, r.passed))
    if best.mismatches:
        result.verdict, result.why = UNSUPPORTED, best.mismatches[0].kind
        result.mismatches = best.mismatches
    return result


def _earlier_size(report: str, index: SourceIndex, span: Span) -> bool:
    """Whether every measurement quoted at ``span`` is, in its sentence, an earlier size."""
    s_start, _ = index.sentence(span.start)
    lead = max(s_start, span.start - 24)
    text = unicodedata.normalize("NFKC", report[lead : span.end])
    offset = len(unicodedata.normalize("NFKC", report[lead : span.start]))
    earlier = []
    for match in _MEASURE.finditer(text, offset):
        if not re.search(_UNIT, match.group(), re.IGNORECASE):
            continue
        before = re.sub(r"[(（\[]\s*$", "", text[: match.start()])  # 较前（5mm）
        earlier.append(bool(_PRIOR.search(before[-24:])) or bool(_FROM.search(before[-8:])))
    return bool(earlier) and all(earlier)


def _states_size(text: str) -> bool:
    """Whether ``text`` holds a measurement with its unit ("7 mm", 约8mm×6mm)."""
    normal = unicodedata.normalize("NFKC", text)
    return any(re.search(_UNIT, m.group(), re.IGNORECASE) for m in _MEASURE.finditer(normal))


def _findings_in(text: str, start: int, end: int, label: str, mention: _Mention) -> list[_Mention]:
    """Every finding named in text[start:end] (any label), with ``mention`` among them: the
    places where a sentence is cut into the clauses of each finding."""
    found = [*_mentions(text, start, end, label)]
    for concept in _MENTION:
        found.extend(
            _Mention(start + m.start(), start + m.end()) for m in _MENTION[concept].finditer(text[start:end])
        )
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[_Mention] = [mention]
    for other in found:
        if all(other.end <= k.start or other.start >= k.end for k in kept):
            kept.append(other)
    return sorted(kept, key=lambda m: m.start)


def _read(text: str, index: SourceIndex, start: int, end: int, mention: _Mention, claim: Claim) -> _Reading:
    """How one mention of the finding in the quote stands against the claim."""
    mismatches: list[Mismatch] = []
    passed = 0
    said = _CERTAINTY.get(claim.certainty.strip().casefold(), "present")
    s_start, s_end = index.sentence(mention.start)
    context = _in_question_or_history(text, s_start, mention)
    reading: str = "absent" if mention.absent else certainty_in(text, mention.start, mention.end).certainty
    if reading == "present":
        reading = _structured_reading(
            text[s_start : mention.start], text[mention.end : max(s_end, mention.end)]
        )
    if context:
        kind = "negated_in_context" if said != "absent" else "certainty_differs"
        mismatches.append(Mismatch(kind, said, context))
    elif reading != said:
        kind = "negated_in_context" if said == "present" else "certainty_differs"
        mismatches.append(Mismatch(kind, said, reading))
    else:
        passed += 2
    s_end = max(s_end, mention.end)
    q_start, q_end = max(start, s_start), min(end, s_end)
    own = _segment_of(text, q_start, q_end, _findings_in(text, q_start, q_end, claim.label, mention), mention)
    whole = _segment_of(
        text, s_start, s_end, _findings_in(text, s_start, s_end, claim.label, mention), mention
    )
    clause = _clause_of(text, own[0], own[1], mention)
    if claim.size_mm is not None and said != "absent":
        stated: list[float] = []
        bounds: list[str] = []
        for where in (clause, own, whole):  # the nearest words that state a size
            stated, bounds = sizes_in(text[where[0] : where[1]])
            if stated or bounds:
                break
        if _size_matches(claim.size_mm, stated):
            passed += 1
        else:
            shown = ", ".join([*(f"{s:g} mm" for s in stated), *bounds]) or "no size"
            mismatches.append(Mismatch("number_differs", f"{claim.size_mm:g} mm", shown))
    else:
        passed += 1
    if claim.laterality in ("left", "right", "bilateral"):
        stated_sides = sides_in(text[clause[0]:clause[1]]) or sides_in(text[own[0]:own[1]]) \
            or sides_in(text[whole[0]:whole[1]])  # fmt: skip
        if _side_matches(claim.laterality, stated_sides) or (said == "absent" and not stated_sides):
            passed += 1
        else:
            mismatches.append(Mismatch("laterality_differs", claim.laterality,
                                       ", ".join(sorted(stated_sides)) or "no side"))  # fmt: skip
    else:
        passed += 1
    return _Reading(mismatches, passed)


def check_claim_in(indexes: Sequence[SourceIndex], claim: Claim) -> tuple[int | None, ClaimCheck]:
    """The claim checked against several documents: the first that supports it, else the
    first where the quote is found, else the most telling reason it is not found."""
    checks = [check_claim(index.source, claim, index) for index in indexes]
    for number, result in enumerate(checks):
        if result.supported:
            return number, result
    for number, result in enumerate(checks):
        if result.start is not None:
            return number, result
    for result in checks:
        if result.why != "not_in_report":
            return None, result
    return None, checks[0] if checks else ClaimCheck(UNSUPPORTED, "not_in_report")


# -- words for the window, the command line and an export ---------------------------------------
def describe(mismatch: Mismatch | dict[str, str]) -> str:
    """One mismatch in plain English (a template of app.core.messages, filled)."""
    data = mismatch.to_dict() if isinstance(mismatch, Mismatch) else mismatch
    kind = str(data.get("kind") or "not_in_report")
    template = messages.GROUNDING_REASONS.get(kind, messages.GROUNDING_REASONS["not_in_report"])
    return template.format(claimed=data.get("claimed") or "-", quoted=data.get("quoted") or "-")


def reasons(grounding: Any) -> list[str]:
    """Each reason a finding's quote does not support it (``Grounding`` or its dict); []
    when it does."""
    get = grounding.get if isinstance(grounding, dict) else lambda key, default=None: getattr(
        grounding, key, default)  # fmt: skip
    if get("grounded") or get("verdict") == SUPPORTED:
        return []
    # a stored session's mismatches come back as plain namespaces: read them as dicts
    stored = [vars(m) if isinstance(m, SimpleNamespace) else m for m in (get("mismatches") or [])]
    found = [describe(m) for m in stored if isinstance(m, dict | Mismatch)]
    if get("match") == "loose" and get("why") == "not_in_report":
        found = [
            messages.GROUNDING_REASONS["loose"].format(
                quoted=(stored or [{}])[0].get("quoted", "") if isinstance((stored or [{}])[0], dict) else ""
            )
        ]
    return list(dict.fromkeys(found)) or [describe({"kind": get("why") or "not_in_report"})]


def match_text(grounding: Any) -> str:
    """How the quote matched ("quote found exactly"), or why it does not support the
    finding, as one line."""
    found = reasons(grounding)
    if found:
        return messages.GROUNDING_NOT_SUPPORTED.format(reason="; ".join(found))
    match = grounding.get("match") if isinstance(grounding, dict) else getattr(grounding, "match", None)
    return messages.GROUNDING_EXACT if match == "exact" else messages.GROUNDING_NORMALISED
