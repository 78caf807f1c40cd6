"""What the window shows or reports at start: the llama.cpp build notice and the first paint."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import QLabel, QMainWindow

from tests.ui.conftest import wait_model

NOTICE = ("No NVIDIA driver found: libcuda.so.1 cannot be loaded (test). Using the portable CPU build "
          "of llama.cpp; answers will be slow.")


def test_the_cpu_fallback_notice_is_shown_beside_the_model_warnings(qtbot, make_window, monkeypatch):
    monkeypatch.setenv("ENCLAVE_LLAMA_NOTICE", NOTICE)  # what the frozen app's start-up hook sets
    window = make_window()
    assert window.model_warning.isVisible() and NOTICE in window.model_warning.text()
    wait_model(qtbot, window)
    lines = window.model_warning.text().splitlines()
    assert NOTICE in lines  # still there once the load report's own warnings are shown
    if not window.controller.report.on_gpu:
        assert lines[0].startswith("CPU only") and lines[-1] == NOTICE


def test_no_notice_without_the_variable(qtbot, make_window, monkeypatch):
    monkeypatch.delenv("ENCLAVE_LLAMA_NOTICE", raising=False)
    window = make_window()
    wait_model(qtbot, window)
    assert "NVIDIA driver" not in window.model_warning.text()


def test_first_paint_is_reported_once_with_the_shared_monotonic_clock(qtbot, tmp_path, monkeypatch):
    from app.ui import first_paint

    target = tmp_path / "painted"
    monkeypatch.setenv(first_paint.ENV, str(target))
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QLabel("first paint"))
    before = time.monotonic()
    first_paint.install(window)
    window.show()
    qtbot.waitUntil(target.exists, timeout=10_000)
    stamp = float(target.read_text(encoding="ascii"))
    assert before <= stamp <= time.monotonic()
    target.unlink()
    window.update()
    window.repaint()
    qtbot.wait(100)
    assert not target.exists(), "only the first paint is reported"


def test_first_paint_hook_is_inert_without_the_variable(qtbot, monkeypatch, tmp_path: Path):
    from app.ui import first_paint

    monkeypatch.delenv(first_paint.ENV, raising=False)
    window = QMainWindow()
    qtbot.addWidget(window)
    first_paint.install(window)
    assert not [c for c in window.children() if isinstance(c, first_paint._FirstPaint)]
