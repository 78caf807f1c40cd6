"""The clinician's review in the findings table (stored, shown again on reopening) and the
consortium model's flags beside the draft — real vault, real demo model, offscreen Qt."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import numpy as np
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.core import settings as settings_mod
from app.ui.workers import wait_for_jobs

PASSPHRASE = "review clinic mondays 周一复核"
REPORT = ("EXAMINATION: Chest radiograph\nFINDINGS: There is a large left pleural effusion. The heart is "
          "enlarged. No pneumothorax.\nIMPRESSION: Large left pleural effusion. Cardiomegaly.\n")  # fmt: skip


def _install_consortium_model(tmp_path: Path) -> None:
    """A findings model trained on the corpus, signed by a key the site trusts, installed."""
    from app.core.federation import consortium_models, model_file
    from app.core.federation.features import featurise
    from app.core.federation.findings_model import labels_matrix
    from app.core.federation.labelled import read_labelled_csv
    from app.core.federation.training import train_alone
    from tests.conftest import CORPUS

    reports = read_labelled_csv(CORPUS)[:1500]
    features = featurise([r.text for r in reports], 1024)
    targets = labels_matrix([dict(r.labels) for r in reports])
    model = train_alone(features, targets, 8, np.random.default_rng(0))
    key = ed25519.Ed25519PrivateKey.generate()
    (tmp_path / "signing.key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    (tmp_path / "signing.pub").write_bytes(key.public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH))  # fmt: skip
    provenance = model_file.Provenance(
        "ui-test", "0" * 64, 8, ("hospital_a", "hospital_b", "hospital_c"), 8.0, 1e-5
    )
    consortium_models.trust(tmp_path / "signing.pub")
    consortium_models.install(model_file.encode(model, provenance, tmp_path / "signing.key"), "ui-test")


def _cells(window, column: int) -> list[str]:
    table = window.documents.findings.table
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_findings_are_reviewed_in_the_table_stored_and_shown_again(
    qtbot, make_window, demo_model, enclave_home, tmp_path
):
    from app.services.vault import VaultService
    from app.ui.findings import CorrectionDialog, FindingsTable
    from app.ui.session_store import SessionStore

    _install_consortium_model(tmp_path)
    settings = settings_mod.Settings(model_path=str(demo_model), n_ctx=4096, n_threads=2)
    settings.sampling.max_tokens = 200
    settings.sampling.temperature = 0.0
    service = VaultService(folder=enclave_home / "vault")
    service.create(PASSPHRASE)
    store = SessionStore(service.vault, lambda: "high", service)
    window = make_window(store=store, settings=copy.deepcopy(settings))
    qtbot.waitUntil(lambda: window.controller.model_state == "ready", timeout=60_000)
    report = tmp_path / "cxr.txt"
    report.write_text(REPORT, encoding="utf-8")
    window.import_paths([str(report)])
    qtbot.waitUntil(lambda: bool(window.controller.documents), timeout=30_000)
    turn = window.run_task("findings")
    qtbot.waitUntil(lambda: not turn.active, timeout=120_000)
    assert turn.result.findings, turn.text
    # The consortium model ran beside the language model: its verdict is recorded either way.
    assert turn.result.second_opinion is not None
    assert turn.result.checks["consortium_model"]["plan"] == "ui-test"
    panel = window.documents.findings
    assert panel.table.columnCount() == FindingsTable.COLUMNS

    # Confirm the first finding as soon as it is drafted (before the vault has the analysis).
    panel.table.selectRow(0)
    assert panel.confirm_button.isEnabled()
    panel.confirm_button.click()
    qtbot.waitUntil(lambda: 0 in turn.feedback, timeout=30_000)
    assert _cells(window, FindingsTable.REVIEW)[0] == "✓ confirmed"
    # Correct the last one through the dialog, as a clinician would fill it in.
    last = panel.table.rowCount() - 1

    def fill() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, CorrectionDialog) and w.isVisible()
        )
        dialog.label.setText("pleural effusion")
        dialog.certainty.setCurrentIndex(dialog.certainty.findData("absent"))
        dialog.accept()

    panel.table.selectRow(last)
    QTimer.singleShot(200, fill)
    panel.correct_button.click()
    qtbot.waitUntil(lambda: last in turn.feedback, timeout=30_000)
    assert _cells(window, FindingsTable.REVIEW)[last] == "✎ corrected: pleural effusion, absent"
    assert "reviewed" in panel.summary.text()
    stored = {f.finding: f.decision for f in service.vault.feedback(store.session_id)}
    assert stored[0] == "confirm" and stored[last] == "correct"
    before = (_cells(window, FindingsTable.REVIEW), _cells(window, FindingsTable.CONSORTIUM),
              panel.flags_label.text())  # fmt: skip
    window.close()
    wait_for_jobs()
    service.close()

    service = VaultService(folder=enclave_home / "vault")
    service.unlock(passphrase=PASSPHRASE)
    store = SessionStore(service.vault, lambda: "high", service)
    window = make_window(store=store, load=False, settings=copy.deepcopy(settings))
    qtbot.waitUntil(lambda: window.sessions.list.count() == 1, timeout=30_000)
    window.sessions.list.itemClicked.emit(window.sessions.list.item(0))
    qtbot.waitUntil(lambda: len(window.controller.turns) == 2, timeout=30_000)
    qtbot.wait(200)
    panel = window.documents.findings
    after = (
        _cells(window, FindingsTable.REVIEW),
        _cells(window, FindingsTable.CONSORTIUM),
        panel.flags_label.text(),
    )
    assert after == before
    window.close()
    wait_for_jobs()
    service.close()


def test_the_table_flags_where_the_consortium_model_disagrees(qtbot, make_window, tmp_path):
    from app.core.federation import consortium_models
    from app.core.federation.second_opinion import compare
    from app.core.tasks.results import Finding, Grounding, TaskResult
    from app.ui.findings import FLAG, FindingsTable

    _install_consortium_model(tmp_path)
    model = consortium_models.current()
    assert model is not None
    text = "There is a large left pleural effusion. The lungs are otherwise clear."
    said_absent = Finding("pleural effusion", "pleural space", "left", None, None, "absent",
                          "large left pleural effusion", Grounding(True, 0, "r.txt", 10, 37, "exact"),
                          "absent", vocabulary_label="pleural effusion")  # fmt: skip
    result = TaskResult("findings", "findings@3", "m", "en", "label", "{}", findings=[said_absent])
    window = make_window(load=False)
    panel = window.documents.findings
    # The installed model carries no held-out precision: a probability beside the finding, no flag.
    result.second_opinion = compare(model.model, text, result.findings)
    panel.set_result(result)
    shown = panel.table.item(0, FindingsTable.CONSORTIUM).text()
    probability_only = r"consortium model \(uncalibrated, not a flag\): pleural effusion [01]\.\d\d"
    assert re.fullmatch(probability_only, shown), shown
    assert FLAG not in shown and "disagrees" not in panel.summary.text()
    assert "uncalibrated" in panel.flags_label.text() and FLAG not in panel.flags_label.text()
    # Calibrated (the model file gives each label's held-out precision): the disagreement is flagged.
    from dataclasses import replace

    calibrated = replace(model.model, label_precision={label: 0.95 for label in model.model.labels})
    result.second_opinion = compare(calibrated, text, result.findings)
    panel.set_result(result)
    flagged = panel.table.item(0, FindingsTable.CONSORTIUM).text()
    assert re.fullmatch(
        rf"{FLAG} consortium model: pleural effusion present, [01]\.\d\d — the draft says absent", flagged
    ), flagged
    assert "⚑ consortium model disagrees" in panel.summary.text()
    assert not panel.confirm_button.isEnabled()  # no vault open: nowhere to store a decision
