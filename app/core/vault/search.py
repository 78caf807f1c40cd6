"""Full-text search text handling: FTS5's unicode61 tokenizer plus CJK segmentation.

unicode61 splits on spaces and punctuation, so a run of Chinese characters would be one
"word" and 肺炎 would not match 右下肺炎症. Indexed text therefore gets a zero-width
space around every CJK character (each becomes a token) and a Chinese query becomes a
phrase of single characters: any Chinese word matches wherever it occurs, like English
words do. The zero-width spaces are removed again from snippets.
"""

from __future__ import annotations

import re

ZWSP = "\u200b"
HIT_START, HIT_END = "\ue000", "\ue001"  # private-use markers around matches in snippets
_CJK = re.compile(
    "([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff])"
)
_TERM = re.compile(r"([^\s\"'()*:^+\-]+)(\*?)")


def index_text(text: str) -> str:
    """The form of ``text`` that goes into the FTS index."""
    return _CJK.sub(ZWSP + r"\1" + ZWSP, text.replace(ZWSP, ""))


def fts_query(query: str) -> str:
    """A safe FTS5 query from what a user typed: every term must match (AND).

    Quotes and FTS operators are not passed through (a stray quote must not be a syntax
    error). A term typed with a trailing * matches as a prefix (cardio* -> cardiomegaly);
    only on request, because a prefix over a common stem reads far more of the index.
    """
    parts: list[str] = []
    for term, star in _TERM.findall(query):
        phrase = " ".join(_CJK.sub(r" \1 ", term).split())
        if phrase:
            parts.append(f"\"{phrase}\"" + ("*" if star and not _CJK.search(term) else ""))
    return " ".join(parts)


def clean_snippet(snippet: str) -> list[tuple[str, bool]]:
    """Split an FTS snippet into (text, is_match) parts with the index spacing removed."""
    text = snippet.replace(ZWSP, "")
    parts: list[tuple[str, bool]] = []
    for index, chunk in enumerate(re.split(f"[{HIT_START}{HIT_END}]", text)):
        if chunk:
            parts.append((chunk, index % 2 == 1))
    return parts
