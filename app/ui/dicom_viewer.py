"""The DICOM viewer: series with thumbnails, slice scrolling, window/level, zoom, pan, invert,
tag browser. Frames are decoded and windowed on the worker pool; the canvas always paints
the last finished frame, so scrolling through a large series never stalls the window.

Mouse: wheel = slices, Ctrl+wheel = zoom, left-drag = window/level, right- or middle-drag =
pan, double-click = fit. Keys: 1-5 presets, I invert, Up/Down/PgUp/PgDn slices, 0 fit,
K mark the slice on screen as a key image for the vision model.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QIcon,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.documents.model import Document
from app.core.documents.series import burned_in_reason
from app.core.vision import key_images
from app.core.vision.key_images import KeyImageChoice
from app.ui.messages import translated
from app.ui.resources import icon
from app.ui.theme import ink
from app.ui.workers import run_job


@dataclass(frozen=True)
class Preset:
    key: str
    name: str
    width: float
    center: float
    core: str | None = None  # the same window's name in app.core.vision.key_images.PRESETS


def _core(name: str) -> tuple[float, float]:
    window = key_images.PRESETS[name]
    return window.width, window.center


# Window width / level presets (CT, Hounsfield units), on keys 1-5; the vision model's key
# images name the first four (one table of values, in core).
PRESETS: tuple[Preset, ...] = (
    Preset("1", str(QT_TRANSLATE_NOOP("DicomViewer", "Soft tissue")), *_core("mediastinum"), "mediastinum"),
    Preset("2", str(QT_TRANSLATE_NOOP("DicomViewer", "Lung")), *_core("lung"), "lung"),
    Preset("3", str(QT_TRANSLATE_NOOP("DicomViewer", "Bone")), *_core("bone"), "bone"),
    Preset("4", str(QT_TRANSLATE_NOOP("DicomViewer", "Brain")), *_core("brain"), "brain"),
    Preset("5", str(QT_TRANSLATE_NOOP("DicomViewer", "Liver")), 150, 90),
)
LOOK_TASKS = ("describe_images", "compare_images", "ask_images")


def to_qimage(array: np.ndarray) -> QImage:
    """A uint8 grey (rows, cols) or RGB (rows, cols, 3) array as a QImage that owns its data."""
    data = np.ascontiguousarray(array, dtype=np.uint8)
    if data.ndim == 2:
        rows, cols = data.shape
        image = QImage(data.data, cols, rows, data.strides[0], QImage.Format.Format_Grayscale8)
    else:
        rows, cols = data.shape[:2]
        image = QImage(data.data, cols, rows, data.strides[0], QImage.Format.Format_RGB888)
    return image.copy()


def _render(series: Any, index: int, window: Any) -> tuple[QImage, Any]:
    """On the pool: one frame, windowed, as a QImage (plus the window the file suggests)."""
    default = series.default_window(index) if window is None else None
    return to_qimage(series.frame(index, window)), default


def _thumbnail(series: Any) -> QImage:
    return to_qimage(series.thumbnail(96))


class ImageCanvas(QWidget):
    """Paints one frame; owns the view state (slice, window, zoom, pan, invert)."""

    frame_shown = Signal(int)  # slice index now painted
    state_changed = Signal()
    mark_requested = Signal()  # K: the slice on screen becomes a key image

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(200, 200)
        self.setMouseTracking(False)
        self.series: Any = None
        self.index = 0
        self.center: float | None = None
        self.width_: float | None = None
        self.invert = False
        self.zoom = 1.0
        self.pan = QPointF(0, 0)
        self.image: QImage | None = None
        self.error = ""
        self._requests = itertools.count(1)
        self._latest = 0
        self._pending = False
        self._again = False
        self._drag_start: QPointF | None = None
        self._drag_button = Qt.MouseButton.NoButton
        self._drag_window = (0.0, 1.0)
        self._drag_pan = QPointF(0, 0)

    # -- state ------------------------------------------------------------------------------

    def set_series(self, series: Any) -> None:
        self.series = series
        self.index = series.frame_count // 2 if series is not None else 0
        self.center = self.width_ = None
        self.zoom, self.pan = 1.0, QPointF(0, 0)
        self.image = None
        self.error = ""
        self._request()

    @property
    def frame_count(self) -> int:
        return int(self.series.frame_count) if self.series is not None else 0

    def set_index(self, index: int) -> None:
        if self.series is None:
            return
        index = max(0, min(self.frame_count - 1, index))
        if index != self.index:
            self.index = index
            self._request()

    def set_window(self, center: float, width: float) -> None:
        self.center, self.width_ = float(center), max(1.0, float(width))
        self._request()

    def apply_preset(self, preset: Preset) -> None:
        self.set_window(preset.center, preset.width)

    def set_invert(self, on: bool) -> None:
        self.invert = on
        self.update()
        self.state_changed.emit()

    def fit(self) -> None:
        self.zoom, self.pan = 1.0, QPointF(0, 0)
        self.update()

    # -- rendering --------------------------------------------------------------------------

    def _window(self) -> Any:
        if self.center is None or self.width_ is None:
            return None
        from app.core.documents.series import Window

        return Window(self.center, self.width_)

    def _request(self) -> None:
        """Ask the pool for the current frame; while one is decoding, only the newest waits."""
        if self.series is None:
            self.update()
            return
        if self._pending:
            self._again = True
            return
        self._pending = True
        request = next(self._requests)
        self._latest = request
        series, index = self.series, self.index
        run_job(_render, series, index, self._window(),
                on_done=lambda result: self._done(request, series, index, result),
                on_failed=lambda exc: self._failed(request, exc))  # fmt: skip
        self.state_changed.emit()

    def _done(self, request: int, series: Any, index: int, result: tuple[QImage, Any]) -> None:
        self._pending = False
        if series is self.series:
            self.image, default = result
            self.error = ""
            if self.center is None and default is not None:
                self.center, self.width_ = float(default.center), float(default.width)
            self.update()
            self.frame_shown.emit(index)
            self.state_changed.emit()
        if self._again:
            self._again = False
            self._request()

    def _failed(self, request: int, exc: BaseException) -> None:
        self._pending = False
        self.error = str(exc)
        self.image = None
        self.update()
        self.state_changed.emit()
        if self._again:
            self._again = False
            self._request()

    @property
    def busy(self) -> bool:
        return self._pending or self._again

    def paintEvent(self, _event: QEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#000000"))
        if self.image is None:
            painter.setPen(QColor("#d0d0d0"))
            text = self.error or (self.tr("Loading image…") if self.series is not None else "")
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
            return
        image = self.image
        if self.invert:
            image = image.copy()
            image.invertPixels()
        scale = min(self.width() / image.width(), self.height() / image.height()) * self.zoom
        w, h = image.width() * scale, image.height() * scale
        target = QRectF((self.width() - w) / 2 + self.pan.x(), (self.height() - h) / 2 + self.pan.y(), w, h)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, scale < 3)
        painter.drawImage(target, image)
        painter.setPen(QColor("#f0e68c"))
        overlay = self.tr("Image {0}/{1}").format(self.index + 1, self.frame_count)
        if self.center is not None and self.width_ is not None:
            overlay += "   " + self.tr("W {0:.0f} L {1:.0f}").format(self.width_, self.center)
        if self.zoom != 1.0:
            overlay += f"   {self.zoom:.1f}×"
        painter.drawText(QRectF(8, 6, self.width() - 16, 20), Qt.AlignmentFlag.AlignLeft, overlay)

    # -- input ------------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() // 120 or (1 if event.angleDelta().y() > 0 else -1)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom = max(0.2, min(20.0, self.zoom * (1.25 ** steps)))
            self.update()
        else:
            self.set_index(self.index - steps)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        self._drag_start = event.position()
        self._drag_button = event.button()
        self._drag_window = (self.center or 0.0, self.width_ or 1.0)
        self._drag_pan = QPointF(self.pan)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_start is None:
            return
        delta = event.position() - self._drag_start
        if self._drag_button == Qt.MouseButton.LeftButton:
            center, width = self._drag_window
            # Horizontal: width (contrast); vertical: level (brightness), scaled to the range.
            scale = max(1.0, width / 200.0)
            self.set_window(center + delta.y() * scale, max(1.0, width + delta.x() * scale * 2))
        elif self._drag_button in (Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton):
            self.pan = self._drag_pan + delta
            self.update()

    def mouseReleaseEvent(self, _event: QMouseEvent) -> None:
        self._drag_start = None

    def mouseDoubleClickEvent(self, _event: QMouseEvent) -> None:
        self.fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        preset = next((p for p in PRESETS if p.key == text), None)
        if preset is not None:
            self.apply_preset(preset)
        elif text.lower() == "i":
            self.set_invert(not self.invert)
        elif text == "0":
            self.fit()
        elif text.lower() == "k":
            self.mark_requested.emit()
        elif event.key() in (Qt.Key.Key_Up, Qt.Key.Key_PageUp):
            self.set_index(self.index - (10 if event.key() == Qt.Key.Key_PageUp else 1))
        elif event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            self.set_index(self.index + (10 if event.key() == Qt.Key.Key_PageDown else 1))
        else:
            super().keyPressEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(512, 512)


class DicomViewer(QWidget):
    """Series list, canvas with its tool row, warnings, the key images for the vision model,
    and the tag browser."""

    look_requested = Signal(str, object, str)  # image task id, [(series, KeyImageChoice)], question

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.privacy_level = "high"
        self.vision_available = False
        self.keys: list[tuple[Any, KeyImageChoice]] = []  # parallel to key_list's rows
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel()
        self.note.setObjectName("notice")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.burned_in = QLabel()
        self.burned_in.setObjectName("warning")
        self.burned_in.setWordWrap(True)
        self.burned_in.hide()
        layout.addWidget(self.burned_in)

        self.canvas = ImageCanvas()
        tools = QHBoxLayout()
        self.preset_buttons: list[QToolButton] = []
        for preset in PRESETS:
            button = QToolButton()
            button.clicked.connect(lambda _=False, p=preset: self.canvas.apply_preset(p))
            self.preset_buttons.append(button)
            tools.addWidget(button)
        self.invert_button = QToolButton()
        self.invert_button.setCheckable(True)
        self.invert_button.setIcon(icon("invert", ink()))
        self.invert_button.toggled.connect(lambda on: self.canvas.set_invert(on))
        tools.addWidget(self.invert_button)
        self.fit_button = QToolButton()
        self.fit_button.clicked.connect(lambda: self.canvas.fit())
        tools.addWidget(self.fit_button)
        tools.addStretch(1)
        layout.addLayout(tools)
        layout.addLayout(self._build_key_images())

        self.tabs = QTabWidget()
        images = QWidget()
        images_layout = QHBoxLayout(images)
        images_layout.setContentsMargins(0, 0, 0, 0)
        self.series_list = QListWidget()
        self.series_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.series_list.setIconSize(QSize(80, 80))
        self.series_list.setFlow(QListWidget.Flow.TopToBottom)
        self.series_list.setWrapping(False)
        self.series_list.setMaximumWidth(130)
        self.series_list.setMovement(QListWidget.Movement.Static)
        self.series_list.currentRowChanged.connect(self._select_series)
        images_layout.addWidget(self.series_list)
        images_layout.addWidget(self.canvas, 1)
        self.tabs.addTab(images, "")

        tags_page = QWidget()
        tags_layout = QVBoxLayout(tags_page)
        tags_layout.setContentsMargins(0, 4, 0, 0)
        self.full_tags = QCheckBox()
        self.full_tags.toggled.connect(lambda _on: self._fill_tags())
        tags_layout.addWidget(self.full_tags)
        self.tag_tree = QTreeWidget()
        self.tag_tree.setColumnCount(4)
        self.tag_tree.setRootIsDecorated(True)
        tags_layout.addWidget(self.tag_tree)
        self.tabs.addTab(tags_page, "")
        layout.addWidget(self.tabs, 1)
        self.canvas.frame_shown.connect(lambda _i: self._fill_tags_if_slice_changed())
        self.canvas.mark_requested.connect(self.mark_key_image)
        self._tags_for: tuple[int, int, bool] | None = None
        self.retranslate()

    def _build_key_images(self) -> QVBoxLayout:
        box = QVBoxLayout()
        row = QHBoxLayout()
        self.mark_button = QPushButton()
        self.mark_button.clicked.connect(self.mark_key_image)
        row.addWidget(self.mark_button)
        self.remove_key_button = QToolButton()
        self.remove_key_button.clicked.connect(self.remove_key_image)
        row.addWidget(self.remove_key_button)
        self.look_task = QComboBox()
        for task_id in LOOK_TASKS:
            self.look_task.addItem("", task_id)
        self.look_task.currentIndexChanged.connect(lambda _i: self._update_look())
        row.addWidget(self.look_task)
        self.look_question = QLineEdit()
        self.look_question.textChanged.connect(lambda _t: self._update_look())
        row.addWidget(self.look_question, 1)
        self.look_button = QPushButton()
        self.look_button.setObjectName("taskButton")
        self.look_button.clicked.connect(self.request_look)
        row.addWidget(self.look_button)
        box.addLayout(row)
        self.key_list = QListWidget()
        self.key_list.setMaximumHeight(84)
        self.key_list.itemChanged.connect(lambda _item: self._update_look())
        box.addWidget(self.key_list)
        return box

    # -- key images for the vision model ---------------------------------------------------

    def set_vision_available(self, available: bool) -> None:
        self.vision_available = available
        self.retranslate()

    def _window_choice(self) -> tuple[Any, str | None]:
        window = self.canvas._window()
        if window is None:
            return None, None
        shown = (window.center, window.width)
        match = next((p for p in PRESETS if p.core and (p.center, p.width) == shown), None)
        return window, match.core if match else None

    def mark_key_image(self) -> None:
        """The slice on screen, with the window on screen, becomes a key image."""
        series = self.canvas.series
        if series is None:
            return
        frame = self.canvas.index
        window, preset = self._window_choice()
        if any(s is series and c.frame == frame and c.window == window for s, c in self.keys):
            return
        choice = KeyImageChoice(frame, window, preset, "clinician")
        instance = series.locate(frame)[0].instance_number
        where = self.tr("instance {0}").format(instance) if instance is not None else self.tr(
            "frame {0}").format(frame + 1)  # fmt: skip
        shown = preset or (self.tr("window C {0} / W {1}").format(f"{window.center:g}", f"{window.width:g}")
                           if window is not None else self.tr("the file's window"))  # fmt: skip
        item = QListWidgetItem(f"{series.label} · {where} · {shown}")
        reason = burned_in_reason(series.locate(frame)[0].header)
        if reason and self.privacy_level != "standard":
            # Burned-in text: sent only once the clinician has looked and ticked this image.
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(self.tr("May show patient details burned into the pixels ({0}). Tick it once "
                                    "you have checked it, to send it to the vision model.")
                            .format(translated(reason)))  # fmt: skip
        self.keys.append((series, choice))
        self.key_list.addItem(item)
        self._update_look()

    def remove_key_image(self) -> None:
        row = self.key_list.currentRow()
        if 0 <= row < len(self.keys):
            del self.keys[row]
            self.key_list.takeItem(row)
        self._update_look()

    def picks(self) -> list[tuple[Any, KeyImageChoice]]:
        """The marked key images (burned-in ones carrying the clinician's tick), or, when none
        is marked, three evenly spaced slices and the one on screen, in the window on screen."""
        if self.keys:
            picked = []
            for row, (series, choice) in enumerate(self.keys):
                item = self.key_list.item(row)
                confirmed = bool(item.flags() & Qt.ItemFlag.ItemIsUserCheckable) and (
                    item.checkState() == Qt.CheckState.Checked)  # fmt: skip
                picked.append((series, KeyImageChoice(choice.frame, choice.window, choice.preset,
                                                      choice.chosen_by, confirmed)))  # fmt: skip
            return picked
        series = self.canvas.series
        if series is None:
            return []
        window, preset = self._window_choice()
        choices = key_images.representative(series, 3, self.canvas.index, window)
        return [(series, KeyImageChoice(c.frame, c.window, preset, c.chosen_by)) for c in choices]

    def request_look(self) -> None:
        picks = self.picks()
        task_id = str(self.look_task.currentData())
        question = self.look_question.text().strip()
        if not picks or not self.vision_available or (task_id == "ask_images" and not question):
            return
        self.look_requested.emit(task_id, picks, question)

    def set_look_enabled(self, enabled: bool) -> None:
        self._look_allowed = enabled
        self._update_look()

    def _update_look(self) -> None:
        task_id = self.look_task.currentData()
        self.look_question.setVisible(task_id == "ask_images")
        allowed = self.vision_available and getattr(self, "_look_allowed", True)
        ready = (allowed and self.canvas.series is not None
                 and (task_id != "ask_images" or bool(self.look_question.text().strip())))  # fmt: skip
        self.look_button.setEnabled(ready)
        self.mark_button.setEnabled(self.canvas.series is not None)
        self.remove_key_button.setEnabled(bool(self.keys))
        self.key_list.setVisible(bool(self.keys))

    def retranslate(self) -> None:
        if self.vision_available:
            self.note.setText(self.tr("The text model reads text only and has not looked at these images. "
                                      "Mark key images (K) and press Look: the vision model sees only the "
                                      "images you mark, or three evenly spaced slices and the one on screen, "
                                      "and its answer names each image it looked at."))
        else:
            self.note.setText(self.tr("The AI model reads text only (reports, structured reports and "
                                      "DICOM metadata). It has not looked at these images. A vision model "
                                      "(Qwen2.5-VL with its mmproj file in the models folder) can look at "
                                      "key images."))
        self.mark_button.setText(self.tr("Mark key image (K)"))
        self.mark_button.setToolTip(self.tr("The slice on screen, in the window on screen, goes to the "
                                            "vision model"))
        self.remove_key_button.setText(self.tr("Remove"))
        for index, title in enumerate((self.tr("Describe the key images"), self.tr("Compare with the report"),
                                       self.tr("Ask about the images"))):  # fmt: skip
            self.look_task.setItemText(index, title)
        self.look_question.setPlaceholderText(self.tr("Your question about these images"))
        self.look_button.setText(self.tr("Look"))
        tip = self.tr("Let the vision model look at the key images")
        self.look_button.setToolTip(tip if self.vision_available else self.tr("No vision model is installed"))
        self._update_look()
        for button, preset in zip(self.preset_buttons, PRESETS, strict=True):
            name = QCoreApplication.translate("DicomViewer", preset.name)
            button.setText(f"{preset.key} {name}")
            button.setToolTip(self.tr("{0}: window {1}, level {2} (key {3})").format(
                name, int(preset.width), int(preset.center), preset.key))  # fmt: skip
        self.invert_button.setToolTip(self.tr("Invert (I)"))
        self.fit_button.setText(self.tr("Fit"))
        self.fit_button.setToolTip(self.tr("Fit the image to the view (0 or double-click)"))
        self.tabs.setTabText(0, self.tr("Images"))
        self.tabs.setTabText(1, self.tr("Tags"))
        self.full_tags.setText(self.tr("Show all tags, including identifying ones"))
        self._update_tag_permission()
        self.tag_tree.setHeaderLabels([self.tr("Tag"), self.tr("Name"), self.tr("VR"), self.tr("Value")])
        self._update_burned_in()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_privacy_level(self, level: str) -> None:
        self.privacy_level = level
        self._update_tag_permission()

    def _update_tag_permission(self) -> None:
        allowed = self.privacy_level == "standard"
        self.full_tags.setEnabled(allowed)
        if not allowed:
            self.full_tags.setChecked(False)
            self.full_tags.setToolTip(self.tr("Only at privacy level 'standard'"))
        else:
            self.full_tags.setToolTip("")

    def set_document(self, document: Document | None) -> None:
        if document is not self.document:
            self.keys.clear()
            self.key_list.clear()
        self.document = document
        self.series_list.clear()
        self._tags_for = None
        series = list(document.series) if document is not None else []
        for item_series in series:
            item = QListWidgetItem(f"{item_series.label}\n{item_series.frame_count}")
            item.setToolTip(item_series.label)
            item.setSizeHint(QSize(110, 112))
            self.series_list.addItem(item)
            self._thumbnail_later(document, self.series_list.count() - 1, item_series)
        if series:
            self.series_list.setCurrentRow(0)
        else:
            self.canvas.set_series(None)
        self._update_burned_in()
        self._update_look()

    def _thumbnail_later(self, document: Document | None, row: int, series: Any) -> None:
        def show(image: QImage) -> None:
            self._set_thumb(document, row, image)

        run_job(_thumbnail, series, on_done=show)

    def _set_thumb(self, document: Document | None, row: int, image: QImage) -> None:
        if document is not self.document or row >= self.series_list.count():
            return
        item = self.series_list.item(row)
        item.setIcon(QIcon(QPixmap.fromImage(image)))

    def _select_series(self, row: int) -> None:
        if self.document is None or not 0 <= row < len(self.document.series):
            return
        self.canvas.set_series(self.document.series[row])
        self._tags_for = None
        self._update_burned_in()

    def _update_burned_in(self) -> None:
        series = self.canvas.series
        reason = getattr(series, "burned_in", None) if series is not None else None
        self.burned_in.setVisible(bool(reason))
        if reason:
            self.burned_in.setText(self.tr("These images may show patient details burned into the "
                                           "pixels ({0}). De-identification cannot remove them.")
                                   .format(translated(reason)))  # fmt: skip

    def _fill_tags_if_slice_changed(self) -> None:
        if self.tabs.currentIndex() == 1 or self._tags_for is None:
            self._fill_tags()

    def _fill_tags(self) -> None:
        series = self.canvas.series
        self.tag_tree.clear()
        if series is None:
            return
        full = self.full_tags.isChecked() and self.privacy_level == "standard"
        index = self.canvas.index
        self._tags_for = (id(series), index, full)

        def rows() -> Any:
            return series.tags(index, deidentified=not full)

        def show(result: Any) -> None:
            self._show_tags(series, result)

        run_job(rows, on_done=show)

    def _show_tags(self, series: Any, rows: Any) -> None:
        if series is not self.canvas.series:
            return
        self.tag_tree.clear()
        parents: list[QTreeWidgetItem] = []
        for row in rows:
            item = QTreeWidgetItem([row.tag, row.name or row.keyword, row.vr, row.value])
            depth = min(row.depth, len(parents))
            del parents[depth:]
            if parents:
                parents[-1].addChild(item)
            else:
                self.tag_tree.addTopLevelItem(item)
            parents.append(item)
        self.tag_tree.expandAll()
        for column in range(3):
            self.tag_tree.resizeColumnToContents(column)
