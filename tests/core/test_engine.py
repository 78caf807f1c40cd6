"""The engine on a real llama.cpp with the tiny random-weight qwen2 model."""

import threading
import time

import pytest

from app.core.llm.engine import Engine, EngineConfig, SamplingParams
from app.core.llm.errors import ContextOverflowError, EngineClosedError, ModelError

MESSAGES = [
    {"role": "system", "content": "You are a test."},
    {"role": "user", "content": "Say something."},
]
GREEDY = SamplingParams(temperature=0.0, max_tokens=24, seed=1)


@pytest.fixture(scope="module")
def engine(tiny_model):
    eng = Engine()
    eng.load(tiny_model, EngineConfig(n_ctx=512, n_threads=2))
    yield eng
    eng.close()


def test_load_report_tells_where_the_model_runs(engine, tiny_model):
    report = engine.report
    assert report is not None
    assert report.architecture == "qwen2"
    assert report.model_name == "tiny-qwen2-test"
    assert report.quantization == "F32"
    assert report.n_ctx == 512
    assert report.layers_total == 3  # 2 blocks + the output layer, as llama.cpp counts
    assert report.chat_template_source == "GGUF tokenizer.chat_template"
    assert report.n_threads == 2
    if not report.gpu_offload_supported:
        assert report.backend == "CPU"
        assert report.layers_offloaded == 0
        assert any(w.startswith("CPU only") for w in report.warnings)
        assert report.summary().startswith("CPU only")


def test_stream_yields_printable_text_and_timings(engine):
    generation = engine.stream(MESSAGES, GREEDY)
    chunks = list(generation)
    text = "".join(chunks)
    assert len(chunks) >= 2
    assert text and text.isprintable()
    timings = generation.timings
    assert timings is not None
    assert timings.finish_reason == "length"
    assert timings.generated_tokens == 24
    assert timings.prompt_tokens == engine.count_prompt_tokens(MESSAGES)
    assert timings.time_to_first_token > 0
    assert timings.decode_tokens_per_second > 0


def test_greedy_output_is_repeatable(engine):
    first = engine.stream(MESSAGES, GREEDY).text()
    second = engine.stream(MESSAGES, GREEDY).text()
    assert first == second


def test_max_tokens_stops_generation(engine):
    generation = engine.stream(MESSAGES, SamplingParams(temperature=0.0, max_tokens=5))
    generation.text()
    assert generation.timings.generated_tokens == 5
    assert generation.timings.finish_reason == "length"


def test_prompt_uses_the_chat_template_from_the_gguf(engine):
    # ChatML wraps each message in <|im_start|>/<|im_end|>: one special token each.
    plain = engine.count_tokens("<|im_start|>")
    assert plain > 1  # as plain text it is many byte tokens...
    with_template = engine.count_prompt_tokens([{"role": "user", "content": "hi"}])
    # ...but the template renders Qwen's default system prompt plus specials.
    assert with_template > engine.count_tokens("You are Qwen, created by Alibaba Cloud.")


def test_cancel_from_another_thread_stops_within_a_token(tiny_model):
    eng = Engine()
    eng.load(tiny_model, EngineConfig(n_ctx=4096, n_threads=1))
    try:
        # Room for 3,900 tokens: the worker cannot finish before the cancel arrives,
        # even on a loaded machine.
        generation = eng.stream(MESSAGES, SamplingParams(temperature=0.0, max_tokens=3900))
        seen = 0
        for _ in generation:
            seen += 1
            if seen == 3:
                canceller = threading.Thread(target=eng.cancel)
                canceller.start()
                canceller.join()
                break
        rest = list(generation)
        timings = generation.timings
        assert timings.finish_reason == "cancelled"
        # The stop is checked after every sampled token: at most one more is produced after
        # cancel() (the worker ran ahead of this reader before that, as it should).
        assert generation.produced_at_cancel is not None
        assert timings.generated_tokens - generation.produced_at_cancel <= 1
        assert len(rest) <= timings.generated_tokens - seen
        # The engine is usable afterwards.
        assert eng.stream(MESSAGES, GREEDY).text()
    finally:
        eng.close()


def test_cancel_before_start_produces_nothing(engine):
    # Occupy the worker, queue a second generation, cancel it before it starts.
    first = engine.stream(MESSAGES, SamplingParams(temperature=0.0, max_tokens=60))
    second = engine.stream(MESSAGES, GREEDY)
    second.cancel()
    first.text()
    assert second.text() == ""
    assert second.timings.finish_reason == "cancelled"


