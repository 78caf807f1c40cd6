"""The decode loop on real llama.cpp: the grammar checked on the chosen token gives the same
tokens as llama-cpp-python's grammar path, and exact prompt lookup gives the same output as
plain decoding, on the demonstration model (SmolLM2) and on qwen2 fixtures."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.core.documents.text import read_text_bytes
from app.core.llm import bench, decoding
from app.core.llm.engine import Engine, EngineConfig, SamplingParams, grammar_for
from app.core.tasks.runner import TaskRequest, build_messages
from app.core.tasks.schemas import FINDINGS_SCHEMA
from tests.conftest import iu_reports, report_text

GREEDY = SamplingParams(temperature=0.0, max_tokens=96, seed=1)
PLAIN = EngineConfig(n_ctx=4096, n_threads=2, prompt_lookup_decoding=False)


def _task(text: str, task: str) -> list[dict[str, str]]:
    document = read_text_bytes(text.encode("utf-8"), Path("report.txt"))
    return build_messages(TaskRequest(task, language="en"), [document])


def _reports(count: int) -> list[str]:
    rows = iu_reports()
    # Reports with findings worth quoting (the normal ones are one line).
    chosen = [row for row in rows if row["Problems"] != "normal" and len(row["findings"]) > 200]
    return [report_text(row) for row in chosen[:count]]


@pytest.fixture(scope="module")
def demo_engine(demo_model: Path):
    """Prompt lookup on (flash attention, Q8_0 KV cache on the CPU); plain decoding is the
    same engine with lookup off for one answer."""
    engine = Engine()
    engine.load(demo_model, EngineConfig(n_ctx=4096, n_threads=2, prompt_lookup_decoding=True))
    assert engine.report is not None and engine.report.prompt_lookup_decoding
    yield engine
    engine.close()


def _tokens(engine: Engine, messages, sampling: SamplingParams, schema=None, *,
            lookup: bool = False) -> decoding.DecodeStats:  # fmt: skip
    prompt = engine.prompt_tokens(messages)
    options = decoding.DecodeOptions.of(sampling, seed=sampling.seed or 0, grammar=grammar_for(schema),
                                        lookup=lookup)  # fmt: skip

    def run(llama):
        llama.reset()
        return decoding.decode(llama, prompt, options, on_tokens=lambda _: True)

    return engine.call_on_worker(run)


def _assert_same_as_llama_cpp_python(engine: Engine, messages, sampling: SamplingParams) -> None:
    """The app's grammar path and llama-cpp-python's, each from a cold cache: the same JSON."""
    engine.reset_cache()
    ours = bench.app_run(engine, messages, sampling, FINDINGS_SCHEMA)
    engine.reset_cache()
    theirs = bench.bare_run(engine, messages, sampling, FINDINGS_SCHEMA)
    assert ours.text == theirs.text
    assert ours.text.lstrip().startswith("{")


def test_grammar_checked_on_the_chosen_token_gives_llama_cpp_pythons_tokens(demo_engine):
    plain = demo_engine
    for text in _reports(3):
        messages = _task(text, "findings")
        _assert_same_as_llama_cpp_python(plain, messages, GREEDY)
        # A real model's best allowed token is among its leading choices: the grammar never
        # had to see the whole vocabulary.
        stats = _tokens(plain, messages, GREEDY, FINDINGS_SCHEMA)
        assert stats.grammar_full_passes == 0


def test_the_same_on_a_vocabulary_of_qwens_size(qwen_vocab_model: Path):
    engine = Engine()
    engine.load(qwen_vocab_model, PLAIN)
    try:
        messages = _task(_reports(1)[0], "findings")
        sampling = replace(GREEDY, max_tokens=48)
        _assert_same_as_llama_cpp_python(engine, messages, sampling)
        stats = _tokens(engine, messages, sampling, FINDINGS_SCHEMA)
        # A random model's leading choices are often all invalid JSON: those tokens take the
        # pass over the whole vocabulary (the worst case of checking the chosen token).
        assert stats.grammar_full_passes >= 1
    finally:
        engine.close()


@pytest.mark.parametrize("task", ["findings", "impression", "summary"])
def test_prompt_lookup_gives_plain_decodings_output_token_for_token(demo_engine, task):
    schema = FINDINGS_SCHEMA if task == "findings" else None
    accepted = forced = 0
    for text in _reports(2):
        messages = _task(text, task)
        for sampling in (GREEDY, replace(GREEDY, temperature=0.2, seed=42)):  # the app's default too
            want = _tokens(demo_engine, messages, sampling, schema, lookup=False)
            got = _tokens(demo_engine, messages, sampling, schema, lookup=True)
            assert got.tokens == want.tokens
            assert want.drafted == 0
            accepted += got.accepted
            forced += got.forced_accepted
            assert got.forced_accepted <= got.forced_drafted <= got.drafted
            assert got.steps < got.generated  # drafts were taken: fewer decodes than tokens
    assert accepted > 0
    # Under the findings grammar its keys are drafted from the grammar; free text has none.
    assert (forced > 0) == (schema is not None)


def test_prompt_lookup_needs_no_logits_for_every_position(demo_engine):
    assert demo_engine.call_on_worker(lambda llama: bool(llama._logits_all)) is False
    assert demo_engine.report is not None and demo_engine.report.flash_attn


def test_lookup_through_the_engine_streams_the_same_text(demo_engine):
    messages = _task(_reports(1)[0], "impression")
    demo_engine.reset_cache()
    want = demo_engine.stream(messages, GREEDY, lookup=False)
    want_text = want.text()
    demo_engine.reset_cache()
    got = demo_engine.stream(messages, GREEDY)
    assert got.text() == want_text
    assert got.timings is not None and got.timings.accepted_tokens > 0
    assert got.timings.decode_steps < got.timings.generated_tokens


def test_drafts_the_grammar_refuses_are_cut(tiny_model: Path):
    engine = Engine()
    engine.load(tiny_model, PLAIN)
    try:
        def probe(llama):
            import llama_cpp

            vocab = llama_cpp.llama_model_get_vocab(llama.model)
            n_vocab = int(llama_cpp.llama_vocab_n_tokens(vocab))
            options = decoding.DecodeOptions(temperature=0.0, top_p=1.0, top_k=40, repeat_penalty=1.0,
                                             max_tokens=8, seed=1, grammar='root ::= "yes" | "no"')
            sampler = decoding.Sampler(llama_cpp, vocab, n_vocab, options)
            try:
                byte = {chr(b): llama.tokenize(chr(b).encode(), add_bos=False, special=False)[0]
                        for b in b"yesnox"}  # fmt: skip
                return (sampler.grammar_prefix([byte["y"], byte["e"], byte["s"]]),
                        sampler.grammar_prefix([byte["y"], byte["e"], byte["x"], byte["s"]]),
                        sampler.grammar_prefix([byte["x"]]))
            finally:
                sampler.close()

        assert engine.call_on_worker(probe) == (3, 2, 0)
    finally:
        engine.close()


def test_ngram_index_drafts_what_followed_the_longest_recent_match():
    index = decoding.NgramIndex([1, 2, 3, 4, 5, 9, 2, 3, 7])
    index.extend([1, 2, 3])
    assert index.draft(3) == [4, 5, 9]  # "1 2 3" was followed by 4 5 9
    index.extend([8])
    assert index.draft(4) == []  # "2 3 8" never occurred
    index.extend([1, 2, 3])
    assert index.draft(2) == [8, 1]  # the most recent "1 2 3" was followed by 8
    # Two tokens alone are too weak a match to pay for a draft.
    assert decoding.NgramIndex([5, 2, 3, 7, 6, 2, 3]).draft(4) == []
