"""The recovery key as a printed sheet: the key large and legible, and what to do with it.

Printed through Qt's print dialog to a printer or to a PDF the user places; nothing is written
to the data folder or a temporary file by Enclave (a printer's own spooler is the system's).
"""

from __future__ import annotations

import html
import time

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget


def sheet_html(recovery_key: str) -> str:
    """The sheet: title, the key in its groups (large, monospace), the instructions."""
    groups = recovery_key.split("-")
    lines = ["-".join(groups[i:i + 3]) for i in range(0, len(groups), 3)]
    key = "<br>".join(html.escape(line) for line in lines)
    translate = QCoreApplication.translate
    steps = [
        translate("RecoveryPrint", "This key opens your Enclave vault when the system keyring or your "
                                   "passphrase cannot: after a new computer account, a reinstalled system "
                                   "or a forgotten passphrase."),
        translate("RecoveryPrint", "Keep this sheet somewhere safe and apart from the computer and its "
                                   "backups, as you would a key to a records room. Anyone with it and a copy "
                                   "of the data folder can read the sessions."),
        translate("RecoveryPrint", "To use it: type the key where Enclave asks for the passphrase or "
                                   "recovery key. Dashes and spaces do not matter, and a mistyped letter is "
                                   "detected."),
        translate("RecoveryPrint", "If the key is lost while the vault still opens, make a new one at once "
                                   "(enclave vault rekey). This sheet then no longer works."),
    ]  # fmt: skip
    title = QCoreApplication.translate("RecoveryPrint", "Enclave recovery key")
    printed = QCoreApplication.translate("RecoveryPrint", "Printed {0}").format(time.strftime("%Y-%m-%d"))
    items = "".join(f"<li style='margin-bottom:8pt'>{html.escape(s)}</li>" for s in steps)
    return (
        f"<h1>{html.escape(title)}</h1>"
        f"<p style='font-family:monospace; font-size:26pt; font-weight:bold; line-height:140%'>{key}</p>"
        f"<ol style='font-size:12pt'>{items}</ol>"
        f"<p style='font-size:9pt; color:#555'>{html.escape(printed)}</p>"
    )


def print_sheet(recovery_key: str, printer: QPrinter) -> None:
    """Render the sheet on ``printer`` (a printer, or a PDF file the user chose)."""
    document = QTextDocument()
    document.setHtml(sheet_html(recovery_key))
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(20, 20, 20, 20)))  # fmt: skip
    document.print_(printer)


def print_with_dialog(recovery_key: str, parent: QWidget) -> QPrintDialog:
    """Qt's print dialog (a printer, or "Print to PDF" where the user places the file)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("RecoveryPrint", "Print the recovery key"))
    dialog.accepted.connect(lambda: print_sheet(recovery_key, printer))
    dialog.setModal(True)
    dialog.show()  # never exec(): the GUI thread does not wait in a nested loop
    return dialog
