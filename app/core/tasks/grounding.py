"""Finding each quoted piece of evidence in the source text, with character offsets.

Matching is on a normalised view of both texts (Unicode NFKC, so full-width and half-width
forms are one; case folded; curly quotes and dashes unified; runs of white space as one
space) that keeps a map back to the original characters, so offsets always point into the
source as the user sees it. Leading and trailing punctuation of a quote is ignored (a sign,
a comparator or a decimal point in front of a digit is not punctuation).

A match must respect word and number boundaries: "7 mm nodule" is not found inside
"17 mm nodule", "80 HU" not inside "-80 HU", "5 mm" not after "<" or inside "3-5 mm", a word
not inside a longer word. The numbers of the quote (digits, decimal separators, signs,
comparators <, >, ≤, ≥ and ranges) must be the very numbers of the matched source text.

Tiers, in order: ``exact`` (the quote as it stands), ``normalised`` (the view above, then
also with hyphens and blanks between letters ignored: "X-ray chest" finds "Xray Chest"),
``loose`` (punctuation ignored too, but never across a sentence break). A quote with an
ellipsis ("no pneumothorax ... or effusion") must have each part found, in order, in one
sentence. Anything else is not found; :meth:`SourceIndex.diagnose` says why (a number, a
comparator or a side that differs from the nearest source text, a quote stitched across
sentences, or not in the report at all).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

MatchKind = Literal["exact", "normalised", "loose"]

_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
    "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u00a0": " ", "\u3000": " ", "\u2264": "≤",
    "\u2265": "≥", "\u2266": "≤", "\u2267": "≥", "\u00d7": "x", "\uff5e": "~",
})  # fmt: skip
_ELLIPSIS = re.compile(r"\s*(?:\.{3,}|\u2026+|\u22ef+|。{3,})\s*")
MIN_QUOTE_CHARS = 3
_QUOTE_MARKS = "\"'“”‘’「」『』《》"
_KEEP_EDGE = frozenset("%°‰")  # trailing marks that belong to a number, never stripped
_SIGNS = frozenset("-+\u2212\u2013\u2010\u2011")
_COMPARATORS = frozenset("<>≤≥=≦≧＜＞")
_DIMENSION = frozenset("x×*")
_RANGE = frozenset("-~～\u2013\u2212")
_SENTENCE_STOPS = frozenset(";!?\n。；！？")
_BREAK = "\x00"  # a sentence break in the loose view
_HEADING = re.compile(
    r"[ \t]*(?:[A-Za-z][A-Za-z /&()'-]{0,40}[:：]|[\u4e00-\u9fff]{2,10}[:：]|(?:\d+[.)、]|[-*•])\s)"
)
_ABBREVIATIONS = frozenset(
    {
        "dr",
        "mr",
        "mrs",
        "ms",
        "vs",
        "approx",
        "e.g",
        "i.e",
        "eg",
        "ie",
        "st",
        "cf",
        "fig",
        "no",
        "ca",
        "jr",
        "sr",
        "prof",
    }
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    match: MatchKind


@dataclass(frozen=True)
class _View:
    text: str
    origin: list[int]  # origin[i]: index in the source of view character i


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _is_letter(char: str) -> bool:
    """A letter of an alphabetic script (Chinese characters have no word boundaries)."""
    return char.isalpha() and not _is_cjk(char)


def _normal_char(raw: str) -> str:
    if raw.isascii():
        return raw.lower()
    return unicodedata.normalize("NFKC", raw).translate(_TRANSLATE).casefold()


def _view(source: str, *, drop_punctuation: bool, compact: bool = False) -> _View:
    """The matching view; ``compact`` also drops blanks and hyphens between letters;
    ``drop_punctuation`` turns punctuation into blanks but keeps sentence breaks."""
    chars: list[str] = []
    origin: list[int] = []
    last_space = True
    for index, raw in enumerate(source):
        for char in _normal_char(raw):
            if compact and char.isspace():
                continue
            if compact and char == "-" and _letter_hyphen(source, index):
                continue
            if drop_punctuation and (
                (unicodedata.category(char)[0] in "PS" and char not in _KEEP_EDGE) or char == "\n"
            ):
                char = _BREAK if _is_break(source, index) else " "
            if char.isspace():
                if last_space:
                    continue
                char = " "
                last_space = True
            else:
                last_space = char == _BREAK
            chars.append(char)
            origin.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return _View("".join(chars), origin)


def _letter_hyphen(text: str, index: int) -> bool:
    """A hyphen joining letters ("X-ray"), not touching a digit (a sign or a range)."""
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return not (before.isdigit() or after.isdigit())


def _is_break(text: str, index: int) -> bool:
    """Whether text[index] ends a sentence (a full stop between digits or after a short
    abbreviation does not)."""
    char = text[index]
    if char == "\n":
        return _line_break_ends_sentence(text, index)
    if char in _SENTENCE_STOPS:
        return True
    if char not in ".\uff0e":
        return False
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if before.isdigit() and after.isdigit():
        return False
    if after and not (after.isspace() or after in "\"')]}" or _is_cjk(after)):
        return False  # "e.g", "s/p." inside a token, "3.5"
    word = re.search(r"([A-Za-z.]+)$", text[max(0, index - 8) : index])
    return not (word and word.group(1).casefold() in _ABBREVIATIONS)


def _line_break_ends_sentence(text: str, index: int) -> bool:
    """A line break ends a sentence after punctuation or a blank line, or before a heading, a
    list item or a capitalised line; a line wrapped inside a sentence goes on."""
    before = _prev_solid(text, index)
    if before < 0 or "\n" in text[before + 1 : index] or unicodedata.category(text[before])[0] == "P":
        return True
    stop = text.find("\n", index + 1)
    line = text[index + 1 : stop if stop >= 0 else len(text)]
    if not line.strip() or _HEADING.match(line):
        return True
    first = line.lstrip()[0]
    return first.isupper() and not _is_cjk(text[before])


def sentence_breaks(text: str) -> list[int]:
    """Offsets of every character of ``text`` that ends a sentence."""
    return [i for i, c in enumerate(text) if (c in _SENTENCE_STOPS or c in ".\uff0e") and _is_break(text, i)]


_NUMBER = re.compile(r"(?:[<>≤≥]=?\s*)?[-+]?\d+(?:[.,]\d+)*(?:\s*[-~]\s*[-+]?\d+(?:[.,]\d+)*)*")


def numbers_of(text: str) -> list[str]:
    """The numbers of ``text`` as written: comparator, sign, digits, decimal separator and
    range kept (blanks dropped), in order."""
    normal = text.lower() if text.isascii() else "".join(_normal_char(c) for c in text)
    return [re.sub(r"\s+", "", m.group()) for m in _NUMBER.finditer(normal)]


def _prev_solid(text: str, index: int) -> int:
    """Index of the last non-blank character before ``index`` (-1 if none)."""
    index -= 1
    while index >= 0 and text[index].isspace():
        index -= 1
    return index


def _next_solid(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def edge_problem(source: str, start: int, end: int) -> str | None:
    """Why source[start:end] is not a whole stretch of words and numbers: "number" when an
    edge cuts a number, a sign, a comparator, a range or a dimension; "word" when it cuts a
    word; None when both edges are clean."""
    if start >= end:
        return "word"
    first, last = source[start], source[end - 1]
    before = source[start - 1] if start > 0 else ""
    after = source[end] if end < len(source) else ""
    if first.isdigit():
        if before.isdigit() or before in _SIGNS or before in _COMPARATORS or before in _RANGE:
            return "number"
        if before in ".,\uff0c\uff0e" and start >= 2 and source[start - 2].isdigit():
            return "number"
        solid = _prev_solid(source, start)
        if solid >= 0 and (
            source[solid] in _DIMENSION or source[solid] in _RANGE or source[solid] in _COMPARATORS
        ):
            lead = _prev_solid(source, solid)
            if source[solid] in _COMPARATORS or (lead >= 0 and source[lead].isdigit()):
                return "number"
    elif first in _SIGNS or first in _COMPARATORS or first == ".":
        if before.isdigit():
            return "number"
    elif _is_letter(first) and (_is_letter(before) or before.isdigit()):
        return "word"
    elif _is_letter(first) and before in "-\u2010\u2011" and start >= 2 and _is_letter(source[start - 2]):
        return "word"  # "calcified" cut from "non-calcified"
    if last.isdigit():
        if after.isdigit():
            return "number"
        if after in ".,\uff0c\uff0e" and end + 1 < len(source) and source[end + 1].isdigit():
            return "number"
        solid = _next_solid(source, end)
        if solid < len(source) and (source[solid] in _DIMENSION or source[solid] in _RANGE):
            tail = _next_solid(source, solid + 1)
            if tail < len(source) and source[tail].isdigit():
                return "number"
    elif _is_letter(last) and _is_letter(after):
        return "word"
    elif (
        _is_letter(last)
        and after in "-\u2010\u2011"
        and end + 1 < len(source)
        and _is_letter(source[end + 1])
    ):
        return "word"  # "nodule" cut from "nodule-like"
    return None


def clean_quote(quote: str) -> str:
    """The quote without surrounding blanks, quotation marks and punctuation (a sign, a
    comparator or a decimal point before a digit, and %, ° after one, are kept)."""
    text = quote.strip()
    while True:
        before = text
        text = text.strip().strip(_QUOTE_MARKS)
        while text and _edge_punctuation(text[0]) and not _number_mark(text):
            text = text[1:]
        while text and _edge_punctuation(text[-1]) and text[-1] not in _KEEP_EDGE:
            text = text[:-1]
        if text == before:
            return text


def _number_mark(text: str) -> bool:
    """Whether ``text`` opens with a sign, a comparator or a decimal point of a number."""
    if len(text) < 2 or not (text[0] in _SIGNS or text[0] in _COMPARATORS or text[0] == "."):
        return False
    return text[1].isdigit() or (text[1] == " " and len(text) > 2 and text[2].isdigit())


def _long_enough(text: str) -> bool:
    """At least MIN_QUOTE_CHARS characters, or two Chinese characters (one word: 气胸)."""
    solid = "".join(text.split())
    return len(solid) >= MIN_QUOTE_CHARS or (len(solid) == 2 and all(_is_cjk(c) for c in solid))


def _edge_punctuation(char: str) -> bool:
    return char.isspace() or unicodedata.category(char)[0] in "PS"


def split_parts(quote: str) -> list[str]:
    """The parts of a quote around its ellipses, each cleaned."""
    return [p for p in (clean_quote(piece) for piece in _ELLIPSIS.split(quote)) if p]


@dataclass
class Diagnosis:
    """Why a quote is not found: the nearest source text and what differs from it."""

    why: str  # number_differs | comparator_differs | laterality_differs | spans_sentences | not_in_report
    quoted: str = ""  # the quote's differing words
    source: str = ""  # the source's words in their place
    start: int | None = None  # the nearest source text, when there is one
    end: int | None = None
    details: list[tuple[str, str, str]] = field(default_factory=list)  # (why, quoted, source) each


class SourceIndex:
    """A source text prepared once for locating many quotes."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._normal = _view(source, drop_punctuation=False)
        self._compact: _View | None = None
        self._loose: _View | None = None
        self._breaks = sentence_breaks(source)
        self._tokens: list[_Token] | None = None
        self._keys: list[tuple[str, str]] | None = None
        self._starts: dict[tuple[str, str], list[int]] = {}

    # -- sentences ------------------------------------------------------------------------
    def sentence(self, position: int) -> tuple[int, int]:
        """The sentence holding source[position]: (start, end), end at its full stop."""
        at = bisect.bisect_left(self._breaks, position)
        start = self._breaks[at - 1] + 1 if at > 0 else 0
        end = self._breaks[at] if at < len(self._breaks) else len(self.source)
        return start, end

    def crosses_sentence(self, start: int, end: int) -> bool:
        """Whether a sentence ends inside source[start:end] (its last character may end one)."""
        at = bisect.bisect_left(self._breaks, start)
        return at < len(self._breaks) and self._breaks[at] < end - 1

    # -- locating -------------------------------------------------------------------------
    def locate(self, quote: str) -> Span | None:
        """Where ``quote`` is in the source, or None when it is not there."""
        parts = split_parts(quote)
        if not parts or not _long_enough("".join(parts)):
            return None
        if len(parts) == 1:
            return self._locate_one(parts[0])
        return self._locate_parts(parts, one_sentence=True)

    def locate_all(self, quote: str) -> list[Span]:
        """Every place of ``quote`` matched exactly or normalised (never loose), in order."""
        parts = split_parts(quote)
        if not parts or not _long_enough("".join(parts)):
            return []
        if len(parts) > 1:
            span = self._locate_parts(parts, one_sentence=True)
            return [span] if span is not None else []
        return self._all_spans(parts[0])

    def _locate_one(self, part: str) -> Span | None:
        start = self.source.find(part)
        while start >= 0:
            if self._valid(part, start, start + len(part)):
                return Span(start, start + len(part), "exact")
            start = self.source.find(part, start + 1)
        for kind, found, changes in self._candidates(part):
            if self._valid(part, *found, loose=kind == "loose", numbers=changes):
                return Span(found[0], found[1], kind)
        return None

    def _candidates(self, part: str, *, loose: bool = True) -> list[tuple[MatchKind, tuple[int, int], bool]]:
        """Places of ``part`` in the normalised views: (tier, span, whether the tier can
        change a number: compact and loose drop blanks or punctuation)."""
        out: list[tuple[MatchKind, tuple[int, int], bool]] = []
        if self._compact is None:
            self._compact = _view(self.source, drop_punctuation=False, compact=True)
        views: list[tuple[MatchKind, _View, str, bool]] = [
            ("normalised", self._normal, _view(part, drop_punctuation=False).text.strip(), False),
            (
                "normalised",
                self._compact,
                _view(part, drop_punctuation=False, compact=True).text.strip(),
                True,
            ),
        ]
        if loose:
            if self._loose is None:
                self._loose = _view(self.source, drop_punctuation=True)
            views.append(("loose", self._loose, _view(part, drop_punctuation=True).text.strip(), True))
        for kind, view, needle, changes in views:
            if not _long_enough(needle):
                continue
            at = view.text.find(needle)
            while at >= 0:
                out.append((kind, (view.origin[at], view.origin[at + len(needle) - 1] + 1), changes))
                at = view.text.find(needle, at + 1)
        return out

    def _valid(self, part: str, start: int, end: int, *, loose: bool = False, numbers: bool = True) -> bool:
        """A clean edge at both ends, the very numbers of the quote, and (loose) no sentence
        break inside. ``numbers`` False: the tier cannot change a number (exact, normalised)."""
        if edge_problem(self.source, start, end) is not None:
            return False
        if numbers and numbers_of(self.source[start:end]) != numbers_of(part):
            return False
        return not (loose and self.crosses_sentence(start, end))

    def _all_spans(self, part: str) -> list[Span]:
        """Every valid place of one part (exact and normalised tiers), in source order."""
        spans: dict[tuple[int, int], Span] = {}
        start = self.source.find(part)
        while start >= 0:
            if self._valid(part, start, start + len(part), numbers=False):
                spans.setdefault((start, start + len(part)), Span(start, start + len(part), "exact"))
            start = self.source.find(part, start + 1)
        for kind, found, changes in self._candidates(part, loose=False):
            if found not in spans and self._valid(part, *found, numbers=changes):
                spans.setdefault(found, Span(found[0], found[1], kind))
        return sorted(spans.values(), key=lambda s: (s.start, s.end))

    def _locate_parts(self, parts: list[str], *, one_sentence: bool) -> Span | None:
        """The first placing of all parts, in order (and within one sentence if asked)."""
        places = [self._all_spans(p) for p in parts]
        if any(not p for p in places):
            return None

        def extend(index: int, after: int, sentence_end: int | None) -> list[Span] | None:
            if index == len(places):
                return []
            for span in places[index]:
                if span.start < after:
                    continue
                if sentence_end is not None and span.end > sentence_end:
                    continue
                rest = extend(index + 1, span.end, sentence_end)
                if rest is not None:
                    return [span, *rest]
            return None

        for first in places[0]:
            limit = None
            if one_sentence:
                _, limit = self.sentence(first.start)
                if self.crosses_sentence(first.start, first.end):
                    continue
            rest = extend(1, first.end, limit)
            if rest is not None:
                chain = [first, *rest]
                kind: MatchKind = "exact" if all(s.match == "exact" for s in chain) else "normalised"
                return Span(first.start, chain[-1].end, kind)
        return None

    # -- why a quote is not found ---------------------------------------------------------
    def diagnose(self, quote: str) -> Diagnosis:
        """Why ``quote`` is not found as it stands (call it when :meth:`locate` gives None
        or a loose match): the nearest source text that differs only in numbers,
        comparators or sides, or that lies across a sentence break."""
        parts = split_parts(quote)
        if not parts:
            return Diagnosis("not_in_report")
        if len(parts) > 1:
            if self._locate_parts(parts, one_sentence=False) is not None:
                return Diagnosis("spans_sentences", quote.strip(), "")
            for part in parts:
                if self._locate_one(part) is None:
                    return self._diagnose_one(part)
            return Diagnosis("not_in_report")  # every part is there, but not in this order
        return self._diagnose_one(parts[0])

    def _diagnose_one(self, part: str) -> Diagnosis:
        if self._tokens is None:
            self._tokens = _tokenise(self.source)
        wanted = _tokenise(part)
        if not wanted:
            return Diagnosis("not_in_report")
        keys = [t.key for t in wanted]
        if self._keys is None:
            self._keys = [t.key for t in self._tokens]
            self._starts = {}
            for at, key in enumerate(self._keys):
                self._starts.setdefault(key, []).append(at)
        source_keys = self._keys
        best: Diagnosis | None = None
        best_cost = 0
        n = len(keys)
        for at in self._starts.get(keys[0], []):
            if source_keys[at : at + n] != keys:
                continue
            found = self._tokens[at : at + n]
            details = [d for q, s in zip(wanted, found, strict=True) if (d := _differs(q, s)) is not None]
            start, end = found[0].start, found[-1].end
            if not details and self.crosses_sentence(start, end):
                details = [("spans_sentences", part, self.source[start:end])]
            cost = len(details) if details else 99  # no difference at all: punctuation only
            if best is None or cost < best_cost:
                why = _main_reason(details) if details else "not_in_report"
                first = next((d for d in details if d[0] == why), ("", "", ""))
                best = Diagnosis(why, first[1], first[2], start, end, details)
                best_cost = cost
        return best or Diagnosis("not_in_report")


