"""The frozen Linux app: what it contains, and that its --self-test passes offline."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.packaging.conftest import REPO, LinuxBuild, clean_env, offline_prefix

# The first test also builds the bundle (session fixture): minutes on a busy 2-core machine.
pytestmark = [pytest.mark.packaging, pytest.mark.slow, pytest.mark.timeout(1800)]

# Qt parts Enclave does not use (issue 7): none may be in the bundle.
EXCLUDED = re.compile(
    r"Qt6?(Network|Qml|Quick|WebEngine|3D|Designer|Sql|Test)|QtNetwork|opengl32sw|qmltooling",
    re.IGNORECASE,
)


def _files(root: Path) -> list[Path]:
    """Regular files; PyInstaller's symlinks (versioned .so names, pillow.libs) count once."""
    return [Path(folder) / name for folder, _, names in os.walk(root) for name in names
            if (Path(folder) / name).is_file() and not (Path(folder) / name).is_symlink()]


def _size_mb(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


def run_self_test(executable: Path, home: Path) -> dict:
    result = subprocess.run(
        [*offline_prefix(), str(executable), "--self-test", "--json"],
        env=clean_env(home), capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"self-test failed:\n{result.stdout}\n{result.stderr[-4000:]}"
    report = json.loads(result.stdout)
    failed = [c for c in report["checks"] if not c["ok"]]
    assert report["ok"] and not failed, failed
    return report


def test_bundle_layout(linux_build: LinuxBuild) -> None:
    dist = linux_build.dist
    for exe in ("enclave", "enclave-gui"):
        assert (dist / exe).is_file() and (dist / exe).stat().st_mode & 0o111
    internal = dist / "_internal"
    # llama.cpp's ctypes libraries (without them: "Shared library with base name 'llama' not found")
    assert (internal / "llama_cpp" / "lib" / "libllama.so").exists()
    assert (internal / "llama_cpp" / "lib" / "libggml-cpu.so").exists()
    # noarchive: the app's modules are loose .pyc files, not inside a PYZ archive
    assert (internal / "app" / "cli.pyc").is_file()
    assert (internal / "app" / "core" / "tasks" / "prompts" / "summary.txt").is_file()
    files = _files(dist)
    assert not [p for p in files if p.suffix == ".pyz" or p.name.endswith("PYZ-00.pyz")]
    # upx off: no packed binaries
    for binary in (dist / "enclave", internal / "llama_cpp" / "lib" / "libllama.so"):
        assert b"UPX!" not in binary.read_bytes()[:4096]
    unwanted = [str(p.relative_to(dist)) for p in files if EXCLUDED.search(p.name)]
    assert not unwanted, unwanted
    assert not [p for p in files if p.name.startswith(("libcuda.so", "libnvidia-"))]
    # the demo model beside the install, where paths.install_models_dir() looks, with the
    # size and SHA-256 the manifest records
    manifest = json.loads((dist / "models" / "manifest.json").read_text(encoding="utf-8"))
    demo = next(m for m in manifest["models"] if m["role"] == "demo")["files"][0]
    model = dist / "models" / demo["name"]
    assert model.stat().st_size == demo["size"]
    assert hashlib.sha256(model.read_bytes()).hexdigest() == demo["sha256"]
    without_models = [p for p in files if "models" not in p.relative_to(dist).parts[:1]]
    print(f"\n[packaging] frozen folder {_size_mb(files):.0f} MB, without models/ "
          f"{_size_mb(without_models):.0f} MB, {len(files)} files")
    assert _size_mb(without_models) < 400, "issue 7: the folder without the model stays under 400 MB"


def test_frozen_self_test_passes_offline(linux_build: LinuxBuild, tmp_path: Path) -> None:
    report = run_self_test(linux_build.dist / "enclave", tmp_path)
    assert report["frozen"] is True
    assert Path(report["install_root"]) == linux_build.dist.resolve()
    checks = {c["name"]: c for c in report["checks"]}
    assert set(checks) >= {"dependencies", "enclave modules", "qt", "model", "vision library", "vault",
                           "dicom", "pdf", "offline"}  # fmt: skip
    assert checks["vision library"]["ok"], checks["vision library"]  # libmtmd ships in the bundle
    assert "(verified)" in checks["model"]["detail"] and "tokens generated" in checks["model"]["detail"]
    assert "platform offscreen" in checks["qt"]["detail"]
    assert "JPEG Baseline" in checks["dicom"]["detail"] and "JPEG 2000" in checks["dicom"]["detail"]
    assert checks["offline"]["detail"] == "network attempts: none"
    assert "through the vault service" in checks["vault"]["detail"]
    print(f"\n[packaging] frozen self-test {report['seconds']:.1f} s: "
          + ", ".join(f"{c['name']} {c['seconds']:.2f}" for c in report["checks"]))


def test_frozen_cli_uses_models_beside_the_install(linux_build: LinuxBuild, tmp_path: Path) -> None:
    result = subprocess.run([str(linux_build.dist / "enclave"), "models", "list", "--json"],
                            env=clean_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    selected = json.loads(result.stdout)["selected"]
    assert selected["source"] == "install"
    assert Path(selected["path"]).parent == linux_build.dist.resolve() / "models"


def test_cuda_runtime_hook_falls_back_to_cpu_with_a_notice(linux_build: LinuxBuild, tmp_path: Path) -> None:
    """A GPU bundle on a machine without the NVIDIA driver: the CPU build runs, and says so.

    The bundle is copied and given a lib-cuda folder (the CPU libraries stand in: what is
    tested is the choice, which depends on whether libcuda.so.1 loads)."""
    import shutil

    if subprocess.run(["sh", "-c", "ldconfig -p | grep -q 'libcuda.so.1 '"]).returncode == 0:
        pytest.fail("this machine has an NVIDIA driver; the fallback cannot be shown here")
    copy = tmp_path / "enclave"
    shutil.copytree(linux_build.dist, copy, symlinks=True,
                    ignore=shutil.ignore_patterns("*.gguf"))
    internal = copy / "_internal" / "llama_cpp"
    shutil.copytree(internal / "lib", internal / "lib-cuda", symlinks=True)
    model = linux_build.dist / "models" / "SmolLM2-135M-Instruct.Q4_1.gguf"
    result = subprocess.run([str(copy / "enclave"), "--self-test", "--json", "--model", str(model)],
                            env=clean_env(tmp_path), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    detail = next(c for c in json.loads(result.stdout)["checks"] if c["name"] == "model")["detail"]
    assert "llama.cpp build: cpu" in detail
    assert "No NVIDIA driver found: libcuda.so.1 cannot be loaded" in detail
    # enclave doctor tells IT the same: the build chosen, and the notice among the warnings
    doctor = subprocess.run([str(copy / "enclave"), "doctor", "--json", "--no-load", "--model", str(model)],
                            env=clean_env(tmp_path), capture_output=True, text=True, timeout=300)  # fmt: skip
    report = json.loads(doctor.stdout)
    assert report["llama_build"]["variant"] == "cpu"
    notice = report["llama_build"]["notice"]
    assert notice.startswith("No NVIDIA driver found") and notice in report["warnings"]


def test_system_libraries_are_declared_in_the_deb(linux_build: LinuxBuild) -> None:
    """Every library the bundle needs from the system belongs to a package the .deb depends on."""
    control = subprocess.run(["dpkg-deb", "-f", str(linux_build.deb), "Depends"],
                             capture_output=True, text=True, check=True).stdout
    declared = {re.split(r"[\s(]", alt.strip())[0] for alt in re.split(r"[,|]", control) if alt.strip()}
    internal = linux_build.dist / "_internal"
    elfs = [p for p in _files(linux_build.dist)
            if (p.name.endswith(".so") or ".so." in p.name or p.name in ("enclave", "enclave-gui"))
            and p.read_bytes()[:4] == b"\x7fELF"]  # fmt: skip
    outside: set[str] = set()
    not_found: set[str] = set()
    for start in range(0, len(elfs), 40):
        out = subprocess.run(["ldd", *map(str, elfs[start:start + 40])], capture_output=True, text=True,
                             env={"LD_LIBRARY_PATH": str(internal), "PATH": "/usr/bin:/bin"}).stdout
        for line in out.splitlines():
            if "=> not found" in line:
                not_found.add(line.split()[0])
            elif "=>" in line and str(linux_build.dist) not in line:
                target = line.split("=>")[1].split("(")[0].strip()
                if target:
                    outside.add(str(Path(target).resolve()))
    # Wayland client libraries are optional on X11 desktops; their packages are in Depends.
    optional = {"libwayland-cursor.so.0": "libwayland-cursor0", "libwayland-egl.so.1": "libwayland-egl1"}
    unexplained = {lib for lib in not_found if lib not in optional}
    assert not unexplained, f"libraries neither bundled nor on the system: {sorted(unexplained)}"
    assert {optional[lib] for lib in not_found} <= declared
    packages: set[str] = set()
    for path in sorted(outside):
        owner = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True)
        if owner.returncode != 0:  # merged /usr: dpkg knows the /lib spelling
            owner = subprocess.run(["dpkg", "-S", path.removeprefix("/usr")], capture_output=True,
                                   text=True)  # fmt: skip
        assert owner.returncode == 0, f"{path}: no package owns it"
        packages.add(owner.stdout.split(":")[0])
    missing = sorted(packages - declared)
    assert not missing, f"needed from the system but not in Depends: {missing}"
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"} <= declared  # Qt's xcb plug-in


def test_build_scripts_document_the_gpu_variant() -> None:
    build_sh = (REPO / "packaging" / "build.sh").read_text(encoding="utf-8")
    build_ps1 = (REPO / "packaging" / "build.ps1").read_text(encoding="utf-8")
    for script in (build_sh, build_ps1):
        assert "-DGGML_CUDA=on" in script and "GGML_NATIVE=OFF" in script
    assert subprocess.run(["bash", "-n", str(REPO / "packaging" / "build.sh")]).returncode == 0


def test_frozen_gui_reports_its_first_paint(linux_build: LinuxBuild) -> None:
    """The start-up benchmark's probe works in the frozen app (the figure is printed; the
    comparison with a bare window is tests/benchmarks/bench_frozen_start.py)."""
    from tests.benchmarks.bench_frozen_start import start_once

    first, main_window = start_once(linux_build.dist / "enclave-gui", "offscreen")
    assert main_window is not None and 0 < first < main_window  # the start window comes first
    print(f"\n[packaging] frozen enclave-gui painted its start window {first:.2f} s and its main "
          f"window {main_window:.2f} s after the spawn")
