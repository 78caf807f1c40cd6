"""Qt fixtures: real widgets on the offscreen platform, real services on the tiny model.

pytest-qt's ``qapp`` is the one QApplication for the whole session.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.core import settings as settings_mod
from app.ui.stall_probe import StallMeter  # noqa: F401 - re-exported for the tests


@pytest.fixture(autouse=True)
def _quiet_errors(qapp):
    """Errors go to a list the tests can read, not to message boxes."""
    from app.ui import i18n, theme
    from app.ui.errors import relay

    errors = relay()
    errors.quiet = True
    errors.shown.clear()
    errors.install()
    theme.apply(qapp, "light")
    i18n.install("en")
    yield errors
    errors.uninstall()
    i18n.install("en")


@pytest.fixture
def ui_settings(tiny_model: Path) -> settings_mod.Settings:
    """Settings for the tiny model: small context, short answers, saved in the test's home."""
    settings = settings_mod.Settings(model_path=str(tiny_model), n_ctx=2048, n_threads=2)
    settings.sampling.max_tokens = 48
    settings_mod.save(settings)
    return settings


@pytest.fixture
def make_window(qtbot, ui_settings) -> Iterator[Callable[..., object]]:
    """Build a main window on real services; ``load`` starts the model load like the app."""
    from app.services import Services
    from app.ui.controller import Controller
    from app.ui.main_window import MainWindow
    from app.ui.prefs import UiPrefs

    made: list[MainWindow] = []

    def make(store: object = None, load: bool = True, settings: settings_mod.Settings | None = None):
        services = Services(settings=copy.deepcopy(settings or ui_settings))
        window = MainWindow(Controller(services), UiPrefs(), store)
        window.resize(1200, 800)
        window.show()
        if load:
            window.controller.load_model()
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
    from app.ui.workers import wait_for_jobs

    wait_for_jobs(30_000)
    # Free each window's llama.cpp model now: one left to the interpreter's final garbage
    # collection can crash it there ("deallocating None"), after every test has passed.
    for window in made:
        window.controller.services.close()


def wait_model(qtbot, window, timeout: int = 60_000) -> None:
    qtbot.waitUntil(lambda: window.controller.model_state in ("ready", "failed"), timeout=timeout)
    assert window.controller.model_state == "ready", window.controller.model_error


def drop_files(window, paths: list[Path]) -> None:
    """What a drag from the file manager delivers: a DragEnter, then a Drop with file URLs."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    centre = QPoint(window.width() // 2, window.height() // 2)
    # Qt 6.11's binding takes the position as a QPoint, 6.12's as a QPointF.
    try:
        position: QPoint | QPointF = QPointF(centre)
        enter = QDragEnterEvent(position, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)  # fmt: skip
    except TypeError:
        position = centre
        enter = QDragEnterEvent(position, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted(), "the window refused the drag"
    drop = QDropEvent(position, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(window, drop)


@pytest.fixture
def ct_series(tmp_path: Path) -> Path:
    """A folder with a five-slice CT series made from pydicom's CT_small.dcm (slices differ)."""
    from tests.fixtures.dicom_files import write_ct_series

    return write_ct_series(tmp_path / "ct-series", 5)
