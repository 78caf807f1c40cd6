"""The recovery key prints large and legible with its instructions, to a PDF the user places,
and the key touches neither the data folder, the temp folder nor the logs (issue 17, item 2)."""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

import keyring
from keyring.backends import fail

from app.services.vault import VaultService


def _files_under(root: Path, skip: Path, since: float) -> list[Path]:
    """Files written under ``root`` since ``since`` (the temp folder holds other runs' files)."""
    found = []
    for path in root.rglob("*"):
        try:
            if (path.is_file() and not path.is_symlink() and skip not in path.parents
                    and path.stat().st_mtime >= since):  # fmt: skip
                found.append(path)
        except OSError:
            continue
    return found


def test_printed_sheet_and_no_copy_anywhere_else(qtbot, tmp_path, enclave_home):
    import pypdf
    from PySide6.QtPrintSupport import QPrinter

    from app.ui.recovery_print import print_sheet, sheet_html
    from app.ui.vault_dialogs import VaultOpener
    from app.ui.wizard import VaultPage

    started = time.time() - 1
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        page = VaultPage(VaultOpener(VaultService(folder=enclave_home / "vault"), lambda: None))
        qtbot.addWidget(page)
        qtbot.waitUntil(lambda: page.required is not None, timeout=10_000)
        page.passphrase.setText("morning film review 读片会 2026")
        page.confirm.setText("morning film review 读片会 2026")
        page.create_button.click()
        qtbot.waitUntil(lambda: bool(page.recovery_key), timeout=30_000)
    finally:
        keyring.set_keyring(previous)
    key = page.recovery_key
    assert page.print_key.isVisibleTo(page)  # offered beside Copy and Save
    chosen = tmp_path / "printed" / "recovery.pdf"  # where the user placed the PDF
    chosen.parent.mkdir()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(chosen))
    print_sheet(key, printer)
    text = " ".join(page.extract_text() or "" for page in pypdf.PdfReader(str(chosen)).pages)
    compact = re.sub(r"\s+", "", text)
    assert key.replace("-", "") in compact.replace("-", "")  # every character, in order
    assert "Keep this sheet somewhere safe" in " ".join(text.split())
    assert "26pt" in sheet_html(key)  # large
    # The key is nowhere else: not in the data folder (the vault keeps it wrapped, never in
    # clear), not in the temp folder, not in a log.
    needles = {key.encode(), key.replace("-", "").encode(), key.encode("utf-16-le")}
    roots = [enclave_home, Path(tempfile.gettempdir())]
    searched = 0
    for root in roots:
        for path in _files_under(root, skip=chosen.parent, since=started):
            try:
                data = path.read_bytes()
            except OSError:
                continue
            searched += 1
            assert not any(n in data for n in needles), path
    assert searched > 0 and (enclave_home / "vault").is_dir()
    assert os.environ["ENCLAVE_HOME"] == str(enclave_home)
