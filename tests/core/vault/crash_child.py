"""A child process the crash tests SIGKILL at random moments.

    python -m tests.core.vault.crash_child MODE VAULT_FOLDER KEYRING_FILE [SESSION_ID ROUND]

MODE write: add messages in a loop, printing "ok N" after each commit returned.
MODE rekey: rotate the key, printing the new recovery key first and "done" at the end.
MODE migrate: open the vault (which migrates it) and print "done".
"""

from __future__ import annotations

import sys
from pathlib import Path

import keyring

from tests.core.vault.keyrings import FileKeyring


def main() -> None:
    mode, folder, keyring_file = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    keyring.set_keyring(FileKeyring(keyring_file))
    from app.core.vault.vault import Vault

    if mode == "migrate":
        print("ready", flush=True)
        Vault.open(folder).close()
        print("done", flush=True)
        return
    vault = Vault.open(folder)
    print("ready", flush=True)
    if mode == "write":
        session_id, round_no = sys.argv[4], sys.argv[5]
        for i in range(100_000):
            vault.add_message(session_id, "user", f"round {round_no} message {i}")
            print(f"ok {i}", flush=True)
    elif mode == "rekey":
        vault.rotate_key(on_recovery_key=lambda key: print(f"rk {key}", flush=True))
        print("done", flush=True)
    vault.close()


if __name__ == "__main__":
    main()
