"""The right-hand pane: what was read (per-file status), the report text with its section
headings, the DICOM viewer, and the findings table."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.documents.model import Document
from app.ui.controller import FileStatus
from app.ui.dicom_viewer import DicomViewer
from app.ui.findings import FindingsPanel
from app.ui.messages import translated
from app.ui.resources import icon
from app.ui.theme import ink

HIGHLIGHT = QColor("#ffe066")


class DocumentText(QTextBrowser):
    """Report text with headings; ``highlight`` marks an evidence span and scrolls to it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.document_shown: Document | None = None

    def show_document(self, document: Document | None) -> None:
        self.document_shown = document
        self.setExtraSelections([])
        if document is None:
            self.clear()
            return
        parts = [f"<h3>{html.escape(document.name)}</h3>"]
        for warning in document.warnings:
            parts.append(f"<p style='color:#b7791f'>⚠ {html.escape(translated(warning))}</p>")
        for section in document.sections:
            if section.title:
                parts.append(f"<h4>{html.escape(section.title)}</h4>")
            body = html.escape(section.text.strip()).replace("\n", "<br>")
            parts.append(f"<p>{body}</p>")
        if not document.has_text:
            no_text = self.tr("This file has no report text.")
            parts.append(f"<p><i>{html.escape(no_text)}</i></p>")
        self.setHtml("".join(parts))

    def highlight(self, quote: str) -> bool:
        """Mark every place ``quote`` occurs; returns whether it was found."""
        selections: list[QTextEdit.ExtraSelection] = []
        quote = " ".join(quote.split())
        if not quote:
            self.setExtraSelections([])
            return False
        doc = self.document()
        fmt = QTextCharFormat()
        fmt.setBackground(HIGHLIGHT)
        fmt.setForeground(QColor("#000000"))
        cursor = doc.find(quote, 0)
        first: QTextCursor | None = None
        while not cursor.isNull():
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
            first = first or QTextCursor(cursor)
            cursor = doc.find(quote, cursor, QTextDocument.FindFlag(0))
        self.setExtraSelections(selections)
        if first is not None:
            self.setTextCursor(first)
            self.ensureCursorVisible()
        return bool(selections)


class FileStatusList(QListWidget):
    """One row per dropped file: queued, reading, read, or why it could not be read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fileStatus")
        self.setWordWrap(True)
        self.rows: dict[Path, QListWidgetItem] = {}
        self.states: dict[Path, FileStatus] = {}
        self.hide()

    def update_status(self, status: FileStatus) -> None:
        item = self.rows.get(status.path)
        if item is None and status.state == "ok":
            # A document from inside a dropped folder: mark the folder's row, not a new one.
            parent = next((p for p in self.rows if p in status.path.parents), None)
            if parent is not None:
                status = FileStatus(parent, "ok")
                item = self.rows[parent]
        if item is None:
            item = QListWidgetItem()
            self.rows[status.path] = item
            self.addItem(item)
        self.states[status.path] = status
        item.setText(self._text(status))
        item.setToolTip(str(status.path))
        colour = {"failed": QColor("#c0392b"), "ok": QColor("#2e7d32")}.get(status.state)
        item.setForeground(colour if colour is not None else self.palette().text().color())
        self.setFixedHeight(min(110, self.sizeHintForRow(0) * self.count() + 2 * self.frameWidth() + 4))
        self.show()
        self.scrollToItem(item)

    def _text(self, status: FileStatus) -> str:
        name = status.path.name
        if status.state == "queued":
            return self.tr("{0}: waiting").format(name)
        if status.state == "reading":
            return self.tr("{0}: reading…").format(name)
        if status.state == "ok":
            return self.tr("{0}: read").format(name)
        if status.state == "model":
            return self.tr("{0}: model file, loading it").format(name)
        return "✗ " + (status.message or self.tr("{0}: could not be read").format(name))

    def failed(self) -> list[FileStatus]:
        return [s for s in self.states.values() if s.state == "failed"]

    def clear_status(self) -> None:
        self.clear()
        self.rows.clear()
        self.states.clear()
        self.hide()

    def retranslate(self) -> None:
        for path, item in self.rows.items():
            item.setText(self._text(self.states[path]))


class DocumentPane(QWidget):
    evidence_missing = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.documents: list[Document] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("paneTitle")
        head.addWidget(self.title)
        self.selector = QComboBox()
        self.selector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.selector.setMinimumContentsLength(6)
        self.selector.currentIndexChanged.connect(self._select)
        head.addWidget(self.selector, 1)
        self.remove_button = QToolButton()
        self.remove_button.setIcon(icon("delete", ink()))
        head.addWidget(self.remove_button)
        layout.addLayout(head)
        self.files = FileStatusList()
        layout.addWidget(self.files)
        self.tabs = QTabWidget()
        self.text = DocumentText()
        self.viewer = DicomViewer()
        self.findings = FindingsPanel()
        self.findings.evidence_clicked.connect(self.show_evidence)
        self.tabs.addTab(self.text, "")
        self.tabs.addTab(self.viewer, "")
        self.tabs.addTab(self.findings, "")
        layout.addWidget(self.tabs, 1)
        self.retranslate()
        self.set_documents([])

    def retranslate(self) -> None:
        self.title.setText(self.tr("Documents"))
        self.remove_button.setToolTip(self.tr("Remove this document from the session"))
        self.tabs.setTabText(0, self.tr("Report"))
        self.tabs.setTabText(1, self.tr("Images"))
        self.tabs.setTabText(2, self.tr("Findings"))
        self.files.retranslate()
        if not self.documents:
            self.selector.setPlaceholderText(self.tr("No documents yet"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_documents(self, documents: list[Document]) -> None:
        current = self.current_document()
        self.documents = list(documents)
        self.selector.blockSignals(True)
        self.selector.clear()
        for document in self.documents:
            self.selector.addItem(icon("image" if document.series else "document", ink()), document.name)
        index = self.documents.index(current) if current in self.documents else len(self.documents) - 1
        self.selector.setCurrentIndex(index)
        self.selector.blockSignals(False)
        self.remove_button.setEnabled(bool(self.documents))
        self._select(index)

    def current_document(self) -> Document | None:
        index = self.selector.currentIndex()
        return self.documents[index] if 0 <= index < len(self.documents) else None

    def _select(self, index: int) -> None:
        document = self.documents[index] if 0 <= index < len(self.documents) else None
        if document is self.text.document_shown and document is not None:
            return
        self.text.show_document(document)
        has_images = bool(document and document.series)
        self.tabs.setTabEnabled(1, has_images)
        self.viewer.set_document(document if has_images else None)
        if has_images:
            self.tabs.setCurrentIndex(1)
        elif self.tabs.currentIndex() == 1:
            self.tabs.setCurrentIndex(0)

    def show_evidence(self, quote: str) -> bool:
        """Highlight ``quote`` in whichever document holds it."""
        for index, document in enumerate(self.documents):
            if " ".join(quote.split()).lower() in " ".join(document.text().split()).lower():
                if index != self.selector.currentIndex():
                    self.selector.setCurrentIndex(index)
                self.tabs.setCurrentIndex(0)
                found = self.text.highlight(quote)
                if found:
                    return True
        if self.text.highlight(quote):
            self.tabs.setCurrentIndex(0)
            return True
        self.evidence_missing.emit(quote)
        return False
