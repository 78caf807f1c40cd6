"""The Linux .deb, the offline bundle, and the Windows NSIS script."""

from __future__ import annotations

import configparser
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.packaging.conftest import REPO, LinuxBuild, clean_env, offline_prefix
from tests.packaging.test_linux_bundle import run_self_test

# The first test also builds the bundle (session fixture): minutes on a busy 2-core machine.
pytestmark = [pytest.mark.packaging, pytest.mark.slow, pytest.mark.timeout(1800)]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_deb_metadata_and_desktop_integration(linux_build: LinuxBuild, tmp_path: Path) -> None:
    fields = subprocess.run(["dpkg-deb", "-f", str(linux_build.deb), "Package", "Architecture", "Version"],
                            capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert "Package: enclave" in fields and "Architecture: amd64" in fields
    listing = subprocess.run(["dpkg-deb", "-c", str(linux_build.deb)], capture_output=True, text=True,
                             check=True).stdout  # fmt: skip
    assert "./usr/bin/enclave -> /opt/enclave/enclave" in listing
    assert "./opt/enclave/_internal/llama_cpp/lib/libllama.so" in listing
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(linux_build.deb), str(root)], check=True)
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(root / "usr/share/applications/org.enclave.Enclave.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Exec"] == "enclave-gui %F" and entry["Icon"] == "enclave"
    assert {"application/dicom", "application/pdf", DOCX} <= set(entry["MimeType"].strip(";").split(";"))
    assert (root / "usr/share/icons/hicolor/scalable/apps/enclave.svg").is_file()
    assert (root / "usr/share/icons/hicolor/256x256/apps/enclave.png").is_file()
    metainfo = ET.parse(root / "usr/share/metainfo/org.enclave.Enclave.metainfo.xml").getroot()
    assert metainfo.findtext("id") == "org.enclave.Enclave"
    assert metainfo.findtext("launchable") == "org.enclave.Enclave.desktop"
    if shutil.which("appstreamcli"):
        check = subprocess.run(["appstreamcli", "validate", "--no-net",
                                str(root / "usr/share/metainfo/org.enclave.Enclave.metainfo.xml")],
                               capture_output=True, text=True)  # fmt: skip
        assert check.returncode == 0, check.stdout + check.stderr


def test_deb_installed_into_a_throwaway_root_passes_its_self_test(
        linux_build: LinuxBuild, tmp_path: Path) -> None:  # fmt: skip
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(linux_build.deb), str(root)], check=True)
    installed = root / "opt" / "enclave"
    report = run_self_test(installed / "enclave", tmp_path / "home")
    assert Path(report["install_root"]) == installed.resolve()
    # started through a link, as /usr/bin/enclave is: the install folder is still found
    link = tmp_path / "bin" / "enclave"
    link.parent.mkdir()
    link.symlink_to(installed / "enclave")
    models = subprocess.run([str(link), "models", "list", "--json"], env=clean_env(tmp_path / "home"),
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert models.returncode == 0, models.stderr
    assert Path(json.loads(models.stdout)["selected"]["path"]).parent == installed.resolve() / "models"


def test_deb_is_lintian_clean(linux_build: LinuxBuild) -> None:
    """No error or warning is left; each tag overridden is explained in lintian-overrides."""
    assert shutil.which("lintian"), "lintian is installed by tests/install_system_packages.sh"
    result = subprocess.run(["lintian", "--tag-display-limit", "0", str(linux_build.deb)],
                            capture_output=True, text=True, timeout=1200)  # fmt: skip
    lines = (result.stdout + result.stderr).splitlines()
    problems = [line for line in lines if line.startswith(("E:", "W:"))]
    assert not problems, "\n".join(problems)
    overrides = (REPO / "installer/linux/lintian-overrides").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(overrides):
        if line.startswith("enclave:"):
            above = [o for o in overrides[:number] if o.strip()]
            assert above and above[-1].startswith(("#", "enclave:")), f"unexplained override: {line}"


def test_offline_bundle_installs_with_no_network(linux_build: LinuxBuild, tmp_path: Path) -> None:
    model = linux_build.dist / "models" / "SmolLM2-135M-Instruct.Q4_1.gguf"
    made = subprocess.run(["bash", str(REPO / "packaging/bundle.sh"), "--type", "linux-cpu",
                           "--installer", str(linux_build.deb), "--model", str(model),
                           "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, check=True)  # fmt: skip
    bundle = Path(made.stdout.strip().splitlines()[-1])
    assert bundle.name.startswith("enclave-") and bundle.name.endswith("-linux-cpu")
    sums = (bundle / "SHA256SUMS").read_text(encoding="utf-8")
    for name in (linux_build.deb.name, "models/" + model.name, "README-IT.md", "install.sh"):
        assert f"  {name}\n" in sums
    root = tmp_path / "root"
    install = subprocess.run([*offline_prefix(), str(bundle / "install.sh"), "--root", str(root)],
                             env=clean_env(tmp_path / "home"), capture_output=True, text=True,
                             timeout=900)  # fmt: skip
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    assert "self-test passed" in install.stdout
    assert (root / "opt/enclave/models" / model.name).stat().st_size == model.stat().st_size
    # a damaged copy is refused before anything is installed
    with (bundle / "models" / model.name).open("r+b") as handle:
        handle.seek(1000)
        handle.write(b"\0damaged\0")
    damaged = subprocess.run([str(bundle / "install.sh"), "--root", str(tmp_path / "root2")],
                             capture_output=True, text=True, timeout=300)  # fmt: skip
    assert damaged.returncode == 1 and "damaged" in damaged.stderr
    assert not (tmp_path / "root2" / "opt").exists()


def test_nsis_script_compiles_against_a_stub_payload(tmp_path: Path) -> None:
    makensis = shutil.which("makensis")
    assert makensis, "nsis is installed by tests/install_system_packages.sh"
    assert subprocess.run([makensis, "-VERSION"], capture_output=True, text=True).returncode == 0
    payload = tmp_path / "payload"
    (payload / "_internal").mkdir(parents=True)
    (payload / "models").mkdir()
    for name in ("enclave.exe", "enclave-gui.exe", "_internal/python311.dll"):
        (payload / name).write_bytes(b"MZ stub")
    shutil.copy2(REPO / "models/manifest.json", payload / "models/manifest.json")
    out = tmp_path / "Enclave-0.1.0-win64.exe"
    result = subprocess.run(
        [makensis, "-V2", "-WX", f"-DPAYLOAD={payload}", "-DVERSION=0.1.0", f"-DOUTFILE={out}",
         str(REPO / "installer/windows/enclave.nsi")],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = out.read_bytes()
    assert data[:2] == b"MZ" and b"Nullsoft" in data
    # a missing payload is a clear build error, not an empty installer
    broken = subprocess.run([makensis, "-V1", str(REPO / "installer/windows/enclave.nsi")],
                            capture_output=True, text=True)  # fmt: skip
    assert broken.returncode != 0 and "PAYLOAD" in broken.stdout + broken.stderr
