"""Deterministic checks on free-text answers, shown with them (never used to hide them).

- reading level of a patient explanation (Flesch-Kincaid grade for English; sentence
  length in characters for Chinese, which has no syllable-based formula);
- medical terms a translation kept (glossary pairs, both directions);
- quotes an answer gives: found in the documents or not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from app.core.tasks.grounding import SourceIndex
from app.core.tasks.negation import is_chinese
from app.core.tasks.vocabulary import GLOSSARY

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_SENTENCE = re.compile(r"[.!?。！？]+|\n{2,}")
_VOWELS = re.compile(r"[aeiouy]+")
_QUOTE = re.compile(r"[\"“「『]([^\"”」』]{4,400})[\"”」』]")


def syllables(word: str) -> int:
    word = word.lower()
    count = len(_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def reading_level(text: str) -> dict[str, Any]:
    sentences = [s for s in _SENTENCE.split(text) if s.strip()]
    if not sentences:
        return {"language": "unknown"}
    if is_chinese(text):
        chars = sum(len(re.findall(r"[\u4e00-\u9fff]", s)) for s in sentences)
        return {"language": "zh_CN", "chars_per_sentence": round(chars / len(sentences), 1)}
    words = _WORD.findall(text)
    if not words:
        return {"language": "unknown"}
    per_sentence = len(words) / len(sentences)
    per_word = sum(syllables(w) for w in words) / len(words)
    grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    return {"language": "en", "flesch_kincaid_grade": round(grade, 1),
            "words_per_sentence": round(per_sentence, 1)}  # fmt: skip


def kept_terms(source: str, translation: str) -> dict[str, Any]:
    """Glossary terms of the source and whether the translation uses the standard equivalent."""
    to_chinese = not is_chinese(source)
    source_cf, out_cf = source.casefold(), translation.casefold()
    kept: list[str] = []
    missing: list[str] = []
    for english, chinese in GLOSSARY.items():
        present = english in source_cf if to_chinese else any(c in source for c in chinese)
        if not present:
            continue
        ok = any(c in translation for c in chinese) if to_chinese else english in out_cf
        (kept if ok else missing).append(english)
    return {"direction": "en->zh_CN" if to_chinese else "zh_CN->en", "kept": kept, "missing": missing}


def quoted_support(answer: str, sources: Sequence[str]) -> dict[str, Any]:
    """The quotes an answer gives, each found in a document or flagged as not found."""
    indexes = [SourceIndex(s) for s in sources]
    quotes: list[dict[str, Any]] = []
    for match in _QUOTE.finditer(answer):
        quote = match.group(1)
        where = None
        for number, index in enumerate(indexes):
            span = index.locate(quote)
            if span is not None:
                where = {"document": number, "start": span.start, "end": span.end, "match": span.match}
                break
        quotes.append({"quote": quote, "grounded": where is not None, **(where or {})})
    return {"quotes": quotes, "ungrounded": sum(not q["grounded"] for q in quotes)}
