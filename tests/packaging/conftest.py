"""The frozen Linux bundle and its .deb, built once per test session and shared by every
packaging test (the PyInstaller build is the expensive part: about a minute of CPU).

ENCLAVE_PACKAGING_DIST=DIR reuses a folder that packaging/build.sh --deb --dist DIR filled
(for a quick loop while working on the tests); CI always builds afresh.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class LinuxBuild:
    dist: Path  # dist/enclave: the frozen one-folder app
    deb: Path
    seconds: float


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What a fresh workstation session looks like: no display, a new home, no dev variables."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "ENCLAVE_HOME": str(home / "enclave"),
        "ENCLAVE_OFFLINE_STRICT": "1",
    }
    env.update(extra)
    return env


def offline_prefix() -> list[str]:
    """Run inside a network namespace with no interfaces (DESIGN rule 1), where possible."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn"]
    return []


@pytest.fixture(scope="session")
def linux_build(tmp_path_factory: pytest.TempPathFactory) -> LinuxBuild:
    reuse = os.environ.get("ENCLAVE_PACKAGING_DIST")
    if reuse:
        dist = Path(reuse)
        return LinuxBuild(dist / "enclave", next(dist.glob("enclave_*_amd64.deb")), 0.0)
    out = tmp_path_factory.mktemp("packaging")
    started = time.perf_counter()
    result = subprocess.run(
        ["bash", str(REPO / "packaging" / "build.sh"), "--deb", "--dist", str(out / "dist"),
         "--work", str(out / "work")],
        env={**os.environ, "PYTHON": sys.executable}, capture_output=True, text=True, timeout=1800,
    )
    seconds = time.perf_counter() - started
    assert result.returncode == 0, (
        f"packaging/build.sh failed:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
    )
    debs = sorted((out / "dist").glob("enclave_*_amd64.deb"))
    assert len(debs) == 1, result.stdout[-2000:]
    print(f"\n[packaging] build.sh --deb took {seconds:.0f} s", file=sys.stderr)
    return LinuxBuild(out / "dist" / "enclave", debs[0], seconds)
