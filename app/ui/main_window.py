"""The main window: sessions on the left, the conversation in the centre, the documents on
the right; drop files anywhere. Everything slow happens in the controller's workers."""

from __future__ import annotations

import logging
import os
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.core import messages
from app.core.llm import catalogue
from app.core.llm.engine import LoadReport
from app.core.tasks.catalogue import TASKS
from app.services import followup as followup_service
from app.services import vision as vision_service
from app.ui import i18n, theme
from app.ui.controller import Controller, FileStatus, Turn
from app.ui.conversation import ConversationView, task_title
from app.ui.document_pane import DocumentPane
from app.ui.lock import LockScreen
from app.ui.messages import translated
from app.ui.prefs import UiPrefs
from app.ui.resources import app_icon, icon
from app.ui.sessions import SessionPanel
from app.ui.start_window import DEFAULT_SIZE
from app.ui.theme import ink
from app.ui.workers import run_job

log = logging.getLogger(__name__)


class QuestionBox(QPlainTextEdit):
    """The question field: Enter sends, Shift+Enter is a new line; dropped files go to the
    window, not into the text."""

    submitted = Signal()
    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("question")
        self.setMaximumHeight(72)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submitted.emit()
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if event.mimeData().hasUrls():
            self.files_dropped.emit([u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()])
            event.acceptProposedAction()
        else:
            super().dropEvent(event)


