"""Federation fixtures: vaults of our own on a memory keyring, sites cut from the IU corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from app.core.federation.records import SiteRecord, read_coded_csv
from app.core.vault.vault import Vault
from tests.conftest import CORPUS
from tests.core.vault.keyrings import MemoryKeyring


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def corpus_records() -> list[SiteRecord]:
    return read_coded_csv(CORPUS)


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    created, _ = Vault.create(tmp_path / "vault")
    yield created
    created.close()
