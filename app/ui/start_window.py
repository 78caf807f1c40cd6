"""The window shown while Enclave starts: Qt only, so it reaches the screen at once.

It sits where the main window will be (the saved geometry), says what is being loaded, takes
files dropped on it (they are opened as soon as the main window is ready) and, when the
start fails, says why and offers to close. It imports nothing but Qt and uses no enum of the
Qt namespace (its first use builds all of them, ~40 ms): text is centred with rich text and
widgets with stretches.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

DEFAULT_SIZE = (1360, 860)  # both windows' size before the user changes it (saved geometry)


class StartWindow(QMainWindow):
    closed_by_user = Signal()

    def __init__(self, geometry: QByteArray | None = None) -> None:
        super().__init__()
        self.setObjectName("startWindow")
        self.setAcceptDrops(True)
        self.dropped: list[str] = []
        self.handed_over = False
        self.resize(*DEFAULT_SIZE)
        if geometry is not None:
            self.restoreGeometry(geometry)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        self.title = QLabel('<p align="center" style="font-size: 26pt; font-weight: 600">Enclave</p>')
        self.title.setObjectName("startTitle")
        layout.addWidget(self.title)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(320)
        layout.addLayout(_centred(self.progress))
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        self.close_button.hide()
        layout.addLayout(_centred(self.close_button))
        layout.addStretch(3)
        self.setCentralWidget(page)
        # The main window's own title, translated once for both.
        title = QCoreApplication.translate("MainWindow", "Enclave — offline clinical report assistant")
        self.setWindowTitle(title)
        self.show_step(self.tr("Starting…"))

    def show_step(self, text: str) -> None:
        self.status.setText(f'<p align="center">{html.escape(text)}</p>')

    def show_loading(self) -> None:
        self.show_step(self.tr("Loading the AI engine and your workspace…"))

    def show_failure(self, text: str) -> None:
        """The start failed: say why and leave the window open until the user closes it."""
        from PySide6.QtCore import Qt  # after the first paint: the enums' cost no longer matters

        self.progress.hide()
        self.show_step(text)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setObjectName("warning")
        self.status.style().unpolish(self.status)  # the style sheet's #warning rule applies now
        self.status.style().polish(self.status)
        self.close_button.setText(self.tr("Close"))
        self.close_button.show()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.dropped.extend(paths)
            self.show_step(self.tr("Starting… {0} file(s) will open when the window is ready.")
                           .format(len(self.dropped)))
            event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.handed_over:
            self.closed_by_user.emit()
        super().closeEvent(event)


def _centred(widget: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget)
    row.addStretch(1)
    return row
