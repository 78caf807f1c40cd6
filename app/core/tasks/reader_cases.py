"""The deterministic readers run alone on a case file: ``enclave eval KIND --cases F --predictions OUT``.

A case file is JSON Lines in the format of the evaluation sets (FORMAT.md): each case has an
``id`` and the inputs of one reader. Each reader is run as the app runs it, without a model:

- ``followup`` (fleischner.jsonl): the Fleischner panel built from the report alone;
- ``certainty``: the rule reader's certainty of one label in the whole report;
- ``grounding``: the check of a draft finding's quoted evidence against the report;
- ``redaction``: the report as the model and the store see it at privacy high.

One prediction per case is written, in the shape the scorer reads. A case the reader
cannot read (a missing field, a wrong type) gets ``null`` and its reason on stderr, never a
guess; a file that is not JSON Lines is refused with the file name and the line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KINDS = ("followup", "certainty", "grounding", "redaction")
MAX_CASE_FILE_BYTES = 64 * 1024 * 1024
MAX_REPORT_CHARS = 200_000


class CaseFileError(ValueError):
    """The case file cannot be read; the message names the file and the problem."""


@dataclass
class CasePrediction:
    case_id: str
    predicted: Any
    problem: str = ""  # why the reader gave null for a case it could not read

    def to_json(self) -> str:
        return json.dumps({"id": self.case_id, "predicted": self.predicted}, ensure_ascii=False)


def read_cases(path: Path) -> Iterator[dict[str, Any]]:
    """The cases of a JSON Lines file, one dict each, with a clear error for a bad file."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CaseFileError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if size > MAX_CASE_FILE_BYTES:
        raise CaseFileError(f"{path}: {size} bytes, more than the {MAX_CASE_FILE_BYTES} a case file may have")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CaseFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise CaseFileError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CaseFileError(f"{path}: line {number}: not JSON ({exc.msg})") from exc
        if not isinstance(case, dict) or not isinstance(case.get("id"), str) or not case["id"]:
            raise CaseFileError(f"{path}: line {number}: a case must be an object with a string 'id'")
        if case["id"] in seen:
            raise CaseFileError(f"{path}: line {number}: case id {case['id']!r} appears twice")
        seen.add(case["id"])
        yield case


def _report(case: dict[str, Any]) -> str:
    report = case.get("report")
    if not isinstance(report, str):
        raise ValueError("no 'report' text")
    if len(report) > MAX_REPORT_CHARS:
        raise ValueError(f"report of {len(report)} characters, over the limit of {MAX_REPORT_CHARS}")
    return report


def predict_followup(case: dict[str, Any]) -> Any:
    from app.core.tasks.followup import build_panel, case_prediction

    return case_prediction(build_panel([_report(case)]))


def predict_certainty(case: dict[str, Any]) -> Any:
    from app.core.tasks.certainty import read_certainty

    label = case.get("label")
    if not isinstance(label, str) or not label.strip():
        raise ValueError("no 'label'")
    return read_certainty(_report(case), label).prediction


def predict_grounding(case: dict[str, Any]) -> Any:
    from app.core.tasks.claim_check import Claim, check_claim

    finding = case.get("finding")
    if not isinstance(finding, dict):
        raise ValueError("no 'finding' object")
    claim = Claim.from_dict(finding)
    result = check_claim(_report(case), claim)
    return {"verdict": result.verdict, "why": result.why}


def predict_redaction(case: dict[str, Any]) -> Any:
    from app.core.deid.text import redact

    return {"text": redact(_report(case)).text}


PREDICTORS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "followup": predict_followup,
    "certainty": predict_certainty,
    "grounding": predict_grounding,
    "redaction": predict_redaction,
}


def predict(kind: str, case: dict[str, Any]) -> CasePrediction:
    """The reader's answer for one case; ``null`` with the problem when it cannot read the case."""
    if kind not in PREDICTORS:
        raise ValueError(f"unknown reader {kind!r}; one of {', '.join(KINDS)}")
    try:
        return CasePrediction(case["id"], PREDICTORS[kind](case))
    except (ValueError, TypeError, KeyError) as exc:
        return CasePrediction(case["id"], None, f"case {case['id']}: {exc}")