def test_context_overflow_is_a_clear_error(engine):
    long_text = "word " * 2000
    generation = engine.stream([{"role": "user", "content": long_text}], GREEDY)
    with pytest.raises(ContextOverflowError, match="context holds 512"):
        generation.text()
    # Prompt fits, but prompt + answer does not.
    fits = [{"role": "user", "content": "word " * 100}]
    prompt_tokens = engine.count_prompt_tokens(fits)
    with pytest.raises(ContextOverflowError) as info:
        engine.stream(fits, SamplingParams(max_tokens=512 - prompt_tokens + 1)).text()
    assert info.value.prompt_tokens == prompt_tokens


def test_json_schema_constrains_output(engine):
    schema = {
        "type": "object",
        "properties": {"ok": {"type": "boolean"}},
        "required": ["ok"],
        "additionalProperties": False,
    }
    import json

    text = engine.stream(MESSAGES, SamplingParams(temperature=0.0, max_tokens=40),
                         json_schema=schema).text()
    # Random weights cannot say much, but the grammar only admits this schema's JSON.
    assert text.lstrip().startswith("{")
    if text.rstrip().endswith("}"):
        assert json.loads(text)["ok"] in (True, False)


@pytest.mark.parametrize("content", [b"", b"GGUF\x03\x00\x00\x00", b"hello world" * 200])
def test_bad_files_raise_model_error_not_a_crash(tmp_path, content):
    path = tmp_path / "broken.gguf"
    path.write_bytes(content)
    eng = Engine()
    try:
        with pytest.raises(ModelError, match=r"broken\.gguf"):
            eng.load(path)
    finally:
        eng.close()


def test_truncated_model_raises_model_error(tmp_path, tiny_model):
    path = tmp_path / "truncated.gguf"
    path.write_bytes(tiny_model.read_bytes()[: tiny_model.stat().st_size - 1000])
    eng = Engine()
    try:
        with pytest.raises(ModelError, match="truncated"):
            eng.load(path)
    finally:
        eng.close()


def test_use_after_close_raises_instead_of_segfaulting(tiny_model):
    eng = Engine()
    eng.load(tiny_model, EngineConfig(n_ctx=256, n_threads=1))
    eng.close()
    eng.close()  # idempotent
    with pytest.raises(EngineClosedError):
        eng.stream(MESSAGES, GREEDY)
    with pytest.raises(EngineClosedError):
        eng.count_tokens("x")
    with pytest.raises(EngineClosedError):
        eng.load(tiny_model)


def test_close_while_generating_cancels_cleanly(tiny_model):
    eng = Engine()
    eng.load(tiny_model, EngineConfig(n_ctx=512, n_threads=1))
    generation = eng.stream(MESSAGES, SamplingParams(temperature=0.0, max_tokens=400))
    next(generation)
    started = time.perf_counter()
    eng.close()
    list(generation)
    assert generation.timings.finish_reason == "cancelled"
    assert time.perf_counter() - started < 30


def test_all_work_runs_on_one_worker_thread(engine):
    names = set()
    original = engine._tokens_for

    def spy(messages):
        names.add(threading.current_thread().name)
        return original(messages)

    engine._tokens_for = spy
    try:
        engine.stream(MESSAGES, GREEDY).text()
        engine.count_prompt_tokens(MESSAGES)
    finally:
        engine._tokens_for = original
    assert len(names) == 1
    assert names.pop().startswith("enclave-llm")


def test_cancel_during_prompt_processing_aborts_inside_llama_decode(tiny_model):
    """A long prompt on the CPU takes seconds: cancel() must stop llama_decode mid-prompt
    (through llama.cpp's abort callback), not wait for the prompt to finish."""
    eng = Engine()
    eng.load(tiny_model, EngineConfig(n_ctx=4096, n_batch=8, n_threads=1))
    try:
        messages = [{"role": "user", "content": "lung " * 740}]
        prompt_len = eng.count_prompt_tokens(messages)
        generation = eng.stream(messages, SamplingParams(temperature=0.0, max_tokens=16))
        llama = eng._llama
        deadline = time.perf_counter() + 30
        while llama.n_tokens == 0 and time.perf_counter() < deadline:
            pass  # wait until the worker is inside prompt processing
        evaluated_at_cancel = llama.n_tokens
        generation.cancel()
        assert generation.text() == ""
        assert generation.timings.finish_reason == "cancelled"
        assert generation.timings.generated_tokens == 0
        assert 0 < evaluated_at_cancel < prompt_len
        # The engine recovers: the next generation runs normally from a clean cache.
        again = eng.stream(MESSAGES, GREEDY)
        assert again.text()
        assert again.timings.finish_reason == "length"
    finally:
        eng.close()
