"""Recall and precision of the text redactor on the independent evaluation set."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from app.core.deid.text import find
from tests.deid_eval.cases import CLINICAL_CHINESE, cases

STRUCTURED = ("DATE", "ID", "PHONE", "EMAIL", "ADDRESS", "AGE", "HOSPITAL")


@dataclass
class Scores:
    planted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    missed: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    redactions: int = 0
    true_redactions: int = 0
    false_positives: list[str] = field(default_factory=list)

    def recall(self, key: str) -> float:
        return self.found[key] / self.planted[key] if self.planted[key] else 1.0

    def structured_recall(self, language: str | None = None) -> float:
        keys = [k for k in self.planted
                if k.split(":")[1] in STRUCTURED and (language is None or k.startswith(language))]
        planted = sum(self.planted[k] for k in keys)
        return sum(self.found[k] for k in keys) / planted if planted else 1.0

    @property
    def precision(self) -> float:
        return self.true_redactions / self.redactions if self.redactions else 1.0


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Every character of [start, end) is inside some redaction (adjacent spans may share it)."""
    position = start
    for s, e in sorted(spans):
        if s <= position < e:
            position = e
        if position >= end:
            return True
    return position >= end


def measure(english_background: list[str], seed: int = 18, per_template: int = 12,
            heldout: bool = False) -> Scores:
    scores = Scores()
    for language, text, planted in cases(seed, per_template, english_background, heldout):
        spans = [(s.start, s.end) for s in find(text)]
        for start, end, kind in planted:
            key = f"{language}:{kind}"
            scores.planted[key] += 1
            if _covered(spans, start, end):
                scores.found[key] += 1
            else:
                scores.missed[key].append(f"{text[start:end]!r} in {text!r}")
        for s, e in spans:
            scores.redactions += 1
            if any(s < end and e > start for start, end, _ in planted):
                scores.true_redactions += 1
            else:
                scores.false_positives.append(f"{text[s:e]!r} in {text!r}")
    for text in [*CLINICAL_CHINESE, *english_background]:  # clinical text alone: nothing to redact
        for span in find(text):
            scores.redactions += 1
            scores.false_positives.append(f"{text[span.start:span.end]!r} in {text!r}")
    return scores


def table(scores: Scores) -> str:
    lines = ["kind            planted  recall"]
    for key in sorted(scores.planted):
        lines.append(f"{key:<15} {scores.planted[key]:7d}  {scores.recall(key):.3f}")
    lines.append(f"structured, zh  {'':7}  {scores.structured_recall('zh'):.3f}")
    lines.append(f"structured, en  {'':7}  {scores.structured_recall('en'):.3f}")
    lines.append(f"precision       {scores.redactions:7d}  {scores.precision:.3f}  "
                 f"({scores.redactions - scores.true_redactions} redactions outside an identifier)")
    return "\n".join(lines)
