"""Scoring extracted findings against reference labels: precision, recall and F1 per label.

Labels are put on the small vocabulary (vocabulary.py) first. A report with no positive
finding counts as "normal", as the IU corpus codes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.core.tasks.results import Finding
from app.core.tasks.vocabulary import NORMAL, VOCABULARY


def predicted_labels(findings: Iterable[Finding], *, grounded_only: bool = False) -> set[str]:
    labels = {f.vocabulary_label for f in findings
              if f.vocabulary_label and f.certainty != "absent"
              and (f.grounding.grounded or not grounded_only)}  # fmt: skip
    return {label for label in labels if label is not None} or {NORMAL}


@dataclass
class LabelScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    labels: dict[str, LabelScore] = field(default_factory=lambda: {v: LabelScore() for v in VOCABULARY})
    reports: int = 0

    def add(self, predicted: set[str], reference: set[str]) -> None:
        self.reports += 1
        for label in VOCABULARY:
            score = self.labels[label]
            if label in predicted and label in reference:
                score.tp += 1
            elif label in predicted:
                score.fp += 1
            elif label in reference:
                score.fn += 1

    @property
    def micro(self) -> LabelScore:
        total = LabelScore()
        for score in self.labels.values():
            total.tp += score.tp
            total.fp += score.fp
            total.fn += score.fn
        return total

    def table(self, labels: Sequence[str] | None = None) -> str:
        rows = [f"{'label':<18} {'P':>5} {'R':>5} {'F1':>5} {'TP':>4} {'FP':>4} {'FN':>4}"]
        named = [(label, self.labels[label]) for label in labels or VOCABULARY]
        for label, s in [*named, ("micro", self.micro)]:
            if s.tp + s.fp + s.fn == 0 and label != "micro":
                continue
            rows.append(f"{label:<18} {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f} "
                        f"{s.tp:4d} {s.fp:4d} {s.fn:4d}")  # fmt: skip
        return "\n".join(rows)
