"""Promises 4 and 5, the faults the vault tests do not already cover (tests/core/vault covers
kill -9 during writes, rekey and migration, disk full, read-only and locked files):

* SIGKILL of ``enclave batch`` during the model load and again mid-run; the next run loses
  no finished line and does every document exactly once;
* a model file replaced by truncated copies: a clear error naming the file, never a crash;
* a keyring that raises on every call: the passphrase and recovery-key paths still work;
* a data folder copied to another account (whose keyring lacks the entry) does not open
  without the passphrase or recovery key.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import report_text

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]
RECOVERY = re.compile(r"\b(?:[A-Z2-7]{4}-){8}[A-Z2-7]{4}\b")


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("ENCLAVE_PASSPHRASE", "ENCLAVE_RECOVERY_KEY")}
    env.update({"ENCLAVE_HOME": str(home), "PYTHONPATH": str(REPO),
                "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", **extra})
    return env


def enclave(*args: str, home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          env=_env(home, **extra), timeout=300)  # fmt: skip


def _lines(out: Path) -> list[str]:
    return out.read_text(encoding="utf-8").splitlines() if out.exists() else []


def _kill_when(proc: subprocess.Popen[bytes], ready, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while not ready() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the batch ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)


def test_batch_killed_during_load_and_mid_run_resumes_without_loss(tmp_path, tiny_model, iu_rows):
    folder = tmp_path / "reports"
    folder.mkdir()
    count = 8
    for index, row in enumerate(iu_rows[:count]):
        (folder / f"report-{index}.txt").write_text(report_text(row), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "app", "batch", str(folder), "--task", "impression", "--out", str(out),
               "--max-tokens", "48", "--model", str(tiny_model)]  # fmt: skip
    env = _env(tmp_path / "home")

    # 1. killed once the model load has begun (its line on stderr), before any document finished
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    seen = b""
    while b"enclave: loading the model" not in seen and proc.poll() is None:
        seen += proc.stderr.readline()
    assert b"enclave: loading the model" in seen, seen
    assert not out.exists() or len(_lines(out)) == 0  # the load began and nothing is finished yet
    _kill_when(proc, lambda: True)
    proc.stderr.close()
    assert len(_lines(out)) == 0
    # 2. killed after two documents were finished
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _kill_when(proc, lambda: len(_lines(out)) >= 2)
    finished = [line for line in _lines(out) if line.endswith("}")]
    kept = out.read_bytes()
    assert len(finished) >= 2
    # 3. the same command again finishes the rest
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    records = [json.loads(line) for line in _lines(out)]
    assert out.read_bytes().startswith(kept.rsplit(b"\n", 1)[0])  # finished lines kept byte for byte
    assert sorted(r["file"] for r in records) == sorted(f"report-{i}.txt" for i in range(count))
    assert all(r["status"] == "ok" for r in records)
    assert f"skipped {len(finished)}" in result.stderr  # it resumed, it did not start over


def test_truncated_model_is_a_clear_error(tmp_path, tiny_model, report_file):
    data = tiny_model.read_bytes()
    cuts = {"empty": 0, "magic only": 4, "header cut": 200, "half": len(data) // 2,
            "one byte short": len(data) - 1}
    for label, size in cuts.items():
        model = tmp_path / f"model-{size}.gguf"
        model.write_bytes(data[:size])
        result = enclave("analyze", str(report_file), "--model", str(model), "--max-tokens", "8",
                         home=tmp_path / "home")  # fmt: skip
        assert result.returncode == 1, f"{label}: rc {result.returncode} (a negative rc is a crash)\n" \
                                       f"{result.stderr[-2000:]}"  # fmt: skip
        assert model.name in result.stderr, f"{label}: the error does not name the file: {result.stderr}"
        assert "Traceback" not in result.stderr, f"{label}: {result.stderr[-2000:]}"


def test_a_keyring_that_raises_on_every_call(tmp_path):
    home = tmp_path / "home"
    broken = {"PYTHON_KEYRING_BACKEND": "tests.adversarial.keyrings.RaisingKeyring"}
    secret = tmp_path / "pass.txt"
    secret.write_text("a passphrase for a broken keyring\n", encoding="utf-8")
    init = enclave("vault", "init", "--passphrase-file", str(secret), home=home, **broken)
    assert init.returncode == 0, init.stderr
    recovery_key = RECOVERY.findall(init.stdout)[0]
    assert "Traceback" not in init.stderr
    asked = enclave("vault", "status", home=home, **broken)
    assert asked.returncode == 1 and "passphrase or the recovery key" in asked.stderr
    assert "Traceback" not in asked.stderr
    assert enclave("vault", "status", "--passphrase-file", str(secret), home=home, **broken).returncode == 0
    assert enclave("vault", "status", home=home, ENCLAVE_RECOVERY_KEY=recovery_key, **broken).returncode == 0


def test_a_copied_data_folder_does_not_open_in_another_account(tmp_path):
    home, copy = tmp_path / "alice" / "home", tmp_path / "mallory" / "home"
    alice = {"PYTHON_KEYRING_BACKEND": "tests.adversarial.keyrings.AccountKeyring",
             "ENCLAVE_TEST_KEYRING": str(tmp_path / "alice-keyring.json")}
    mallory = dict(alice, ENCLAVE_TEST_KEYRING=str(tmp_path / "mallory-keyring.json"))
    secret = tmp_path / "pass.txt"
    secret.write_text("alice's passphrase\n", encoding="utf-8")
    assert enclave("vault", "init", "--passphrase-file", str(secret), home=home, **alice).returncode == 0
    assert enclave("vault", "status", home=home, **alice).returncode == 0  # the keyring opens it silently
    shutil.copytree(home, copy)
    stolen = enclave("vault", "status", home=copy, **mallory)
    assert stolen.returncode == 1 and "passphrase or the recovery key" in stolen.stderr
    wrong = enclave("vault", "status", home=copy, ENCLAVE_PASSPHRASE="guess", **mallory)
    assert wrong.returncode == 1
    assert enclave("vault", "status", "--passphrase-file", str(secret), home=copy, **mallory).returncode == 0
