"""The certainty reader against the IU corpus's coded 'Problems' (printed, not asserted).

    .venv/bin/python -m tests.benchmarks.bench_certainty_corpus [--corpus CSV] [--show N]

Each of the 3,080 reports is put together as a report is written (tests.conftest.report_text:
EXAMINATION, INDICATION, COMPARISON, FINDINGS, IMPRESSION) and the reader is asked, for every
label of the certainty case sets that the corpus codes (vocabulary.IU_PROBLEMS), whether the
finding is present. A report *disagrees* when, for some label, the reader's answer and the
codes differ: "present" against not coded, or "absent"/"uncertain" against coded. Two counts:

- as bench_readers counts it (the issue's goal): a label the reader declines (None) is not a
  disagreement;
- strict: over every label of the shared vocabulary the corpus codes (opacity and granuloma
  too), a declined label counts as not present.

Figures of the reader this one replaced (the sentence rules of commit 0b11378 with the
first-mention baseline of issue 26), measured with this script: 422 reports (as bench_readers
counts), 478 (strict). Also printed: disagreements per label and how often the reader asks.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from app.core.tasks.vocabulary import IU_PROBLEMS, NORMAL, iu_labels
from tests.conftest import report_text

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "iu_cxr_reports.csv"
# The labels of the certainty case sets (FORMAT.md) that the corpus codes, and every coded label.
CERTAINTY_LABELS = ("pleural effusion", "pneumothorax", "consolidation", "pneumonia", "atelectasis",
                    "cardiomegaly", "edema", "nodule", "mass", "fracture", "emphysema", "hiatal hernia",
                    "lymphadenopathy")  # fmt: skip
CODED = sorted({label for label in IU_PROBLEMS.values() if label != NORMAL})
LABELS = [label for label in CODED if label in CERTAINTY_LABELS]
BEFORE = {"disagree": 422, "strict": 478}

Reader = Callable[[str, str], str | None]


def measure(rows: list[dict[str, str]], reader: Reader, show: int = 0) -> dict[str, object]:
    disagree = strict = 0
    per_label: Counter[str] = Counter()
    answers: Counter[str] = Counter()
    examples: list[str] = []
    for row in rows:
        report = report_text(row)
        coded = iu_labels(row.get("Problems", ""))
        wrong = []
        counted = False
        for label in CODED:
            answer = reader(report, label)
            answers[str(answer)] += 1
            if (answer == "present") != (label in coded):
                wrong.append(f"{label}: read {answer}, {'coded' if label in coded else 'not coded'}")
                per_label[label] += 1
                counted = counted or (label in LABELS and answer is not None)
        disagree += counted
        strict += bool(wrong)
        if wrong and len(examples) < show:
            flat = report.replace("\n", " / ")
            examples.append(f"uid {row.get('uid')}: " + "; ".join(wrong) + "\n    " + flat)
    return {"reports": len(rows), "disagree": disagree, "strict": strict,
            "per_label": dict(per_label.most_common()), "answers": dict(answers), "examples": examples}


def current_reader(report: str, label: str) -> str | None:
    from app.core.tasks.certainty import read_certainty

    return read_certainty(report, label).prediction


def main(argv: list[str] | None = None, reader: Reader = current_reader) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--show", type=int, default=0, help="print this many disagreeing reports")
    args = parser.parse_args(argv)
    with args.corpus.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    figures = measure(rows, reader, args.show)
    print(f"reports: {figures['reports']}")
    print(f"reports where the reader disagrees with the coded labels ({len(LABELS)} labels, as bench_readers "
          f"counts): {figures['disagree']} (before issue 26: {BEFORE['disagree']})")
    print(f"strict ({len(CODED)} labels, a declined label read as not present): {figures['strict']} "
          f"(before: {BEFORE['strict']})")
    print(f"disagreements per label: {figures['per_label']}")
    print(f"answers: {figures['answers']}")
    for example in figures["examples"]:  # type: ignore[attr-defined]
        print(example)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
