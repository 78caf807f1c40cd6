"""Run inside ``unshare -rm`` by test_storage_errors: a tiny tmpfs, filled up, then read-only.

    python -m tests.core.vault.storage_child MOUNTPOINT
Prints one JSON object with what happened.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import keyring

from tests.core.vault.keyrings import MemoryKeyring


def main() -> None:
    mount = Path(sys.argv[1])
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=True)
    keyring.set_keyring(MemoryKeyring())
    from app.core.vault.errors import VaultError
    from app.core.vault.vault import Vault

    out: dict[str, object] = {}
    vault, _ = Vault.create(mount / "vault")
    session = vault.create_session("full disk")
    saved = 0
    try:
        for i in range(100_000):
            vault.add_message(session.id, "user", f"message {i} " + "z" * 2000)
            saved = i + 1
    except VaultError as exc:
        out["full_error"] = f"{type(exc).__name__}: {exc}"
    out["saved"] = saved
    vault.close()
    (mount / "filler").unlink(missing_ok=True)
    vault = Vault.open(mount / "vault")
    out["after_full"] = len(vault.messages(session.id))
    vault.check()
    vault.close()

    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    try:
        vault = Vault.open(mount / "vault")
        out["ro_open"] = "opened"
        try:
            vault.add_message(session.id, "user", "cannot be saved")
        except VaultError as exc:
            out["ro_write_error"] = f"{type(exc).__name__}: {exc}"
        vault.close()
    except VaultError as exc:
        out["ro_open"] = f"{type(exc).__name__}: {exc}"
    print(json.dumps(out))


if __name__ == "__main__":
    main()
