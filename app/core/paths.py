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


def settings_file() -> Path:
    return home() / "settings.json"


def logs_dir() -> Path:
    path = home() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_models_dir() -> Path:
    return home() / "models"


def install_root() -> Path:
    """The folder the application is installed in (the frozen bundle or the source tree)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


def install_models_dir() -> Path:
    return install_root() / "models"


def manifest_file() -> Path:
    return install_models_dir() / "manifest.json"
