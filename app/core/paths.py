"""Where Enclave keeps its files. ``ENCLAVE_HOME`` overrides everything (tests, IT)."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Enclave"


def home() -> Path:
    """The data and config folder (created on first use, private to the user)."""
    override = os.environ.get("ENCLAVE_HOME")
    base = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    base.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        with contextlib.suppress(OSError):
            base.chmod(0o700)
    return base


def make_files_private() -> None:
    """Everything the process creates from now on is private to the user (files 0600,
    folders 0700): logs, settings, Qt's ini file, exports. Called first thing by both faces."""
    if os.name == "posix":
        os.umask(0o077)


def settings_file() -> Path:
    return home() / "settings.json"


def logs_dir() -> Path:
    path = home() / "logs"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def user_models_dir() -> Path:
    return home() / "models"


def install_root() -> Path:
    """The folder the application is installed in (the frozen bundle or the source tree).

    Frozen, it is the executable's folder (/opt/enclave, C:\\Program Files\\Enclave), where
    IT puts ``models/``; a symlink such as /usr/bin/enclave is followed.
    """
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


def bundle_dir() -> Path:
    """Where the app's own read-only files live: PyInstaller's ``_internal`` folder
    (``sys._MEIPASS``) when frozen, the source tree otherwise."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", install_root())).resolve()
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    """Icons, style sheets, translations (``resources/`` of the source tree)."""
    return bundle_dir() / "resources"


def install_models_dir() -> Path:
    return install_root() / "models"


def manifest_file() -> Path:
    """The model manifest beside the install (IT may pin hashes there), else the bundled copy."""
    beside = install_models_dir() / "manifest.json"
    bundled = bundle_dir() / "models" / "manifest.json"
    return beside if beside.exists() or not bundled.exists() else bundled
