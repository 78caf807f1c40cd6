"""Preferences that only the desktop app has (theme, auto-lock, window geometry).

Kept in ``ui.ini`` in the data folder beside settings.json; nothing here is secret or
patient data.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from app.core import paths

DEFAULT_AUTO_LOCK_MINUTES = 15


class UiPrefs:
    def __init__(self) -> None:
        self._store = QSettings(str(paths.home() / "ui.ini"), QSettings.Format.IniFormat)

    def _get(self, key: str, default: object) -> object:
        return self._store.value(key, default)

    @property
    def theme(self) -> str:
        value = str(self._get("theme", "system"))
        return value if value in ("system", "light", "dark") else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self._store.setValue("theme", value)

    @property
    def auto_lock_minutes(self) -> int:
        """0 turns the idle lock off."""
        try:
            return max(0, int(str(self._get("auto_lock_minutes", DEFAULT_AUTO_LOCK_MINUTES))))
        except ValueError:
            return DEFAULT_AUTO_LOCK_MINUTES

    @auto_lock_minutes.setter
    def auto_lock_minutes(self, value: int) -> None:
        self._store.setValue("auto_lock_minutes", int(value))

    @property
    def geometry(self) -> QByteArray | None:
        value = self._get("window/geometry", None)
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        value = self._get("window/state", None)
        return value if isinstance(value, QByteArray) else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._store.setValue("window/state", value)

    @property
    def first_run_done(self) -> bool:
        return str(self._get("first_run_done", "false")).lower() == "true"

    @first_run_done.setter
    def first_run_done(self, value: bool) -> None:
        self._store.setValue("first_run_done", "true" if value else "false")

    def sync(self) -> None:
        self._store.sync()
