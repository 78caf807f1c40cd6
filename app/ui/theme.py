"""Light and dark themes. "system" follows the desktop's colour scheme, live."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from app.ui.resources import style_sheet

THEMES = ("system", "light", "dark")


def is_dark(theme: str) -> bool:
    if theme == "dark":
        return True
    if theme == "light":
        return False
    # Imported here: the first use of the Qt namespace builds all its enums (~40 ms), which the
    # start window avoids (app/ui/launch.py).
    from PySide6.QtCore import Qt

    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def platform_looks_dark(app: QApplication) -> bool:
    """The platform's own palette is dark (Windows dark mode, a dark GTK theme): a guess at the
    colour scheme that needs no Qt-namespace enum, for the start window. Call it before
    :func:`apply` replaces the palette."""
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def apply_start(app: QApplication, theme: str) -> None:
    """The palette for the start window: the chosen theme, or for "system" the platform
    palette's lightness (the session applies the real thing, colour-scheme query included)."""
    _style_and_palette(app, platform_looks_dark(app) if theme == "system" else is_dark(theme))


def _style_and_palette(app: QApplication, dark: bool) -> None:
    app.setStyle("Fusion")
    app.setPalette(_palette(dark))


def _palette(dark: bool) -> QPalette:
    palette = QPalette()
    if dark:
        colours = {
            QPalette.ColorRole.Window: "#1f2227", QPalette.ColorRole.WindowText: "#e6e8eb",
            QPalette.ColorRole.Base: "#16181c", QPalette.ColorRole.AlternateBase: "#262a30",
            QPalette.ColorRole.Text: "#e6e8eb", QPalette.ColorRole.Button: "#2a2e35",
            QPalette.ColorRole.ButtonText: "#e6e8eb", QPalette.ColorRole.Highlight: "#3d7bd9",
            QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#2a2e35",
            QPalette.ColorRole.ToolTipText: "#e6e8eb", QPalette.ColorRole.Link: "#7fb0ff",
            QPalette.ColorRole.PlaceholderText: "#8b929c", QPalette.ColorRole.Mid: "#4a505a",
            QPalette.ColorRole.Midlight: "#363b43", QPalette.ColorRole.Light: "#3c424b",
            QPalette.ColorRole.Dark: "#121417", QPalette.ColorRole.Shadow: "#000000",
        }  # fmt: skip
    else:
        colours = {
            QPalette.ColorRole.Window: "#f4f5f7", QPalette.ColorRole.WindowText: "#1f2937",
            QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#eef2f7",
            QPalette.ColorRole.Text: "#1f2937", QPalette.ColorRole.Button: "#ffffff",
            QPalette.ColorRole.ButtonText: "#1f2937", QPalette.ColorRole.Highlight: "#2f7fd8",
            QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#ffffe8",
            QPalette.ColorRole.ToolTipText: "#1f2937", QPalette.ColorRole.Link: "#1a5fb4",
            QPalette.ColorRole.PlaceholderText: "#7b8491", QPalette.ColorRole.Mid: "#c3c9d1",
            QPalette.ColorRole.Midlight: "#dde1e6", QPalette.ColorRole.Light: "#ffffff",
            QPalette.ColorRole.Dark: "#9aa3ad", QPalette.ColorRole.Shadow: "#5a6069",
        }  # fmt: skip
    for role, value in colours.items():
        palette.setColor(role, QColor(value))
    disabled = QColor("#6b7280" if dark else "#9ca3af")
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply(app: QApplication, theme: str) -> None:
    """The style, palette and style sheet (the session's; the start window has only
    :func:`apply_start`'s palette, 10-20 ms saved before the first paint)."""
    _style_and_palette(app, is_dark(theme))
    app.setStyleSheet(style_sheet())


def ink() -> QColor:
    """The colour icons are drawn in for the current palette."""
    return QApplication.palette().color(QPalette.ColorRole.WindowText)
