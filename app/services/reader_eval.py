"""Run one deterministic reader over a case file and write its predictions (``enclave eval``)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core.tasks.reader_cases import KINDS, CaseFileError, predict, read_cases

__all__ = ["KINDS", "CaseFileError", "EvalSummary", "predict_file"]


@dataclass
class EvalSummary:
    cases: int = 0
    answered: int = 0  # a prediction that is not null
    declined: int = 0  # null: the reader asks instead of answering
    unreadable: int = 0  # null because the case itself could not be read


def predict_file(kind: str, cases: Path, out: Path,
                 on_problem: Callable[[str], None] | None = None) -> EvalSummary:  # fmt: skip
    """Every case's prediction to ``out`` (written whole or not at all: a temporary file
    renamed at the end, so a failed run never leaves half a predictions file)."""
    summary = EvalSummary()
    lines: list[str] = []
    for case in read_cases(cases):
        prediction = predict(kind, case)
        summary.cases += 1
        if prediction.problem:
            summary.unreadable += 1
            if on_problem is not None:
                on_problem(f"enclave: {cases.name}: {prediction.problem}")
        if prediction.predicted is None:
            summary.declined += 1
        else:
            summary.answered += 1
        lines.append(prediction.to_json())
    partial = out.with_name(out.name + ".partial")
    try:
        partial.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        os.replace(partial, out)
    except OSError as exc:
        raise CaseFileError(f"{out}: cannot be written ({exc.strerror or exc})") from exc
    return summary
