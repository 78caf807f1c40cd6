"""Crash safety: a child is SIGKILLed at random moments while it writes, rotates the key or
migrates; afterwards every commit it reported is there, the vault opens (with the old or
the new key) and both integrity checks are clean."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import keyring
import pytest

from app.core.vault import keys, repository, schema
from app.core.vault.db import connect
from app.core.vault.errors import WrongSecretError
from app.core.vault.vault import DB_NAME, Vault
from tests.core.vault.keyrings import FileKeyring, MemoryKeyring

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[3]
ROUNDS = 50
ROWS = 1500


def _spawn(*args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, "-m", "tests.core.vault.crash_child", *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _run_and_kill(proc: subprocess.Popen[str], delay: float) -> list[str]:
    """Wait for "ready", let it work ``delay`` seconds, SIGKILL it; return what it printed."""
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.strip() == "ready", (first, proc.stderr.read() if proc.stderr else "")
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    # Read through the same buffered stream as readline() (communicate() would skip
    # what readline() already buffered).
    rest = proc.stdout.read()
    proc.wait(timeout=30)
    assert proc.stderr is not None
    proc.stderr.close()
    return [first.strip(), *rest.splitlines()]


def _timed_run(proc: subprocess.Popen[str]) -> tuple[float, list[str]]:
    """Seconds from "ready" to "done" in an uninterrupted run: the window the kills aim at
    (measured, because the machine's load decides it)."""
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    start = time.perf_counter()
    lines = []
    for line in proc.stdout:
        lines.append(line.strip())
        if line.strip() == "done":
            break
    elapsed = time.perf_counter() - start
    proc.stdout.read()
    assert proc.wait(timeout=60) == 0
    return elapsed, lines


@pytest.fixture
def file_keyring(tmp_path: Path) -> FileKeyring:
    backend = FileKeyring(tmp_path / "keyring.json")
    keyring.set_keyring(backend)
    return backend


def _check(vault: Vault) -> None:
    vault.check()  # integrity_check and cipher_integrity_check, raises on any problem


def test_kill_during_writes_loses_no_returned_commit(tmp_path: Path, file_keyring: FileKeyring) -> None:
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder)
    session = vault.create_session("crash test")
    vault.close()
    expected: list[str] = []
    rng = random.Random(1234)
    for round_no in range(ROUNDS):
        proc = _spawn("write", str(folder), str(file_keyring.path), session.id, str(round_no))
        lines = _run_and_kill(proc, rng.uniform(0.0, 0.05))
        done = [int(line.split()[1]) for line in lines if line.startswith("ok ")]
        expected += [f"round {round_no} message {i}" for i in done]
    assert len(expected) > ROUNDS  # the kills did land while commits were being made
    with Vault.open(folder) as vault:
        _check(vault)
        stored = {m.content for m in vault.messages(session.id)}
        missing = [text for text in expected if text not in stored]
        assert not missing, f"{len(missing)} reported commits are missing, e.g. {missing[:3]}"
        assert vault.search(f"round {ROUNDS - 1}")  # the index kept in step with the rows


def test_kill_during_key_rotation_opens_with_old_or_new_key(tmp_path: Path,
                                                            file_keyring: FileKeyring) -> None:
    folder = tmp_path / "vault"
    vault, first_recovery = Vault.create(folder)
    session = vault.create_session("rotation")
    vault.add_messages(session.id, [("user", f"note {i} " + "x" * 200) for i in range(100)])
    vault.close()
    proc = _spawn("rekey", str(folder), str(file_keyring.path))
    elapsed, lines = _timed_run(proc)
    window = elapsed * 1.5
    recovery_keys = [first_recovery] + [line[3:] for line in lines if line.startswith("rk ")]
    rng = random.Random(99)
    outcomes = {"old": 0, "new": 0}
    for _ in range(ROUNDS):
        before = keys.read_header(folder / "vault.header").keys[0].key_id
        proc = _spawn("rekey", str(folder), str(file_keyring.path))
        lines = _run_and_kill(proc, rng.uniform(0.0, window))
        recovery_keys += [line[3:] for line in lines if line.startswith("rk ")]
        # Without the keyring: one of the recovery keys the user was shown opens it.
        keyring.set_keyring(MemoryKeyring())
        opened = None
        for key in reversed(recovery_keys):
            try:
                opened = Vault.open(folder, recovery_key=key)
                break
            except WrongSecretError:
                continue
        assert opened is not None, "no recovery key opens the vault after a kill"
        _check(opened)
        assert len(opened.messages(session.id)) == 100
        opened.close()
        # And with the keyring, silently.
        keyring.set_keyring(file_keyring)
        with Vault.open(folder) as again:
            assert again.unlocked_by == "keyring"
            after = keys.read_header(folder / "vault.header")
            assert len(after.keys) == 1  # an interrupted rotation is settled at open
            outcomes["new" if after.keys[0].key_id != before else "old"] += 1
        assert not (folder / "vault.db.rekey").exists()
    assert outcomes["old"] and outcomes["new"], outcomes  # kills landed before and after the switch


def test_kill_during_migration_leaves_old_or_new_schema(tmp_path: Path, file_keyring: FileKeyring) -> None:
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder)
    vault_id = vault.vault_id
    vault.close()
    raw_key = keys.keyring_load(vault_id)[0]
    # Rebuild the database as schema version 1 (before full-text search) with real rows.
    for file in folder.glob(DB_NAME + "*"):
        file.unlink()
    conn = connect(folder / DB_NAME, raw_key, create=True)
    schema.migrate(conn, target=1)
    repository.audit(conn, "test")
    conn.execute("INSERT INTO sessions VALUES ('s1', 'old', 0, 0, 'high', 0)")
    conn.executemany("INSERT INTO messages(session_id, role, content, created) VALUES ('s1', 'user', ?, 0)",
                     [(f"finding {i} pleural effusion " * 10,) for i in range(ROWS)])  # fmt: skip
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    template = tmp_path / "v1.db"
    shutil.copyfile(folder / DB_NAME, template)
    proc = _spawn("migrate", str(folder), str(file_keyring.path))
    window = _timed_run(proc)[0] * 1.5
    rng = random.Random(7)
    versions = []
    for _ in range(ROUNDS):
        for file in folder.glob(DB_NAME + "*"):
            file.unlink()
        shutil.copyfile(template, folder / DB_NAME)
        proc = _spawn("migrate", str(folder), str(file_keyring.path))
        _run_and_kill(proc, rng.uniform(0.0, window))
        check = connect(folder / DB_NAME, raw_key)
        try:
            versions.append(schema.version(check))
            assert check.execute("SELECT count(*) FROM messages").fetchone()[0] == ROWS
            assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert check.execute("PRAGMA cipher_integrity_check").fetchall() == []
            if versions[-1] >= 2:
                assert check.execute("SELECT count(*) FROM messages_fts").fetchone()[0] == ROWS
        finally:
            check.close()
    # Kills landed before the first migration's commit and after the last one's.
    assert {1, schema.LATEST} <= set(versions) <= set(range(1, schema.LATEST + 1)), versions
    if versions[-1] == 1:
        with Vault.open(folder) as vault:  # an interrupted migration simply runs again
            assert len(vault.search("finding 17 pleural")) >= 1
