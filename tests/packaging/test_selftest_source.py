"""`enclave --self-test` from the source tree: the same checks the frozen app runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import REPO, clean_env

pytestmark = [pytest.mark.packaging, pytest.mark.slow]


def _self_test(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = clean_env(home, PATH=str(Path(sys.executable).parent) + ":/usr/bin:/bin")
    return subprocess.run([sys.executable, "-m", "app", "--self-test", "--json", *args], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=600)  # fmt: skip


def test_self_test_passes_from_source_without_touching_the_data_folder(tmp_path: Path) -> None:
    result = _self_test(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["frozen"] is False and report["ok"] is True
    names = [c["name"] for c in report["checks"]]
    vault = next(c for c in report["checks"] if c["name"] == "vault")
    assert "through the vault service" in vault["detail"], vault
    assert names == ["dependencies", "enclave modules", "qt", "keyring", "model", "vision library", "vault",
                     "dicom", "pdf", "offline"]  # fmt: skip
    vision = next(c for c in report["checks"] if c["name"] == "vision library")
    assert vision["ok"] and "libmtmd loaded" in vision["detail"]
    assert not (tmp_path / "enclave").exists(), "the self-test must use a temporary data folder"


def test_self_test_fails_and_names_a_damaged_model(tmp_path: Path, demo_model: Path) -> None:
    damaged = tmp_path / demo_model.name  # same name: the manifest's SHA-256 applies
    data = bytearray(demo_model.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    result = _self_test(tmp_path, "--model", str(damaged))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    model = next(c for c in report["checks"] if c["name"] == "model")
    assert not model["ok"] and "does NOT match the manifest" in model["detail"]
    assert all(c["ok"] for c in report["checks"] if c["name"] != "model")


def test_self_test_text_output_names_each_check(tmp_path: Path) -> None:
    env = clean_env(tmp_path, PATH=str(Path(sys.executable).parent) + ":/usr/bin:/bin")
    result = subprocess.run([sys.executable, "-m", "app", "--self-test", "--model", "/nonexistent.gguf"],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert result.returncode == 1
    assert "FAIL  model" in result.stdout and "/nonexistent.gguf" in result.stdout
    assert result.stdout.rstrip().endswith("self-test FAILED: model")


def test_vault_check_uses_the_vault_service_and_leaves_the_keyring_alone(tmp_path: Path) -> None:
    """The self-test's vault opens by passphrase only: the user's keyring gets no entry, and
    the keyring in use before is in use again after (here an in-memory one stands in)."""
    import keyring
    from keyring.backend import KeyringBackend

    from app import selftest

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        def __init__(self) -> None:
            super().__init__()
            self.items: dict[tuple[str, str], str] = {}
            self.calls: list[str] = []

        def get_password(self, service: str, username: str) -> str | None:
            self.calls.append("get")
            return self.items.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.calls.append("set")
            self.items[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.items.pop((service, username), None)

    saved = keyring.get_keyring()
    memory = Memory()
    keyring.set_keyring(memory)
    try:
        detail = selftest.check_vault(tmp_path)
        assert keyring.get_keyring() is memory
    finally:
        keyring.set_keyring(saved)
    assert "through the vault service" in detail and "wrong passphrase refused" in detail
    assert memory.items == {} and memory.calls == []
    assert list(tmp_path.iterdir()) == [], "the throwaway vault is deleted"
