"""Render the application icon (resources/icons/enclave.svg) for the installers.

    python packaging/make_icons.py OUT_DIR

writes OUT_DIR/hicolor/<n>x<n>/apps/enclave.png (Linux icon theme sizes), the SVG as
OUT_DIR/hicolor/scalable/apps/enclave.svg, and OUT_DIR/enclave.ico (Windows, 16-256 px).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "enclave.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(out: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(["make_icons"])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE}: not a valid SVG")
    written: list[Path] = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        target = out / "hicolor" / f"{size}x{size}" / "apps" / "enclave.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target)):
            raise SystemExit(f"{target}: cannot be written")
        written.append(target)
    scalable = out / "hicolor" / "scalable" / "apps" / "enclave.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(SOURCE, scalable)
    largest = Image.open(written[-1])
    largest.save(out / "enclave.ico", sizes=[(s, s) for s in SIZES])
    del app
    return [*written, scalable, out / "enclave.ico"]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: make_icons.py OUT_DIR")
    for path in render(Path(sys.argv[1])):
        print(path)
