"""The running desktop app: services, controller, main window and vault (:class:`Session`),
and the ``--screenshot`` driver. Built by app/ui/launch.py once the start window is on screen
and this module's imports (the heavy ones) have run on a background thread.

The main window is shown first; the model loads and the vault opens in the background.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication

from app.core import settings as settings_mod
from app.services import Services
from app.services.vault import VaultService, read_passphrase
from app.ui import first_paint, i18n, theme
from app.ui.controller import Controller, Turn
from app.ui.main_window import MainWindow
from app.ui.prefs import UiPrefs
from app.ui.session_store import SessionStore
from app.ui.vault_dialogs import VaultOpener
from app.ui.workers import wait_for_jobs

FIRST_PAINT_FALLBACK_MS = 1000  # a window that is never painted (minimised) still loads

SCREENSHOT_TIMEOUT_S = float(os.environ.get("ENCLAVE_SCREENSHOT_TIMEOUT", "900"))


class Session(QObject):
    """The running app: services, controller, window, vault."""

    def __init__(self, args: argparse.Namespace, app: QApplication, prefs: UiPrefs | None = None,
                 settings: settings_mod.Settings | None = None) -> None:  # fmt: skip
        super().__init__()
        self.args = args
        self.app = app
        self.prefs = prefs or UiPrefs()
        self.services = Services(settings=settings, model_path=args.model)
        if args.lang:
            self.services.settings.language = args.lang  # for this run only, not saved
        theme.apply(app, args.theme or self.prefs.theme)
        app.styleHints().colorSchemeChanged.connect(
            lambda _s: theme.apply(app, self.prefs.theme) if self.prefs.theme == "system" else None)
        i18n.install(self.services.settings.language)
        self.controller = Controller(self.services)
        self.window = MainWindow(self.controller, self.prefs)
        self.window.documents.viewer.set_privacy_level(self.services.settings.privacy_level)
        self.vault_service = VaultService(settings=self.services.settings)
        self.opener = VaultOpener(self.vault_service, lambda: self.window)
        self.opener.opened.connect(self._vault_opened)
        self.opener.unavailable.connect(self._vault_unavailable)
        self.opener.needs_first_run.connect(self._first_run)
        self.opener.created.connect(self._vault_created)
        self.vault_state = "opening"  # "open" | "unavailable" | "first-run"
        self.store: SessionStore | None = None
        self.wizard: Any = None
        self._wizard_shown = False
        self._loading_started = False
        self._closed = False

    def start(self, show: bool = True) -> None:
        if self.args.screenshot:
            self.window.resize(*self.args.size)
        if show:
            self.window.show()
        passphrase = read_passphrase(self.args.passphrase_file) if (
            self.args.passphrase_file or os.environ.get("ENCLAVE_PASSPHRASE")) else None  # fmt: skip
        self.opener.start(passphrase)
        if show and not self.args.screenshot:
            # Loading the model (its header parsed in Python) and reading the files compete with
            # the window's first paint for the GIL (a 70 ms stall measured): they start after it.
            first_paint.on_first_paint(self.window, self._start_loading)
            QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, self._start_loading)
        else:
            self._start_loading()

    def _start_loading(self) -> None:
        if self._loading_started or self._closed:
            return
        self._loading_started = True
        self.controller.load_model()
        if self.args.open and not self.args.screenshot:
            self.window.import_paths(self.args.open)

    def _vault_opened(self, service: VaultService) -> None:
        self.vault_state = "open"
        self.store = SessionStore(service.vault, lambda: self.controller.settings.privacy_level, service)
        self.window.set_store(self.store)

    def _vault_unavailable(self, reason: str) -> None:
        self.vault_state = "unavailable"
        self.window.statusBar().showMessage(
            QCoreApplication.translate("Session", "Sessions are not stored: {0}").format(reason), 15000)

    def _vault_created(self, recovery_key: str) -> None:
        if self.args.screenshot or not self._wizard_shown:
            # Created from a scripted passphrase: the recovery key goes where scripts look.
            print(f"enclave-gui: vault created; recovery key (keep it safe): {recovery_key}", file=sys.stderr)

    def _first_run(self) -> None:
        from app.ui.wizard import FirstRunWizard

        self.vault_state = "first-run"
        self._wizard_shown = True
        self.wizard = FirstRunWizard(self.controller, self.opener, self.window)
        self.wizard.finished.connect(self._wizard_finished)
        self.wizard.open()

    def _wizard_finished(self, _result: int) -> None:
        self.prefs.first_run_done = True
        wizard, self.wizard = self.wizard, None
        if wizard is not None:
            wizard.deleteLater()  # not inside its own signal: once control is back in the loop

    def _drop_wizard(self) -> None:
        """Delete the wizard now rather than with the main window: a QWizard deleted as a child
        of the main window, after the style sheet had been applied again, left Qt with a
        dangling widget that crashed the next setStyleSheet (seen in the UI tests)."""
        wizard, self.wizard = self.wizard, None
        if wizard is not None:
            wizard.finished.disconnect(self._wizard_finished)
            wizard.close()
            wizard.setParent(None)  # Python owns it again: deleted with the last reference

    def close(self) -> None:
        self._closed = True
        self._drop_wizard()
        self.window.close()
        self.controller.close()
        wait_for_jobs(10_000)  # a session still being written finishes before the vault closes
        if self.vault_service.is_open:
            self.vault_service.close()


class ScreenshotDriver(QObject):
    """Opens the files, runs the task to its end, renders the window, quits."""

    def __init__(self, session: Session, out: str | Path) -> None:
        super().__init__()
        self.session = session
        self.out = Path(out)
        self.task = session.args.task or "summary"
        self.exit_code = 1
        self._imported = False
        self._asked = False
        self._waits = 0
        c = session.controller
        c.model_ready.connect(lambda _r: self._step())
        c.model_failed.connect(lambda message: self._fail(f"the model could not be loaded: {message}"))
        c.import_finished.connect(self._import_done)
        c.answer_finished.connect(self._answered)
        session.opener.opened.connect(lambda _s: self._step())
        session.opener.unavailable.connect(lambda _r: self._step())
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(lambda: self._fail(f"no result after {SCREENSHOT_TIMEOUT_S:.0f} s"))
        self._deadline.start(int(SCREENSHOT_TIMEOUT_S * 1000))

    def start(self) -> None:
        files = self.session.args.open
        if files:
            self.session.window.import_paths(files)
        else:
            self._imported = True
        QTimer.singleShot(0, self._step)

    def _import_done(self, read: int, failed: int) -> None:
        if read == 0 and failed:
            self._fail("no file could be read: " + "; ".join(
                s.message for s in self.session.window.documents.files.failed()))
            return
        self._imported = True
        self._step()

    def _ready(self) -> bool:
        s = self.session
        return (self._imported and s.controller.model_state == "ready"
                and s.vault_state in ("open", "unavailable", "first-run"))  # fmt: skip

    def _step(self) -> None:
        if self._asked or not self._ready():
            return
        self._asked = True
        if self.task == "none" or not self.session.controller.documents:
            QTimer.singleShot(300, self._render)
            return
        self.session.controller.run_task(self.task, max_tokens=self.session.args.max_tokens)

    def _answered(self, turn: Turn) -> None:
        if turn.state == "failed":
            self._fail(f"the task failed: {turn.error}")
            return
        # Let the store write and the layout settle, then render.
        QTimer.singleShot(800, self._render)

    def _render(self) -> None:
        window = self.session.window
        if window.documents.viewer.canvas.busy and self._waits < 50:  # an image is still decoding
            self._waits += 1
            QTimer.singleShot(100, self._render)
            return
        QApplication.processEvents()
        pixmap = window.grab()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        if not pixmap.save(str(self.out), "PNG"):
            self._fail(f"{self.out}: the picture could not be written")
            return
        print(f"enclave-gui: wrote {self.out} ({pixmap.width()}x{pixmap.height()})", file=sys.stderr)
        self.exit_code = 0
        QApplication.instance().exit(0)  # type: ignore[union-attr]

    def _fail(self, reason: str) -> None:
        print(f"enclave-gui: {reason}", file=sys.stderr)
        self.exit_code = 1
        QApplication.instance().exit(1)  # type: ignore[union-attr]

