"""The Flower app bundle (FAB) of Enclave's studies: references to installed code, nothing more.

Flower ships an app to every SuperNode as a FAB. Enclave's FAB holds a pyproject and two
one-line modules that import the ServerApp and ClientApp *installed at each site*, so the
code that runs at a hospital is the code its IT installed. Flower builds FABs
deterministically (fixed zip dates), so every site computes the same hash for the same
Enclave version and refuses any other bundle before it is unpacked.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from app import __version__

PACKAGE = "enclave_study"
PUBLISHER = "enclave"


def files() -> dict[str, bytes]:
    pyproject = f"""[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "{PACKAGE.replace("_", "-")}"
version = "{__version__}"
description = "Enclave cross-hospital study: references to the Enclave code installed at each site"
license = "LicenseRef-Proprietary"
dependencies = []

[tool.hatch.build.targets.wheel]
packages = ["."]

[tool.flwr.app]
publisher = "{PUBLISHER}"

[tool.flwr.app.components]
serverapp = "{PACKAGE}.server:app"
clientapp = "{PACKAGE}.client:app"

[tool.flwr.app.config]
study = ""
plan = ""
signing_key = ""
signature = ""
result = ""
he_public = ""
he_key_holder = ""
join_timeout = 120
reply_timeout = 300
"""
    return {
        "pyproject.toml": pyproject.encode(),
        f"{PACKAGE}/__init__.py": b'"""Enclave study bundle: no code of its own."""\n',
        # An assignment, not a bare import: Flower's check of the reference reads the module's AST.
        f"{PACKAGE}/server.py": b"from app.federation import server_app\n\napp = server_app.app\n",
        f"{PACKAGE}/client.py": b"from app.federation import client_app\n\napp = client_app.app\n",
    }


def write(folder: Path) -> Path:
    """The bundle's project folder, for ``flwr run``."""
    for name, data in files().items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


@cache
def fab_bytes() -> bytes:
    from flwr.cli.build import build_fab_from_files

    fab, _ = build_fab_from_files(files())
    return bytes(fab)


def fab_hash() -> str:
    """The SHA-256 Flower gives this version's bundle (its ``fab_hash``)."""
    return hashlib.sha256(fab_bytes()).hexdigest()
