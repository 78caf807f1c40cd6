"""The first-run wizard: create the vault (recovery key shown once; a passphrase, required
where no OS keyring works and optional where one does, says which on the page),
find or choose the model, verify it with a progress bar, and show plainly where it runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.core.llm.engine import LoadReport
from app.ui.controller import Controller
from app.ui.messages import translated, translated_all
from app.ui.vault_dialogs import VaultOpener
from app.ui.workers import run_job


class VaultPage(QWizardPage):
    def __init__(self, opener: VaultOpener) -> None:
        super().__init__()
        self.opener = opener
        self.recovery_key = ""
        self.setTitle(self.tr("Create the encrypted vault"))
        layout = QVBoxLayout(self)
        self.intro = QLabel(self.tr("Sessions are kept in an encrypted database on this computer. "
                                    "Checking the system keyring…"))
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label = QLabel(self.tr("Passphrase"))
        self.required: bool | None = None  # None until the keyring check has answered
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow(self.tr("Repeat it"), self.confirm)
        layout.addLayout(form)
        self.create_button = QPushButton(self.tr("Create the vault"))
        self.create_button.clicked.connect(self._create)
        layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.key_label = QLabel()
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(13)
        self.key_label.setFont(font)
        self.key_label.hide()
        layout.addWidget(self.key_label)
        keys_row = QHBoxLayout()
        self.copy_key = QPushButton(self.tr("Copy"))
        self.copy_key.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.recovery_key))
        self.save_key = QPushButton(self.tr("Save to a file…"))
        self.save_key.clicked.connect(self._save_key)
        self.print_key = QPushButton(self.tr("Print…"))
        self.print_key.clicked.connect(self._print_key)
        keys_row.addWidget(self.print_key)
        keys_row.addWidget(self.copy_key)
        keys_row.addWidget(self.save_key)
        keys_row.addStretch(1)
        self.copy_key.hide()
        self.save_key.hide()
        self.print_key.hide()
        self._print_dialog: Any = None
        layout.addLayout(keys_row)
        self.written = QCheckBox(self.tr("I have printed or written down the recovery key"))
        self.written.hide()
        self.written.toggled.connect(lambda _on: self.completeChanged.emit())
        layout.addWidget(self.written)
        layout.addStretch(1)
        opener.unavailable.connect(self._failed)
        self.create_button.setEnabled(False)  # until the keyring check says which case applies
        run_job(opener.service.passphrase_required, on_done=self._keyring_checked,
                on_failed=lambda _exc: self._keyring_checked(True))  # fmt: skip

    def _keyring_checked(self, required: bool) -> None:
        self.required = bool(required)
        if self.required:
            self.intro.setText(self.tr("Sessions are kept in an encrypted database on this computer. This "
                                       "computer has no working system keyring, so a passphrase is "
                                       "required: you will type it to open Enclave. Without it the vault "
                                       "would open only with the long recovery key."))
            self.passphrase_label.setText(self.tr("Passphrase (required)"))
        else:
            self.intro.setText(self.tr("Sessions are kept in an encrypted database on this computer. Its "
                                       "key is kept in the system keyring. A passphrase is optional: it "
                                       "lets you open the vault where the keyring is not available."))
            self.passphrase_label.setText(self.tr("Passphrase (optional)"))
        self.create_button.setEnabled(not self.recovery_key)

    def _create(self) -> None:
        if self.passphrase.text() != self.confirm.text():
            self.message.setText(self.tr("The two passphrases differ."))
            return
        if self.required and not self.passphrase.text().strip():
            self.message.setText(self.tr("This computer has no system keyring: choose a passphrase first."))
            return
        self.create_button.setEnabled(False)
        self.message.setText(self.tr("Creating…"))
        self.opener.create(self.passphrase.text() or None, done=self._created)

    def _created(self, result: Any) -> None:
        self.recovery_key = result.recovery_key
        self.passphrase.setEnabled(False)
        self.confirm.setEnabled(False)
        self.message.setText(self.tr("The vault is ready. This is your recovery key. It is shown only "
                                     "now: print it or write it down and keep it safe. Without it and "
                                     "without the keyring, the sessions cannot be opened."))
        self.key_label.setText(self.recovery_key)
        for widget in (self.key_label, self.print_key, self.copy_key, self.save_key, self.written):
            widget.show()
        self.completeChanged.emit()

    def _failed(self, reason: str) -> None:
        self.create_button.setEnabled(True)
        self.message.setText(self.tr("The vault could not be created: {0}").format(reason))

    def _print_key(self) -> None:
        from app.ui.recovery_print import print_with_dialog

        self._print_dialog = print_with_dialog(self.recovery_key, self)

    def _save_key(self) -> None:
        dialog = QFileDialog(self, self.tr("Save the recovery key"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile("enclave-recovery-key.txt")
        dialog.fileSelected.connect(
            lambda name: Path(name).write_text(self.recovery_key + "\n", encoding="utf-8"))
        dialog.open()

    def isComplete(self) -> bool:
        return bool(self.recovery_key) and self.written.isChecked()


class ModelPage(QWizardPage):
    def __init__(self, controller: Controller) -> None:
        super().__init__()
        self.controller = controller
        self.setTitle(self.tr("The language model"))
        layout = QVBoxLayout(self)
        self.explain = QLabel(self.tr("Enclave runs Qwen2.5-7B-Instruct on this computer. The file is "
                                      "checked (SHA-256) before its first use. You can also drop a "
                                      ".gguf file on the main window later."))
        self.explain.setWordWrap(True)
        layout.addWidget(self.explain)
        self.choose = QPushButton(self.tr("Choose a model file…"))
        self.choose.clicked.connect(self._choose)
        layout.addWidget(self.choose, 0, Qt.AlignmentFlag.AlignLeft)
        self.progress = QProgressBar()
        layout.addWidget(self.progress)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result)
        layout.addStretch(1)
        controller.model_loading.connect(self._loading)
        controller.model_ready.connect(self._ready)
        controller.model_failed.connect(self._failed)

    def initializePage(self) -> None:
        self._show_state()

    def _show_state(self) -> None:
        c = self.controller
        if c.model_state == "ready" and c.report is not None:
            self._ready(c.report)
        elif c.model_state == "failed":
            self._failed(c.model_error)
        else:
            self._loading(0, 0)

    def _choose(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose the model file"), "", self.tr("GGUF models (*.gguf)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.controller.use_model_file)
        dialog.open()

    def _loading(self, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(done * 1000 / total))
            self.result.setText(self.tr("Checking the model file (SHA-256)…"))
        else:
            self.progress.setRange(0, 0)
            self.result.setText(self.tr("Loading the model…"))

    def _ready(self, report: LoadReport) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        lines = [f"<b>{report.model_name}</b>", translated(report.summary()),
                 *translated_all(report.warnings)]
        self.result.setText("<br>".join(lines))

    def _failed(self, message: str) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.result.setText(self.tr("The model could not be loaded: {0}").format(message))


class FirstRunWizard(QWizard):
    def __init__(self, controller: Controller, opener: VaultOpener, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Enclave"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoCancelButton, False)
        welcome = QWizardPage()
        welcome.setTitle(self.tr("Welcome to Enclave"))
        text = QLabel(self.tr("Enclave reads radiology and clinical reports and DICOM studies, and "
                              "drafts summaries, findings and follow-up with a language model that "
                              "runs entirely on this computer. Nothing is sent over a network. Every "
                              "answer is a draft to check against the source."))
        text.setWordWrap(True)
        QVBoxLayout(welcome).addWidget(text)
        self.addPage(welcome)
        self.vault_page = VaultPage(opener)
        self.addPage(self.vault_page)
        self.model_page = ModelPage(controller)
        self.addPage(self.model_page)
        self.resize(640, 480)

