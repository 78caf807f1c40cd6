"""Reopening a stored session shows what was on screen: the findings table with its grounding
marks, the Fleischner panel, the document pane and the timings (issue 17, item 6). The demo
model quotes the report, so the findings are real ones."""

from __future__ import annotations

import copy

from app.core import settings as settings_mod
from app.ui.workers import wait_for_jobs

PASSPHRASE = "chest clinic on thursdays 周四"
REPORT = ("EXAMINATION: CT chest\nINDICATION: 70-year-old former smoker.\nFINDINGS: There is a small left "
          "pleural effusion. There is a 7 mm solid nodule in the right upper lobe. The heart is enlarged.\n"
          "IMPRESSION: Small left pleural effusion. Solid right upper lobe nodule.\n")  # fmt: skip


def _screen(window) -> dict[str, object]:
    view = window.documents.findings
    table = view.table
    cells = [[(table.item(r, c).text() if table.item(r, c) else "") for c in range(table.columnCount())]
             for r in range(table.rowCount())]  # fmt: skip
    answer = list(window.conversation.widgets.values())[-1]
    return {
        "summary": view.summary.text(),
        "cells": cells,
        "fleischner": view.fleischner.toPlainText(),
        "document": window.documents.text.toPlainText(),
        "timings": answer._meta_text(),  # tokens, tokens/s, first token, model, prompt
        # Clicking a finding's evidence highlights it in the document pane (or says it cannot).
        "highlights": [window.documents.show_evidence(f.evidence) for f in table.findings],
    }


def test_a_findings_session_looks_the_same_when_reopened(qtbot, make_window, demo_model, enclave_home,
                                                         tmp_path):  # fmt: skip
    from app.services.vault import VaultService
    from app.ui.session_store import SessionStore

    settings = settings_mod.Settings(model_path=str(demo_model), n_ctx=4096, n_threads=2)
    settings.sampling.max_tokens = 200
    settings.sampling.temperature = 0.0
    service = VaultService(folder=enclave_home / "vault")
    service.create(PASSPHRASE)
    store = SessionStore(service.vault, lambda: "high", service)
    window = make_window(store=store, settings=copy.deepcopy(settings))
    qtbot.waitUntil(lambda: window.controller.model_state == "ready", timeout=60_000)
    report = tmp_path / "ct.txt"
    report.write_text(REPORT, encoding="utf-8")
    window.import_paths([str(report)])
    qtbot.waitUntil(lambda: bool(window.controller.documents), timeout=30_000)
    turn = window.run_task("findings")
    qtbot.waitUntil(lambda: not turn.active, timeout=120_000)
    qtbot.waitUntil(lambda: store.session_id is not None and window.sessions.list.count() == 1,
                    timeout=30_000)  # fmt: skip
    qtbot.waitUntil(lambda: len(service.vault.messages(store.session_id)) == 2, timeout=30_000)
    before = _screen(window)
    assert before["cells"] and "Fleischner" in before["fleischner"] and "tokens/s" in before["timings"]
    assert any(before["highlights"])
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
    after = _screen(window)
    for key in before:
        assert after[key] == before[key], (key, before[key], after[key])
    window.close()
    wait_for_jobs()
    service.close()
