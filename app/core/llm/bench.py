"""Measured speed of the engine against bare llama-cpp-python on the same model object.

Every figure is a median over repeats, with the spread (min..max), and every app figure has
its bare baseline measured in the same run, interleaved, so the ratio is what counts on a
noisy machine. Nothing here asserts a speed: ``enclave bench`` prints, the GPU check records.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core.llm.chat_template import Message
from app.core.llm.engine import Engine, SamplingParams

FRAME_SECONDS = 1 / 60  # the GUI coalesces tokens per frame at 60 Hz


@dataclass
class Figure:
    name: str
    unit: str
    samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else 0.0

    @property
    def spread(self) -> tuple[float, float]:
        return (min(self.samples), max(self.samples)) if self.samples else (0.0, 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "unit": self.unit, "median": self.median,
                "min": self.spread[0], "max": self.spread[1], "samples": self.samples}  # fmt: skip


@dataclass
class Comparison:
    label: str
    app: Figure
    baseline: Figure
    goal: str = ""
    higher_is_better: bool = True

    @property
    def ratio(self) -> float:
        return self.app.median / self.baseline.median if self.baseline.median else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "app": self.app.to_dict(), "baseline": self.baseline.to_dict(),
                "ratio": self.ratio, "goal": self.goal}  # fmt: skip


@dataclass
class RunResult:
    text: str
    prompt_tokens: int
    generated_tokens: int
    ttft: float
    decode_tps: float
    prompt_tps: float


def app_run(engine: Engine, messages: Sequence[Message], sampling: SamplingParams,
            json_schema: dict[str, Any] | None = None, lookup: bool = False) -> RunResult:  # fmt: skip
    """The app's path: the engine's worker thread, the queue, and a consumer that
    coalesces chunks per 60 Hz frame as the GUI does. Times are taken at the consumer."""
    started = time.perf_counter()
    generation = engine.stream(messages, sampling, json_schema=json_schema, lookup=lookup)
    pending: list[str] = []
    shown: list[str] = []
    first: float | None = None
    last_flush = started
    for chunk in generation:
        now = time.perf_counter()
        if first is None:
            first = now
        pending.append(chunk)
        if now - last_flush >= FRAME_SECONDS:
            shown.append("".join(pending))
            pending.clear()
            last_flush = now
    ended = time.perf_counter()
    shown.append("".join(pending))
    timings = generation.timings
    assert timings is not None
    first = first or ended
    ttft = first - started
    count = timings.generated_tokens  # sampled tokens, counted the same way as the bare loop
    decode = (count - 1) / (ended - first) if count > 1 and ended > first else 0.0
    return RunResult("".join(shown), timings.prompt_tokens, count, ttft, decode,
                     timings.prompt_tokens / ttft if ttft else 0.0)  # fmt: skip


def bare_run(engine: Engine, messages: Sequence[Message], sampling: SamplingParams,
             json_schema: dict[str, Any] | None = None) -> RunResult:  # fmt: skip
    """Bare llama-cpp-python: Llama.create_completion streaming on the same Llama object,
    on its owner thread, with nothing between the library and the loop (and, with a schema,
    llama-cpp-python's own grammar path: the grammar applied to the whole vocabulary)."""
    tokens = engine.prompt_tokens(messages)

    def run(llama: Any) -> RunResult:
        from llama_cpp import StoppingCriteriaList
        from llama_cpp.llama_grammar import LlamaGrammar

        grammar = None
        if json_schema is not None:
            grammar = LlamaGrammar.from_json_schema(json.dumps(json_schema), verbose=False)

        sampled = 0

        def counter(ids: Any, _logits: Any) -> bool:
            nonlocal sampled
            sampled = max(sampled, len(ids) - len(tokens) + 1)  # as the engine counts
            return False

        started = time.perf_counter()
        first: float | None = None
        pieces: list[str] = []
        finish = ""
        for chunk in llama.create_completion(
            prompt=tokens, max_tokens=sampling.max_tokens, temperature=sampling.temperature,
            top_p=sampling.top_p, top_k=sampling.top_k, min_p=0.0,
            repeat_penalty=sampling.repeat_penalty, seed=sampling.seed, stream=True,
            stopping_criteria=StoppingCriteriaList([counter]), grammar=grammar,
        ):  # fmt: skip
            if first is None:
                first = time.perf_counter()
            pieces.append(chunk["choices"][0]["text"])
            finish = chunk["choices"][0].get("finish_reason") or finish
        ended = time.perf_counter()
        # The end-of-generation token is sampled but is not part of the answer: the app
        # does not count it, so neither does this loop.
        count = min(sampled - (finish == "stop"), sampling.max_tokens)
        first = first or ended
        decode = (count - 1) / (ended - first) if count > 1 and ended > first else 0.0
        ttft = first - started
        return RunResult("".join(pieces), len(tokens), count, ttft, decode,
                         len(tokens) / ttft if ttft else 0.0)  # fmt: skip

    result: RunResult = engine.call_on_worker(run)
    return result


def compare_paths(engine: Engine, messages: Sequence[Message], *, max_tokens: int,
                  repeats: int, progress: Callable[[str], None] | None = None,
                  ) -> tuple[Comparison, Comparison, bool]:  # fmt: skip
    """Decode and prompt tok/s, app vs bare, interleaved; each run starts cold."""
    sampling = SamplingParams(temperature=0.0, max_tokens=max_tokens, seed=1, repeat_penalty=1.0)
    decode_app, decode_bare = Figure("decode", "tok/s"), Figure("decode", "tok/s")
    prompt_app, prompt_bare = Figure("prompt", "tok/s"), Figure("prompt", "tok/s")
    identical = True
    # One warm-up of each path (first-call allocations), not counted.
    engine.reset_cache()
    app_run(engine, messages, sampling)
    engine.reset_cache()
    bare_run(engine, messages, sampling)
    for index in range(repeats):
        order = (app_run, bare_run) if index % 2 == 0 else (bare_run, app_run)
        results: dict[str, RunResult] = {}
        for runner in order:
            engine.reset_cache()
            results[runner.__name__] = runner(engine, messages, sampling)
        app, bare = results["app_run"], results["bare_run"]
        identical = identical and app.text == bare.text
        # Same greedy text from both: the same token count is the fair divisor.
        decode_app.samples.append(app.decode_tps)
        decode_bare.samples.append(bare.decode_tps)
        prompt_app.samples.append(app.prompt_tps)
        prompt_bare.samples.append(bare.prompt_tps)
        if progress:
            progress(f"paths {index + 1}/{repeats}: app {app.decode_tps:.1f} / bare "
                     f"{bare.decode_tps:.1f} tok/s decode")  # fmt: skip
    return (
        Comparison("decode tok/s (app / bare)", decode_app, decode_bare, ">= 0.97"),
        Comparison("prompt tok/s (app / bare)", prompt_app, prompt_bare, ">= 0.97"),
        identical,
    )


def prefix_cache(engine: Engine, report_messages: Sequence[Message], answer: str,
                 question: str, *, repeats: int) -> Comparison:  # fmt: skip
    """Time to first token: the report cold vs a follow-up question with the prefix warm."""
    sampling = SamplingParams(temperature=0.0, max_tokens=8, seed=1)
    cold, warm = Figure("ttft cold", "s"), Figure("ttft warm", "s")
    follow_up: list[Message] = [*report_messages, {"role": "assistant", "content": answer},
                                {"role": "user", "content": question}]  # fmt: skip
    for _ in range(repeats):
        engine.reset_cache()
        first = app_run(engine, report_messages, sampling)
        cold.samples.append(first.ttft)
        second = app_run(engine, follow_up, sampling)
        warm.samples.append(second.ttft)
    return Comparison("time to first token (warm follow-up / cold report)", warm, cold,
                      "<= 0.2", higher_is_better=False)  # fmt: skip


def constrained_vs_free(engine: Engine, prompts: Sequence[Sequence[Message]], schema: dict[str, Any], *,
                        max_tokens: int) -> tuple[Comparison, Comparison]:  # fmt: skip
    """Decode tok/s held to the JSON schema vs free text, same prompts, the app's path; and
    llama-cpp-python's own grammar path (the grammar over the whole vocabulary) beside it."""
    sampling = SamplingParams(temperature=0.0, max_tokens=max_tokens, seed=1, repeat_penalty=1.0)
    ours, theirs, free = Figure("decode", "tok/s"), Figure("decode", "tok/s"), Figure("decode", "tok/s")
    for messages in prompts:
        engine.reset_cache()
        free.samples.append(app_run(engine, messages, sampling).decode_tps)
        engine.reset_cache()
        ours.samples.append(app_run(engine, messages, sampling, schema).decode_tps)
        engine.reset_cache()
        theirs.samples.append(bare_run(engine, messages, sampling, schema).decode_tps)
    return (Comparison("decode tok/s, JSON grammar / free text", ours, free, ">= 0.9"),
            Comparison("  llama-cpp-python's grammar path / free text", theirs, free, "(before)"))


def lookup_decoding(engine: Engine, prompts: Sequence[Sequence[Message]], *, max_tokens: int, task: str,
                    schema: dict[str, Any] | None = None,
                    goal: str = ">= 1.5") -> tuple[Comparison, bool]:  # fmt: skip
    """Decode tok/s with exact prompt lookup vs without, on one engine (one model, one set of
    kernels, one thread pool: a second engine's OpenMP threads would slow the first), greedy,
    same prompts; and whether every output was the same text."""
    sampling = SamplingParams(temperature=0.0, max_tokens=max_tokens, seed=1, repeat_penalty=1.0)
    with_figure, without_figure = Figure("decode", "tok/s"), Figure("decode", "tok/s")
    identical = True
    for messages in prompts:
        engine.reset_cache()
        base = app_run(engine, messages, sampling, schema, lookup=False)
        engine.reset_cache()
        fast = app_run(engine, messages, sampling, schema, lookup=True)
        identical = identical and base.text == fast.text
        without_figure.samples.append(base.decode_tps)
        with_figure.samples.append(fast.decode_tps)
    return Comparison(f"decode tok/s, prompt lookup / plain ({task})", with_figure, without_figure,
                      goal), identical  # fmt: skip


def parallel_throughput(engine: Engine, prompts: Sequence[Sequence[Message]], schema: dict[str, Any] | None,
                        *, max_tokens: int,
                        streams: Sequence[int]) -> dict[int, tuple[float, float]]:  # fmt: skip
    """Aggregate generated tokens per second for N parallel sequences over the first N
    prompts (N = 1 is one stream): over the whole call, and over the decoding after the
    prompts."""
    from app.core.llm.parallel import generate_parallel

    sampling = SamplingParams(temperature=0.0, max_tokens=max_tokens, seed=1, repeat_penalty=1.0)
    figures: dict[int, tuple[float, float]] = {}
    for n in streams:
        run = generate_parallel(engine, list(prompts[:n]), sampling, json_schema=schema)
        decoding = run.seconds - run.prompt_seconds
        figures[n] = (run.tokens_per_second, run.generated_tokens / decoding if decoding > 0 else 0.0)
    return figures


def verify_batch_cost(engine: Engine, tokens: Sequence[int], rows: Sequence[int], *,
                      repeats: int = 9) -> dict[int, float]:  # fmt: skip
    """The median time of one ``llama_decode`` of ``n`` rows with logits for each (a prompt
    lookup step verifying n - 1 drafted tokens), after the prompt, in milliseconds. Divided
    by the one-row time this bounds what lookup can gain: n tokens kept for cost(n)."""
    from app.core.llm.decoding import _Batch, reuse_prefix

    def run(llama: Any) -> dict[int, float]:
        import llama_cpp as lib

        llama.reset()
        reuse_prefix(llama, tokens)
        position = llama.n_tokens
        batch = _Batch(lib, max(rows))
        try:
            figures: dict[int, float] = {}
            for _ in range(2):  # warm the kernels and the KV cells once per size
                for n in rows:
                    batch.decode(llama.ctx, tokens[:n], position)
                    llama._ctx.kv_cache_seq_rm(-1, position, -1)
            for n in rows:
                times = []
                for _ in range(repeats):
                    started = time.perf_counter()
                    batch.decode(llama.ctx, tokens[:n], position)
                    lib.llama_synchronize(llama.ctx)  # a GPU returns before it is done
                    times.append(time.perf_counter() - started)
                    llama._ctx.kv_cache_seq_rm(-1, position, -1)
                figures[n] = statistics.median(times) * 1000
            return figures
        finally:
            batch.close()
            llama.reset()

    result: dict[int, float] = engine.call_on_worker(run)
    return result
