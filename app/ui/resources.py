"""Where the desktop app's icons, style sheet and translations live, and how they load."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap

from app.core import paths

# The icons are drawn with this stroke colour; it is swapped for the palette's text colour.
_ICON_INK = "#1f2937"


def resources_dir() -> Path:
    return paths.install_root() / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def style_sheet() -> str:
    try:
        return (resources_dir() / "style" / "enclave.qss").read_text(encoding="utf-8")
    except OSError:
        return ""  # the app still works unstyled


@cache
def _svg(name: str) -> str:
    try:
        return (resources_dir() / "icons" / f"{name}.svg").read_text(encoding="utf-8")
    except OSError:
        return ""


def icon(name: str, colour: QColor | None = None, size: int = 48) -> QIcon:
    """An icon drawn from ``resources/icons/NAME.svg`` in ``colour`` (the ink colour if None)."""
    from PySide6.QtSvg import QSvgRenderer  # here: QtSvg is not needed for the first window

    svg = _svg(name)
    if not svg:
        return QIcon()
    if colour is not None and name != "enclave":
        svg = svg.replace(_ICON_INK, colour.name())
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    image = QImage(QSize(size, size), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)  # transparent; no Qt namespace enum (see app/ui/theme.is_dark)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return QIcon(QPixmap.fromImage(image))


def app_icon() -> QIcon:
    result = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        result.addPixmap(icon("enclave", size=size).pixmap(size, size))
    return result
