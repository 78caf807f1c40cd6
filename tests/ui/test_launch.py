"""The two-stage start (app/ui/launch.py): a Qt-only window is painted before the heavy part of
the app is imported, llama.cpp is imported before any DICOM codec, the main window takes the
start window's place, and files dropped on the start window are opened."""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.conftest import drop_files

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("llama_cpp", "app.services", "app.ui.application", "app.ui.main_window", "numpy",
         "cryptography", "argon2", "pydicom", "jinja2")  # fmt: skip

# Runs the real entry point with spies on the two first-paint hooks; prints what was imported
# when each window was first painted, then quits.
_PROBE = r"""
import json, sys
from app.ui import first_paint
seen = {}
heavy = json.loads(sys.argv[1])
original = first_paint.install

def spy(window, env=first_paint.ENV):
    def record(name=env):
        modules = list(sys.modules)
        seen[name] = {"heavy": [m for m in heavy if m in sys.modules],
                      "order": [m for m in modules if m in ("llama_cpp", "libjpeg", "openjpeg", "rle",
                                                            "pylibjpeg")],
                      "visible": window.isVisible(), "title": window.windowTitle(),
                      "class": type(window).__name__}
        if name == first_paint.MAIN_WINDOW_ENV:
            from PySide6.QtWidgets import QApplication
            QApplication.instance().quit()
    first_paint.on_first_paint(window, record)
    original(window, env)

first_paint.install = spy
from app.gui_main import main
code = main(["--lang", "zh_CN"])
print("PROBE " + json.dumps({"code": code, "seen": seen}))
"""


def test_the_start_window_is_painted_before_the_heavy_imports(tmp_path: Path, demo_model: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ENCLAVE_HOME": str(tmp_path / "home"),
           "HOME": str(tmp_path), "ENCLAVE_MODEL": str(demo_model)}  # fmt: skip
    result = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(HEAVY)], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=180)  # fmt: skip
    lines = [line for line in result.stdout.splitlines() if line.startswith("PROBE ")]
    assert lines, result.stdout + result.stderr
    probe = json.loads(lines[-1][6:])
    assert probe["code"] == 0, result.stderr
    start, main = probe["seen"]["ENCLAVE_REPORT_FIRST_PAINT"], probe["seen"]["ENCLAVE_REPORT_MAIN_WINDOW"]
    assert start["class"] == "StartWindow" and main["class"] == "MainWindow"
    assert start["heavy"] == [], f"imported before the first window was painted: {start['heavy']}"
    assert {"llama_cpp", "app.services", "app.ui.main_window", "numpy"} <= set(main["heavy"])
    assert main["order"][0] == "llama_cpp", main["order"]  # before any DICOM codec (native_libs)
    # Both windows speak the chosen language and carry the same title.
    assert start["title"] == main["title"] and "Enclave" in start["title"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in start["title"]), start["title"]


def _args(**overrides: object) -> argparse.Namespace:
    from app.ui.launch import parse_args

    args = parse_args([])
    for key, value in overrides.items():
        setattr(args, key, value)
    return args


@pytest.fixture
def make_launcher(qapp, qtbot, ui_settings):
    from app.ui.launch import Launcher, parse_args
    from app.ui.prefs import UiPrefs

    made = []

    def make(argv: list[str] | None = None):
        made.append(Launcher(parse_args(argv or []), qapp, UiPrefs()))
        return made[-1]

    yield make
    for launcher in made:
        launcher.finish(0)
        # Delete the windows now rather than at some later garbage collection.
        for window in (launcher.window, getattr(launcher.session, "window", None)):
            if window is not None:
                window.close()
                window.deleteLater()
    made.clear()
    gc.collect()
    qtbot.wait(50)


@pytest.fixture
def launcher(make_launcher):
    return make_launcher()


def test_files_dropped_on_the_start_window_open_in_the_main_window(qtbot, launcher, report_file: Path):
    launcher.start()
    qtbot.waitExposed(launcher.window)
    drop_files(launcher.window, [report_file])
    assert launcher.window.dropped == [str(report_file)]
    assert "1" in launcher.window.status.text()
    qtbot.waitUntil(lambda: launcher.session is not None, timeout=60_000)
    controller = launcher.session.controller
    qtbot.waitUntil(lambda: len(controller.documents) == 1, timeout=60_000)
    assert controller.documents[0].source.name == report_file.name
    # The start window gives way once the main window has been painted, and the document
    # readers are imported in the background meanwhile, beside the read of the dropped file.
    qtbot.waitUntil(lambda: not launcher.window.isVisible(), timeout=10_000)
    assert launcher.session.window.isVisible()
    assert launcher.readers_warm is not None
    launcher.readers_warm.join(60)
    assert not launcher.readers_warm.is_alive() and "app.services.documents" in sys.modules


def test_files_given_on_the_command_line_open_like_open_with(qtbot, make_launcher, report_file: Path):
    """What the desktop entry (Exec=enclave-gui %F) and the Windows association ("%1") pass."""
    launcher = make_launcher([str(report_file)])
    launcher.start()
    qtbot.waitUntil(lambda: launcher.session is not None, timeout=60_000)
    controller = launcher.session.controller
    qtbot.waitUntil(lambda: len(controller.documents) == 1, timeout=60_000)
    assert controller.documents[0].source.name == report_file.name


def test_a_failed_start_says_why_in_the_window_and_exits_1(qtbot, launcher):
    launcher.start()
    qtbot.waitExposed(launcher.window)
    launcher.imports.finished.emit("ImportError: libllama.so: cannot open shared object file")
    assert launcher.session is None
    assert launcher.window.isVisible() and launcher.window.close_button.isVisible()
    assert "libllama.so" in launcher.window.status.text()
    assert launcher.finish(0) == 1


def test_first_run_wizard_is_deleted_with_the_session(qapp, qtbot, ui_settings):
    """Regression: a session closed with the first-run wizard open, the style sheet applied
    again, then the session garbage-collected, crashed Qt at the next setStyleSheet (the
    wizard died as a child of the main window). The session now deletes the wizard itself."""
    from app.ui import application, theme
    from app.ui.prefs import UiPrefs

    held = [application.Session(_args(), qapp, UiPrefs())]  # cleared below, to be collected
    session = held[0]
    session.start(show=True)
    qtbot.waitUntil(lambda: held[0].wizard is not None, timeout=30_000)
    assert session.vault_state == "first-run"
    session.close()
    assert session.wizard is None
    theme.apply(qapp, "dark")
    del session
    held.clear()
    gc.collect()
    qtbot.wait(50)
    theme.apply(qapp, "light")  # crashed here before
    assert qapp.styleSheet()


def test_start_palette_follows_a_dark_platform_without_the_qt_namespace(qapp):
    """With theme "system" the start window's palette is judged from the platform palette's
    lightness (the colour-scheme query would build every Qt-namespace enum first)."""
    from PySide6.QtGui import QColor, QPalette

    from app.ui import theme

    dark_platform = QPalette()
    dark_platform.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    qapp.setPalette(dark_platform)
    assert theme.platform_looks_dark(qapp)
    theme.apply_start(qapp, "system")
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == "#1f2227"  # the dark theme
    theme.apply_start(qapp, "light")
    assert not theme.platform_looks_dark(qapp)
    theme.apply_start(qapp, "system")  # now judged from a light palette
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 200
