"""Out of GPU memory at load: the engine retries with fewer layers and says so.

No GPU runs here, so llama.cpp's loader is replaced by one that fails the way a CUDA build
fails on an 8 GB card (ValueError after cudaMalloc errors in the log) above a layer limit.
The rest (GGUF checks, the retry policy, the report) is the real engine code.
"""

import pytest

from app.core.llm import engine as engine_mod
from app.core.llm.engine import Engine, EngineConfig
from app.core.llm.errors import ModelError


class _FakeLlama:
    def __init__(self, real_kwargs):
        from llama_cpp import Llama

        real_kwargs = dict(real_kwargs, n_gpu_layers=0)
        self._real = Llama(**real_kwargs)

    def __getattr__(self, name):
        return getattr(self._real, name)


def _factory(limit, attempts):
    def make(**kwargs):
        attempts.append((kwargs["n_gpu_layers"], kwargs["n_ctx"]))
        if kwargs["n_gpu_layers"] > limit:
            engine_mod._log_capture.lines.append(
                "ggml_backend_cuda_buffer_type_alloc_buffer: allocating 5000 MiB on device 0: "
                "cudaMalloc failed: out of memory"
            )
            raise ValueError(f"Failed to load model from file: {kwargs['model_path']}")
        engine_mod._log_capture.lines.append(
            f"load_tensors: offloaded {kwargs['n_gpu_layers']}/3 layers to GPU"
        )
        return _FakeLlama(kwargs)

    return make


@pytest.fixture
def gpu_build(monkeypatch):
    real = engine_mod.build_info

    def fake_build_info():
        info = real()
        return dict(info, gpu_offload_supported=True, backend="CUDA")

    monkeypatch.setattr(engine_mod, "build_info", fake_build_info)


def test_oom_retries_with_fewer_layers_and_reports_it(tiny_model, gpu_build):
    attempts = []
    eng = Engine(llama_factory=_factory(limit=1, attempts=attempts))
    try:
        report = eng.load(tiny_model, EngineConfig(n_ctx=256, n_threads=1))
    finally:
        eng.close()
    assert attempts[0] == (3, 256)  # all layers first (2 blocks + output)
    assert attempts[-1][0] <= 1
    assert report.retries and "GPU memory was not enough" in report.retries[0]
    assert report.layers_offloaded == attempts[-1][0]
    assert any("Only" in w and "layers run on the GPU" in w for w in report.warnings)


def test_non_memory_failure_is_not_retried(tiny_model, gpu_build):
    attempts = []

    def broken(**kwargs):
        attempts.append(kwargs["n_gpu_layers"])
        raise ValueError("unknown model architecture: 'qwen9'")

    eng = Engine(llama_factory=broken)
    try:
        with pytest.raises(ModelError, match="unknown model architecture"):
            eng.load(tiny_model, EngineConfig(n_ctx=256))
    finally:
        eng.close()
    assert len(attempts) == 1
