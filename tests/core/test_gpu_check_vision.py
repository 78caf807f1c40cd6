"""The vision half of the GPU check runs end to end here on tiny shapes (a GPU machine may not
be lent; when one is, this part must run right the first time)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from tests.fixtures.tiny_qwen2 import write_tiny_qwen2

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def gpu_check_vision():
    path = ROOT / "packaging" / "gpu_check_vision.py"
    spec = importlib.util.spec_from_file_location("gpu_check_vision", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_text_model_rewritten_as_the_text_half_of_qwen2_5_vl(tmp_path, gpu_check_vision):
    import gguf

    plain = write_tiny_qwen2(tmp_path / "plain.gguf")
    vl = tmp_path / "vl.gguf"
    gpu_check_vision.as_vl(plain, vl)
    before, after = gguf.GGUFReader(str(plain)), gguf.GGUFReader(str(vl))
    assert after.fields["general.architecture"].contents() == "qwen2vl"
    assert after.fields["qwen2vl.rope.dimension_sections"].contents() == [4, 6, 6, 0]  # head 32
    assert after.fields["qwen2vl.block_count"].contents() == before.fields["qwen2.block_count"].contents()
    tokens = after.fields["tokenizer.ggml.tokens"].contents()
    assert all(special in tokens for special in gpu_check_vision.SPECIALS)
    assert [t.name for t in after.tensors] == [t.name for t in before.tensors]
    assert all((a.data == b.data).all() for a, b in zip(after.tensors, before.tensors, strict=True))


def test_the_vision_bench_runs_and_prints_its_figures(tmp_path, gpu_check_vision, tiny_vl_pair, capsys):
    _, projector = tiny_vl_pair
    vl = tmp_path / "vl.gguf"
    gpu_check_vision.as_vl(write_tiny_qwen2(tmp_path / "plain.gguf"), vl)
    text = tmp_path / "bench.json"
    text.write_text(json.dumps({"decode": {"app": {"median": 123.0}}}))
    out = tmp_path / "vision.json"
    figures = gpu_check_vision.bench(vl, projector, out, text, gpu_layers=0, image_tokens=64, max_tokens=8)
    assert json.loads(out.read_text()) == figures
    one, three = figures["runs"]["1 image(s)"], figures["runs"]["3 image(s)"]
    assert one["image_tokens"] == 64 and three["image_tokens"] == 3 * 64
    assert len(three["encode_seconds_per_image"]) == 3 and three["time_to_first_token_s"] > 0
    assert figures["decode with image / without"] > 0 and figures["text_model_decode_tok_s"] == 123.0
    assert "issue 16 on this machine" in capsys.readouterr().out


def test_the_7b_shaped_projector_is_what_llama_cpp_expects(tmp_path, gpu_check_vision):
    """Qwen2.5-VL-7B's vision keys and tensor shapes, on a smaller width (the real 1.3 GB file is
    written only on the GPU machine): llama.cpp's loader accepts them for a matching model."""
    from app.core.llm.engine import Engine, EngineConfig

    shape = {**gpu_check_vision.VISION, "hidden": 64, "layers": 8, "heads": 4, "ffn": 96, "out_hidden": 64}
    projector = tmp_path / "mmproj.gguf"
    gpu_check_vision.write_mmproj(projector, shape)
    vl = tmp_path / "vl.gguf"
    gpu_check_vision.as_vl(write_tiny_qwen2(tmp_path / "plain.gguf"), vl)
    engine = Engine()
    try:
        report = engine.load(vl, EngineConfig(n_ctx=1024, projector_path=str(projector), max_image_tokens=16))
        assert report.projector == "mmproj.gguf" and engine.sees_images
    finally:
        engine.close()
