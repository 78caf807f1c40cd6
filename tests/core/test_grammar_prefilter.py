"""The grammar's prefilter on real llama.cpp: at every step of a JSON answer (English,
Chinese, numbers, null, the end) it lets through every token the whole-vocabulary pass
allows and the same set comes out; and decoding with it gives the same tokens as without."""

from __future__ import annotations

import ctypes
import json
from pathlib import Path

import numpy as np
import pytest

from app.core.llm import decoding
from app.core.llm.engine import Engine, EngineConfig, SamplingParams, grammar_for
from app.core.llm.grammar_prefilter import TOKEN_DATA, TokenPrefixes, allowed_among
from app.core.tasks.schemas import FINDINGS_SCHEMA
from tests.core.test_decoding import _reports, _task

PLAIN = EngineConfig(n_ctx=4096, n_threads=2)
ANSWER = {
    "findings": [
        {"evidence": "There is a small left pleural effusion.", "label": "pleural effusion",
         "body_site": "left pleura", "laterality": "left", "size_mm": 12.5, "severity": "mild",
         "certainty": "present"},
        {"evidence": "右肺下叶见一结节，约 8 毫米。", "label": "肺结节", "body_site": "右肺下叶",
         "laterality": "right", "size_mm": None, "severity": "none", "certainty": "possible"},
    ]
}  # fmt: skip


def _whole_vocabulary(lib, grammar, n_vocab: int) -> np.ndarray:
    cur = np.zeros(n_vocab, dtype=TOKEN_DATA)
    cur["id"] = np.arange(n_vocab)
    array = lib.llama_token_data_array(data=cur.ctypes.data_as(lib.llama_token_data_p), size=n_vocab,
                                       selected=-1, sorted=False)  # fmt: skip
    lib.llama_sampler_apply(grammar, ctypes.byref(array))
    return np.flatnonzero(~np.isinf(cur["logit"]))


def _walk(engine: Engine, text: str) -> list[int]:
    """Step through ``text``'s tokens under the findings grammar; at each step compare the
    prefiltered set with the whole-vocabulary pass. Returns the candidate counts."""
    import llama_cpp as lib

    def run(llama):
        vocab = lib.llama_model_get_vocab(llama.model)
        n_vocab = int(lib.llama_vocab_n_tokens(vocab))
        prefixes = TokenPrefixes(lib, vocab, n_vocab)
        grammar = lib.llama_sampler_init_grammar(vocab, grammar_for(FINDINGS_SCHEMA).encode(), b"root")
        counts = []
        try:
            for token in [*llama.tokenize(text.encode("utf-8"), add_bos=False, special=False), None]:
                want = _whole_vocabulary(lib, grammar, n_vocab)
                candidates = prefixes.candidates(lib, grammar)
                assert np.isin(want, candidates).all()
                assert np.array_equal(allowed_among(lib, grammar, candidates), want)
                counts.append(len(candidates))
                if token is None:  # the answer is complete: the end of generation (or a space) is left
                    ends = [int(t) for t in want if lib.llama_vocab_is_eog(vocab, int(t))]
                    assert ends
                    assert all(llama.detokenize([int(t)]).strip() == b"" for t in want if int(t) not in ends)
                    break
                assert token in want
                lib.llama_sampler_accept(grammar, token)
        finally:
            lib.llama_sampler_free(grammar)
        return counts

    counts: list[int] = engine.call_on_worker(run)
    return counts


@pytest.fixture(scope="module")
def qwen_vocab_engine(qwen_vocab_model: Path):
    engine = Engine()
    engine.load(qwen_vocab_model, PLAIN)
    yield engine
    engine.close()


@pytest.mark.parametrize("separators", [(", ", ": "), (",", ":")])
def test_the_prefilter_allows_exactly_what_the_grammar_allows_on_qwens_vocabulary(
    qwen_vocab_engine, separators
):
    counts = _walk(qwen_vocab_engine, json.dumps(ANSWER, ensure_ascii=False, separators=separators))
    n_vocab = qwen_vocab_engine.call_on_worker(lambda llama: llama.n_vocab())
    # Between the strings the grammar is asked about a few dozen tokens, not 152,064.
    assert np.median(counts) < n_vocab / 100


