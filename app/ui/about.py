"""About: versions of everything that matters, and the licences."""

from __future__ import annotations

import html
import platform
import sys
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app import __version__
from app.ui.controller import Controller
from app.ui.messages import translated

PACKAGES = ("llama-cpp-python", "pydicom", "numpy", "pillow", "sqlcipher3", "keyring", "pypdf",
            "python-docx", "cryptography", "argon2-cffi")  # fmt: skip


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "—"


class AboutDialog(QDialog):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Enclave"))
        self.resize(560, 520)
        layout = QVBoxLayout(self)
        view = QTextBrowser()
        view.setOpenExternalLinks(False)
        esc = html.escape
        rows = [("Enclave", __version__), ("Python", sys.version.split()[0]),
                ("Qt", qVersion()), ("PySide6", pyside_version), (self.tr("System"), platform.platform())]
        rows += [(name, _version(name)) for name in PACKAGES]
        report = controller.report
        if report is not None:
            rows.append((self.tr("Model"), f"{report.model_name} ({report.quantization})"))
            rows.append((self.tr("Runs on"), translated(report.summary())))
        table = "".join(f"<tr><td><b>{esc(k)}</b></td><td>{esc(v)}</td></tr>" for k, v in rows)
        licences = self.tr(
            "Enclave is proprietary software. It uses Qt and PySide6 (LGPLv3), llama.cpp and "
            "llama-cpp-python (MIT), pydicom (MIT), SQLCipher (BSD-style), NumPy (BSD), Pillow "
            "(HPND), python-docx (MIT), pypdf (BSD) and keyring (MIT). The clinical model "
            "Qwen2.5-7B-Instruct is under the Apache 2.0 licence; the demonstration model "
            "SmolLM2-135M-Instruct is under the Apache 2.0 licence.")
        offline = self.tr("Enclave never connects to a network: everything runs on this computer.")
        licences_title = self.tr("Licences")
        view.setHtml(f"<h2>Enclave {esc(__version__)}</h2><p>{esc(offline)}</p>"
                     f"<table cellspacing='4'>{table}</table><h3>{esc(licences_title)}</h3>"
                     f"<p>{esc(licences)}</p>")
        layout.addWidget(view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setWindowModality(Qt.WindowModality.WindowModal)
