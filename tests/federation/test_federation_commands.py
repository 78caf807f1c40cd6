"""The ``enclave federation`` commands as IT runs them, and the desktop app staying free of Flower."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS

ROOT = Path(__file__).resolve().parents[2]


def _enclave(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
        cwd=cwd or ROOT,
        check=False,
    )


def test_the_desktop_app_and_other_commands_never_import_flower():
    code = (
        "import sys, app.cli as cli\ncli.build_parser()\nimport app.gui_main, app.ui.main_window, "
        "app.services\nprint(json.dumps(sorted(m for m in ('flwr', 'opendp', 'tenseal', 'grpc') "
        "if m in sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", "import json\n" + code],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_it_sets_up_a_site_from_the_command_line(tmp_path: Path):
    certs = _enclave(
        "federation",
        "certs",
        "--out",
        str(tmp_path / "certs"),
        "--consortium",
        "demo",
        "--host",
        "127.0.0.1",
        "--site",
        "hospital_a",
        "--site",
        "hospital_b",
        "--site",
        "hospital_c",
    )
    assert certs.returncode == 0, certs.stderr
    assert (tmp_path / "certs" / "sites" / "hospital_a" / "node.key").stat().st_mode & 0o077 == 0
    assert "register" in certs.stdout
    site = tmp_path / "site.toml"
    site.write_text(
        """[site]
name = "hospital_a"
coordinator = "127.0.0.1:9092"
ca = "certs/ca.pem"
node_key = "certs/sites/hospital_a/node.key"
node_public_key = "certs/sites/hospital_a/node.pub"
trusted_signers = ["certs/study-signing.pub"]
""",
        encoding="utf-8",
    )
    env = {
        "ENCLAVE_HOME": str(tmp_path / "home"),
        "ENCLAVE_PASSPHRASE": "federation cli test passphrase 91ac",
    }
    init = _enclave("vault", "init", env=env)
    assert init.returncode == 0, init.stderr
    imported = _enclave("federation", "import", str(CORPUS), "--config", str(site), env=env)
    assert imported.returncode == 0, imported.stderr
    assert "Imported 3,080 record(s)" in imported.stdout
    study = tmp_path / "study.toml"
    study.write_text(
        """[study]
study_id = "nodules-2026"
title = "Pulmonary nodule prevalence"
participants = ["hospital_a", "hospital_b", "hospital_c"]
epsilon = 1.0

[study.query]
kind = "finding_counts"
labels = ["nodule"]
""",
        encoding="utf-8",
    )
    shown = _enclave("federation", "study", "show", str(study))
    assert shown.returncode == 0 and "sends: 4 numbers" in shown.stdout and "ε = 1" in shown.stdout
    refused = _enclave("federation", "study", "approve", str(study), "--config", str(site), env=env)
    assert refused.returncode == 2 and "--yes" in refused.stderr  # no terminal: never approved silently
    approved = _enclave("federation", "study", "approve", str(study), "--config", str(site), "--yes", env=env)
    assert approved.returncode == 0 and "Approved study nodules-2026" in approved.stdout
    assert "for one run: approval " in approved.stdout and "valid until 20" in approved.stdout
    never = _enclave("federation", "study", "approve", str(study), "--config", str(site), "--yes",
                     "--valid-days", "0", env=env)  # fmt: skip
    assert never.returncode == 1 and "valid for more than 0" in never.stderr
    budget = _enclave("federation", "budget", "--config", str(site), "--set", "3", env=env)
    assert budget.returncode == 0 and "ε = 3 in all; 0 spent; 3 left" in budget.stdout
    audit = _enclave("federation", "audit", "--config", str(site), env=env)
    assert "no study answer" in audit.stdout
    broken = tmp_path / "broken.toml"
    broken.write_text("[site]\nname = 'hospital_a'\n", encoding="utf-8")
    bad = _enclave("federation", "import", str(CORPUS), "--config", str(broken), env=env)
    assert bad.returncode == 1 and "broken.toml" in bad.stderr and "trusted_signers" in bad.stderr
