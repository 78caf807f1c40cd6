"""Sessions kept in the real SQLCipher vault across a restart, settings, languages, export."""

from __future__ import annotations

import zipfile

from app.core import settings as settings_mod
from app.ui.workers import wait_for_jobs
from tests.ui.conftest import drop_files, wait_model

PASSPHRASE = "correct horse battery staple"


def _open_vault(enclave_home, create: bool):
    from app.services.vault import VaultService

    service = VaultService(folder=enclave_home / "vault")
    if create:
        service.create(PASSPHRASE)
    else:
        service.unlock(passphrase=PASSPHRASE)  # no OS keyring in CI: the passphrase opens it
    return service


def test_an_answer_is_stored_and_is_there_after_a_restart(qtbot, make_window, report_file, enclave_home):
    from app.ui.session_store import SessionStore

    service = _open_vault(enclave_home, create=True)
    store = SessionStore(service.vault, lambda: "high")
    window = make_window(store=store)
    drop_files(window, [report_file])
    qtbot.waitUntil(lambda: bool(window.controller.documents), timeout=30_000)
    wait_model(qtbot, window)
    window.task_buttons["summary"].click()
    answer = window.controller.turns[-1]
    qtbot.waitUntil(lambda: answer.state == "done", timeout=60_000)
    qtbot.waitUntil(lambda: store.session_id is not None and window.sessions.list.count() == 1,
                    timeout=30_000)
    session_id = store.session_id
    qtbot.waitUntil(lambda: len(service.vault.messages(session_id)) == 2, timeout=30_000)
    window.close()
    wait_for_jobs()
    service.close()

    # A new start: the vault opens again and the session is listed and can be opened.
    service = _open_vault(enclave_home, create=False)
    store = SessionStore(service.vault, lambda: "high")
    window = make_window(store=store, load=False)
    qtbot.waitUntil(lambda: window.sessions.list.count() == 1, timeout=30_000)
    window.sessions.list.itemClicked.emit(window.sessions.list.item(0))
    qtbot.waitUntil(lambda: len(window.controller.turns) == 2, timeout=30_000)
    restored = window.controller.turns[1]
    assert restored.role == "assistant" and restored.text == answer.text
    assert [d.name for d in window.controller.documents] == ["report.txt"]
    assert "cardi" in window.controller.documents[0].text().lower()
    assert len(window.conversation.widgets) == 2

    # Full-text search over the vault finds it by a word of the report.
    window.sessions.search.setText("cardiomegaly")
    qtbot.waitUntil(lambda: window.sessions.list.count() == 1 and "…" in window.sessions.list.item(0).text(),
                    timeout=30_000)
    window.close()
    wait_for_jobs()
    service.close()


def test_settings_round_trip_and_model_reload(qtbot, make_window, ui_settings):
    from app.ui.settings_dialog import SettingsDialog

    window = make_window()
    wait_model(qtbot, window)
    dialog = SettingsDialog(window.controller.settings, "system", 15, window)
    assert not dialog.reload_note.isVisible()
    dialog.n_ctx.setValue(1024)
    dialog.temperature.setValue(0.7)
    dialog.privacy.setCurrentIndex(dialog.privacy.findData("standard"))
    dialog.auto_lock.setValue(5)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    assert dialog.needs_reload() and not dialog.reload_note.isHidden()
    result = dialog.result_settings()
    assert window.apply_settings(result) is True  # a context change reloads the model
    assert window.controller.model_state == "loading"
    saved = settings_mod.load()
    assert saved.n_ctx == 1024 and saved.sampling.temperature == 0.7 and saved.privacy_level == "standard"
    assert saved.model_path == ui_settings.model_path
    assert window.prefs.auto_lock_minutes == 5 and window.prefs.theme == "dark"
    viewer = window.documents.viewer
    assert viewer.full_tags.isEnabledTo(viewer)  # standard: the full tags may be shown
    wait_model(qtbot, window)
    assert window.controller.report.n_ctx == 1024
    # Changing only the temperature does not reload.
    again = SettingsDialog(window.controller.settings, "dark", 5, window)
    again.temperature.setValue(0.3)
    assert not again.needs_reload()
    assert window.apply_settings(again.result_settings()) is False
    assert window.controller.model_state == "ready"
    window.apply_settings(SettingsDialog(window.controller.settings, "light", 5, window).result_settings())


def test_switching_to_chinese_retranslates_the_window(qtbot, make_window):
    window = make_window(load=False)
    assert window.task_buttons["summary"].text() == "Summary"
    window.set_language("zh_CN")  # Qt posts LanguageChange to every widget
    qtbot.waitUntil(lambda: window.task_buttons["summary"].text() == "摘要", timeout=5_000)
    assert window.stop_button.text() == "停止"
    assert window.documents.tabs.tabText(0) == "报告"
    assert "拖" in window.conversation.hint.text()
    window.set_language("en")
    qtbot.waitUntil(lambda: window.task_buttons["summary"].text() == "Summary", timeout=5_000)


def test_the_model_answers_in_the_interface_language(qtbot, make_window, ui_settings, report_file,
                                                     monkeypatch):  # fmt: skip
    from app.core.tasks.catalogue import AI_DRAFT_LABEL, LANGUAGES

    ui_settings.language = "zh_CN"
    window = make_window(settings=ui_settings)
    qtbot.waitUntil(lambda: window.controller.model_state == "ready", timeout=60_000)
    engine = window.controller.services.engine
    sent: list[object] = []
    real_stream = engine.stream

    def stream(messages, sampling=None, **kwargs):  # the real engine still answers
        sent.append(messages)
        return real_stream(messages, sampling, **kwargs)

    monkeypatch.setattr(engine, "stream", stream)
    window.import_paths([str(report_file)])
    qtbot.waitUntil(lambda: bool(window.controller.documents), timeout=30_000)
    turn = window.controller.run_task("summary")
    qtbot.waitUntil(lambda: not turn.active, timeout=60_000)
    # What reached the model asks for Chinese, and the answer carries the Chinese draft label.
    assert len(sent) == 1 and LANGUAGES["zh_CN"] in sent[0][0]["content"]
    assert "in English" not in sent[0][0]["content"]
    assert turn.result is not None and turn.result.label == AI_DRAFT_LABEL["zh_CN"]


def test_export_pdf_docx_and_markdown_carry_the_draft_label(qtbot, tmp_path):
    from app.core.tasks.runner import TaskRequest
    from app.ui import export
    from app.ui.controller import Turn

    turns = [Turn(1, "user", "summary", request=TaskRequest("summary")),
             Turn(2, "assistant", "**Cardiomegaly**, mild.\n\n- no effusion", request=TaskRequest("summary"),
                  model_name="tiny")]  # fmt: skip
    text = export.session_markdown(["report.txt"], turns, "en")
    assert "AI-generated draft" in text and "Cardiomegaly" in text and "report.txt" in text
    done: list[object] = []
    for suffix in ("md", "pdf", "docx"):
        export.export(text, tmp_path / f"session.{suffix}", on_done=done.append)
    qtbot.waitUntil(lambda: len(done) == 3, timeout=30_000)
    assert (tmp_path / "session.pdf").read_bytes().startswith(b"%PDF")
    with zipfile.ZipFile(tmp_path / "session.docx") as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "Cardiomegaly" in body and "AI-generated draft" in body
    assert (tmp_path / "session.md").read_text(encoding="utf-8") == text
    chinese = export.session_markdown([], turns, "zh_CN")
    assert "AI 生成的草稿" in chinese
