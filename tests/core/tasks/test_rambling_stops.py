"""A model that loops is stopped, and says so: the findings task on the demonstration model
(SmolLM2-135M, the app's default sampling) ends well before the token limit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.documents.text import text_document
from app.core.tasks.runner import TaskRequest
from app.services import Services
from app.services import tasks as task_services
from tests.conftest import iu_reports, report_text

pytestmark = pytest.mark.slow

LIMIT = 1024  # the app's default max_tokens
REPORTS = (333, 0, 5, 17)  # 333 loops on one finding without the guard


@pytest.fixture(scope="module")
def services(demo_model: Path):
    svc = Services(model_path=str(demo_model))
    svc.settings.n_threads = 2
    svc.load_model()
    yield svc
    svc.close()


def test_findings_end_well_before_the_token_limit_and_a_loop_is_named(services):
    rows = iu_reports()
    stopped = 0
    for index in REPORTS:
        doc = text_document(report_text(rows[index]), Path(f"report-{index}.txt"), "text")
        result = task_services.analyze(services, [doc], TaskRequest("findings"), max_tokens=LIMIT)
        timings = result.timings or {}
        assert timings["generated_tokens"] < LIMIT * 0.6, (index, timings)
        assert timings["finish_reason"] in ("stop", "repetition"), (index, timings)
        keys = [json.dumps(vars(f), sort_keys=True, default=str) for f in result.findings]
        assert len(keys) == len(set(keys)), index  # no finding twice
        if timings["finish_reason"] == "repetition":
            stopped += 1
            assert any("repeating itself" in w for w in result.warnings), result.warnings
            assert result.complete and result.findings
    assert stopped >= 1  # the guard did the stopping at least once


def test_without_the_guard_the_same_report_runs_on(services, monkeypatch):
    # The control: the guard is what ended it (never cut a valid answer: here it has
    # nothing to cut until the loop begins).
    from app.core.llm import repetition

    monkeypatch.setattr(repetition.RepetitionGuard, "feed", lambda self, text: None)
    doc = text_document(report_text(iu_reports()[REPORTS[0]]), Path("report.txt"), "text")
    result = task_services.analyze(services, [doc], TaskRequest("findings"), max_tokens=LIMIT)
    assert result.timings["generated_tokens"] > LIMIT * 0.6
