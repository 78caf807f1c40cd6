"""Batched decode of several prompts as parallel sequences in one llama.cpp context (tiny qwen2)."""

import json

import pytest

from app.core.llm.engine import Engine, EngineConfig, SamplingParams
from app.core.llm.parallel import generate_parallel
from app.core.tasks.schemas import FINDINGS_SCHEMA

GREEDY = SamplingParams(temperature=0.0, repeat_penalty=1.0, max_tokens=24)
QUESTIONS = ["Is there a pleural effusion?", "胸腔积液吗？", "Summarise: mild cardiomegaly, no pneumothorax.",
             "Hello"]  # fmt: skip


@pytest.fixture(scope="module")
def engine(tiny_model):
    engine = Engine()
    engine.load(tiny_model, EngineConfig(n_ctx=1024, n_threads=2, n_batch=64))
    yield engine
    engine.close()


def conversations():
    return [[{"role": "user", "content": q}] for q in QUESTIONS]


def sequential(engine, convo, sampling, schema=None):
    generation = engine.stream(convo, sampling, json_schema=schema)
    text = generation.text()
    return text, generation.timings


def test_one_sequence_is_exactly_the_sequential_greedy_output(engine):
    for convo in conversations()[:2]:
        run = generate_parallel(engine, [convo], GREEDY)
        text, timings = sequential(engine, convo, GREEDY)
        output = run.outputs[0]
        assert output.text == text and len(output.tokens) == timings.generated_tokens
        assert output.finish_reason == timings.finish_reason and output.prompt_tokens == timings.prompt_tokens


def test_greedy_parallel_outputs_follow_sequential_greedy_outputs(demo_model):
    """The random tiny model says the same thing to every prompt, so sequences mixed up would
    go unseen: the real demo model answers each prompt differently. Batched arithmetic is not
    bit-identical to one-at-a-time (a near tie may go the other way late in an answer), so
    each answer must open with the sequential answer's tokens and the most must match whole."""
    engine = Engine()
    engine.load(demo_model, EngineConfig(n_ctx=1024, n_threads=2, n_batch=64))
    try:
        sampling = SamplingParams(temperature=0.0, repeat_penalty=1.0, max_tokens=16)
        run = generate_parallel(engine, conversations(), sampling)
        same = 0
        for convo, output in zip(conversations(), run.outputs, strict=True):
            generation = engine.stream(convo, sampling)
            text = generation.text()
            opening = engine.call_on_worker(lambda llama, o=output: llama.detokenize(o.tokens[:8]))
            assert len(output.tokens) > 8 and text.encode("utf-8").startswith(opening)
            assert output.prompt_tokens == generation.timings.prompt_tokens
            same += output.text == text
        assert same >= len(QUESTIONS) - 1
        assert len({o.text for o in run.outputs}) == len(QUESTIONS)  # each sequence kept its own prompt
        # Prompts longer than one n_batch (64 tokens) are fed in several decode calls.
        assert sum(o.prompt_tokens for o in run.outputs) > 64
        assert run.generated_tokens == sum(len(o.tokens) for o in run.outputs)
        assert run.tokens_per_second > 0
    finally:
        engine.close()


def test_grammar_holds_every_parallel_sequence(engine):
    sampling = SamplingParams(temperature=0.0, repeat_penalty=1.0, max_tokens=40)
    run = generate_parallel(engine, conversations()[:2], sampling, json_schema=FINDINGS_SCHEMA)
    for convo, output in zip(conversations()[:2], run.outputs, strict=True):
        assert output.text.lstrip().startswith("{")
        text, _ = sequential(engine, convo, sampling, FINDINGS_SCHEMA)
        assert output.text == text
        if output.finish_reason == "stop":
            assert isinstance(json.loads(output.text)["findings"], list)


def test_sampled_parallel_sequences_with_a_repeat_penalty(engine):
    sampling = SamplingParams(temperature=0.8, top_k=40, top_p=0.9, repeat_penalty=1.1, max_tokens=10, seed=7)
    first = generate_parallel(engine, conversations()[:3], sampling)
    again = generate_parallel(engine, conversations()[:3], sampling)
    assert all(o.tokens and len(o.tokens) <= 10 for o in first.outputs)
    assert [o.tokens for o in first.outputs] == [o.tokens for o in again.outputs]  # seeded: repeatable
    assert len({tuple(o.tokens) for o in first.outputs}) > 1  # each sequence has its own seed
