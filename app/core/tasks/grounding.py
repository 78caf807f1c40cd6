"""Finding each quoted piece of evidence in the source text, with character offsets.

Matching is on a normalised view of both texts (Unicode NFKC, case folded, curly quotes
and dashes unified, runs of white space as one space) that keeps a map back to the
original characters, so offsets always point into the source as the user sees it. A
quote with an ellipsis ("no pneumothorax ... or effusion") must have each part found, in
order. If that fails, hyphens and spacing are ignored ("X-ray chest" finds "Xray Chest",
"pleural  effusion" finds "pleural effusion"), then punctuation as well. Anything else is
ungrounded: the quote is not in the source, and the finding is shown as such.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

MatchKind = Literal["exact", "normalised", "loose"]

_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
    "\u2212": "-", "\u00a0": " ", "\u3000": " ",
})  # fmt: skip
_ELLIPSIS = re.compile(r"\s*(?:\.{3,}|\u2026)\s*")
MIN_QUOTE_CHARS = 3


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    match: MatchKind


@dataclass(frozen=True)
class _View:
    text: str
    origin: list[int]  # origin[i]: index in the source of view character i


_HYPHENS = frozenset("-\u2010\u2011\u00ad")


def _view(source: str, *, drop_punctuation: bool, compact: bool = False) -> _View:
    """The matching view; ``compact`` also drops hyphens and every blank."""
    chars: list[str] = []
    origin: list[int] = []
    last_space = True
    for index, raw in enumerate(source):
        for char in unicodedata.normalize("NFKC", raw).translate(_TRANSLATE).casefold():
            if compact and (char in _HYPHENS or char.isspace()):
                continue
            if drop_punctuation and unicodedata.category(char)[0] in "PS":
                char = " "
            if char.isspace():
                if last_space:
                    continue
                char = " "
                last_space = True
            else:
                last_space = False
            chars.append(char)
            origin.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return _View("".join(chars), origin)


def _find_parts(view: _View, parts: list[str], from_view: int = 0) -> tuple[int, int] | None:
    position = from_view
    first: int | None = None
    end = 0
    for part in parts:
        found = view.text.find(part, position)
        if found < 0:
            return None
        if first is None:
            first = found
        end = found + len(part)
        position = end
    if first is None:
        return None
    return view.origin[first], view.origin[end - 1] + 1


def _quote_parts(quote: str, *, drop_punctuation: bool, compact: bool = False) -> list[str]:
    parts = []
    for piece in _ELLIPSIS.split(quote):
        normal = _view(piece, drop_punctuation=drop_punctuation, compact=compact).text.strip()
        if normal:
            parts.append(normal)
    return parts


class SourceIndex:
    """A source text prepared once for locating many quotes."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._normal = _view(source, drop_punctuation=False)
        self._compact: _View | None = None
        self._loose: _View | None = None

    def locate(self, quote: str) -> Span | None:
        """Where ``quote`` is in the source, or None when it is not there."""
        stripped = quote.strip().strip("\"'“”‘’「」『』")
        if len(stripped) < MIN_QUOTE_CHARS:
            return None
        exact = self.source.find(stripped)
        if exact >= 0:
            return Span(exact, exact + len(stripped), "exact")
        parts = _quote_parts(stripped, drop_punctuation=False)
        if sum(len(p) for p in parts) >= MIN_QUOTE_CHARS:
            found = _find_parts(self._normal, parts)
            if found:
                return Span(found[0], found[1], "normalised")
        if self._compact is None:
            self._compact = _view(self.source, drop_punctuation=False, compact=True)
        parts = _quote_parts(stripped, drop_punctuation=False, compact=True)
        if sum(len(p) for p in parts) >= MIN_QUOTE_CHARS:
            found = _find_parts(self._compact, parts)
            if found:
                return Span(found[0], found[1], "normalised")
        if self._loose is None:
            self._loose = _view(self.source, drop_punctuation=True)
        parts = _quote_parts(stripped, drop_punctuation=True)
        if sum(len(p) for p in parts) >= MIN_QUOTE_CHARS:
            found = _find_parts(self._loose, parts)
            if found:
                return Span(found[0], found[1], "loose")
        return None


def locate(quote: str, source: str) -> Span | None:
    return SourceIndex(source).locate(quote)
