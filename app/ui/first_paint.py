"""ENCLAVE_REPORT_FIRST_PAINT=FILE: write the moment Enclave's first window reached the screen;
ENCLAVE_REPORT_MAIN_WINDOW=FILE: the moment the full main window did (app/ui/launch.py shows a
Qt-only start window first and the main window once the rest of the app is loaded).

For the cold-start benchmark (tests/benchmarks/bench_frozen_start.py): the value is
``time.monotonic()`` (CLOCK_MONOTONIC, shared by every process on Linux), taken once the
first paint event has been handled and the event loop is free again, so the frame has been
flushed. The measuring process compares it with its own clock reading before the spawn.
Without the variable nothing is installed.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

ENV = "ENCLAVE_REPORT_FIRST_PAINT"
MAIN_WINDOW_ENV = "ENCLAVE_REPORT_MAIN_WINDOW"


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self.callback = callback
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self.callback)  # after the paint and its flush
        return False


def on_first_paint(window: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` once, on the GUI thread, after ``window`` has first been painted."""
    window.installEventFilter(_FirstPaint(window, callback))


def _write_stamp(target: Path) -> None:
    stamp = time.monotonic()
    with contextlib.suppress(OSError):  # a benchmark aid: never let it stop the app
        target.write_text(f"{stamp:.6f}\n", encoding="ascii")


def install(window: QWidget, env: str = ENV) -> None:
    """Report ``window``'s first paint to the file the variable ``env`` names, if set."""
    target = os.environ.get(env)
    if target:
        on_first_paint(window, lambda: _write_stamp(Path(target)))
