"""``enclave vault ...`` and ``enclave analyze --save`` end to end, as a script would run them
(no keyring backend, secrets from files and the environment, never a terminal)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
RECOVERY = re.compile(r"\b(?:[A-Z2-7]{4}-){8}[A-Z2-7]{4}\b")


def enclave(*args: str, home: Path, **env_extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("ENCLAVE_PASSPHRASE", "ENCLAVE_RECOVERY_KEY")}
    env.update(ENCLAVE_HOME=str(home), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", **env_extra)
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, env=env,
                          timeout=300)  # fmt: skip


def test_vault_commands_end_to_end(tmp_path: Path, enclave_home: Path, report_file: Path) -> None:
    home = enclave_home
    secret = tmp_path / "pass.txt"
    secret.write_text("clinic passphrase 诊所\n", encoding="utf-8")

    assert enclave("vault", home=home).returncode == 2
    init = enclave("vault", "init", "--passphrase-file", str(secret), home=home)
    assert init.returncode == 0, init.stderr
    recovery_key = RECOVERY.findall(init.stdout)[0]
    assert "no OS keyring" in init.stdout
    assert enclave("vault", "init", home=home).returncode == 1  # never over an existing vault

    locked = enclave("vault", "status", home=home)
    assert locked.returncode == 1 and "passphrase or the recovery key" in locked.stderr
    wrong = enclave("vault", "status", home=home, ENCLAVE_PASSPHRASE="not it")
    assert wrong.returncode == 1 and "does not open" in wrong.stderr
    status = enclave("vault", "status", "--json", "--passphrase-file", str(secret), home=home)
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["cipher_version"].startswith("4.")

    saved = enclave("analyze", str(report_file), "--max-tokens", "40", "--save",
                    "--passphrase-file", str(secret), home=home)  # fmt: skip
    assert saved.returncode == 0, saved.stderr
    session_id = re.search(r"saved as session ([0-9a-f]{32})", saved.stderr).group(1)  # type: ignore[union-attr]

    with_env = {"ENCLAVE_PASSPHRASE": "clinic passphrase 诊所"}
    found = enclave("vault", "search", "cardiomegaly", "--json", home=home, **with_env)
    assert found.returncode == 0, found.stderr
    assert session_id in {hit["session_id"] for hit in json.loads(found.stdout)}
    out = tmp_path / "export.md"
    exported = enclave("vault", "export", session_id, "--out", str(out), home=home, **with_env)
    assert exported.returncode == 0, exported.stderr
    text = out.read_text(encoding="utf-8")
    assert "report.txt" in text and "### Assistant" in text and "summary@" in text
    audit = enclave("vault", "audit", "--json", home=home, **with_env)
    actions = [e["action"] for e in json.loads(audit.stdout)]
    assert actions.index("session.exported") < actions.index("vault.created")

    # Ephemeral: nothing is written, and the CLI says so.
    (home / "settings.json").write_text(json.dumps({"schema_version": 2, "privacy_level": "ephemeral"}))
    eph = enclave("analyze", str(report_file), "--max-tokens", "20", "--save", home=home, **with_env)
    assert eph.returncode == 0 and "was not saved" in eph.stderr
    sessions = enclave("vault", "sessions", "--json", home=home, **with_env)
    assert [s["id"] for s in json.loads(sessions.stdout)] == [session_id]

    backup = tmp_path / "backup.enclave"
    assert enclave("vault", "backup", str(backup), home=home, **with_env).returncode == 0

    rotated = enclave("vault", "rekey", "--rotate-key", home=home, **with_env)
    assert rotated.returncode == 0, rotated.stderr
    new_key = RECOVERY.findall(rotated.stdout)[0]
    assert new_key != recovery_key
    assert enclave("vault", "status", home=home, ENCLAVE_RECOVERY_KEY=recovery_key).returncode == 1
    assert enclave("vault", "status", home=home, ENCLAVE_RECOVERY_KEY=new_key).returncode == 0

    # The backup predates the rotation: it opens with the recovery key of its time.
    restored = enclave("vault", "restore", str(backup), home=home, ENCLAVE_RECOVERY_KEY=recovery_key)
    assert restored.returncode == 0, restored.stderr
    assert "1 sessions" in restored.stdout


def test_vault_init_without_a_keyring_requires_a_strong_passphrase(tmp_path: Path) -> None:
    home = tmp_path / "home"
    bare = enclave("vault", "init", home=home)
    assert bare.returncode == 1 and "a passphrase is required" in bare.stderr, bare.stderr
    assert not (home / "vault").exists() or not any((home / "vault").iterdir())
    weak = tmp_path / "weak.txt"
    weak.write_text("password123\n", encoding="utf-8")
    refused = enclave("vault", "init", "--passphrase-file", str(weak), home=home)
    assert refused.returncode == 1 and "too easy to guess" in refused.stderr, refused.stderr
    strong = tmp_path / "strong.txt"
    strong.write_text("ward rounds before dawn 查房\n", encoding="utf-8")
    made = enclave("vault", "init", "--passphrase-file", str(strong), home=home)
    assert made.returncode == 0, made.stderr
    assert RECOVERY.search(made.stdout)


def test_a_followup_correction_from_the_command_line_is_saved_beside_the_reading_and_audited(
        tmp_path: Path, enclave_home: Path, tiny_model: Path) -> None:  # fmt: skip
    home = enclave_home
    secret = tmp_path / "pass.txt"
    secret.write_text("nodule clinic 结节门诊\n", encoding="utf-8")
    assert enclave("vault", "init", "--passphrase-file", str(secret), home=home).returncode == 0
    report = tmp_path / "ct.txt"
    report.write_text("EXAMINATION: CT chest without contrast\nINDICATION: Current smoker.\n"
                      "FINDINGS: Solid nodule in the right lower lobe, not measured.\n", encoding="utf-8")
    saved = enclave("analyze", str(report), "--task", "followup", "--model", str(tiny_model), "--max-tokens",
                    "20", "--set", "nodule.n1.size_mm=7", "--save", "--passphrase-file", str(secret),
                    home=home)  # fmt: skip
    assert saved.returncode == 0, saved.stderr
    assert "CT at 6-12 months, then CT at 18-24 months." in saved.stdout  # recomputed with the size
    session_id = re.search(r"saved as session ([0-9a-f]{32})", saved.stderr).group(1)  # type: ignore[union-attr]
    with_env = {"ENCLAVE_PASSPHRASE": "nodule clinic 结节门诊"}
    out = tmp_path / "export.md"
    assert enclave("vault", "export", session_id, "--out", str(out), home=home, **with_env).returncode == 0
    text = out.read_text(encoding="utf-8")
    # the report's reading, kept beside the correction
    assert "Needs: the size of the nodule in the right lower lobe is not stated" in text
    assert "Corrected by the clinician: nodule.n1.size_mm = 7" in text
    audit = enclave("vault", "audit", "--json", home=home, **with_env)
    entries = [e for e in json.loads(audit.stdout) if e["action"] == "analysis.corrected"]
    assert [e["detail"]["inputs"] for e in entries] == [["nodule.n1.size_mm"]]
    bad = enclave("analyze", str(report), "--task", "followup", "--model", str(tiny_model),
                  "--set", "nodule.n1.size_mm=seven", home=home)  # fmt: skip
    assert bad.returncode == 2 and "not a number" in bad.stderr
