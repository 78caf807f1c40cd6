"""A passphrase is required where no OS keyring works, optional where one does, and always
strong enough (issue 17, item 1). The keyrings here are real keyring backends."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app.core.vault import passphrase_policy
from app.core.vault.errors import PassphraseRequiredError, WeakPassphraseError
from app.services.vault import VaultService
from tests.core.vault.keyrings import MemoryKeyring


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def with_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


def test_without_a_keyring_a_vault_needs_a_passphrase(tmp_path: Path, no_keyring: None) -> None:
    service = VaultService(folder=tmp_path / "vault")
    with pytest.raises(PassphraseRequiredError, match="no OS keyring works on this system"):
        service.create(None)
    assert not (tmp_path / "vault").exists() or not any((tmp_path / "vault").iterdir())  # nothing made
    created = service.create("clinic night shift 夜班 2026")
    assert created.status.keyring_backend is None and created.status.has_passphrase
    with pytest.raises(PassphraseRequiredError):
        service.set_passphrase(None)  # removing it would leave only the recovery key


def test_with_a_keyring_the_passphrase_stays_optional(tmp_path: Path, with_keyring: None) -> None:
    created = VaultService(folder=tmp_path / "vault").create(None)
    assert created.status.keyring_backend is not None and not created.status.has_passphrase


@pytest.mark.parametrize("weak", ["password123", "pw", "诊所密码", "qwertyuiop", "aaaaaaaaaaaa"])
def test_a_weak_passphrase_is_refused_with_advice(tmp_path: Path, with_keyring: None, weak: str) -> None:
    with pytest.raises(WeakPassphraseError, match=r"too easy to guess \(strength [0-2] of 4"):
        VaultService(folder=tmp_path / "vault").create(weak)


@pytest.mark.parametrize("strong", ["correct horse battery staple", "lung nodule 肺结节 follow-up",
                                    "肺结节随访二〇二六"])  # fmt: skip
def test_strong_passphrases_in_either_language_pass(strong: str) -> None:
    assert passphrase_policy.strength(strong).ok


def test_required_only_without_a_backend() -> None:
    assert passphrase_policy.required(None)
    assert not passphrase_policy.required("keyring.backends.SecretService.Keyring")