class MainWindow(QMainWindow):
    locked_changed = Signal(bool)

    def __init__(self, controller: Controller, prefs: UiPrefs | None = None,
                 store: Any = None) -> None:  # fmt: skip
        super().__init__()
        self.controller = controller
        self.prefs = prefs or UiPrefs()
        self.store = store  # the session store (vault), or None where there is none
        self.locked = False
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.resize(*DEFAULT_SIZE)  # the start window uses the same, so the hand-over is seamless

        self._build_toolbar()
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        main = QSplitter(Qt.Orientation.Horizontal)
        self.splitter = main
        self.sessions = SessionPanel(store)
        main.addWidget(self.sessions)
        main.addWidget(self._build_centre())
        self.documents = DocumentPane()
        self._findings_turn: Turn | None = None
        self.documents.findings.review_requested.connect(self._review)
        self.documents.findings.followup_correction_requested.connect(self._correct_followup)
        if store is not None and hasattr(store, "feedback_saved"):
            store.feedback_saved.connect(self._feedback_saved)
            store.correction_saved.connect(self._correction_saved)
        main.addWidget(self.documents)
        main.setStretchFactor(0, 0)
        main.setStretchFactor(1, 3)
        main.setStretchFactor(2, 2)
        main.setSizes([240, 640, 480])
        self.stack.addWidget(main)
        self.lock_screen = LockScreen(store)
        self.lock_screen.unlocked.connect(self.unlock)
        self.stack.addWidget(self.lock_screen)
        self._build_statusbar()
        self._connect()
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self.lock)
        self._restart_idle_timer()
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]
        if self.prefs.geometry is not None:
            self.restoreGeometry(self.prefs.geometry)
        self.retranslate()
        self._update_enabled()

    # -- building ---------------------------------------------------------------------------

    def _action(self, icon_name: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
                slot: Any) -> QAction:  # fmt: skip
        action = QAction(icon(icon_name, ink()), "", self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        return action

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(self.toolbar)
        self.open_action = self._action("open", QKeySequence.StandardKey.Open, self.open_files)
        self.new_action = self._action("new", QKeySequence.StandardKey.New, self.new_session)
        self.export_action = self._action("export", "Ctrl+E", self.export_session)
        self.batch_action = self._action("batch", "Ctrl+B", self.open_batch)
        self.toolbar.addSeparator()
        self.settings_action = self._action("settings", QKeySequence.StandardKey.Preferences,
                                            self.open_settings)
        self.lock_action = self._action("lock", "Ctrl+L", self.lock)
        self.about_action = self._action("info", None, self.open_about)
        self.search_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)

    def _build_centre(self) -> QWidget:
        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(6, 6, 6, 6)
        self.banner = QLabel()
        self.banner.setObjectName("notice")
        self.banner.setWordWrap(True)
        self.banner.hide()
        layout.addWidget(self.banner)
        self.model_warning = QLabel()
        self.model_warning.setObjectName("warning")
        self.model_warning.setWordWrap(True)
        self.model_warning.hide()
        layout.addWidget(self.model_warning)
        tasks = QHBoxLayout()
        tasks.setSpacing(6)
        self.task_buttons: dict[str, QPushButton] = {}
        for task_id in TASKS:
            button = QPushButton()
            button.setObjectName("taskButton")
            button.clicked.connect(lambda _=False, t=task_id: self.run_task(t))
            self.task_buttons[task_id] = button
            tasks.addWidget(button)
        tasks.addStretch(1)
        layout.addLayout(tasks)
        self.conversation = ConversationView()
        layout.addWidget(self.conversation, 1)
        ask = QHBoxLayout()
        self.question = QuestionBox()
        ask.addWidget(self.question, 1)
        self.send_button = QPushButton()
        self.send_button.setIcon(icon("send", ink()))
        self.send_button.clicked.connect(self.send_question)
        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setIcon(icon("stop", QColor("#c0392b")))
        self.stop_button.clicked.connect(self.controller.stop)
        buttons.addWidget(self.stop_button)
        ask.addLayout(buttons)
        layout.addLayout(ask)
        self.stop_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.stop_shortcut.activated.connect(self.controller.stop)
        return centre

    def _build_statusbar(self) -> None:
        bar = self.statusBar()
        self.model_label = QLabel()
        self.model_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model_progress = QProgressBar()
        self.model_progress.setMaximumWidth(180)
        self.model_progress.setTextVisible(True)
        self.model_progress.hide()
        self.privacy_label = QLabel()
        bar.addWidget(self.model_progress)
        bar.addWidget(self.model_label, 1)
        bar.addPermanentWidget(self.privacy_label)

    def _connect(self) -> None:
        c = self.controller
        c.model_loading.connect(self._on_model_loading)
        c.model_ready.connect(self._on_model_ready)
        c.model_failed.connect(self._on_model_failed)
        c.file_status.connect(self._on_file_status)
        c.import_finished.connect(self._on_import_finished)
        c.model_file_dropped.connect(c.use_model_file)  # a dropped .gguf becomes the model
        c.read_progress.connect(lambda done, total, name: self.statusBar().showMessage(
            self.tr("Reading {0} of {1}: {2}").format(done, total, name), 3000))
        c.documents_changed.connect(lambda: self.documents.set_documents(c.documents))
        c.documents_changed.connect(self._update_enabled)
        c.turn_added.connect(self.conversation.add)
        c.turn_updated.connect(self.conversation.update_turn)
        c.turns_reset.connect(lambda: self.conversation.show_turns(c.turns))
        c.turns_reset.connect(self._show_last_findings)
        c.busy_changed.connect(lambda _b: self._update_enabled())
        c.answer_finished.connect(self._on_answer_finished)
        self.conversation.regenerate_requested.connect(lambda turn: c.regenerate(turn))
        self.conversation.edit_requested.connect(self._edit_question)
        self.conversation.copy_requested.connect(
            lambda _t: self.statusBar().showMessage(self.tr("Copied to the clipboard"), 3000))
        self.question.submitted.connect(self.send_question)
        self.question.files_dropped.connect(self.import_paths)
        self.documents.remove_button.clicked.connect(
            lambda: c.remove_document(self.documents.selector.currentIndex()))
        self.documents.evidence_missing.connect(
            lambda _q: self.statusBar().showMessage(self.tr("That evidence is not in the documents"), 4000))
        viewer = self.documents.viewer
        viewer.look_requested.connect(lambda task, picks, question: c.look(task, picks, question))
        run_job(vision_service.find, c.services,
                on_done=lambda found: viewer.set_vision_available(found is not None),
                on_failed=lambda _exc: viewer.set_vision_available(False))  # fmt: skip
        self.sessions.session_chosen.connect(self.open_session)
        self.sessions.new_requested.connect(self.new_session)
        self.search_shortcut.activated.connect(self.sessions.focus_search)

    # -- language ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Enclave — offline clinical report assistant"))
        self.open_action.setText(self.tr("Open…"))
        self.open_action.setToolTip(self.tr("Open reports or DICOM files (Ctrl+O)"))
        self.new_action.setText(self.tr("New session"))
        self.new_action.setToolTip(self.tr("Start a new session (Ctrl+N)"))
        self.export_action.setText(self.tr("Export…"))
        self.export_action.setToolTip(self.tr("Export this session as PDF, DOCX or Markdown (Ctrl+E)"))
        self.batch_action.setText(self.tr("Batch…"))
        self.batch_action.setToolTip(self.tr("Run one task over a folder of reports (Ctrl+B)"))
        self.settings_action.setText(self.tr("Settings"))
        self.lock_action.setText(self.tr("Lock"))
        self.lock_action.setToolTip(self.tr("Lock Enclave (Ctrl+L)"))
        self.about_action.setText(self.tr("About"))
        for task_id, button in self.task_buttons.items():
            button.setText(task_title(task_id))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the answer (Esc)"))
        self.send_button.setText(self.tr("Ask"))
        self.question.setPlaceholderText(self.tr("Ask a question about the documents (Enter sends, "
                                                 "Shift+Enter for a new line)"))
        self.privacy_label.setText(self._privacy_text())
        self._show_model_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, language: str) -> None:
        i18n.install(language)  # Qt sends LanguageChange to every widget

    def _privacy_text(self) -> str:
        level = self.controller.settings.privacy_level
        names = {"standard": self.tr("standard"), "high": self.tr("high"), "ephemeral": self.tr("ephemeral")}
        return self.tr("Privacy: {0}").format(names.get(level, level))

    # -- model state ------------------------------------------------------------------------

    def _on_model_loading(self, done: int, total: int) -> None:
        self.model_progress.show()
        if total:
            self.model_progress.setRange(0, 1000)
            self.model_progress.setValue(int(done * 1000 / total))
            self.model_progress.setFormat(self.tr("Verifying %p%"))
        else:
            self.model_progress.setRange(0, 0)  # busy: loading into memory
        self._show_model_state()

    def _on_model_ready(self, _report: LoadReport) -> None:
        self.model_progress.hide()
        self._show_model_state()
        self._update_enabled()

    def _on_model_failed(self, message: str) -> None:
        self.model_progress.hide()
        self._show_model_state()
        self._update_enabled()

    def _show_model_state(self) -> None:
        c = self.controller
        notices: list[str] = []
        warnings: list[str] = []
        if c.model_state == "loading":
            self.model_label.setText(self.tr("Loading the model… you can already open documents."))
        elif c.model_state == "failed":
            self.model_label.setText(self.tr("The model could not be loaded"))
            warnings.append(c.model_error + " " + self.tr("Choose a model file in Settings, or drop a "
                                                          ".gguf file on the window."))
        elif c.model_state == "ready" and c.report is not None:
            report = c.report
            summary = translated(report.summary())
            self.model_label.setText(summary if not report.on_gpu else f"{report.model_name} · {summary}")
            for warning in report.warnings:
                if warning == catalogue.DEMO_NOTICE:
                    notices.append(self.tr("Running on the small demonstration model, not the clinical "
                                           "model: its answers are for trying the app only."))
                elif warning == catalogue.UNVERIFIED_NOTICE:
                    warnings.append(self.tr("Unverified model file: no checksum from the publisher is "
                                            "recorded, so Enclave cannot prove this is the published model "
                                            "and not a damaged or altered copy. Its answers stay drafts; ask "
                                            "IT to compare its SHA-256 with the publisher's page ('enclave "
                                            "models verify')."))
                elif any(messages.made_from(warning, template) for template in messages.GPU_WARNINGS):
                    warnings.append(translated(warning))
                else:
                    notices.append(translated(warning))
        else:
            self.model_label.setText("")
        build_notice = os.environ.get("ENCLAVE_LLAMA_NOTICE")  # app/core/native_libs.py
        if build_notice:
            warnings.append(build_notice)
        self.banner.setVisible(bool(notices))
        self.banner.setText("\n".join(notices))
        self.model_warning.setVisible(bool(warnings))
        self.model_warning.setText("\n".join(warnings))

    # -- documents --------------------------------------------------------------------------

    def open_files(self) -> None:
        if self.locked:
            return
        dialog = QFileDialog(self, self.tr("Open reports or DICOM files"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(self.import_paths)
        dialog.open()  # not exec(): the window keeps running

    def import_paths(self, paths: list[str]) -> None:
        if self.locked or not paths:
            return
        self.controller.import_paths(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and not self.locked:
            event.acceptProposedAction()

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls() and not self.locked:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def _on_file_status(self, status: FileStatus) -> None:
        self.documents.files.update_status(status)

    def _on_import_finished(self, read: int, failed: int) -> None:
        if failed:
            self.statusBar().showMessage(self.tr("{0} read, {1} could not be read (see the list on the "
                                                 "right)").format(read, failed), 8000)  # fmt: skip
        else:
            self.statusBar().showMessage(self.tr("{0} read").format(read), 4000)
        if self.store is not None and read:
            self.store.save_documents(self.controller.documents)
        self._update_enabled()

    # -- conversation -----------------------------------------------------------------------

    def run_task(self, task_id: str) -> Turn | None:
        if self.locked or not self.controller.documents:
            return None
        return self.controller.run_task(task_id)

    def send_question(self) -> Turn | None:
        text = self.question.toPlainText().strip()
        if not text or self.locked or self.controller.busy:
            return None
        self.question.clear()
        return self.controller.ask(text)

    def _edit_question(self, turn: Turn) -> None:
        if self.controller.busy:
            return
        self.question.setPlainText(turn.text)
        self.question.setFocus()
        self._editing = turn
        # Sending replaces this question and what followed it.
        index = self.controller.turns.index(turn) if turn in self.controller.turns else -1
        if index >= 0:
            del self.controller.turns[index:]
            self.conversation.show_turns(self.controller.turns)

    def _on_answer_finished(self, turn: Turn) -> None:
        self._update_enabled()
        result = turn.result
        if result is not None and (result.findings is not None or result.fleischner is not None):
            self._show_findings(turn)
            if result.findings:
                self.documents.tabs.setCurrentWidget(self.documents.findings)
        if self.store is not None and hasattr(self.sessions, "save_turn"):
            self.sessions.save_turn(self.controller, turn)

    def _show_last_findings(self) -> None:
        """The findings panel follows the conversation (a stored session shown again included)."""
        turn = next((t for t in reversed(self.controller.turns)
                     if getattr(t.result, "findings", None) is not None
                     or getattr(t.result, "fleischner", None) is not None), None)  # fmt: skip
        self._show_findings(turn)

    def _show_findings(self, turn: Turn | None) -> None:
        """The findings panel shows ``turn``'s result with the decisions already given on it."""
        self._findings_turn = turn
        if turn is None:
            self.documents.findings.set_result(None)
            return
        can_review = self.store is not None and getattr(turn.result, "findings", None) is not None
        note = "" if can_review else self.tr("Reviews are stored in the vault, which is not open.")
        self.documents.findings.set_result(turn.result, turn.feedback, can_review, note)

    def _review(self, finding: int, decision: str, label: str, certainty: str) -> None:
        turn = self._findings_turn
        if turn is None or self.store is None or self.locked:
            return
        self.store.save_feedback(turn, finding, decision, label or None, certainty or None)

    def _correct_followup(self, correction: dict[str, Any]) -> None:
        """The clinician set an input of the Fleischner calculator: recompute the panel from the
        report with every correction so far, show it, and keep the change in the vault."""
        turn = self._findings_turn
        panel = getattr(getattr(turn, "result", None), "fleischner", None)
        if turn is None or panel is None or self.locked:
            return
        docs = self.controller.documents
        try:
            corrected = followup_service.corrected_panel(
                panel, [d.text() for d in docs], [d.name for d in docs], [correction])
        except followup_service.OverrideError as exc:
            QMessageBox.warning(self, self.tr("Correction not applied"), str(exc))
            return
        turn.result.fleischner = corrected  # type: ignore[union-attr]
        self.documents.findings.fleischner.set_panel(corrected, True)
        if self.store is not None and turn.analysis_id is not None and hasattr(self.store, "save_correction"):
            self.store.save_correction(turn, [str(correction.get("field"))])
        else:
            self.statusBar().showMessage(self.tr("Recomputed; not stored (the vault is not open)"), 5000)

    def _correction_saved(self, _turn: Turn) -> None:
        saved = self.tr("Correction saved in the vault (the original reading is kept)")
        self.statusBar().showMessage(saved, 4000)

    def _feedback_saved(self, turn: Turn) -> None:
        shown = self._findings_turn
        if shown is not None and turn is shown:
            self.documents.findings.set_feedback(shown.feedback)
        self.statusBar().showMessage(self.tr("Review saved in the vault"), 3000)

    def _update_enabled(self) -> None:
        c = self.controller
        has_docs = bool(c.documents)
        busy = c.busy
        for button in self.task_buttons.values():
            button.setEnabled(has_docs and not busy and not self.locked)
        self.send_button.setEnabled(not busy and not self.locked)
        self.documents.viewer.set_look_enabled(not busy and not self.locked)
        self.stop_button.setEnabled(busy)
        self.export_action.setEnabled(bool(c.turns))

    # -- sessions ---------------------------------------------------------------------------

    def new_session(self) -> None:
        if self.locked:
            return
        self.controller.clear()
        self.documents.files.clear_status()
        self._show_findings(None)
        self.sessions.clear_selection()
        self.question.setFocus()

    def set_store(self, store: Any) -> None:
        """The vault is open: sessions are listed and stored from now on."""
        self.store = store
        self.sessions.set_store(store)
        if hasattr(store, "feedback_saved"):
            store.feedback_saved.connect(self._feedback_saved)
            store.correction_saved.connect(self._correction_saved)
        self.lock_screen.store = store
        if self.controller.documents:
            store.save_documents(self.controller.documents)

    def open_session(self, session_id: Any) -> None:
        if self.locked:
            return
        self.sessions.load_into(session_id, self.controller)

    # -- lock -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                            QEvent.Type.Wheel):  # fmt: skip
            self._restart_idle_timer()
        return False

    def _restart_idle_timer(self) -> None:
        minutes = self.prefs.auto_lock_minutes
        if minutes > 0 and not self.locked:
            self._idle.start(minutes * 60_000)
        else:
            self._idle.stop()

    def lock(self) -> None:
        """Clear every view that shows patient data and require unlocking."""
        if self.locked:
            return
        self.locked = True
        self.controller.stop()
        self.controller.clear()
        self.documents.files.clear_status()
        self.documents.set_documents([])
        self.documents.findings.set_result(None)
        self.conversation.show_turns([])
        self.question.clear()
        self.sessions.lock()
        if self.store is not None and hasattr(self.store, "lock"):
            self.store.lock()  # closes the vault: the key and decrypted rows leave memory
        self.stack.setCurrentWidget(self.lock_screen)
        self.lock_screen.start()
        for action in (self.open_action, self.new_action, self.export_action, self.batch_action,
                       self.lock_action, self.settings_action):  # fmt: skip
            action.setEnabled(False)
        self._idle.stop()
        self._update_enabled()
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        if not self.locked:
            return
        self.locked = False
        self.stack.setCurrentIndex(0)
        for action in (self.open_action, self.new_action, self.batch_action, self.lock_action,
                       self.settings_action):  # fmt: skip
            action.setEnabled(True)
        self.sessions.unlock()
        self._restart_idle_timer()
        self._update_enabled()
        self.locked_changed.emit(False)

    # -- dialogs ----------------------------------------------------------------------------

    def open_settings(self) -> None:
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.controller.settings, self.prefs.theme, self.prefs.auto_lock_minutes,
                                self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.result_settings()))
        dialog.open()
        self._settings_dialog = dialog

    def apply_settings(self, result: Any) -> bool:
        """Apply a SettingsDialog result; returns whether the model is reloading."""
        language_changed = result.settings.language != self.controller.settings.language
        reloading = self.controller.apply_settings(result.settings)
        if result.theme != self.prefs.theme:
            self.prefs.theme = result.theme
            theme.apply(QApplication.instance(), result.theme)  # type: ignore[arg-type]
        self.prefs.auto_lock_minutes = result.auto_lock_minutes
        self.prefs.sync()
        self._restart_idle_timer()
        self.documents.viewer.set_privacy_level(result.settings.privacy_level)
        if language_changed:
            self.set_language(result.settings.language)
        self.privacy_label.setText(self._privacy_text())
        if reloading:
            self.statusBar().showMessage(self.tr("Loading the model again with the new settings…"), 5000)
        return reloading

    def export_session(self) -> None:
        from app.ui.export import ExportDialog

        if not self.controller.turns:
            return
        ExportDialog.start(self, self.controller)

    def open_batch(self) -> None:
        from app.ui.batch import BatchWindow

        window = BatchWindow(self.controller, self)
        window.show()
        self._batch_window = window

    def open_about(self) -> None:
        from app.ui.about import AboutDialog

        dialog = AboutDialog(self.controller, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # -- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.prefs.geometry = self.saveGeometry()
        self.prefs.sync()
        QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
        self._idle.stop()
        self.sessions.lock()  # no more vault calls from the list once the window is closing
        self.controller.close()
        super().closeEvent(event)

