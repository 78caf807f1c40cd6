"""ENCLAVE_REPORT_FIRST_PAINT=FILE: write the moment the main window first reached the screen.

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
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

ENV = "ENCLAVE_REPORT_FIRST_PAINT"


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, target: Path) -> None:
        super().__init__(window)
        self.target = target
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self._write)  # after the paint and its flush
        return False

    def _write(self) -> None:
        stamp = time.monotonic()
        with contextlib.suppress(OSError):  # a benchmark aid: never let it stop the app
            self.target.write_text(f"{stamp:.6f}\n", encoding="ascii")


def install(window: QWidget) -> None:
    """Report ``window``'s first paint to the file ENCLAVE_REPORT_FIRST_PAINT names, if set."""
    target = os.environ.get(ENV)
    if target:
        window.installEventFilter(_FirstPaint(window, Path(target)))
