"""The Fleischner panel in the window: it says what it needs, the clinician sets the missing
input, the panel is recomputed and the correction is stored beside the original and audited
(real vault, offscreen Qt, no model needed: the panel is computed from the report)."""

from __future__ import annotations

from pathlib import Path

from app.core.documents.model import Document, sections_from_text
from app.core.tasks.followup import build_panel
from app.core.tasks.results import TaskResult
from app.core.tasks.runner import TaskRequest
from app.ui.workers import wait_for_jobs

PASSPHRASE = "nodule follow-up clinic 结节随访"
REPORT = ("EXAMINATION: CT chest without contrast\nINDICATION: Cough. Current smoker, 30 pack-years.\n"
          "FINDINGS: Solid nodule in the left lower lobe (series 3, image 40), not measured on this study.\n"
          "IMPRESSION: Left lower lobe solid nodule.\n")  # fmt: skip


def _panel_turn(window, report: str):
    document = Document(Path("ct.txt"), "text", source_text=report, sections=sections_from_text(report))
    window.controller.documents.append(document)
    window.controller.documents_changed.emit()
    turn = window.controller.new_turn("assistant", "draft follow-up", TaskRequest("followup"))
    turn.result = TaskResult("followup", "followup@1", "test", "en", "AI-generated draft", "draft follow-up",
                             fleischner=build_panel([report], ["ct.txt"]))  # fmt: skip
    window.controller.turns.append(turn)
    return turn


def test_the_panel_asks_for_the_missing_size_and_recomputes_with_it(qtbot, make_window, enclave_home):
    from app.services.vault import VaultService
    from app.ui.session_store import SessionStore

    service = VaultService(folder=enclave_home / "vault")
    service.create(PASSPHRASE)
    store = SessionStore(service.vault, lambda: "high", service)
    window = make_window(store=store, load=False)
    turn = _panel_turn(window, REPORT)
    store.save_exchange(window.controller, turn)
    qtbot.waitUntil(lambda: turn.analysis_id is not None, timeout=30_000)
    window._show_findings(turn)
    view = window.documents.findings.fleischner
    shown = view.toPlainText()
    assert "needs your input" in shown and "size of the nodule in the left lower lobe is not stated" in shown
    assert (
        turn.result.fleischner.recommendation is None
        or turn.result.fleischner.recommendation.recommendation is None
    )
    assert view.correct_button.isEnabled()
    nodule = turn.result.fleischner.nodules[0]

    original = turn.analysis_id
    with qtbot.waitSignal(store.correction_saved, timeout=30_000):
        window.documents.findings.followup_correction_requested.emit(
            {"field": f"nodule.{nodule.id}.size_mm", "value": 7}
        )
    panel = turn.result.fleischner
    assert panel.status == "recommendation"
    assert panel.cells == {"low": "S1_6TO8_LOW", "high": "S1_6TO8_HIGH"} and panel.risk == "high"
    assert panel.recommendation.recommendation == "CT at 6-12 months, then CT at 18-24 months."
    assert panel.nodules[0].size_source == "clinician"
    shown = view.toPlainText()
    assert "CT at 6-12 months, then CT at 18-24 months." in shown
    assert "set by the clinician" in shown and "computed from the report and your corrections" in shown

    vault = service.vault
    analyses = vault.analyses(store.session_id)
    assert [a.id for a in analyses] == [original, turn.analysis_id]
    assert analyses[0].result["fleischner"]["status"] == "needs_input"  # the original reading is kept
    stored = analyses[1].result["fleischner"]
    assert stored["status"] == "recommendation"
    assert [(o["field"], o["value"]) for o in stored["overrides"]] == [(f"nodule.{nodule.id}.size_mm", 7)]
    assert stored["overrides"][0]["at"]  # when it was changed
    [entry] = [
        e for e in vault.audit_entries(session_id=store.session_id) if e.action == "analysis.corrected"
    ]
    assert entry.detail["inputs"] == [f"nodule.{nodule.id}.size_mm"]
    exported = vault.export_session(store.session_id, "markdown")
    assert "Needs: the size of the nodule in the left lower lobe is not stated" in exported  # the original
    assert f"Corrected by the clinician: nodule.{nodule.id}.size_mm = 7" in exported
    assert "Recommendation: CT at 6-12 months, then CT at 18-24 months." in exported
    window.close()
    wait_for_jobs()
    service.close()


def test_a_correction_the_panel_cannot_take_changes_nothing(qtbot, make_window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warned.append(text))
    window = make_window(load=False)
    turn = _panel_turn(window, REPORT)
    window._show_findings(turn)
    before = turn.result.fleischner
    window.documents.findings.followup_correction_requested.emit({"field": "nodule.n9.size_mm", "value": 7})
    assert turn.result.fleischner is before
    assert warned and "n9" in warned[0]


def test_the_dialog_offers_every_input_and_reads_the_value(qtbot):
    from app.ui.followup_panel import FollowupCorrectionDialog

    panel = build_panel([REPORT], ["ct.txt"])
    dialog = FollowupCorrectionDialog(panel)
    qtbot.addWidget(dialog)
    fields = [dialog.field.itemData(i) for i in range(dialog.field.count())]
    assert {"age", "modality", "exclusion.known_cancer", "risk.smoking"} <= set(fields)
    nodule = panel.nodules[0].id
    assert {f"nodule.{nodule}.size_mm", f"nodule.{nodule}.type", f"nodule.{nodule}.status"} <= set(fields)
    dialog.field.setCurrentIndex(fields.index(f"nodule.{nodule}.size_mm"))
    dialog.number.setText("0,9")  # a decimal comma as typed on many keyboards
    assert dialog.correction() == {"field": f"nodule.{nodule}.size_mm", "value": 0.9}
    dialog.number.setText("seven")
    assert dialog.correction() is None
    dialog.field.setCurrentIndex(fields.index("risk.smoking"))
    dialog.choice.setCurrentIndex(dialog.choice.findData(False))
    assert dialog.correction() == {"field": "risk.smoking", "value": False}
    dialog.field.setCurrentIndex(fields.index("age"))
    dialog.number.setText("58")
    assert dialog.correction() == {"field": "age", "value": 58}
