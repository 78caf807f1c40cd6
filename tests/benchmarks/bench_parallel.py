"""Batched decode of several reports at once vs one at a time, on the same model and machine.

    .venv/bin/python -m tests.benchmarks.bench_parallel [--n 8] [--parallel 4] [--task findings]
        [--max-tokens 64] [--model PATH] [--n-ctx 8192]

The baseline is the app's ordinary path, one report after another (Engine.stream, greedy,
with the task's JSON grammar where it has one); the same reports are then decoded in
groups of ``--parallel`` sequences in one context (app/core/llm/parallel.py). Printed:
generated tokens, seconds and aggregate tokens per second of both, and their ratio. The
gain is largest on a GPU, where one step's cost is mostly reading the weights.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from app.core import offline

offline.install()

from app.core.documents.text import text_document  # noqa: E402
from app.core.llm.engine import Engine, EngineConfig, SamplingParams  # noqa: E402
from app.core.llm.parallel import generate_parallel  # noqa: E402
from app.core.tasks.catalogue import task as task_prompt  # noqa: E402
from app.core.tasks.evaluation import corpus_report_text, read_corpus  # noqa: E402
from app.core.tasks.runner import TaskRequest, build_messages, schema_for  # noqa: E402

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "iu_cxr_reports.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=8)
    parser.add_argument("--parallel", type=int, default=4)
    parser.add_argument("--task", default="findings")
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--model", default=None)
    parser.add_argument("--n-ctx", type=int, default=4096)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)

    from app.core.llm import catalogue

    path = catalogue.find_model(args.model).path
    engine = Engine()
    report = engine.load(path, EngineConfig(n_ctx=args.n_ctx))
    print(f"model: {report.model_name} · {report.summary()}", file=sys.stderr)
    rows = read_corpus(args.corpus, args.n)
    request = TaskRequest(args.task)
    schema = schema_for(task_prompt(args.task))
    documents = [text_document(corpus_report_text(row), Path(f"r{i}.txt"), "text")
                 for i, row in enumerate(rows)]  # fmt: skip
    conversations = [build_messages(request, [document]) for document in documents]
    sampling = SamplingParams(temperature=0.0, repeat_penalty=1.0, max_tokens=args.max_tokens)

    started = time.perf_counter()
    sequential_tokens = 0
    sequential_prompt = 0.0
    for convo in conversations:
        engine.reset_cache()  # no prompt reuse between different reports, as in a batch
        generation = engine.stream(convo, sampling, json_schema=schema)
        generation.text()
        assert generation.timings is not None
        sequential_tokens += generation.timings.generated_tokens
        sequential_prompt += generation.timings.time_to_first_token
    sequential_seconds = time.perf_counter() - started

    started = time.perf_counter()
    parallel_tokens = 0
    parallel_prompt = 0.0
    for begin in range(0, len(conversations), args.parallel):
        run = generate_parallel(engine, conversations[begin:begin + args.parallel], sampling, schema)
        parallel_tokens += run.generated_tokens
        parallel_prompt += run.prompt_seconds
    parallel_seconds = time.perf_counter() - started
    engine.close()

    seq_rate = sequential_tokens / sequential_seconds
    par_rate = parallel_tokens / parallel_seconds
    print(f"\n{len(conversations)} reports, task {args.task}, up to {args.max_tokens} tokens each, "
          f"{report.model_name} on {report.backend}")
    print(f"one at a time:          {sequential_tokens:5d} tokens in {sequential_seconds:7.2f} s = "
          f"{seq_rate:7.1f} tok/s")
    print(f"{args.parallel} parallel sequences:   {parallel_tokens:5d} tokens in {parallel_seconds:7.2f} s = "
          f"{par_rate:7.1f} tok/s")
    print(f"aggregate tok/s, parallel / one at a time = {par_rate / seq_rate:.2f}x "
          f"(wall time ratio {sequential_seconds / parallel_seconds:.2f}x)")
    seq_decode = sequential_tokens / max(sequential_seconds - sequential_prompt, 1e-9)
    par_decode = parallel_tokens / max(parallel_seconds - parallel_prompt, 1e-9)
    print(f"decode only (after the prompts): {seq_decode:.1f} vs {par_decode:.1f} tok/s = "
          f"{par_decode / seq_decode:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
