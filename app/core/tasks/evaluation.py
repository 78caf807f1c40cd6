"""Scoring extracted findings against reference labels: precision, recall and F1 per label.

Labels are put on the small vocabulary (vocabulary.py) first. A report with no positive
finding counts as "normal", as the IU corpus codes it.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.tasks.findings import rule_findings
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

    def to_dict(self) -> dict[str, dict[str, float | int]]:
        rows = {label: s for label, s in self.labels.items() if s.tp + s.fp + s.fn}
        rows["micro"] = self.micro
        return {label: {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
                        "f1": round(s.f1, 4), "tp": s.tp, "fp": s.fp, "fn": s.fn}
                for label, s in rows.items()}  # fmt: skip


# -- the IU chest X-ray corpus (a CSV with the report parts and a 'Problems' column) --------------

CORPUS_COLUMNS = ("image", "indication", "comparison", "findings", "impression", "Problems")
_REPORT_PARTS = (("EXAMINATION", "image"), ("INDICATION", "indication"), ("COMPARISON", "comparison"),
                 ("FINDINGS", "findings"), ("IMPRESSION", "impression"))  # fmt: skip


class CorpusError(ValueError):
    """The corpus file cannot be used (the message names the file and the problem)."""


def corpus_report_text(row: dict[str, str]) -> str:
    """One corpus row as the plain-text report a clinician would drop on the window."""
    parts = [(title, row.get(column) or "") for title, column in _REPORT_PARTS]
    return "\n".join(f"{title}: {text}" for title, text in parts if text.strip()) + "\n"


def read_corpus(path: Path, n: int, start: int = 0) -> list[dict[str, str]]:
    """Rows ``start .. start + n`` among those with report text (taken in order)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in CORPUS_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise CorpusError(f"{path.name}: is not a report corpus: the column(s) {', '.join(missing)} "
                                  "are missing")  # fmt: skip
            rows = [row for row in reader if ((row["findings"] or "") + (row["impression"] or "")).strip()]
    except OSError as exc:
        raise CorpusError(f"{path.name}: cannot be read ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise CorpusError(f"{path.name}: is not a UTF-8 CSV file ({exc})") from exc
    if not rows:
        raise CorpusError(f"{path.name}: holds no report with findings or impression text")
    return rows[start: start + n]


@dataclass
class Evaluation:
    """Findings extraction over many reports: the model's labels (all findings and grounded
    ones only) and the model-free baseline, against the reference labels."""

    model_all: Scores = field(default_factory=Scores)
    model_grounded: Scores = field(default_factory=Scores)
    baseline: Scores = field(default_factory=Scores)
    valid_json: int = 0
    findings: int = 0
    grounded: int = 0
    model_seconds: float = 0.0
    baseline_seconds: float = 0.0

    @property
    def reports(self) -> int:
        return self.model_all.reports

    def add(self, source: str, reference: set[str], found: Sequence[Finding], json_valid: bool,
            seconds: float) -> None:  # fmt: skip
        """One report: the model's checked findings (and time) and its source for the baseline."""
        started = time.perf_counter()
        rules = rule_findings(source)
        self.baseline_seconds += time.perf_counter() - started
        self.baseline.add(predicted_labels(rules), reference)
        self.model_all.add(predicted_labels(found), reference)
        self.model_grounded.add(predicted_labels(found, grounded_only=True), reference)
        self.valid_json += bool(json_valid)
        self.findings += len(found)
        self.grounded += sum(f.grounding.grounded for f in found)
        self.model_seconds += seconds

    @property
    def json_validity(self) -> float:
        return self.valid_json / self.reports if self.reports else 0.0

    @property
    def grounded_share(self) -> float | None:
        return self.grounded / self.findings if self.findings else None

    @property
    def seconds_per_report(self) -> float:
        return self.model_seconds / self.reports if self.reports else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "reports": self.reports,
            "json_validity": round(self.json_validity, 4),
            "findings": self.findings,
            "grounded_findings": self.grounded,
            "grounded_share": None if self.grounded_share is None else round(self.grounded_share, 4),
            "seconds_per_report": round(self.seconds_per_report, 3),
            "baseline_ms_per_report": round(self.baseline_seconds / max(self.reports, 1) * 1000, 3),
            "scores": self.model_all.to_dict(),
            "scores_grounded_only": self.model_grounded.to_dict(),
            "baseline_scores": self.baseline.to_dict(),
        }

    def text(self, model_name: str) -> str:
        n = max(self.reports, 1)
        share = self.grounded_share
        baseline_f1 = self.baseline.micro.f1
        ratio = f"{self.model_all.micro.f1 / baseline_f1:.2f}" if baseline_f1 else "n/a"
        return "\n".join([
            f"Findings extraction on {self.reports} reports (reference: the 'Problems' codes)",
            f"model {model_name}: valid JSON {self.valid_json}/{self.reports} ({self.json_validity:.0%}); "
            f"{self.findings} findings, grounded {self.grounded}/{self.findings} "
            f"({0.0 if share is None else share:.0%}); {self.seconds_per_report:.2f} s per report",
            "", "-- model, all findings --", self.model_all.table(),
            "", "-- model, grounded findings only --", self.model_grounded.table(),
            "", f"-- baseline: vocabulary words + negation rules, no model "
            f"({self.baseline_seconds / n * 1000:.1f} ms per report) --", self.baseline.table(),
            "", f"micro-F1: model {self.model_all.micro.f1:.2f}, "
            f"grounded-only {self.model_grounded.micro.f1:.2f}, baseline {baseline_f1:.2f} "
            f"(model / baseline = {ratio})",
        ]) + "\n"  # fmt: skip
