"""Recovery keys, key wrapping and every way the vault opens (or refuses to)."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import pytest

from app.core.vault import keys, recovery
from app.core.vault.errors import (
    NeedsSecretError,
    RecoveryKeyFormatError,
    VaultBusyError,
    VaultExistsError,
    VaultNotFoundError,
    WrongSecretError,
)
from app.core.vault.vault import Vault
from tests.core.vault.conftest import FAST_ARGON2, snapshot
from tests.core.vault.keyrings import MemoryKeyring, OtherMemoryKeyring


def test_recovery_key_round_trip_and_forgiving_parsing() -> None:
    text, secret = recovery.new_key()
    groups = text.split("-")
    assert len(groups) == 9 and all(len(g) == 4 for g in groups)
    assert recovery.parse_key(text) == secret
    assert recovery.parse_key(text.lower().replace("-", " ")) == secret
    fullwidth = "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in text)  # Chinese IME input
    assert recovery.parse_key(fullwidth) == secret


def test_recovery_key_typo_is_caught() -> None:
    text, _ = recovery.new_key()
    position = 5
    wrong = "A" if text[position] != "A" else "B"
    typo = text[:position] + wrong + text[position + 1:]
    with pytest.raises(RecoveryKeyFormatError, match="typo"):
        recovery.parse_key(typo)
    with pytest.raises(RecoveryKeyFormatError, match="36 letters"):
        recovery.parse_key(text[:-2])


def test_header_holds_no_raw_key(folder: Path) -> None:
    vault, _ = Vault.create(folder, passphrase="pw", argon2=FAST_ARGON2)
    raw = keys.keyring_load(vault.vault_id)[0]
    header = (folder / "vault.header").read_bytes()
    assert raw.hex().encode() not in header and raw not in header
    data = json.loads(header)
    assert {s["kind"] for s in data["keys"][0]["slots"]} == {"recovery", "passphrase"}
    vault.close()


def test_keyring_opens_silently(folder: Path, memory_keyring: MemoryKeyring) -> None:
    vault, _ = Vault.create(folder)
    vault.close()
    with Vault.open(folder) as again:
        assert again.unlocked_by == "keyring"
        assert again.status().keyring_holds_key


def test_no_keyring_opens_with_passphrase_or_recovery_key(folder: Path, no_keyring: None) -> None:
    vault, recovery_key = Vault.create(folder, passphrase="lung nodule 肺结节")  # default Argon2id cost
    assert vault.status().keyring_backend is None
    session = vault.create_session("s")
    vault.close()
    with pytest.raises(NeedsSecretError, match="no OS keyring"):
        Vault.open(folder)
    with Vault.open(folder, passphrase="lung nodule 肺结节") as v:
        assert v.unlocked_by == "passphrase" and v.get_session(session.id).title == "s"
    with Vault.open(folder, recovery_key=recovery_key) as v:
        assert v.unlocked_by == "recovery-key"


def test_keyring_changed_asks_then_stores_key_in_new_backend(folder: Path) -> None:
    vault, recovery_key = Vault.create(folder)
    vault.close()
    keyring.set_keyring(OtherMemoryKeyring())  # the desktop's keyring was replaced
    with pytest.raises(NeedsSecretError, match="keyring changed"):
        Vault.open(folder)
    with Vault.open(folder, recovery_key=recovery_key) as v:
        assert any("now kept in the OS keyring" in n for n in v.notes)
    with Vault.open(folder) as v:  # from now on silently, from the new backend
        assert v.unlocked_by == "keyring"
    header = keys.read_header(folder / "vault.header")
    assert header.keyring_backend is not None and header.keyring_backend.endswith("OtherMemoryKeyring")


def test_keyring_entry_gone(folder: Path, memory_keyring: MemoryKeyring) -> None:
    vault, _ = Vault.create(folder, passphrase="pw", argon2=FAST_ARGON2)
    vault.close()
    memory_keyring.items.clear()
    with pytest.raises(NeedsSecretError, match="holds no key"):
        Vault.open(folder)
    with Vault.open(folder, passphrase="pw") as v:
        assert v.unlocked_by == "passphrase"
    assert memory_keyring.items  # stored again


def test_wrong_secret_is_clear_and_files_are_byte_identical(folder: Path,
                                                            memory_keyring: MemoryKeyring) -> None:
    vault, recovery_key = Vault.create(folder, passphrase="right", argon2=FAST_ARGON2)
    vault.add_message(vault.create_session("t").id, "user", "some text")
    vault.close()
    memory_keyring.items.clear()
    before = snapshot(folder)
    with pytest.raises(WrongSecretError, match="passphrase does not open"):
        Vault.open(folder, passphrase="wrong")
    other, _ = recovery.new_key()
    with pytest.raises(WrongSecretError, match="recovery key does not open"):
        Vault.open(folder, recovery_key=other)
    with pytest.raises(RecoveryKeyFormatError):
        Vault.open(folder, recovery_key=recovery_key[:-1] + ("A" if recovery_key[-1] != "A" else "B"))
    # A stale key in the keyring (another vault's) is skipped without touching the file.
    vault_id = keys.read_header(folder / "vault.header").vault_id
    memory_keyring.items[(keys.KEYRING_SERVICE, f"vault-{vault_id}")] = "ab" * 32
    with pytest.raises(NeedsSecretError):
        Vault.open(folder)
    assert snapshot(folder) == before


def test_change_and_remove_passphrase(folder: Path, memory_keyring: MemoryKeyring) -> None:
    vault, recovery_key = Vault.create(folder, passphrase="old", argon2=FAST_ARGON2)
    vault.set_passphrase("new", argon2=FAST_ARGON2)
    vault.close()
    memory_keyring.items.clear()
    with pytest.raises(WrongSecretError):
        Vault.open(folder, passphrase="old")
    vault = Vault.open(folder, passphrase="new")
    vault.set_passphrase(None)
    assert not vault.status().has_passphrase
    assert [e.action for e in vault.audit_entries(5)][:1] == ["passphrase.removed"]
    vault.close()
    memory_keyring.items.clear()
    with pytest.raises(WrongSecretError):
        Vault.open(folder, passphrase="new")
    Vault.open(folder, recovery_key=recovery_key).close()


def test_rotate_key_needs_passphrase_and_replaces_recovery_key(folder: Path,
                                                               memory_keyring: MemoryKeyring) -> None:
    vault, old_recovery = Vault.create(folder, passphrase="pw", argon2=FAST_ARGON2)
    session = vault.create_session("keep me")
    old_id = keys.read_header(folder / "vault.header").keys[0].key_id
    with pytest.raises(NeedsSecretError, match="passphrase"):
        vault.rotate_key()
    shown: list[str] = []
    new_recovery = vault.rotate_key(passphrase="pw", on_recovery_key=shown.append, argon2=FAST_ARGON2)
    assert shown == [new_recovery] and new_recovery != old_recovery
    assert vault.get_session(session.id).title == "keep me"  # still usable, under the new key
    vault.close()
    header = keys.read_header(folder / "vault.header")
    assert len(header.keys) == 1 and header.keys[0].key_id != old_id
    assert sorted(p.name for p in folder.iterdir()) == ["vault.db", "vault.header", "vault.lock"]
    memory_keyring.items.clear()
    with pytest.raises(WrongSecretError):
        Vault.open(folder, recovery_key=old_recovery)
    Vault.open(folder, recovery_key=new_recovery).close()
    memory_keyring.items.clear()
    Vault.open(folder, passphrase="pw").close()


def test_create_twice_and_open_missing(folder: Path) -> None:
    with pytest.raises(VaultNotFoundError, match="vault init"):
        Vault.open(folder)
    vault, _ = Vault.create(folder)
    with pytest.raises(VaultExistsError):
        Vault.create(folder)
    with pytest.raises(VaultBusyError):  # key changes need the vault to itself
        other = Vault.open(folder)
        try:
            vault.rotate_key()
        finally:
            other.close()
    vault.close()
