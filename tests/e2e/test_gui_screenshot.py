"""The real desktop app, started as a user would (the enclave-gui script), on a fresh data
folder: it creates the vault from ENCLAVE_PASSPHRASE, opens a report, runs a task to the
end and renders its window into a PNG (under Xvfb with Qt's xcb platform, and offscreen)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _gui_command() -> list[str]:
    script = Path(sys.executable).parent / "enclave-gui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "app.gui_main"]


def _run(tmp_path: Path, model: Path, report: Path, out: Path, *extra: str,
         xvfb: bool) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(ENCLAVE_HOME=str(tmp_path / "home"), ENCLAVE_PASSPHRASE="an e2e passphrase",
               ENCLAVE_MODEL=str(model))  # fmt: skip
    prefix: list[str] = []
    if xvfb:
        env.pop("QT_QPA_PLATFORM", None)
        env["QT_QPA_PLATFORM"] = "xcb"
        prefix = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24"]
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    command = [*prefix, *_gui_command(), "--screenshot", str(out), "--open", str(report),
               "--task", "summary", "--max-tokens", "24", "--size", "1280x800", *extra]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


def _check_picture(out: Path) -> None:
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert not image.isNull(), f"{out} is not a picture"
    assert (image.width(), image.height()) == (1280, 800)
    colours = {image.pixel(x, y) for x in range(0, 1280, 37) for y in range(0, 800, 23)}
    assert len(colours) > 20  # a rendered window, not a blank frame


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed "
                    "(tests/install_system_packages.sh installs it)")
def test_the_app_renders_a_screenshot_under_xvfb(tmp_path, tiny_model, report_file):
    out = tmp_path / "window.png"
    result = _run(tmp_path, tiny_model, report_file, out, xvfb=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "recovery key" in result.stderr  # the scripted vault was created, its key told once
    assert (tmp_path / "home" / "vault").is_dir()
    _check_picture(out)


def test_the_app_renders_in_chinese_offscreen(tmp_path, tiny_model, report_file):
    out = tmp_path / "window-zh.png"
    result = _run(tmp_path, tiny_model, report_file, out, "--lang", "zh_CN", xvfb=False)
    assert result.returncode == 0, result.stderr[-3000:]
    _check_picture(out)


def test_a_file_that_cannot_be_read_fails_clearly(tmp_path, tiny_model):
    broken = tmp_path / "broken.bin"
    broken.write_bytes(bytes(range(256)) * 16)
    result = _run(tmp_path, tiny_model, broken, tmp_path / "never.png", xvfb=False)
    assert result.returncode == 1
    assert "broken.bin" in result.stderr and not (tmp_path / "never.png").exists()
