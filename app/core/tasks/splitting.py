"""Cutting documents that do not fit the model's context into parts that do.

Documents are cut at section (and so page) boundaries first; a section too long for a
part on its own is halved at the paragraph, line, sentence or word boundary nearest its
middle, until each piece fits. Pieces are then packed, in order, into as few parts as
fit. Every piece is a slice of a section, so its ``start`` offset still points into the
document's ``source_text``, and the parts together hold every character of the sections:
nothing is dropped.

Whether a set of documents fits is the caller's ``fits`` test (the real token count of the
rendered prompt plus the answer budget), so the rule here knows nothing of tokenizers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from app.core.documents.model import Document, Section
from app.core.llm.errors import EngineError

Fits = Callable[[Sequence[Document]], bool]

# Boundaries to halve a long section at, best first; a match's end is where the cut goes.
_BOUNDARIES = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?;。！？；](?:\s+|(?=\S))"),
               re.compile(r"[,，、]\s*|\s+"))  # fmt: skip
MIN_PIECE_CHARS = 16


class SplitError(EngineError):
    """The documents cannot be cut into parts that fit (the message says why); an
    EngineError, so the faces report it as they report a context overflow."""


def part_of(document: Document, sections: Sequence[Section]) -> Document:
    """A document holding only ``sections`` of ``document`` (same name, kind and source text)."""
    return replace(document, sections=list(sections), series=[], warnings=[], privacy={}, identifiers=[])


def _cut(text: str) -> int | None:
    """Where to halve ``text``: the best boundary nearest the middle, else the middle."""
    middle = len(text) // 2
    for pattern in _BOUNDARIES:
        cuts = [m.end() for m in pattern.finditer(text) if 0 < m.end() < len(text)]
        if cuts:
            return min(cuts, key=lambda at: abs(at - middle))
    return middle if 0 < middle < len(text) else None


def halve(section: Section) -> tuple[Section, Section] | None:
    """Two sections whose texts joined give ``section.text``; None when it cannot be cut."""
    text = section.text
    if len(text) < 2 * MIN_PIECE_CHARS:
        return None
    at = _cut(text)
    if at is None:
        return None
    second_start = None if section.start is None else section.start + at
    return (replace(section, text=text[:at]), replace(section, text=text[at:], start=second_start))


def pieces(documents: Sequence[Document], fits: Fits) -> list[tuple[int, Section]]:
    """(document index, section piece) in reading order, each piece fitting on its own."""
    found: list[tuple[int, Section]] = []
    for index, document in enumerate(documents):
        stack = [s for s in reversed(document.sections) if s.text.strip()]
        while stack:
            section = stack.pop()
            if fits([part_of(document, [section])]):
                found.append((index, section))
                continue
            halves = halve(section)
            if halves is None:
                raise SplitError(f"{document.name}: even a few characters of it do not fit the model's "
                                 "context beside the prompt and the answer budget; lower the answer "
                                 "length (max tokens) or raise the context size (n_ctx)")  # fmt: skip
            stack.extend(reversed(halves))
    return found


def _documents(documents: Sequence[Document], chosen: Sequence[tuple[int, Section]]) -> list[Document]:
    by_document: dict[int, list[Section]] = {}
    for index, section in chosen:
        by_document.setdefault(index, []).append(section)
    return [part_of(documents[index], sections) for index, sections in by_document.items()]


def split(documents: Sequence[Document], fits: Fits) -> list[list[Document]]:
    """The documents as parts that each fit, in order, packed as full as they fit.

    A part's size only grows with the pieces added, so the longest run that fits is found by
    doubling then bisecting: about 2 log2(n) checks per part instead of one per piece (each check
    tokenises a whole part; a 1 MB report went from 47 s of checks to a few)."""
    found = pieces(documents, fits)
    parts: list[list[Document]] = []
    start = 0
    while start < len(found):
        good = start + 1  # found[start:good] fits: one piece always fits on its own
        bad: int | None = None  # found[start:bad] does not fit
        step = 1
        while bad is None and good < len(found):
            probe = min(good + step, len(found))
            if fits(_documents(documents, found[start:probe])):
                good, step = probe, step * 2
            else:
                bad = probe
        while bad is not None and bad - good > 1:
            middle = (good + bad) // 2
            if fits(_documents(documents, found[start:middle])):
                good = middle
            else:
                bad = middle
        parts.append(_documents(documents, found[start:good]))
        start = good
    return parts


def spans(part: Sequence[Document]) -> list[dict[str, object]]:
    """What a part covers, for the result: document name, page and offsets of each piece."""
    return [{"document": d.name, "title": s.title, "page": s.page, "start": s.start, "end": s.end}
            for d in part for s in d.sections]  # fmt: skip
