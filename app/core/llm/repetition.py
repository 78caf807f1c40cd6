"""Telling when an answer has started to repeat itself, so decoding can stop.

A small model held to a JSON schema can emit the same finding again and again until the
token limit (the demonstration model repeated one finding 13 times in 1,024 tokens). Two
rules, each narrow enough never to cut a valid answer:

- structured output: an object inside the answer (a finding) identical, up to blank space,
  to an earlier one; or nothing but blank space for a long stretch;
- prose: the same sentence (at least ``MIN_SENTENCE`` characters) for the third time; or a
  short stretch (up to ``LOOP_PERIOD`` characters: ``<code>`` and a line break, one word)
  over and over, back to back, for ``LOOP_RUN`` characters — too short for a sentence, and
  no report or answer holds 200 characters of one short unit repeated.
"""

from __future__ import annotations

import re

from app.core import messages

MIN_SENTENCE = 24
PROSE_REPEATS = 3
BLANK_RUN = 64
LOOP_PERIOD = 32
LOOP_RUN = 200
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?。！？\n]")


def _key(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


class RepetitionGuard:
    """Fed the answer text as it streams; ``reason`` is set once it repeats itself."""

    def __init__(self, *, structured: bool) -> None:
        self.structured = structured
        self.reason: str | None = None
        self._text = ""
        self._scanned = 0
        self._starts: list[int] = []  # offsets of open '{' (outside strings)
        self._in_string = False
        self._escape = False
        self._objects: set[str] = set()
        self._sentences: dict[str, int] = {}
        self._sentence_start = 0

    def feed(self, text: str) -> str | None:
        if self.reason is not None or not text:
            return self.reason
        self._text += text
        if self.structured:
            self._scan_json()
        else:
            self._scan_prose()
        return self.reason

    def _scan_json(self) -> None:
        text = self._text
        for offset in range(self._scanned, len(text)):
            char = text[offset]
            if self._in_string:
                if self._escape:
                    self._escape = False
                elif char == "\\":
                    self._escape = True
                elif char == '"':
                    self._in_string = False
                continue
            if char == '"':
                self._in_string = True
            elif char == "{":
                self._starts.append(offset)
            elif char == "}" and self._starts:
                start = self._starts.pop()
                if self._starts:  # nested: a finding, not the whole answer
                    key = _key(text[start:offset + 1])
                    if key in self._objects:
                        self.reason = messages.REPEATED_ENTRY.format(entry=key[:80])
                        self._scanned = offset + 1
                        return
                    self._objects.add(key)
        self._scanned = len(text)
        tail = text[-BLANK_RUN:]
        if len(tail) == BLANK_RUN and not tail.strip():
            self.reason = messages.BLANK_RUN.format(count=BLANK_RUN)

    def _scan_prose(self) -> None:
        text = self._text
        for match in _SENTENCE_END.finditer(text, self._scanned):
            sentence = _key(text[self._sentence_start:match.end()])
            self._sentence_start = match.end()
            if len(sentence) < MIN_SENTENCE:
                continue
            seen = self._sentences.get(sentence, 0) + 1
            self._sentences[sentence] = seen
            if seen >= PROSE_REPEATS:
                self.reason = messages.REPEATED_SENTENCE.format(count=seen, sentence=sentence[:80])
                break
        self._scanned = len(text)
        if self.reason is None and len(text) >= LOOP_RUN:
            tail = text[-LOOP_RUN:]
            for period in range(1, LOOP_PERIOD + 1):
                if tail[period:] == tail[:-period] and tail.strip():
                    start = len(text) - LOOP_RUN  # back to where the loop began, to name its unit
                    while start > 0 and text[start - 1] == text[start - 1 + period]:
                        start -= 1
                    unit = _key(text[start:start + period])
                    count = (len(text) - start) // period
                    self.reason = messages.REPEATED_LOOP.format(count=count, unit=unit[:40])
                    break