# -- tokens for the diagnosis ---------------------------------------------------------------
# "R" or "L" alone is a side before these words ("R pleural effusion", "L 7th rib", "(R)")
SIDE_LETTER = (
    r"(?<![\w.])[rl](?=\s*-?\s*(?:sided|side|lung|hemithorax|upper|middle|lower|pleural|hilar|hilum|apical|apex|basal|base|"
    r"basilar|rib|\d+(?:st|nd|rd|th)\b|main|mainstem|effusion|pneumothorax|ij|subclavian|chest|breast)\b)"
    r"|(?<=\()[rl](?=\))"
)
_TOKEN = re.compile(
    r"(?P<num>(?:[<>≤≥]=?\s*)?[-+]?\d+(?:[.,]\d+)*(?:\s*[-~]\s*[-+]?\d+(?:[.,]\d+)*)*)"
    r"|(?P<cmp>\b(?:less than|greater than|more than|smaller than|larger than|fewer than|at least|at most|"
    r"up to|exceeding)\b|小于|大于|不超过|超过|低于|高于|不足|以下|以上|至少)"
    r"|(?P<zhword>左右(?![肺侧]))"
    r"|(?P<side>\b(?:left|right|bilateral(?:ly)?|both|bibasilar|bibasal|bilat|rul|rml|rll|lul|lll|lt|rt)\b"
    rf"|{SIDE_LETTER}"
    r"|左侧|右侧|双侧|两侧|左|右|双|两(?=[肺侧]))"
    r"|(?P<word>[^\W\d_\u3400-\u9fff]+|[\u3400-\u9fff])"
)


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int

    @property
    def key(self) -> tuple[str, str]:
        if self.kind in ("num", "cmp", "side"):
            return (self.kind, "")
        return (self.kind, self.text)


