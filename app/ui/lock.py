"""The lock screen shown after the idle time or Ctrl+L: nothing of the session is visible.

Unlocking asks for the vault's passphrase or recovery key when the store can check one
(``verify_secret``); where the key lives only in the OS keyring, the desktop session's own
login is what guards it, and unlocking is one click.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.ui.resources import icon
from app.ui.theme import ink
from app.ui.workers import run_job


class LockScreen(QWidget):
    unlocked = Signal()

    def __init__(self, store: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setPixmap(icon("lock", ink(), 96).pixmap(96, 96))
        layout.addWidget(self.picture)
        self.heading = QLabel()
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setStyleSheet("font-size: 20px; font-weight: 600;")
        layout.addWidget(self.heading)
        self.explain = QLabel()
        self.explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explain.setWordWrap(True)
        layout.addWidget(self.explain)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setMaximumWidth(360)
        self.secret.returnPressed.connect(self.try_unlock)
        layout.addWidget(self.secret, 0, Qt.AlignmentFlag.AlignHCenter)
        self.error = QLabel()
        self.error.setObjectName("warning")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.hide()
        layout.addWidget(self.error, 0, Qt.AlignmentFlag.AlignHCenter)
        self.button = QPushButton()
        self.button.clicked.connect(self.try_unlock)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self.retranslate()

    @property
    def needs_secret(self) -> bool:
        return self.store is not None and callable(getattr(self.store, "verify_secret", None))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Enclave is locked"))
        if self.needs_secret:
            self.explain.setText(self.tr("Enter the vault passphrase or the recovery key to continue."))
        else:
            self.explain.setText(self.tr("The session was cleared from the screen. Unlock to continue."))
        self.secret.setPlaceholderText(self.tr("Passphrase or recovery key"))
        self.button.setText(self.tr("Unlock"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def start(self) -> None:
        self.secret.clear()
        self.error.hide()
        self.secret.setVisible(self.needs_secret)
        self.retranslate()
        (self.secret if self.needs_secret else self.button).setFocus()

    def try_unlock(self) -> None:
        if not self.needs_secret:
            self.unlocked.emit()
            return
        secret = self.secret.text()
        self.button.setEnabled(False)

        def checked(ok: bool) -> None:
            self.button.setEnabled(True)
            if ok:
                self.secret.clear()
                self.error.hide()
                self.unlocked.emit()
            else:
                self.error.setText(self.tr("That passphrase or recovery key is not right."))
                self.error.show()
                self.secret.selectAll()

        check = getattr(self.store, "reopen", None) or self.store.verify_secret
        run_job(check, secret, on_done=checked, on_failed=lambda _exc: checked(False))
