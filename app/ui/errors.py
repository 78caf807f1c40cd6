"""The one place errors go: uncaught exceptions on any thread, and failures workers report.

What failed and what to do is shown to the user; the details go to the PHI-scrubbed log
(app/core/logs.py), never to a dialog that could be screenshotted with patient data in it.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.core import paths

log = logging.getLogger("enclave.errors")


def advice(exc: BaseException) -> str:
    """What the user can do about ``exc``, in one sentence."""
    # Imported here: the relay is installed before the first window, these modules are not needed
    # for it (the document model pulls in the document package).
    from app.core.documents.model import DocumentError
    from app.core.llm.errors import ContextOverflowError, EngineError, ModelError

    if isinstance(exc, ContextOverflowError):
        return QApplication.translate("Errors",
                                      "Remove a document or raise the context length in Settings.")
    if isinstance(exc, ModelError):
        return QApplication.translate(
            "Errors", "Check the model file in Settings, or drop a .gguf file on the window.")
    if isinstance(exc, EngineError):
        return QApplication.translate(
            "Errors", "Try again; if it happens again, reload the model from Settings.")
    if isinstance(exc, DocumentError):
        return QApplication.translate(
            "Errors", "Check the file, or export it again from its source system.")
    if isinstance(exc, MemoryError):
        return QApplication.translate(
            "Errors", "Close other programs or open fewer files at once.")
    if isinstance(exc, OSError):
        return QApplication.translate(
            "Errors", "Check that the disk has space and the folder can be written.")
    return QApplication.translate("Errors", "Enclave carries on; if something looks wrong, restart it. "
                                  "Details are in the log file.")


class ErrorRelay(QObject):
    """Catches what nobody else caught and shows it without blocking the event loop."""

    error = Signal(str, str)  # what failed, what to do

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shown: list[tuple[str, str]] = []
        self.quiet = False  # tests and --screenshot collect errors instead of showing dialogs
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self.error.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook

    def report(self, exc: BaseException, what: str = "") -> None:
        """Report a failure; safe from any thread (the dialog opens on the GUI thread)."""
        self._log(type(exc), exc, exc.__traceback__)
        title = what or QApplication.translate("Errors", "Something went wrong")
        self.error.emit(f"{title}: {exc}" if str(exc) else title, advice(exc))

    def _log(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        where = "".join(traceback.format_tb(tb)[-3:]) if tb else ""
        # The log filter scrubs identifiers; the exception text may carry file content, so
        # only its type and the code location are logged.
        log.error("uncaught %s\n%s", kind.__name__, where)

    def _excepthook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hook(kind, exc, tb)
            return
        self._log(kind, exc, tb)
        self.error.emit(QApplication.translate("Errors", "Something went wrong: {0}").format(
            str(exc) or kind.__name__), advice(exc))  # fmt: skip

    def _thread_excepthook(self, args: Any) -> None:
        if args.exc_value is None:
            return
        self._excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, what: str, todo: str) -> None:
        self.shown.append((what, todo))
        if self.quiet:
            print(f"enclave: {what}", file=sys.stderr)
            return
        parent = QApplication.activeWindow()
        box = QMessageBox(QMessageBox.Icon.Warning, QApplication.translate("Errors", "Enclave"), what,
                          QMessageBox.StandardButton.Ok, parent if isinstance(parent, QWidget) else None)
        box.setInformativeText(todo + "\n\n" + QApplication.translate("Errors", "Log file: {0}").format(
            str(paths.logs_dir() / "enclave.log")))  # fmt: skip
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): the event loop keeps running


_relay: ErrorRelay | None = None


def relay() -> ErrorRelay:
    global _relay
    if _relay is None:
        _relay = ErrorRelay()
    return _relay
