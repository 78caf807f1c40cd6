"""Vault test fixtures: a keyring of our own (never the desktop's), vault folders, canaries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app.core.vault.keys import Argon2Params
from tests.core.vault.keyrings import MemoryKeyring

# Cheaper Argon2 for tests that set passphrases many times; one test keeps the default.
FAST_ARGON2 = Argon2Params(time_cost=1, memory_kib=8 * 1024, parallelism=1)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "vault"


def vault_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in vault_files(folder)}
