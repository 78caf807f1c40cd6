"""Keyring backends a child process loads by name (PYTHON_KEYRING_BACKEND)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import KeyringError


class RaisingKeyring(KeyringBackend):
    """A keyring that fails on every call, as a locked or broken desktop keyring does."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringError("the keyring is locked (test)")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError("the keyring is locked (test)")

    def delete_password(self, service: str, username: str) -> None:
        raise RuntimeError("the keyring daemon crashed (test)")

    def get_credential(self, service: str, username: str | None) -> None:
        raise KeyringError("the keyring is locked (test)")


class AccountKeyring(KeyringBackend):
    """One user account's keyring: a JSON file named by ENCLAVE_TEST_KEYRING."""

    priority = 1  # type: ignore[assignment]

    @property
    def path(self) -> Path:
        return Path(os.environ["ENCLAVE_TEST_KEYRING"])

    def _load(self) -> dict[str, str]:
        return dict(json.loads(self.path.read_text())) if self.path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}/{username}"] = password
        self.path.write_text(json.dumps(data))

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        data.pop(f"{service}/{username}", None)
        self.path.write_text(json.dumps(data))
