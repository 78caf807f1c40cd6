"""The settings dialog. It edits a copy; the window applies it (and reloads the model when a
field the model depends on changed, saying so before the user presses OK)."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core import settings as settings_mod
from app.ui.controller import RELOAD_FIELDS
from app.ui.i18n import LANGUAGES


@dataclass
class DialogResult:
    settings: settings_mod.Settings
    theme: str
    auto_lock_minutes: int


class SettingsDialog(QDialog):
    def __init__(self, current: settings_mod.Settings, theme: str, auto_lock_minutes: int,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.original = copy.deepcopy(current)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)

        self.model_group = QGroupBox()
        model_form = QFormLayout(self.model_group)
        row = QHBoxLayout()
        self.model_path = QLineEdit(current.model_path)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        row.addWidget(self.model_path, 1)
        row.addWidget(self.browse)
        self.model_path_label = QLabel()
        model_form.addRow(self.model_path_label, row)
        self.gpu_layers = QSpinBox()
        self.gpu_layers.setRange(-1, 999)
        self.gpu_layers.setValue(current.n_gpu_layers)
        self.gpu_layers_label = QLabel()
        model_form.addRow(self.gpu_layers_label, self.gpu_layers)
        self.n_ctx = QSpinBox()
        self.n_ctx.setRange(512, 32768)
        self.n_ctx.setSingleStep(1024)
        self.n_ctx.setValue(current.n_ctx)
        self.n_ctx_label = QLabel()
        model_form.addRow(self.n_ctx_label, self.n_ctx)
        self.n_batch = QSpinBox()
        self.n_batch.setRange(32, 8192)
        self.n_batch.setSingleStep(128)
        self.n_batch.setValue(current.n_batch)
        self.n_batch_label = QLabel()
        model_form.addRow(self.n_batch_label, self.n_batch)
        self.n_threads = QSpinBox()
        self.n_threads.setRange(0, 256)
        self.n_threads.setValue(current.n_threads)
        self.n_threads_label = QLabel()
        model_form.addRow(self.n_threads_label, self.n_threads)
        self.flash_attn = QCheckBox()
        self.flash_attn.setChecked(current.flash_attn)
        model_form.addRow("", self.flash_attn)
        self.kv_cache = QComboBox()
        for kv in settings_mod.KV_CACHE_TYPES:
            self.kv_cache.addItem(kv, kv)
        self.kv_cache.setCurrentIndex(self.kv_cache.findData(current.kv_cache_type))
        self.kv_cache_label = QLabel()
        model_form.addRow(self.kv_cache_label, self.kv_cache)
        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(0.0, 2.0)
        self.temperature.setSingleStep(0.05)
        self.temperature.setValue(current.sampling.temperature)
        self.temperature_label = QLabel()
        model_form.addRow(self.temperature_label, self.temperature)
        self.top_p = QDoubleSpinBox()
        self.top_p.setRange(0.05, 1.0)
        self.top_p.setSingleStep(0.05)
        self.top_p.setValue(current.sampling.top_p)
        self.top_p_label = QLabel()
        model_form.addRow(self.top_p_label, self.top_p)
        layout.addWidget(self.model_group)

        self.privacy_group = QGroupBox()
        privacy_form = QFormLayout(self.privacy_group)
        self.privacy = QComboBox()
        for level in settings_mod.PRIVACY_LEVELS:
            self.privacy.addItem(level, level)
        self.privacy.setCurrentIndex(self.privacy.findData(current.privacy_level))
        self.privacy_label = QLabel()
        privacy_form.addRow(self.privacy_label, self.privacy)
        self.privacy_help = QLabel()
        self.privacy_help.setWordWrap(True)
        privacy_form.addRow("", self.privacy_help)
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(0, 240)
        self.auto_lock.setValue(auto_lock_minutes)
        self.auto_lock_label = QLabel()
        privacy_form.addRow(self.auto_lock_label, self.auto_lock)
        layout.addWidget(self.privacy_group)

        self.look_group = QGroupBox()
        look_form = QFormLayout(self.look_group)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current.language)))
        self.language_label = QLabel()
        look_form.addRow(self.language_label, self.language)
        self.theme = QComboBox()
        for value in ("system", "light", "dark"):
            self.theme.addItem(value, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))
        self.theme_label = QLabel()
        look_form.addRow(self.theme_label, self.theme)
        layout.addWidget(self.look_group)

        self.reload_note = QLabel()
        self.reload_note.setObjectName("notice")
        self.reload_note.setWordWrap(True)
        layout.addWidget(self.reload_note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        for widget in (self.model_path,):
            widget.textChanged.connect(self._update_reload_note)
        for spin in (self.gpu_layers, self.n_ctx, self.n_batch, self.n_threads):
            spin.valueChanged.connect(self._update_reload_note)
        self.flash_attn.toggled.connect(self._update_reload_note)
        self.kv_cache.currentIndexChanged.connect(self._update_reload_note)
        self.privacy.currentIndexChanged.connect(self._update_privacy_help)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.model_group.setTitle(self.tr("Model"))
        self.model_path_label.setText(self.tr("Model file"))
        self.model_path.setPlaceholderText(self.tr("Found automatically (models folder, demo model)"))
        self.browse.setText(self.tr("Choose…"))
        self.gpu_layers_label.setText(self.tr("GPU layers"))
        self.gpu_layers.setSpecialValueText(self.tr("all"))
        self.n_ctx_label.setText(self.tr("Context length (tokens)"))
        self.n_batch_label.setText(self.tr("Batch size"))
        self.n_threads_label.setText(self.tr("CPU threads"))
        self.n_threads.setSpecialValueText(self.tr("automatic"))
        self.flash_attn.setText(self.tr("Flash attention"))
        self.kv_cache_label.setText(self.tr("KV cache type"))
        self.temperature_label.setText(self.tr("Temperature"))
        self.top_p_label.setText(self.tr("Top-p"))
        self.privacy_group.setTitle(self.tr("Privacy"))
        self.privacy_label.setText(self.tr("Privacy level"))
        for index, text in enumerate((self.tr("standard"), self.tr("high"), self.tr("ephemeral"))):
            self.privacy.setItemText(index, text)
        self.auto_lock_label.setText(self.tr("Lock after idle minutes"))
        self.auto_lock.setSpecialValueText(self.tr("never"))
        self.look_group.setTitle(self.tr("Appearance"))
        self.language_label.setText(self.tr("Language"))
        self.theme_label.setText(self.tr("Theme"))
        for index, text in enumerate((self.tr("follow the system"), self.tr("light"), self.tr("dark"))):
            self.theme.setItemText(index, text)
        self._update_privacy_help()
        self._update_reload_note()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _browse(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose the model file"), "", self.tr("GGUF models (*.gguf)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.model_path.setText)
        dialog.open()

    def _update_privacy_help(self) -> None:
        level = self.privacy.currentData()
        self.privacy_help.setText({
            "standard": self.tr("Documents are analysed as they are; the full DICOM tags can be shown."),
            "high": self.tr("DICOM metadata is de-identified and report text is redacted before the "
                            "model, the store or an export sees it."),
            "ephemeral": self.tr("As high, and sessions are never written to disk."),
        }.get(level, ""))  # fmt: skip

    def result_settings(self) -> DialogResult:
        new = copy.deepcopy(self.original)
        new.model_path = self.model_path.text().strip()
        new.n_gpu_layers = self.gpu_layers.value()
        new.n_ctx = self.n_ctx.value()
        new.n_batch = self.n_batch.value()
        new.n_threads = self.n_threads.value()
        new.flash_attn = self.flash_attn.isChecked()
        new.kv_cache_type = self.kv_cache.currentData()
        new.sampling.temperature = round(self.temperature.value(), 3)
        new.sampling.top_p = round(self.top_p.value(), 3)
        new.privacy_level = self.privacy.currentData()
        new.language = self.language.currentData()
        return DialogResult(new, str(self.theme.currentData()), self.auto_lock.value())

    def needs_reload(self) -> bool:
        new = self.result_settings().settings
        return any(getattr(new, name) != getattr(self.original, name) for name in RELOAD_FIELDS)

    def _update_reload_note(self) -> None:
        reload = self.needs_reload()
        self.reload_note.setVisible(reload)
        self.reload_note.setText(self.tr("These changes need the model loaded again; Enclave does "
                                         "that when you press OK."))
