"""A clinician's review of findings in the vault, and the training set a site draws from it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.federation import training_set
from app.core.federation.labelled import read_labelled_csv
from app.core.vault.errors import UnknownItemError
from app.core.vault.models import DocumentInput
from app.core.vault.vault import Vault
from tests.conftest import CORPUS

REPORT = "FINDINGS: Large right pleural effusion. Heart size normal. No pneumothorax. Old rib fracture."


def _finding(label: str, certainty: str, vocabulary: str | None) -> dict:
    return {"label": label, "certainty": certainty, "vocabulary_label": vocabulary, "evidence": label}


def _session(vault: Vault, findings: list[dict]) -> tuple[str, int]:
    session = vault.create_session("review", "standard")
    vault.attach_document(session.id, DocumentInput("report", "r.txt", "0" * 64, REPORT, {}))
    analysis = vault.add_analysis(session.id, "findings", "findings@1", {"findings": findings})
    return session.id, analysis.id


def test_decisions_are_validated_kept_newest_first_and_exported(vault):
    session, analysis = _session(vault, [_finding("pleural effusion", "present", "pleural effusion"),
                                         _finding("cardiomegaly", "present", "cardiomegaly")])  # fmt: skip
    with pytest.raises(UnknownItemError, match="no finding 3"):
        vault.add_feedback(session, analysis, 2, "confirm")
    with pytest.raises(ValueError, match="certainty"):
        vault.add_feedback(session, analysis, 0, "correct", "pleural effusion", "maybe")
    with pytest.raises(ValueError, match="decision"):
        vault.add_feedback(session, analysis, 0, "approve")
    vault.add_feedback(session, analysis, 0, "reject")
    vault.add_feedback(session, analysis, 0, "confirm")  # changed their mind: the newest counts
    vault.add_feedback(session, analysis, 1, "correct", "cardiomegaly", "absent")
    decided = {f.finding: f for f in vault.view_session(session).feedback}
    assert decided[0].decision == "confirm" and decided[1].certainty == "absent"
    exported = json.loads(vault.export_session(session, "json"))
    assert [f["decision"] for f in exported["feedback"]] == ["confirm", "correct"]
    markdown = vault.export_session(session, "markdown")
    assert "Finding 1, pleural effusion (present): **confirmed**" in markdown
    assert "**corrected** → cardiomegaly (absent)" in markdown
    assert any(e.action == "finding.reviewed" for e in vault.audit_entries(session_id=session))


def test_only_fully_reviewed_analyses_become_training_examples(vault):
    partly, partly_id = _session(vault, [_finding("pleural effusion", "present", "pleural effusion"),
                                         _finding("nodule", "present", "nodule")])  # fmt: skip
    vault.add_feedback(partly, partly_id, 0, "confirm")
    assert training_set.training_set(vault) == []
    full, full_id = _session(vault, [_finding("pleural effusion", "present", "pleural effusion"),
                                     _finding("pneumothorax", "present", "pneumothorax"),
                                     _finding("Heart enlarged", "present", None),
                                     _finding("rib fracture", "possible", "fracture")])  # fmt: skip
    vault.add_feedback(full, full_id, 0, "confirm")
    vault.add_feedback(full, full_id, 1, "reject")  # the draft misread "No pneumothorax"
    vault.add_feedback(full, full_id, 2, "correct", "normal heart size", "absent")
    vault.add_feedback(full, full_id, 3, "correct", "rib fracture", "present")
    [example] = training_set.training_set(vault)
    assert example.text == REPORT and example.unit == f"analysis-{full_id}"
    present = {label for label, value in example.labels.items() if value}
    assert present == {"pleural effusion", "fracture"}
    counts = training_set.counts(vault)
    assert (counts.reviewed, counts.partly_reviewed, counts.imported) == (1, 1, 0)
    # A run that enrolled before the last decision does not see this example.
    newest = max(f.created for f in vault.feedback(full))
    assert training_set.training_set(vault, cutoff=newest - 1e-3) == []


def test_imported_labelled_reports_stay_in_the_vault_and_replace_by_unit(vault, tmp_path):
    reports = read_labelled_csv(CORPUS)[:50]
    assert training_set.import_reports(vault, reports, "iu.csv") == 50
    assert training_set.import_reports(vault, reports[:10], "iu.csv") == 10
    stored = training_set.training_set(vault)
    assert len(stored) == 50 and stored[0].text == reports[0].text
    vault.close()
    raw = b"".join(p.read_bytes() for p in (tmp_path / "vault").glob("vault.db*"))
    assert reports[0].text[:40].encode() not in raw  # encrypted at rest like everything else


def test_a_decision_survives_the_app_being_killed_the_moment_after(tmp_path):
    """kill -9 right after the vault call returns: the decision is on disk (synchronous=FULL)."""
    folder = tmp_path / "vault"
    created, _ = Vault.create(folder, passphrase="kill nine survival passphrase 1")
    with created:
        session, analysis = _session(created, [_finding("nodule", "present", "nodule")])
    script = f"""
import os, signal, sys
from pathlib import Path
from app.core.vault.vault import Vault
vault = Vault.open(Path({str(folder)!r}), passphrase="kill nine survival passphrase 1")
vault.add_feedback({session!r}, {analysis}, 0, "correct", "granuloma", "present")
print("given", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env=env,
                          check=False)  # fmt: skip
    assert done.returncode == -signal.SIGKILL and "given" in done.stdout, done.stderr
    with Vault.open(folder, passphrase="kill nine survival passphrase 1") as reopened:
        [decision] = reopened.view_session(session).feedback
    assert (decision.decision, decision.label, decision.certainty) == ("correct", "granuloma", "present")
    assert Path(folder).is_dir()
