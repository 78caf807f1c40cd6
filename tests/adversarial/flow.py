"""The whole desktop flow as a user starts it (enclave-gui --screenshot, offscreen), in a
sandbox of folders: data folder, temp folder, Qt's cache and config folders and HOME all
point inside the test's folder, so every file the app writes can be searched afterwards."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PASSPHRASE = "an adversarial passphrase"
SYSTEM_DIRS = ("TMPDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME",
               "XDG_RUNTIME_DIR", "HOME")  # fmt: skip


@dataclass
class FlowRun:
    result: subprocess.CompletedProcess[str]
    home: Path  # the data folder
    system: Path  # TMPDIR, XDG_* and HOME live under here
    seconds: float = 0.0

    @property
    def written_roots(self) -> list[Path]:
        return [self.home, self.system]


def gui_command() -> list[str]:
    script = Path(sys.executable).parent / "enclave-gui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "app.gui_main"]


def flow_env(base: Path, model: Path, privacy_level: str) -> tuple[dict[str, str], Path, Path]:
    home, system = base / "home", base / "system"
    env = dict(os.environ)
    for name in SYSTEM_DIRS:
        folder = system / name
        folder.mkdir(parents=True, mode=0o700)
        env[name] = str(folder)
    env.update(ENCLAVE_HOME=str(home), ENCLAVE_PASSPHRASE=PASSPHRASE, ENCLAVE_MODEL=str(model),
               QT_QPA_PLATFORM="offscreen",
               # never the desktop's keyring; the vault opens with the passphrase
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))  # fmt: skip
    env.pop("ENCLAVE_DEBUG", None)
    # The privacy level is a saved setting; write it as the app does (settings.save).
    code = ("import sys; from app.core import settings; s = settings.Settings(); "
            "s.privacy_level = sys.argv[1]; settings.save(s)")  # fmt: skip
    subprocess.run([sys.executable, "-c", code, privacy_level], env=env, check=True, timeout=60)
    return env, home, system


def run_flow(base: Path, model: Path, inputs: list[Path], privacy_level: str, task: str,
             prefix: list[str] | None = None, timeout: float = 300) -> FlowRun:  # fmt: skip
    import time

    env, home, system = flow_env(base, model, privacy_level)
    command = [*(prefix or []), *gui_command(), "--screenshot", str(base / "window.png"),
               "--task", task, "--max-tokens", "24", "--size", "1280x800"]  # fmt: skip
    for path in inputs:
        command += ["--open", str(path)]
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout)
    return FlowRun(result, home, system, time.monotonic() - started)
