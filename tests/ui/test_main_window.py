"""The main window on real services and the tiny llama.cpp model, Qt offscreen."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from tests.ui.conftest import StallMeter, drop_files, wait_model


def test_window_shows_at_once_and_the_model_loads_in_the_background(qtbot, make_window):
    started = time.perf_counter()
    window = make_window()
    shown_after = time.perf_counter() - started
    assert window.isVisible()
    assert window.controller.model_state == "loading"  # the window did not wait for the model
    wait_model(qtbot, window)
    report = window.controller.report
    assert report is not None and report.model_name == "tiny-qwen2-test"
    # The GPU result is shown plainly: this build is CPU-only, and the window says so.
    assert report.summary() in window.model_label.text()
    if not report.on_gpu:
        assert window.model_warning.isVisible()
        assert window.model_warning.text().startswith("CPU only")
    print(f"\nwindow shown after {shown_after * 1000:.0f} ms (model loading in the background)")


def test_drop_a_report_and_a_broken_file_then_a_streamed_answer(qtbot, make_window, report_file, tmp_path):
    window = make_window()
    broken = tmp_path / "scan.bin"
    broken.write_bytes(bytes(range(256)) * 64)  # binary: no reader accepts it
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    drop_files(window, [report_file, broken, empty])
    qtbot.waitUntil(lambda: window.controller.importing == 0 and len(window.documents.files.states) >= 3,
                    timeout=30_000)
    states = {s.path.name: s for s in window.documents.files.states.values()}
    assert states["report.txt"].state == "ok"
    assert states["scan.bin"].state == "failed" and "scan.bin" in states["scan.bin"].message
    assert states["empty.txt"].state == "failed" and "empty" in states["empty.txt"].message
    assert [d.name for d in window.controller.documents] == ["report.txt"]
    # The report is shown with its section headings.
    assert "Findings" in window.documents.text.toPlainText()

    wait_model(qtbot, window)
    assert window.task_buttons["summary"].isEnabled()
    window.task_buttons["summary"].click()
    answer = window.controller.turns[-1]
    qtbot.waitUntil(lambda: answer.state in ("done", "failed"), timeout=60_000)
    assert answer.state == "done", answer.error
    assert answer.text.strip()
    assert answer.timings is not None and answer.timings.generated_tokens > 0
    widget = window.conversation.widgets[answer.id]
    # The answer was rendered with Qt's Markdown and the AI-draft label is on it.
    assert widget.body.toPlainText().strip()
    assert widget.draft_label.isVisible() and "AI-generated draft" in widget.draft_label.text()
    # Rendering is coalesced per frame: far fewer renders than streamed chunks.
    assert widget.body.renders <= answer.timings.generated_tokens + 3


def test_stop_cancels_inside_the_model(qtbot, make_window, report_file, ui_settings):
    ui_settings.sampling.max_tokens = 400
    window = make_window(settings=ui_settings)
    window.import_paths([str(report_file)])
    qtbot.waitUntil(lambda: bool(window.controller.documents), timeout=30_000)
    wait_model(qtbot, window)
    turn = window.run_task("summary")
    assert turn is not None
    qtbot.waitUntil(lambda: len(turn.text) > 0, timeout=60_000)
    assert window.stop_button.isEnabled()
    QTest.keyClick(window, Qt.Key.Key_Escape)  # Esc stops, as the Stop button does
    if turn.active:
        window.stop_button.click()
    qtbot.waitUntil(lambda: not turn.active, timeout=30_000)
    assert turn.state == "cancelled"
    assert turn.timings is not None and turn.timings.generated_tokens < 400
    assert not window.stop_button.isEnabled()
    # The same model answers again after a stop.
    window.controller.services.settings.sampling.max_tokens = 16
    again = window.controller.regenerate()
    assert again is not None
    qtbot.waitUntil(lambda: not again.active, timeout=60_000)
    assert again.state in ("done", "cancelled") and again.text


def test_copy_regenerate_and_edit_and_resend(qtbot, make_window, report_file):
    window = make_window()
    window.import_paths([str(report_file)])
    qtbot.waitUntil(lambda: bool(window.controller.documents), timeout=30_000)
    window.question.setPlainText("Is the heart enlarged?")
    QTest.keyClick(window.question, Qt.Key.Key_Return)  # Enter sends
    qtbot.waitUntil(lambda: len(window.controller.turns) == 2 and not window.controller.busy, timeout=60_000)
    question, answer = window.controller.turns
    assert question.text == "Is the heart enlarged?" and answer.state == "done"

    widget = window.conversation.widgets[answer.id]
    widget.buttons["copy"].click()
    assert QGuiApplication.clipboard().text() == answer.text

    widget.buttons["regenerate"].click()
    qtbot.waitUntil(lambda: len(window.controller.turns) == 2 and not window.controller.busy, timeout=60_000)
    assert window.controller.turns[1] is not answer and window.controller.turns[1].state == "done"

    window.conversation.widgets[question.id].buttons["edit"].click()
    assert window.question.toPlainText() == "Is the heart enlarged?"
    window.question.setPlainText("Is there a pleural effusion?")
    window.send_button.click()
    qtbot.waitUntil(lambda: len(window.controller.turns) == 2 and not window.controller.busy, timeout=60_000)
    assert window.controller.turns[0].text == "Is there a pleural effusion?"
    assert len(window.conversation.widgets) == 2


def test_gui_thread_never_stalls_while_loading_importing_and_generating(qtbot, make_window, report_file,
                                                                       ct_series):
    window = make_window(load=False)
    qtbot.wait(200)  # the first paint is done
    meter = StallMeter()
    meter.start()
    window.controller.load_model()
    window.import_paths([str(report_file), str(ct_series)])
    qtbot.waitUntil(lambda: len(window.controller.documents) == 2, timeout=60_000)
    wait_model(qtbot, window)
    turn = window.run_task("summary")
    assert turn is not None
    qtbot.waitUntil(lambda: not turn.active, timeout=60_000)
    meter.stop()
    # A fast machine finishes in a few hundred ms, so no fixed tick count is asserted; the
    # meter counts the gap before stop() too, so a stall at the very end is not missed.
    assert meter.ticks > 1
    print(f"\nlongest GUI-thread stall while the model loaded, a series imported and an answer "
          f"streamed: {meter.max_stall * 1000:.1f} ms ({meter.ticks} ticks)")
    # The goal is 100 ms; on a shared 2-core CI machine only a generous bound is asserted.
    assert meter.max_stall < 1.0


def test_lock_clears_the_views_and_unlock_returns(qtbot, make_window, report_file):
    window = make_window(load=False)
    window.import_paths([str(report_file)])
    qtbot.waitUntil(lambda: bool(window.controller.documents), timeout=30_000)
    assert window.documents.text.toPlainText()
    window.lock_action.trigger()  # Ctrl+L
    assert window.locked
    assert window.stack.currentWidget() is window.lock_screen
    assert window.documents.text.toPlainText() == ""
    assert not window.controller.documents and not window.conversation.widgets
    assert not window.open_action.isEnabled()
    window.import_paths([str(report_file)])  # nothing opens while locked
    assert window.controller.importing == 0
    window.lock_screen.button.click()
    assert not window.locked and window.stack.currentIndex() == 0
    assert window.open_action.isEnabled()


def test_idle_time_locks(qtbot, make_window):
    window = make_window(load=False)
    window._idle.start(50)  # the same timer the auto-lock minutes set
    qtbot.waitUntil(lambda: window.locked, timeout=5_000)


def test_a_report_longer_than_the_context_is_read_in_parts(qtbot, make_window, tmp_path):
    """The tiny model's context is 2,048 tokens (one per byte): a 6,000-character report must
    be split by section, answered part by part and combined, not fail or be cut."""
    sections = [f"SECTION {i}:\n" + ("The lungs are clear. No pleural effusion. " * 25) for i in range(6)]
    long_report = tmp_path / "long-report.txt"
    long_report.write_text("\n\n".join(sections), encoding="utf-8")
    window = make_window()
    window.import_paths([str(long_report)])
    qtbot.waitUntil(lambda: bool(window.controller.documents), timeout=30_000)
    wait_model(qtbot, window)
    turn = window.run_task("summary")
    assert turn is not None
    qtbot.waitUntil(lambda: not turn.active, timeout=120_000)
    assert turn.state == "done", turn.error
    assert turn.result is not None
    split = turn.result.checks.get("split")
    assert split and split["parts"] >= 2 and split["parts_run"] == split["parts"]
    assert "parts" in turn.result.warnings[0]
    assert turn.text.strip()
