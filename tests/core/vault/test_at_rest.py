"""Nothing in clear at rest; deletes really erase; the file is standard SQLCipher 4."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from app.core.vault import keys
from app.core.vault.models import DocumentInput
from app.core.vault.vault import Vault
from tests.core.vault.conftest import vault_files
from tests.core.vault.pages import decrypted_pages

CANARIES = ["CANARY-patient-Zhang-7731", "CANARY-MRN-00912873", "金丝雀-右下肺结节-4471",
            "CANARY-doc-text-spiculated", "CANARY-title-Smith", "CANARY-edited-answer"]  # fmt: skip


def _fill(vault: Vault) -> str:
    session = vault.create_session(CANARIES[4])
    vault.add_message(session.id, "user", f"Summarise for {CANARIES[0]}")
    answer = vault.add_message(session.id, "assistant", f"Patient {CANARIES[1]} has {CANARIES[2]}.",
                               task="summary@1", model="qwen", timings={"total_seconds": 1.5})  # fmt: skip
    vault.edit_message(session.id, answer.id, CANARIES[5])
    vault.attach_document(session.id, DocumentInput("text", "report.txt", "0" * 64, CANARIES[3],
                                                    {"PatientName": CANARIES[0]}))  # fmt: skip
    vault.add_analysis(session.id, "findings", "1", {"finding": CANARIES[2]})
    return session.id


def _raw(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in vault_files(folder))


def test_files_hold_no_canary_and_are_not_plain_sqlite(folder: Path) -> None:
    vault, _ = Vault.create(folder, passphrase="a passphrase")
    _fill(vault)
    # While open (the WAL holds the latest pages) and after close.
    for moment in ("open", "closed"):
        names = {p.name for p in vault_files(folder)}
        assert "vault.db" in names and "vault.header" in names
        if moment == "open":
            assert "vault.db-wal" in names
        raw = _raw(folder)
        for canary in CANARIES:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                assert canary.encode(encoding) not in raw, (moment, canary, encoding)
        assert not (folder / "vault.db").read_bytes().startswith(b"SQLite format 3")
        if moment == "open":
            vault.close()


def test_vault_files_are_private(folder: Path) -> None:
    vault, _ = Vault.create(folder)
    _fill(vault)
    for path in vault_files(folder):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    vault.close()


def test_delete_erases_from_file_and_decrypted_pages(folder: Path) -> None:
    vault, _ = Vault.create(folder)
    raw_key = keys.keyring_load(vault.vault_id)[0]
    keep = vault.create_session("keep")
    vault.add_message(keep.id, "user", "KEEP-this-text-visible")
    doomed = _fill(vault)
    pages = b"".join(decrypted_pages(raw_key, folder / "vault.db"))
    assert b"KEEP-this-text-visible" in pages  # the decryption below really works
    assert CANARIES[5].encode() in pages
    vault.delete_session(doomed)
    pages = b"".join(decrypted_pages(raw_key, folder / "vault.db"))
    assert b"KEEP-this-text-visible" in pages
    for canary in CANARIES:
        assert canary.encode() not in pages, canary
    # The FTS index lost the terms too (and search no longer finds them).
    assert not vault.search("spiculated")
    assert vault.search("KEEP")
    assert [e.action for e in vault.audit_entries(1)] == ["session.deleted"]
    vault.close()
    assert not any(canary.encode() in _raw(folder) for canary in CANARIES)


def test_wrong_key_touches_nothing_and_says_so(folder: Path) -> None:
    vault, _ = Vault.create(folder)
    _fill(vault)
    vault.close()
    before = {p.name: p.read_bytes() for p in vault_files(folder)}
    mtimes = {p.name: os.stat(p).st_mtime_ns for p in vault_files(folder)}
    from app.core.vault.db import connect
    from app.core.vault.errors import WrongSecretError

    try:
        connect(folder / "vault.db", b"\x01" * 32)
        raise AssertionError("a wrong raw key opened the database")
    except WrongSecretError as exc:
        assert "does not open" in str(exc)
    assert {p.name: p.read_bytes() for p in vault_files(folder)} == before
    assert {p.name: os.stat(p).st_mtime_ns for p in vault_files(folder)} == mtimes