def _tokenise(text: str) -> list[_Token]:
    view = _view(text, drop_punctuation=False)
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(view.text):
        kind = match.lastgroup or "word"
        value = match.group()
        if kind == "zhword":
            kind = "word"
        if kind == "word" and any(_is_cjk(c) for c in value):
            for offset, char in enumerate(value):  # each Chinese character is a token
                at = match.start() + offset
                tokens.append(_Token("word", char, view.origin[at], view.origin[at] + 1))
            continue
        start = view.origin[match.start()]
        end = view.origin[match.end() - 1] + 1
        tokens.append(_Token(kind, re.sub(r"\s+", "", value), start, end))
    return tokens


def _side(word: str) -> str:
    if word in ("left", "lul", "lll", "lt", "l", "左", "左侧"):
        return "left"
    if word in ("right", "rul", "rml", "rll", "rt", "r", "右", "右侧"):
        return "right"
    return "bilateral"


def _differs(quoted: _Token, source: _Token) -> tuple[str, str, str] | None:
    if quoted.text == source.text:
        return None
    if quoted.kind == "num":
        q_cmp = re.match(r"[<>≤≥]=?", quoted.text)
        s_cmp = re.match(r"[<>≤≥]=?", source.text)
        q_value = quoted.text[q_cmp.end() :] if q_cmp else quoted.text
        s_value = source.text[s_cmp.end() :] if s_cmp else source.text
        if (q_cmp and q_cmp.group()) != (s_cmp and s_cmp.group()):
            return ("comparator_differs", quoted.text, source.text)
        if q_value != s_value:
            return ("number_differs", quoted.text, source.text)
        return None
    if quoted.kind == "cmp":
        return ("comparator_differs", quoted.text, source.text)
    if quoted.kind == "side":
        if _side(quoted.text) == _side(source.text):
            return None
        return ("laterality_differs", quoted.text, source.text)
    return None


_PRIORITY = ("comparator_differs", "number_differs", "laterality_differs", "spans_sentences")


def _main_reason(details: list[tuple[str, str, str]]) -> str:
    reasons = {d[0] for d in details}
    return next(r for r in _PRIORITY if r in reasons)


def locate(quote: str, source: str) -> Span | None:
    return SourceIndex(source).locate(quote)
