"""The lock screen's check: does a typed secret open this vault? Nothing is written."""

from pathlib import Path

from app.services.vault import VaultService

from .conftest import snapshot


def test_verify_secret_accepts_passphrase_and_recovery_key_only(folder: Path) -> None:
    service = VaultService(folder=folder)
    created = service.create(passphrase="correct horse battery staple")
    service.close()
    before = snapshot(folder)
    assert service.verify_secret("correct horse battery staple")
    assert service.verify_secret(created.recovery_key)
    assert not service.verify_secret("wrong passphrase")
    assert not service.verify_secret("")
    assert snapshot(folder) == before  # the files are byte-identical afterwards