def test_the_same_on_the_demonstration_model(demo_model: Path):
    engine = Engine()
    engine.load(demo_model, PLAIN)
    try:
        _walk(engine, json.dumps(ANSWER, ensure_ascii=False))
    finally:
        engine.close()


def _decode(engine: Engine, messages, sampling: SamplingParams) -> decoding.DecodeStats:
    prompt = engine.prompt_tokens(messages)
    grammar = grammar_for(FINDINGS_SCHEMA)
    options = decoding.DecodeOptions.of(sampling, seed=sampling.seed or 0, grammar=grammar)

    def run(llama):
        llama.reset()
        return decoding.decode(llama, prompt, options, on_tokens=lambda _: True)

    result: decoding.DecodeStats = engine.call_on_worker(run)
    return result


@pytest.mark.parametrize(
    "sampling",
    [
        SamplingParams(temperature=0.0, max_tokens=40, seed=1, repeat_penalty=1.0),  # argmax from the buffer
        SamplingParams(temperature=0.0, max_tokens=40, seed=1, repeat_penalty=1.1),  # the C chain
        SamplingParams(temperature=0.7, max_tokens=40, seed=7, repeat_penalty=1.1),  # sampled
    ],
)
def test_decoding_with_the_prefilter_gives_the_tokens_of_the_whole_vocabulary_pass(
    qwen_vocab_engine, monkeypatch, sampling
):
    messages = _task(_reports(1)[0], "findings")
    with_prefilter = _decode(qwen_vocab_engine, messages, sampling)
    monkeypatch.setattr(decoding, "token_prefixes", lambda llama: None)
    without = _decode(qwen_vocab_engine, messages, sampling)
    assert with_prefilter.tokens == without.tokens
    assert with_prefilter.grammar_full_passes >= 1  # the random model's choices needed the grammar


@pytest.mark.parametrize(
    ("prefix", "forced"),
    [
        ('{"', b'findings"'),  # the one key, up to the optional space before its colon
        ('{"findings": [{"', b'evidence"'),
        ('{"findings": [{"evidence": "a pleural effusion", "', b'label"'),  # keys in the schema's order
        ('{"findings": [{"evidence": "abc", "label": "ab", "body_site": "", "laterality": "b', b'ilateral",'),
        ('{"findings": [{"evidence": "abc", "label": "ab", "body_site": "", "laterality": "', b""),  # 4 enums
        ('{"findings": [{"evidence": "abc', b""),  # inside a string: anything may come
        ('{"findings": [{"evidence": "abc",', b""),  # a space or the next key's quote
    ],
)
def test_the_text_the_grammar_forces_is_found(demo_model: Path, prefix: str, forced: bytes):
    engine = Engine()
    engine.load(demo_model, PLAIN)
    try:
        def run(llama):
            import llama_cpp as lib

            vocab = lib.llama_model_get_vocab(llama.model)
            prefixes = TokenPrefixes(lib, vocab, int(lib.llama_vocab_n_tokens(vocab)))
            grammar = lib.llama_sampler_init_grammar(vocab, grammar_for(FINDINGS_SCHEMA).encode(), b"root")
            try:
                for token in llama.tokenize(prefix.encode(), add_bos=False, special=False):
                    lib.llama_sampler_accept(grammar, token)
                found = prefixes.forced_bytes(lib, grammar)
                # The grammar itself is left where it was: its next byte is still the forced one.
                after = prefixes.forced_bytes(lib, grammar)
                return found, after, prefixes.forced_bytes(lib, grammar, limit=3)
            finally:
                lib.llama_sampler_free(grammar)

        found, again, short = engine.call_on_worker(run)
        assert found == forced
        assert again == forced
        assert short == forced[:3]
    finally:
        engine.close()
