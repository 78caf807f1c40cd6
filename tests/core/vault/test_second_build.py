"""A second, independent SQLCipher build opens the vault with the raw key: proof that it is a
standard SQLCipher 4 database, not a private format.

The other build is the sqlcipher3-binary wheel (its own SQLCipher and OpenSSL) in a separate
virtual environment, run as a subprocess; it cannot live beside sqlcipher3 (both are the
module ``sqlcipher3``). The environment is built once and cached under
~/.cache/enclave-tests; building it needs PyPI (CI has it), and failing to build it fails
the test with the reason: this proof must not silently go missing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from app.core.offline import OFFLINE_ENV
from app.core.vault import keys
from app.core.vault.models import DocumentInput
from app.core.vault.vault import Vault

pytestmark = pytest.mark.slow
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "enclave-tests"
VENV = CACHE / "sqlcipher3-binary-venv"
REQUIREMENT = "sqlcipher3-binary>=0.5.4,<0.7"

READER = r"""
import json, sys, sqlcipher3
conn = sqlcipher3.connect(sys.argv[1])
conn.execute("PRAGMA cipher_compatibility = 4")
conn.execute("PRAGMA key = \"x'%s'\"" % sys.argv[2])
out = {
    "cipher_version": conn.execute("PRAGMA cipher_version").fetchone()[0],
    "module": sqlcipher3.__file__,
    "titles": [r[0] for r in conn.execute("SELECT title FROM sessions ORDER BY title")],
    "messages": [r[0] for r in conn.execute("SELECT content FROM messages ORDER BY id")],
    "fts": [r[0] for r in conn.execute("SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'effusion'")],
    "integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
}
print(json.dumps(out))
"""


def _python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _ensure_venv() -> Path:
    marker = VENV / ".enclave-ready"
    if marker.exists() and _python().exists():
        return _python()
    CACHE.mkdir(parents=True, exist_ok=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    # pip runs outside Enclave: drop the flags the in-process offline guard exported.
    env = {k: v for k, v in os.environ.items() if k not in OFFLINE_ENV}
    result = subprocess.run([str(_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                             REQUIREMENT], capture_output=True, text=True, timeout=600, env=env)  # fmt: skip
    if result.returncode != 0:
        pytest.fail(f"could not install {REQUIREMENT} into {VENV} (PyPI is needed once for this test):\n"
                    f"{result.stderr[-2000:]}")  # fmt: skip
    marker.write_text(REQUIREMENT)
    return _python()


def test_sqlcipher3_binary_opens_the_vault(folder: Path) -> None:
    python = _ensure_venv()
    vault, _ = Vault.create(folder, passphrase="pass")
    session = vault.create_session("胸片 second build")
    vault.add_message(session.id, "user", "Is there a pleural effusion?")
    vault.add_message(session.id, "assistant", "Small left pleural effusion. 左侧少量胸腔积液。")
    vault.attach_document(session.id, DocumentInput("text", "r.txt", "1" * 64, "Left effusion."))
    raw_key = keys.keyring_load(vault.vault_id)[0]
    vault.close()
    result = subprocess.run([str(python), "-c", READER, str(folder / "vault.db"), raw_key.hex()],
                            capture_output=True, text=True, timeout=120,
                            env={"PATH": os.environ.get("PATH", "")})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert str(VENV) in data["module"] and sys.prefix not in data["module"]  # really the other build
    assert data["cipher_version"].startswith("4.")
    assert data["titles"] == ["胸片 second build"]
    assert data["messages"] == ["Is there a pleural effusion?",
                                "Small left pleural effusion. 左侧少量胸腔积液。"]
    assert data["fts"] == [1, 2]  # its FTS5 reads our index
    assert data["integrity"] == "ok"
