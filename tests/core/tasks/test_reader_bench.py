"""The readers' benchmark prints one row per goal, scored by the evaluation sets' own scorer."""

from __future__ import annotations

import json

import pytest

from tests.benchmarks import bench_readers
from tests.conftest import SHARED


@pytest.mark.skipif(
    not (SHARED / "evaluation" / "score.py").exists(), reason="no evaluation sets beside the checkout"
)
def test_the_benchmark_prints_every_reader_against_its_goal(tmp_path, capsys):
    out = tmp_path / "readers.json"
    assert bench_readers.main(["--no-corpus", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    for measure in (
        "Fleischner all: wrong",
        "Certainty: present read as absent",
        "Grounding: unsupported quotes accepted",
        "Redaction en: identifier recall",
    ):
        assert measure in printed
    data = json.loads(out.read_text())
    assert set(data["readers"]) == {"followup", "certainty", "grounding", "redaction"}
    assert data["readers"]["followup"]["missing"] == 0
