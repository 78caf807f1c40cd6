"""The deterministic readers on the evaluation case sets: one table, the issue's goals beside it.

    .venv/bin/python -m tests.benchmarks.bench_readers [--cases DIR] [--json OUT]

Each reader runs alone (no model), as ``enclave eval KIND`` runs it, on ``DIR/{fleischner,
certainty,grounding,redaction}.jsonl`` (default ``../shared/evaluation``), and that folder's
``score.py`` scores the predictions. Printed per reader and language: the scorer's figures and
the goal. The IU corpus (3,080 chest radiograph reports) is read too: how many get a
Fleischner recommendation (goal: none) and in how many reports the certainty reader disagrees
with the coded labels.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from app.core.tasks.reader_cases import predict, read_cases
from tests.conftest import CORPUS, SHARED

# The labels of the certainty case sets (FORMAT.md).
CERTAINTY_LABELS = (
    "pleural effusion",
    "pneumothorax",
    "consolidation",
    "pneumonia",
    "atelectasis",
    "cardiomegaly",
    "edema",
    "nodule",
    "mass",
    "fracture",
    "emphysema",
    "hiatal hernia",
    "lymphadenopathy",
)
FILES = {"followup": "fleischner.jsonl", "certainty": "certainty.jsonl",
         "grounding": "grounding.jsonl", "redaction": "redaction.jsonl"}  # fmt: skip


def score(kind: str, cases: Path, scorer: Path, work: Path) -> tuple[dict[str, Any], float]:
    """score.py's figures for one reader, and the reader's seconds per case."""
    out = work / f"{kind}.jsonl"
    started = time.perf_counter()
    lines = [predict(kind, case).to_json() for case in read_cases(cases)]
    seconds = (time.perf_counter() - started) / max(1, len(lines))
    out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    figures = work / f"{kind}.score.json"
    subprocess.run([sys.executable, str(scorer), str(cases), str(out), "--json", str(figures)],
                   check=True, capture_output=True)  # fmt: skip
    return json.loads(figures.read_text(encoding="utf-8")), seconds


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "-"


def rows_for(kind: str, figures: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(measure, figure, goal) rows for the table."""
    rows: list[tuple[str, str, str]] = []
    if kind == "followup":
        for lang, counts in sorted(figures["by_lang"].items()):
            total = sum(counts.values())
            rows.append((f"Fleischner {lang}: right / wrong / abstained of {total}",
                         " / ".join(str(counts.get(k, 0)) for k in ("correct", "wrong", "abstained")),
                         "0 wrong, >= 90% right"))  # fmt: skip
        verdicts = figures["verdicts"]
        rows.append(("Fleischner all: share right", f"{figures['correct_share']:.3f}", ">= 0.90"))
        rows.append(("Fleischner all: wrong", str(verdicts.get("wrong", 0)), "0"))
    elif kind == "certainty":
        for lang, counts in sorted(figures["by_lang"].items()):
            total = sum(counts.values())
            rows.append(
                (f"Certainty {lang}: right of {total}", _share(counts.get("correct", 0), total), ">= 0.97")
            )
        verdicts = figures["verdicts"]
        rows.append(("Certainty all: right", f"{figures['correct_share']:.3f}", ">= 0.97"))
        rows.append(
            ("Certainty: present read as absent", str(verdicts.get("wrong_present_read_absent", 0)), "0")
        )
    elif kind == "grounding":
        rows.append(("Grounding: unsupported quotes accepted", str(figures["accepted_unsupported"]), "0"))
        rows.append(("Grounding: supported quotes accepted", f"{figures['supported_accepted_share']:.3f}",
                     ">= 0.97"))  # fmt: skip
    else:
        for lang, counts in sorted(figures["by_lang"].items()):
            rows.append((f"Redaction {lang}: identifier recall ({counts['identifiers']})",
                         f"{counts['identifier_recall']:.3f}", ">= 0.99"))  # fmt: skip
            rows.append((f"Redaction {lang}: clinical phrases kept ({counts['keep']})",
                         f"{counts['clinical_kept']:.3f}", ">= 0.995"))  # fmt: skip
    return rows


def corpus_rows() -> list[tuple[str, str, str]]:
    """The IU corpus: Fleischner recommendations given (all are radiographs), and reports where
    the certainty reader disagrees with the coded labels."""
    recommended, disagree, total = corpus_counts()
    return [
        (f"IU corpus: Fleischner recommendations (of {total})", str(recommended), "0"),
        (
            "IU corpus: reports where certainty disagrees with the codes",
            str(disagree),
            f"<= {BEFORE_DISAGREEMENTS} (before issue 26)",
        ),
    ]


# Measured with the sentence rules as they were before issue 26 (first-mention NegEx, at commit
# 0b11378), over the coded labels below: the figure the rebuilt reader may not exceed.
BEFORE_DISAGREEMENTS = 422


def corpus_counts() -> tuple[int, int, int]:
    from app.core.tasks.certainty import read_certainty
    from app.core.tasks.followup import build_panel, case_prediction
    from app.core.tasks.vocabulary import IU_PROBLEMS, iu_labels
    from tests.conftest import iu_reports, report_text

    labels = sorted(set(IU_PROBLEMS.values()) & set(CERTAINTY_LABELS))
    recommended = disagree = 0
    reports = iu_reports()
    for row in reports:
        text = report_text(row)
        prediction = case_prediction(build_panel([text]))
        if isinstance(prediction, dict) and prediction.get("recommendation"):
            recommended += 1
        coded = iu_labels(row.get("Problems", ""))
        for label in labels:
            said = read_certainty(text, label).prediction
            if said is not None and (label in coded) != (said == "present"):
                disagree += 1
                break
    return recommended, disagree, len(reports)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=SHARED / "evaluation")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--no-corpus", action="store_true", help="skip the IU corpus rows")
    args = parser.parse_args(argv)
    scorer = args.cases / "score.py"
    table: list[tuple[str, str, str]] = []
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        for kind, name in FILES.items():
            cases = args.cases / name
            if not cases.exists():
                print(f"{cases}: not there, {kind} skipped")
                continue
            figures, seconds = score(kind, cases, scorer, Path(folder))
            results[kind] = {**figures, "ms_per_case": round(seconds * 1000, 2)}
            table.extend(rows_for(kind, figures))
    if not args.no_corpus and CORPUS.exists():
        table.extend(corpus_rows())
    width = max(len(r[0]) for r in table)
    print(f"{'measure':<{width}}  {'now':>16}  goal")
    for measure, figure, goal in table:
        print(f"{measure:<{width}}  {figure:>16}  {goal}")
    if args.json is not None:
        args.json.write_text(json.dumps({"readers": results, "table": table}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
