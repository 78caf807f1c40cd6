"""Starting the desktop app (``enclave-gui``; ``python -m app``): a window at once, the rest behind it.

1. Qt only: the QApplication, theme, translations and a :class:`StartWindow` where the main
   window will be. This module imports nothing heavier than Qt, the settings file and the
   app's resources, so the window is on screen about as soon as a bare Qt window would be.
2. After that window's first paint, a background thread loads llama.cpp (first: see
   app/core/native_libs.py) and imports the rest of the app: services, vault crypto, numpy,
   the main window's modules (about a second, which used to pass before anything was shown).
3. Back on the GUI thread, app/ui/application.py builds the session and the main window in
   the start window's place; files dropped meanwhile are opened there.

``--screenshot OUT.png [--open FILE]... [--task T] [--lang zh_CN]`` starts the app as a user
would, opens the files, runs the task to the end, renders the window into OUT.png and exits
(0, or 1 with the reason on stderr). On a fresh data folder with a passphrase given
(``--passphrase-file`` or ENCLAVE_PASSPHRASE) the vault is created without the wizard.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import threading
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from app import PRODUCT_NAME, __version__
from app.core import settings as settings_mod
from app.core import startup_trace
from app.core.tasks.catalogue import TASKS
from app.ui import first_paint, i18n, theme
from app.ui.prefs import UiPrefs
from app.ui.resources import app_icon
from app.ui.start_window import StartWindow

log = logging.getLogger(__name__)
# Start loading even if the start window is never painted (started minimised, hidden): later
# than any first paint seen, even from a cold disk (~1 s), so it never competes with one.
_IMPORT_FALLBACK_MS = 2000


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        self.exit(2, f"enclave-gui: error: {message}\n")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = _Parser(prog="enclave-gui", description="Enclave, the desktop app.")
    parser.add_argument("--version", action="version", version=f"Enclave {__version__}")
    # Positional files are what "Open with Enclave" passes (Exec=enclave-gui %F on Linux,
    # "enclave-gui.exe" "%1" on Windows).
    parser.add_argument("files", nargs="*", metavar="FILE", help="files or folders to open")
    parser.add_argument("--open", action="append", default=[], metavar="FILE",
                        help="open FILE (a report, DICOM file or folder); may be repeated")
    parser.add_argument("--task", choices=(*TASKS, "none"), default=None,
                        help="with --screenshot: the task to run (default summary; 'none' runs none)")
    parser.add_argument("--lang", choices=tuple(i18n.LANGUAGES), default=None,
                        help="interface and answer language for this run")
    parser.add_argument("--theme", choices=theme.THEMES, default=None)
    parser.add_argument("--model", metavar="PATH", help="GGUF model file")
    parser.add_argument("--passphrase-file", metavar="FILE",
                        help="vault passphrase (else ENCLAVE_PASSPHRASE)")
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="render the window into OUT.png after the task finished, then exit")
    parser.add_argument("--size", default="1440x900", metavar="WxH", help="window size for --screenshot")
    parser.add_argument("--max-tokens", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        parser.error(f"--size must look like 1440x900, not {args.size!r}")
    args.size = (width, height)
    args.open = [*args.files, *args.open]
    return args


def make_app(with_icon: bool = True) -> QApplication:
    app = QApplication.instance()
    if app is None:  # Qt 6 scales by the screen's exact factor (PassThrough) by default
        app = QApplication([sys.argv[0] if sys.argv else "enclave-gui"])
    assert isinstance(app, QApplication)
    app.setApplicationName(PRODUCT_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(PRODUCT_NAME)
    app.setDesktopFileName("enclave")
    if with_icon:  # rendered from SVG at six sizes: the launcher sets it after the first paint
        app.setWindowIcon(app_icon())
    return app


def _load_settings() -> settings_mod.Settings | None:
    """The settings, read once for the start window's language and then handed to the session;
    None when the file cannot be read (the session's services read it again and say why)."""
    try:
        return settings_mod.load()
    except Exception:
        return None


class _BackgroundImports(QObject):
    """Imports the heavy part of the app on a worker thread; ``finished`` carries None or the
    reason it failed, delivered on the GUI thread (a queued signal)."""

    finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._started = False

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        threading.Thread(target=self._run, name="enclave-start-imports", daemon=True).start()

    def _run(self) -> None:
        try:
            from app.core.native_libs import load_llama_first

            load_llama_first()  # before any DICOM codec extension
            importlib.import_module("app.ui.application")
        except Exception as exc:
            self.finished.emit(f"{type(exc).__name__}: {exc}")
            return
        self.finished.emit(None)


def _warm_readers() -> None:
    """Import the document readers (pydicom, pypdf, python-docx, ...: ~0.5 s) while the user
    looks at the new window, so the first file dropped is read without that wait. A read that
    starts meanwhile waits for this import (app.services.document_readers takes a lock)."""
    try:
        from app.services import document_readers

        document_readers()
    except Exception as exc:  # a broken reader is reported when a file needs it
        log.warning("document readers could not be preloaded: %s", type(exc).__name__)


class Launcher(QObject):
    """Owns the start: the start window, the background imports, then the session."""

    def __init__(self, args: argparse.Namespace, app: QApplication, prefs: UiPrefs,
                 settings: settings_mod.Settings | None = None) -> None:  # fmt: skip
        super().__init__()
        self.args, self.app, self.prefs, self.settings = args, app, prefs, settings
        self.started = time.perf_counter()
        self.session: Any = None
        self.driver: Any = None
        self.exit_code = 0
        self.window = StartWindow(prefs.geometry)
        self.window.closed_by_user.connect(self._closed_early)
        self.imports = _BackgroundImports()
        self.imports.finished.connect(self._imports_done)
        self._closed = False
        self._loading = False
        self.readers_warm: threading.Thread | None = None

    def start(self) -> None:
        if self.args.screenshot:
            self.window.resize(*self.args.size)
        # Qt calls the filter installed last first: the loading starts after the benchmark's
        # stamp is written (the stamp says when the frame was on screen, not when loading began).
        first_paint.on_first_paint(self.window, self._begin_loading)
        first_paint.install(self.window)  # ENCLAVE_REPORT_FIRST_PAINT (start-up benchmark)
        QTimer.singleShot(_IMPORT_FALLBACK_MS, self._begin_loading)
        self.window.show()

    def _begin_loading(self) -> None:
        """After the first paint (or the fallback timer): everything deferred until a window
        was on screen, then the background imports. Runs once."""
        if self._loading:
            return
        self._loading = True
        startup_trace.mark("first paint")  # or the fallback timer
        startup_trace.write()
        from app.core.logs import setup_logging  # logging.handlers: not needed for the first frame
        from app.ui.errors import relay  # uses the Qt namespace: its enums cost ~40 ms to build

        setup_logging(console=bool(os.environ.get("ENCLAVE_DEBUG")))
        errors = relay()
        errors.install()
        errors.quiet = bool(self.args.screenshot)
        self.app.setWindowIcon(app_icon())
        if os.environ.get("ENCLAVE_DEBUG"):
            print(f"enclave-gui: start window painted after {time.perf_counter() - self.started:.2f} s",
                  file=sys.stderr)  # fmt: skip
        self.window.show_loading()
        self.imports.start()

    def _closed_early(self) -> None:
        self._closed = True  # the user closed the start window: quit once loading stops

    def _imports_done(self, failure: str | None) -> None:
        if self.session is not None or self.exit_code:
            return  # already handed over, or already failed
        if self._closed:
            self.app.quit()
            return
        if failure is not None:
            self._fail(failure)
            return
        from app.ui import application

        try:
            self.session = application.Session(self.args, self.app, self.prefs, self.settings)
        except Exception as exc:  # the window could not be built: say why
            self._fail(f"{type(exc).__name__}: {exc}")
            return
        window = self.session.window
        if self.args.screenshot:
            self.driver = application.ScreenshotDriver(self.session, self.args.screenshot)
        else:
            window.restoreGeometry(self.window.saveGeometry())  # where the user already sees it
        first_paint.install(window, first_paint.MAIN_WINDOW_ENV)
        first_paint.on_first_paint(window, self._hand_over)
        self.session.start(show=True)
        if self.window.dropped:
            window.import_paths(self.window.dropped)
        if self.driver is not None:
            self.driver.start()
        if os.environ.get("ENCLAVE_DEBUG"):
            print(f"enclave-gui: main window shown after {time.perf_counter() - self.started:.2f} s",
                  file=sys.stderr)  # fmt: skip

    def _hand_over(self) -> None:
        """The main window is on screen: the start window goes (no moment without a window),
        and the document readers are imported in the background."""
        self.window.handed_over = True
        self.window.close()
        self.readers_warm = threading.Thread(target=_warm_readers, name="enclave-warm-readers", daemon=True)
        self.readers_warm.start()

    def _fail(self, reason: str) -> None:
        self.exit_code = 1
        print(f"enclave: the desktop app cannot start: {reason}", file=sys.stderr)
        log.error("the desktop app could not start: %s", reason.split(":")[0])
        text = QCoreApplication.translate("Launcher", "Enclave could not start: {0}").format(reason)
        if self.args.screenshot:
            self.app.exit(1)
            return
        self.window.show_failure(text)

    def finish(self, code: int) -> int:
        if self.session is not None:
            self.session.close()
        if self.driver is not None:
            return int(self.driver.exit_code)
        return self.exit_code or int(code)


def run(argv: list[str]) -> int:
    args = parse_args(argv)
    app = make_app(with_icon=False)
    startup_trace.mark("QApplication")
    prefs = UiPrefs()
    # The palette only (the session applies the style sheet); "system" is judged from the
    # platform palette, since the colour-scheme query builds the Qt namespace (~40 ms).
    theme.apply_start(app, args.theme or prefs.theme)
    settings = _load_settings()
    i18n.install(args.lang or (settings.language if settings is not None else "en"))
    startup_trace.mark("settings, theme, translations")
    try:
        launcher = Launcher(args, app, prefs, settings)
    except Exception as exc:
        print(f"enclave-gui: the window could not start: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    startup_trace.mark("start window built")
    launcher.start()
    startup_trace.mark("shown")
    code = app.exec()
    result = launcher.finish(code)
    from app.ui.errors import relay

    relay().uninstall()
    return result
