"""``enclave eval followup|certainty|grounding|redaction``: each deterministic reader alone on a
case file, a prediction line per case in the shape the evaluation sets' score.py reads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED
from tests.e2e.test_cli import enclave

pytestmark = pytest.mark.e2e

CASES = {
    "followup": [
        {
            "id": "f1",
            "lang": "en",
            "report": "EXAMINATION: CT chest without contrast\nINDICATION: Cough. "
            "Never smoker.\nFINDINGS: A 4 mm solid nodule in the right lower lobe.\nIMPRESSION: 4 mm nodule.",
        },
        {
            "id": "f2",
            "lang": "en",
            "report": "EXAMINATION: Chest radiograph, PA and lateral\nFINDINGS: "
            "The lungs are clear.\nIMPRESSION: No acute disease.",
        },
    ],
    "certainty": [
        {
            "id": "c1",
            "lang": "en",
            "label": "pneumothorax",
            "report": "FINDINGS: Small left apical pneumothorax. No pleural effusion.",
        },
        {
            "id": "c2",
            "lang": "zh",
            "label": "pleural effusion",
            "report": "检查所见：双肺纹理清晰，未见胸腔积液。",
        },
    ],
    "grounding": [
        {
            "id": "g1",
            "lang": "en",
            "report": "FINDINGS: Moderate cardiomegaly. No pleural effusion.",
            "finding": {
                "label": "cardiomegaly",
                "certainty": "present",
                "evidence": "Moderate cardiomegaly",
                "size_mm": None,
                "laterality": None,
            },
        },
        {
            "id": "g2",
            "lang": "en",
            "report": "FINDINGS: Moderate cardiomegaly. No pleural effusion.",
            "finding": {
                "label": "pleural effusion",
                "certainty": "present",
                "evidence": "large pleural effusion",
                "size_mm": None,
                "laterality": None,
            },
        },
    ],
    "redaction": [
        {
            "id": "r1",
            "lang": "en",
            "report": "Patient: Harriet Quill  MRN: 55120934\nFINDINGS: No pneumothorax.",
        },
    ],
}


def _write(path: Path, cases: list[dict]) -> Path:
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_reader_writes_one_prediction_per_case(kind, tmp_path):
    cases = _write(tmp_path / f"{kind}.jsonl", CASES[kind])
    out = tmp_path / "predictions.jsonl"
    result = enclave("eval", kind, "--cases", str(cases), "--predictions", str(out))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == [c["id"] for c in CASES[kind]]
    assert f"{len(lines)} cases" in result.stderr
    predicted = {line["id"]: line["predicted"] for line in lines}
    if kind == "followup":
        assert predicted["f1"]["applicable"] is True
        assert predicted["f1"]["recommendation"] == {"low": "S1_LT6_LOW", "high": "S1_LT6_HIGH"}
        assert not (predicted["f2"] or {}).get("recommendation")  # a radiograph: no recommendation
    elif kind == "certainty":
        assert predicted == {"c1": "present", "c2": "absent"}
    elif kind == "grounding":
        assert predicted["g1"]["verdict"] == "supported"
        assert predicted["g2"]["verdict"] == "unsupported"
    else:
        text = predicted["r1"]["text"]
        assert "Harriet" not in text and "Quill" not in text and "55120934" not in text
        assert "No pneumothorax." in text


def test_a_bad_case_file_is_refused_with_its_name_and_line(tmp_path):
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"id": "a", "report": "x", "label": "edema"}\n{"id": "b", "report": \n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = enclave("eval", "certainty", "--cases", str(bad), "--predictions", str(out))
    assert result.returncode == 1
    assert "broken.jsonl" in result.stderr and "line 2" in result.stderr
    assert not out.exists()  # nothing half-written
    twice = _write(tmp_path / "twice.jsonl", [{"id": "a", "report": "x", "label": "edema"}] * 2)
    result = enclave("eval", "certainty", "--cases", str(twice), "--predictions", str(out))
    assert result.returncode == 1 and "appears twice" in result.stderr
    missing = enclave("eval", "certainty", "--cases", str(tmp_path / "nope.jsonl"), "--predictions", str(out))
    assert missing.returncode == 1 and "nope.jsonl" in missing.stderr
    usage = enclave("eval", "certainty", "--cases", str(twice))
    assert usage.returncode == 2


def test_a_case_the_reader_cannot_read_gets_null_and_a_reason(tmp_path):
    cases = _write(
        tmp_path / "c.jsonl",
        [
            {"id": "no-label", "report": "No effusion."},
            {"id": "ok", "report": "No effusion.", "label": "pleural effusion"},
        ],
    )
    out = tmp_path / "out.jsonl"
    result = enclave("eval", "certainty", "--cases", str(cases), "--predictions", str(out))
    assert result.returncode == 0, result.stderr
    lines = {json.loads(line)["id"]: json.loads(line)["predicted"] for line in out.read_text().splitlines()}
    assert lines == {"no-label": None, "ok": "absent"}
    assert "no-label" in result.stderr and "'label'" in result.stderr


@pytest.mark.skipif(
    not (SHARED / "evaluation" / "score.py").exists(), reason="no evaluation sets beside the checkout"
)
def test_the_predictions_are_what_the_evaluation_scorer_reads(tmp_path):
    """score.py accepts every reader's file for the development sets (no 'missing' case)."""
    for kind, name in (
        ("followup", "fleischner"),
        ("certainty", "certainty"),
        ("grounding", "grounding"),
        ("redaction", "redaction"),
    ):
        cases = SHARED / "evaluation" / f"{name}.jsonl"
        out = tmp_path / f"{kind}.jsonl"
        result = enclave("eval", kind, "--cases", str(cases), "--predictions", str(out))
        assert result.returncode == 0, result.stderr
        figures = tmp_path / f"{kind}.json"
        scorer = str(SHARED / "evaluation" / "score.py")
        scored = subprocess.run([sys.executable, scorer, str(cases), str(out), "--json", str(figures)],
                                capture_output=True, text=True)  # fmt: skip
        assert scored.returncode == 0, scored.stderr
        assert json.loads(figures.read_text())["missing"] == 0
