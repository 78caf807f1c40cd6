import json

from app.core import settings


def test_defaults_follow_the_design():
    s = settings.Settings()
    assert s.privacy_level == "high"
    assert s.n_gpu_layers == -1
    assert s.n_ctx == 8192
    assert s.kv_cache_type == "f16"
    assert s.schema_version == settings.SCHEMA_VERSION


def test_round_trip_and_atomic_save(tmp_path):
    path = tmp_path / "settings.json"
    s = settings.Settings(privacy_level="ephemeral", n_ctx=4096, language="zh_CN")
    s.sampling.temperature = 0.0
    settings.save(s, path)
    loaded = settings.load(path)
    assert loaded == s
    assert not list(tmp_path.glob(".settings-*"))  # no temp file left behind


def test_v1_file_is_migrated(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 1, "use_gpu": False, "context_size": 2048}))
    loaded = settings.load(path)
    assert loaded.n_gpu_layers == 0
    assert loaded.n_ctx == 2048
    assert loaded.schema_version == settings.SCHEMA_VERSION


def test_bad_values_fall_back_to_defaults(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"privacy_level": "none", "n_ctx": "big", "flash_attn": 1,
                                "unknown": True, "sampling": {"top_k": 7}}))
    loaded = settings.load(path)
    assert loaded.privacy_level == "high"
    assert loaded.n_ctx == 8192
    assert loaded.flash_attn is False
    assert loaded.sampling.top_k == 7


def test_corrupt_file_gives_defaults(tmp_path):
    path = tmp_path / "settings.json"
    path.write_bytes(b"\x00{not json")
    assert settings.load(path) == settings.Settings()


def test_threads_default_to_physical_cores():
    assert settings.Settings().effective_threads() == settings.physical_cores() >= 1
    assert settings.Settings(n_threads=3).effective_threads() == 3
