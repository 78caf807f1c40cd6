"""Disk full, read-only folder, database locked by another process: a clear error, and
nothing committed is lost. The first two run on a real 1 MiB tmpfs in a private mount
namespace (``unshare -rm``), so even root meets a full and a read-only file system."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.vault import db, keys
from app.core.vault.errors import VaultBusyError
from app.core.vault.vault import Vault

REPO = Path(__file__).resolve().parents[3]

HOLD_LOCK = r"""
import sys, time, sqlcipher3
conn = sqlcipher3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA key = \"x'%s'\"" % sys.argv[2])
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


@pytest.mark.slow
def test_disk_full_and_read_only(tmp_path: Path) -> None:
    assert shutil.which("unshare"), "util-linux unshare is needed (user namespaces)"
    mount = tmp_path / "mnt"
    mount.mkdir()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    command = ["unshare", "-rm", sys.executable, "-m", "tests.core.vault.storage_child", str(mount)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert "disk is full" in out["full_error"] and out["full_error"].startswith("VaultStorageError")
    assert out["saved"] > 10
    assert out["after_full"] == out["saved"]  # every commit that returned is there
    ro = out.get("ro_write_error", out["ro_open"])
    assert "read-only" in ro or "cannot be opened" in ro, ro


def test_locked_by_another_process(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 300)
    vault, _ = Vault.create(folder)
    session = vault.create_session("locked")
    vault.add_message(session.id, "user", "committed before the lock")
    vault.close()
    raw_key = keys.keyring_load(vault.vault_id)[0]
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(folder / "vault.db"), raw_key.hex()],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(VaultBusyError, match="locked by another process"):
            vault = Vault.open(folder)  # opening writes the audit entry: it waits, then says why
            vault.add_message(session.id, "user", "x")
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)
    with Vault.open(folder) as again:
        assert [m.content for m in again.messages(session.id)] == ["committed before the lock"]
        again.check()
