"""The first-run wizard's vault page says whether a passphrase is required and holds to it
(issue 17, item 1). Real keyring backends: the failing one and an in-memory one."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from app.services.vault import VaultService
from tests.core.vault.keyrings import MemoryKeyring


@pytest.fixture
def page_for(qtbot, tmp_path):
    from app.ui.vault_dialogs import VaultOpener
    from app.ui.wizard import VaultPage

    previous = keyring.get_keyring()

    def make(backend):
        keyring.set_keyring(backend)
        page = VaultPage(VaultOpener(VaultService(folder=tmp_path / "vault"), lambda: None))
        qtbot.addWidget(page)
        qtbot.waitUntil(lambda: page.required is not None, timeout=10_000)
        return page

    yield make
    keyring.set_keyring(previous)


def _type(page, text):
    page.passphrase.setText(text)
    page.confirm.setText(text)


def test_without_a_keyring_the_page_requires_a_strong_passphrase(qtbot, page_for):
    page = page_for(fail.Keyring())
    assert page.required is True
    assert page.passphrase_label.text() == "Passphrase (required)"
    assert "no working system keyring" in page.intro.text()
    page.create_button.click()  # empty
    assert "choose a passphrase first" in page.message.text() and not page.recovery_key
    _type(page, "password123")
    page.create_button.click()
    qtbot.waitUntil(lambda: "too easy to guess" in page.message.text(), timeout=10_000)
    assert not page.recovery_key and page.create_button.isEnabled()
    _type(page, "night shift radiology 夜班 2026")
    page.create_button.click()
    qtbot.waitUntil(lambda: bool(page.recovery_key), timeout=30_000)


def test_with_a_keyring_the_passphrase_is_optional(qtbot, page_for):
    page = page_for(MemoryKeyring())
    assert page.required is False
    assert page.passphrase_label.text() == "Passphrase (optional)"
    page.create_button.click()  # no passphrase: the keyring keeps the key
    qtbot.waitUntil(lambda: bool(page.recovery_key), timeout=30_000)
