"""Opening the vault from the window: silently from the keyring, else a dialog asking for the
passphrase or the recovery key. Every vault call runs on the worker pool."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.vault.errors import NeedsSecretError, VaultError
from app.services.vault import VaultService
from app.ui.workers import run_job


class UnlockDialog(QDialog):
    """Passphrase or recovery key; stays open with a clear message when it is wrong."""

    def __init__(self, service: VaultService, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle(self.tr("Unlock the vault"))
        layout = QVBoxLayout(self)
        self.reason = QLabel(self.tr("Enclave could not open the encrypted vault by itself ({0}).")
                             .format(reason))  # fmt: skip
        self.reason.setWordWrap(True)
        layout.addWidget(self.reason)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        self.recovery = QLineEdit()
        self.recovery.setPlaceholderText(self.tr("or the recovery key"))
        form.addRow(self.tr("Recovery key"), self.recovery)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("warning")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _try(self) -> None:
        passphrase = self.passphrase.text() or None
        recovery = self.recovery.text().strip() or None
        if not passphrase and not recovery:
            return
        self.buttons.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.error.setText(str(exc))
            self.error.show()

        run_job(self.service.unlock, passphrase, recovery, on_done=lambda _s: self.accept(), on_failed=failed)


class VaultOpener(QObject):
    """Opens (or, with a scripted passphrase on a fresh data folder, creates) the vault."""

    opened = Signal(object)  # the VaultService, open
    unavailable = Signal(str)  # why sessions will not be stored
    needs_first_run = Signal()
    created = Signal(str)  # the recovery key (show it once)

    def __init__(self, service: VaultService, parent_widget: Callable[[], QWidget | None]) -> None:
        super().__init__()
        self.service = service
        self._parent = parent_widget

    def start(self, scripted_passphrase: str | None = None) -> None:
        run_job(self.service.exists, on_done=lambda found: self._exists(found, scripted_passphrase),
                on_failed=lambda exc: self.unavailable.emit(str(exc)))  # fmt: skip

    def _exists(self, found: bool, scripted_passphrase: str | None) -> None:
        if not found:
            if scripted_passphrase:
                self.create(scripted_passphrase)
            else:
                self.needs_first_run.emit()
            return
        run_job(self.service.unlock, on_done=lambda _s: self.opened.emit(self.service),
                on_failed=self._unlock_failed)  # fmt: skip

    def create(self, passphrase: str | None, done: Callable[[Any], None] | None = None) -> None:
        def made(result: Any) -> None:
            self.created.emit(result.recovery_key)
            self.opened.emit(self.service)
            if done is not None:
                done(result)

        run_job(self.service.create, passphrase, on_done=made,
                on_failed=lambda exc: self.unavailable.emit(str(exc)))  # fmt: skip

    def _unlock_failed(self, exc: BaseException) -> None:
        if isinstance(exc, NeedsSecretError):
            dialog = UnlockDialog(self.service, str(exc), self._parent())
            dialog.accepted.connect(lambda: self.opened.emit(self.service))
            dialog.rejected.connect(lambda: self.unavailable.emit(QCoreApplication.translate(
                "VaultOpener", "the vault stays locked; sessions are not stored")))
            dialog.open()
            self._dialog = dialog
        elif isinstance(exc, VaultError):
            self.unavailable.emit(str(exc))
        else:
            self.unavailable.emit(f"{type(exc).__name__}: {exc}")
