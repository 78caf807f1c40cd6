"""The DICOM viewer, the findings table and the evidence highlight, on real files."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import drop_files


def _pixels(widget) -> QImage:
    return widget.grab().toImage()


def _open_series(qtbot, make_window, folder):
    window = make_window(load=False)
    drop_files(window, [folder])
    qtbot.waitUntil(lambda: len(window.controller.documents) == 1, timeout=60_000)
    viewer = window.documents.viewer
    qtbot.waitUntil(lambda: viewer.canvas.image is not None and not viewer.canvas.busy, timeout=30_000)
    return window, viewer


def test_a_dropped_series_scrolls_and_window_presets_change_the_pixels(qtbot, make_window, ct_series):
    window, viewer = _open_series(qtbot, make_window, ct_series)
    document = window.controller.documents[0]
    assert len(document.series) == 1 and document.series[0].frame_count == 5
    assert window.documents.tabs.currentWidget() is viewer  # images open in the viewer
    canvas = viewer.canvas
    assert canvas.index == 2  # the middle slice first
    assert viewer.note.text().startswith("The AI model reads text only")

    # The wheel scrolls slices.
    before = canvas.image.copy()
    wheel = QWheelEvent(QPointF(50, 50), QPointF(canvas.mapToGlobal(QPoint(50, 50))), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
    QApplication.sendEvent(canvas, wheel)
    qtbot.waitUntil(lambda: canvas.index == 3 and not canvas.busy, timeout=10_000)
    assert canvas.image != before  # another slice, other pixels

    # Keys 1-5 are the presets; each windows the same Hounsfield values differently.
    canvas.setFocus()
    shown = []
    for key, width, center in ((Qt.Key.Key_1, 400, 40), (Qt.Key.Key_3, 2500, 480)):
        QTest.keyClick(canvas, key)
        qtbot.waitUntil(lambda w=width: canvas.width_ == w and not canvas.busy, timeout=10_000)
        assert canvas.center == center
        shown.append(_pixels(canvas))
    assert shown[0] != shown[1]

    # Left-drag changes window/level.
    start = (canvas.center, canvas.width_)
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    QTest.mouseMove(canvas, QPoint(160, 140))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(160, 140))
    qtbot.waitUntil(lambda: not canvas.busy, timeout=10_000)
    assert (canvas.center, canvas.width_) != start

    # Invert flips the picture.
    plain = _pixels(canvas)
    QTest.keyClick(canvas, Qt.Key.Key_I)
    assert canvas.invert and _pixels(canvas) != plain


def test_tags_are_de_identified_unless_the_privacy_level_is_standard(qtbot, make_window, ct_series):
    _window, viewer = _open_series(qtbot, make_window, ct_series)
    viewer.tabs.setCurrentIndex(1)
    viewer._fill_tags()
    qtbot.waitUntil(lambda: viewer.tag_tree.topLevelItemCount() > 10, timeout=10_000)
    assert not viewer.full_tags.isEnabled()  # privacy level high: the full view is not offered
    values = {viewer.tag_tree.topLevelItem(i).text(0): viewer.tag_tree.topLevelItem(i).text(3)
              for i in range(viewer.tag_tree.topLevelItemCount())}  # fmt: skip
    assert "CompressedSamples^CT1" not in values.get("(0010,0010)", "")  # the patient's name is gone
    viewer.set_privacy_level("standard")
    assert viewer.full_tags.isEnabled()


def test_findings_table_marks_ungrounded_and_highlights_evidence(qtbot, make_window, report_file):
    from app.core.tasks.results import Finding, Grounding, TaskResult

    window = make_window(load=False)
    window.import_paths([str(report_file)])
    qtbot.waitUntil(lambda: bool(window.controller.documents), timeout=30_000)
    text = window.controller.documents[0].text()
    quote = next(s for s in ("cardiomegaly", "cardiac enlargement", "heart") if s in text.lower())
    grounded = Finding("cardiomegaly", "heart", None, None, "mild", "present", quote,
                       Grounding(True, 0, "report.txt", 0, len(quote), "exact"), "present")  # fmt: skip
    invented = Finding("pneumothorax", "lung", "left", 12.0, None, "present", "large left pneumothorax",
                       Grounding(False), "present")  # fmt: skip
    result = TaskResult("findings", "findings@3", "tiny", "en", "label", "{}", findings=[grounded, invented])
    panel = window.documents.findings
    panel.set_result(result)
    table = panel.table
    assert table.rowCount() == 2
    assert table.item(0, 0).text() == "" and table.item(1, 0).text() == "⚠"
    assert table.item(1, 3).text() == "12 mm"
    assert "1 ⚠" in panel.summary.text()

    table.cellClicked.emit(0, 1)  # clicking a finding highlights its evidence in the report
    selections = window.documents.text.extraSelections()
    assert selections and selections[0].cursor.selectedText().lower() == quote
    assert window.documents.tabs.currentWidget() is window.documents.text
    table.cellClicked.emit(1, 1)  # the invented quote is nowhere
    assert window.documents.text.extraSelections() == []


def test_the_findings_task_fills_the_table_from_its_typed_result(qtbot, make_window, report_file):
    from tests.ui.conftest import wait_model

    window = make_window()
    window.import_paths([str(report_file)])
    qtbot.waitUntil(lambda: bool(window.controller.documents), timeout=30_000)
    wait_model(qtbot, window)
    window.task_buttons["findings"].click()
    turn = window.controller.turns[-1]
    qtbot.waitUntil(lambda: not turn.active, timeout=120_000)
    assert turn.state == "done", turn.error
    # The random-weight model writes grammar-constrained JSON; whatever it holds, the typed
    # result (not the raw text) is what the table and the message show.
    assert turn.result is not None and turn.result.findings is not None
    assert window.documents.findings.result is turn.result
    assert window.documents.findings.table.rowCount() == len(turn.result.findings)
    shown = window.conversation.widgets[turn.id].body.toPlainText()
    assert not shown.lstrip().startswith("{")
