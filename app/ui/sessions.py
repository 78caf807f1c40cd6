"""The left pane: stored sessions, full-text search over the vault, new / rename / pin /
delete (with confirmation)."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.controller import Controller, Turn
from app.ui.resources import icon
from app.ui.session_store import SessionStore
from app.ui.theme import ink

ID_ROLE = Qt.ItemDataRole.UserRole


class SessionPanel(QWidget):
    session_chosen = Signal(str)
    new_requested = Signal()
    listed = Signal(int)  # rows shown (tests wait on it)

    def __init__(self, store: SessionStore | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setMinimumWidth(200)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("paneTitle")
        head.addWidget(self.title, 1)
        self.buttons: dict[str, QToolButton] = {}
        for name in ("new", "pin", "edit", "delete"):
            button = QToolButton()
            button.setIcon(icon(name, ink()))
            button.setAutoRaise(True)
            self.buttons[name] = button
            head.addWidget(button)
        layout.addLayout(head)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.list = QListWidget()
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        layout.addWidget(self.list, 1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("dropHint")
        layout.addWidget(self.note)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)
        self.list.customContextMenuRequested.connect(self._menu)
        self.buttons["new"].clicked.connect(self.new_requested)
        self.buttons["pin"].clicked.connect(self.toggle_pin)
        self.buttons["edit"].clicked.connect(self.rename_current)
        self.buttons["delete"].clicked.connect(self.delete_current)
        if store is not None:
            store.changed.connect(self.refresh)
        self._locked = False
        self.retranslate()
        self.refresh()

    def set_store(self, store: SessionStore | None) -> None:
        self.store = store
        if store is not None:
            store.changed.connect(self.refresh)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Sessions"))
        self.search.setPlaceholderText(self.tr("Search all sessions (Ctrl+F)"))
        self.buttons["new"].setToolTip(self.tr("New session (Ctrl+N)"))
        self.buttons["pin"].setToolTip(self.tr("Pin or unpin"))
        self.buttons["edit"].setToolTip(self.tr("Rename"))
        self.buttons["delete"].setToolTip(self.tr("Delete"))
        if self.store is None:
            self.note.setText(self.tr("Sessions are not being stored: the encrypted vault is not open."))
        self.note.setVisible(self.store is None)
        for name in ("pin", "edit", "delete"):
            self.buttons[name].setEnabled(self.store is not None)
        self.search.setEnabled(self.store is not None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- listing ----------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.store is None or self._locked:
            return
        query = self.search.text()
        self.store.list_sessions(query, lambda rows: self._show(query, rows))

    def _show(self, query: str, rows: list[Any]) -> None:
        if self._locked or query != self.search.text():
            return
        current = self.store.session_id if self.store else None
        self.list.clear()
        seen: set[str] = set()
        for row in rows:
            session_id = getattr(row, "session_id", None) or row.id
            if session_id in seen:
                continue
            seen.add(session_id)
            if hasattr(row, "snippet_parts"):  # a search hit
                snippet = "".join(text for text, _hit in row.snippet_parts)
                text = f"{row.session_title}\n… {snippet.strip()[:90]} …"
            else:
                pin = "📌 " if row.pinned else ""
                lock = "⏳ " if row.ephemeral else ""
                when = time.strftime("%Y-%m-%d %H:%M", time.localtime(row.updated))
                text = f"{pin}{lock}{row.title}\n{when}"
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, session_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, getattr(row, "pinned", False))
            title = getattr(row, "title", getattr(row, "session_title", ""))
            item.setData(Qt.ItemDataRole.UserRole + 2, title)
            self.list.addItem(item)
            if session_id == current:
                item.setSelected(True)
        self.listed.emit(self.list.count())

    def clear_selection(self) -> None:
        self.list.clearSelection()
        if self.store is not None:
            self.store.forget_current()

    # -- actions ----------------------------------------------------------------------------

    def _chosen(self, item: QListWidgetItem) -> None:
        session_id = item.data(ID_ROLE)
        if session_id and (self.store is None or session_id != self.store.session_id):
            self.session_chosen.emit(session_id)

    def load_into(self, session_id: str, controller: Controller) -> None:
        if self.store is not None:
            self.store.load(session_id, controller)

    def save_turn(self, controller: Controller, turn: Turn) -> None:
        if self.store is not None and turn.role == "assistant" and turn.state in ("done", "cancelled"):
            self.store.save_exchange(controller, turn)

    def _current(self) -> QListWidgetItem | None:
        items = self.list.selectedItems()
        return items[0] if items else self.list.currentItem()

    def toggle_pin(self) -> None:
        item = self._current()
        if item is not None and self.store is not None:
            self.store.pin(item.data(ID_ROLE), not bool(item.data(Qt.ItemDataRole.UserRole + 1)))

    def rename_current(self) -> None:
        item = self._current()
        if item is None or self.store is None:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Rename session"))
        dialog.setLabelText(self.tr("New name:"))
        dialog.setTextValue(str(item.data(Qt.ItemDataRole.UserRole + 2)))
        session_id = item.data(ID_ROLE)
        dialog.textValueSelected.connect(lambda text: self.store.rename(session_id, text.strip())
                                         if text.strip() and self.store else None)  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def delete_current(self) -> None:
        item = self._current()
        if item is None or self.store is None:
            return
        session_id = item.data(ID_ROLE)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete session"),
                          self.tr("Delete this session and everything in it? This cannot be undone."),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)  # fmt: skip
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        yes = QMessageBox.StandardButton.Yes
        box.finished.connect(lambda result: self.store.delete(session_id)
                             if result == yes and self.store else None)  # fmt: skip
        self._confirm = box
        box.open()

    def _menu(self, pos: QPoint) -> None:
        if self.list.itemAt(pos) is None or self.store is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Rename"), self.rename_current)
        menu.addAction(self.tr("Pin or unpin"), self.toggle_pin)
        menu.addAction(self.tr("Delete"), self.delete_current)
        menu.popup(self.list.viewport().mapToGlobal(pos))

    # -- lock -------------------------------------------------------------------------------

    def lock(self) -> None:
        self._locked = True
        self._debounce.stop()
        self.list.clear()
        self.search.clear()
        if self.store is not None:
            self.store.forget_current()

    def unlock(self) -> None:
        self._locked = False
        self.refresh()
