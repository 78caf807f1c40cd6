"""The baseline of the cold-start benchmark: a bare PySide6 window, frozen like Enclave.

It reports its first paint exactly as app/ui/first_paint.py does (ENCLAVE_REPORT_FIRST_PAINT:
time.monotonic() once the first paint has been handled) and then waits to be closed. It
imports nothing of Enclave's, so the frozen folder holds Python and QtWidgets only.
"""

import time

ENTRY = time.monotonic()  # the start-up trace's "entry script" moment, as Enclave records it

import os  # noqa: E402
import sys  # noqa: E402

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow  # noqa: E402


class FirstPaint(QObject):
    def __init__(self, window: QMainWindow, target: str) -> None:
        super().__init__(window)
        self.window, self.target = window, target

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self.write)
        return False

    def write(self) -> None:
        painted = time.monotonic()
        with open(self.target, "w", encoding="ascii") as handle:
            handle.write(f"{painted:.6f}\n")
        trace = os.environ.get("ENCLAVE_STARTUP_TRACE")  # as app/core/startup_trace.py writes it
        if trace:
            with open(trace, "a", encoding="ascii") as handle:
                handle.write(f"entry script {ENTRY:.6f}\nfirst paint {painted:.6f}\n")


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("bare window")
    window.setCentralWidget(QLabel("bare PySide6 window"))
    window.resize(1024, 700)
    target = os.environ.get("ENCLAVE_REPORT_FIRST_PAINT")
    if target:
        window.installEventFilter(FirstPaint(window, target))
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
