"""``enclave bench [--quick] [--json F]``: measured speed, side by side with bare llama.cpp."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.core.documents.text import read_text_bytes
from app.core.llm import bench
from app.core.llm.bench_corpus import load_reports
from app.core.llm.chat_template import Message
from app.core.llm.decoding import MAX_DRAFT
from app.core.llm.engine import Engine
from app.core.tasks.runner import TaskRequest, build_messages
from app.core.tasks.schemas import FINDINGS_SCHEMA
from app.services import Services

_RSS_PROBE = (
    "import json, sys\n"
    "def rss():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith(('VmRSS', 'VmHWM')):\n"
    "            yield line.split()[0][:-1], int(line.split()[1]) / 1024\n"
    "import app.cli, app.services\n"
    "idle = dict(rss())['VmRSS']\n"
    "out = {'idle_mib': idle}\n"
    "if len(sys.argv) > 1:\n"
    "    s = app.services.Services(model_path=sys.argv[1])\n"
    "    s.load_model()\n"
    "    out['with_model_mib'] = dict(rss())['VmRSS']\n"
    "    s.close()\n"
    "print(json.dumps(out))\n"
)


GOALS = {
    "constrained/free": ">= 0.9",
    "lookup/plain findings": ">= 1.5",
    "lookup/plain impression": ">= 1.5",
    "lookup identical": "True",
    "lookup ceiling": "(bound)",
    "parallel 4/1": "(CPU: report)",
    "gui max stall ms": "<= 50",
}


def register(sub: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    parser = sub.add_parser("bench", help="measured speed, side by side with bare llama.cpp")
    parser.add_argument("--quick", action="store_true", help="a short run (under a minute on 2 cores)")
    parser.add_argument("--json", metavar="F", help="also write every figure to this JSON file")
    parser.add_argument("--model", metavar="PATH")
    parser.add_argument("--reports", metavar="CSV", type=Path,
                        help="report texts from an IU-style CSV instead of the built-in synthetic ones")
    parser.add_argument("--no-lookup", action="store_true", help="skip the prompt-lookup comparisons")
    parser.add_argument("--no-parallel", action="store_true", help="skip the parallel batch figures")
    return {"bench": run}


def _say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _messages(services: Services, text: str, task: str) -> list[Message]:
    document = read_text_bytes(text.encode("utf-8"), Path("bench-report.txt"))
    return build_messages(TaskRequest(task, language="en"), [document])


def _long_report(reports: list[str], engine: Engine, target_tokens: int) -> str:
    text = ""
    for report in reports:
        text += report + "\n"
        if engine.count_tokens(text) >= target_tokens:
            break
    return text


def _memory(model: str) -> dict[str, Any]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result: dict[str, Any] = {}
    for args in ([], [model]):
        probe = subprocess.run([sys.executable, "-c", _RSS_PROBE, *args], capture_output=True,
                               text=True, env=env, timeout=600, check=False)  # fmt: skip
        if probe.returncode == 0:
            result.update(json.loads(probe.stdout.strip().splitlines()[-1]))
        else:
            result["error"] = probe.stderr.strip().splitlines()[-1:] or ["probe failed"]
    return result


def _llama_bench(model: str, threads: int, prompt_tokens: int, gen_tokens: int) -> dict[str, Any] | None:
    exe = shutil.which("llama-bench")
    if not exe:
        return None
    probe = subprocess.run([exe, "-m", model, "-t", str(threads), "-p", str(prompt_tokens), "-n",
                            str(gen_tokens), "-o", "json"], capture_output=True, text=True,
                           timeout=900, check=False)  # fmt: skip
    if probe.returncode != 0:
        return {"error": probe.stderr.strip()[-300:]}
    rows = json.loads(probe.stdout)
    return {("prompt" if r.get("n_prompt") else "decode"): r.get("avg_ts") for r in rows}


def _gui_stalls(model: str, slices: int) -> dict[str, Any] | None:
    """The GUI probe runs in its own process (this command never imports Qt)."""
    try:
        if importlib.util.find_spec("app.ui.stall_probe") is None:
            return None
    except ImportError:
        return None
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    probe = subprocess.run([sys.executable, "-m", "app.ui.stall_probe", "--json", "--model", model,
                            "--slices", str(slices)], capture_output=True, text=True, env=env,
                           timeout=900, check=False)  # fmt: skip
    if probe.returncode != 0:
        return {"error": probe.stderr.strip()[-300:]}
    data: dict[str, Any] = json.loads(probe.stdout.strip().splitlines()[-1])
    return data


def _row(label: str, app: str, base: str, ratio: str, goal: str) -> str:
    return f"{label:<52} {app:>22} {base:>22} {ratio:>7} {goal:>10}"


def _fmt(figure: bench.Figure) -> str:
    low, high = figure.spread
    return f"{figure.median:.2f} ({low:.2f}..{high:.2f})"


LOOKUP_TASKS = ("findings", "impression", "summary")  # the first two quote the source
PARALLEL_STREAMS = (1, 2, 4)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    quick = bool(args.quick)
    repeats = 3 if quick else 7
    services = Services(model_path=args.model)
    services.settings.prompt_lookup_decoding = False  # the app's default kernels first
    report = services.load_model()
    engine = services.engine
    _say(f"model {report.model_name} · {report.summary()} · threads {report.n_threads}")
    reports = load_reports(args.reports, 8 if quick else 32)
    results: dict[str, Any] = {"model": report.to_dict(), "quick": quick, "repeats": repeats}
    comparisons: list[bench.Comparison] = []
    ratios: dict[str, Any] = {}
    try:
        summary_messages = _messages(services, reports[0], "summary")
        decode, prompt, identical = bench.compare_paths(
            engine, summary_messages, max_tokens=32 if quick else 128, repeats=repeats, progress=_say)
        comparisons += [decode, prompt]
        results["paths_identical_output"] = identical

        long_text = _long_report(reports, engine, 1500)
        long_messages = _messages(services, long_text, "summary")
        cache = bench.prefix_cache(engine, long_messages, "The report describes the findings above.",
                                   "Is there a pleural effusion?", repeats=1 if quick else 3)
        results["long_report_tokens"] = engine.count_prompt_tokens(long_messages)
        comparisons.append(cache)
        _say(f"prefix cache: cold {cache.baseline.median:.2f} s, warm {cache.app.median:.2f} s")

        count = 3 if quick else 7  # odd: the median is a sample
        findings_prompts = [_messages(services, text, "findings") for text in reports[:count]]
        constrained, before = bench.constrained_vs_free(engine, findings_prompts, FINDINGS_SCHEMA,
                                                        max_tokens=48 if quick else 160)  # fmt: skip
        comparisons += [constrained, before]
        ratios["constrained/free"] = round(constrained.ratio, 3)
        ratios["llama-cpp-python grammar/free"] = round(before.ratio, 3)
        _say(f"constrained/free {constrained.ratio:.2f} (llama-cpp-python's path {before.ratio:.2f})")

        if not args.no_parallel:
            prompts = [_messages(services, text, "findings") for text in reports[: max(PARALLEL_STREAMS)]]
            throughput = bench.parallel_throughput(engine, prompts, FINDINGS_SCHEMA,
                                                   max_tokens=32 if quick else 96, streams=PARALLEL_STREAMS)
            results["parallel_tokens_per_second"] = {str(n): round(v[0], 2) for n, v in throughput.items()}
            results["parallel_decode_tokens_per_second"] = {str(n): round(v[1], 2)
                                                            for n, v in throughput.items()}  # fmt: skip
            for n in PARALLEL_STREAMS[1:]:
                for key, at in (("parallel", 0), ("parallel decode", 1)):
                    base = throughput[1][at]
                    ratios[f"{key} {n}/1"] = round(throughput[n][at] / base, 3) if base else 0.0
            _say("parallel: " + ", ".join(f"N={n} {v[0]:.1f} tok/s ({v[1]:.1f} decoding)"
                                          for n, v in throughput.items()))  # fmt: skip
    finally:
        services.close()
    if not args.no_lookup:
        # Its own engine (flash attention, Q8_0 KV on the CPU), loaded after the first one is
        # closed: two engines' OpenMP thread pools on the same cores slow each other down.
        # Plain and lookup runs alternate on it, one answer each.
        services = Services(model_path=args.model)
        services.settings.prompt_lookup_decoding = True
        services.load_model()
        engine = services.engine
        try:
            same_everywhere = True
            for task in LOOKUP_TASKS:
                prompts = [_messages(services, text, task) for text in reports[:count]]
                schema = FINDINGS_SCHEMA if task == "findings" else None
                comp, same = bench.lookup_decoding(
                    engine, prompts, max_tokens=64 if quick else 192, task=task,
                    schema=schema, goal=">= 1.5" if task != "summary" else "(no goal)")  # fmt: skip
                comparisons.append(comp)
                ratios[f"lookup/plain {task}"] = round(comp.ratio, 3)
                same_everywhere = same_everywhere and same
                _say(f"prompt lookup, {task}: {comp.ratio:.2f}x, identical {same}")
            ratios["lookup identical"] = same_everywhere
            results["lookup_identical_output"] = same_everywhere
            # What a lookup step costs against a plain one bounds what lookup can gain here.
            rows = sorted({1, 2, 4, 8, 1 + MAX_DRAFT})
            prompt_ids = engine.prompt_tokens(_messages(services, reports[0], "findings"))
            cost = bench.verify_batch_cost(engine, prompt_ids, rows, repeats=3 if quick else 9)
            results["lookup_verify_batch_ms"] = {str(n): round(ms, 4) for n, ms in cost.items()}
            widest = rows[-1]
            ratios["lookup ceiling"] = round(widest / (cost[widest] / cost[1]), 3) if cost[1] else 0.0
            relative = ", ".join(f"{n}: {cost[n] / cost[1]:.2f}" for n in rows[1:])
            _say(f"lookup step, n rows / 1 row: {relative}; every draft kept: at most "
                 f"{ratios['lookup ceiling']:.2f}x")  # fmt: skip
        finally:
            services.close()

    llama_bench = _llama_bench(report.model_path, report.n_threads, 512, 128)
    results["llama_bench"] = llama_bench
    results["memory"] = _memory(report.model_path)
    results["gui_stalls"] = _gui_stalls(report.model_path, 30 if quick else 60)
    stalls = results["gui_stalls"]
    if stalls and "max_stall_ms" in stalls:
        ratios["gui max stall ms"] = stalls["max_stall_ms"]
    results["ratios"] = ratios
    results["goals"] = GOALS
    results["comparisons"] = [c.to_dict() for c in comparisons]
    results["seconds"] = round(time.perf_counter() - started, 1)

    print(_row("measure", "app median (min..max)", "baseline", "ratio", "goal"))
    print("-" * 118)
    for comp in comparisons:
        print(_row(comp.label, _fmt(comp.app), _fmt(comp.baseline), f"{comp.ratio:.3f}", comp.goal))
    print(f"greedy output identical, app vs bare: {identical}")
    print()
    print(f"{'ratio':<40} {'measured':>10} {'goal':>10}")
    for key, value in ratios.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"{key:<40} {shown:>10} {GOALS.get(key, ''):>10}")
    if "parallel_tokens_per_second" in results:
        print("parallel batch, aggregate tok/s (whole call / decoding only): " + ", ".join(
            f"N={n} {v} / {results['parallel_decode_tokens_per_second'][n]}"
            for n, v in results["parallel_tokens_per_second"].items()))
    print(f"long report: {results['long_report_tokens']} prompt tokens")
    if llama_bench:
        print(f"llama-bench on PATH: {llama_bench}")
    else:
        print("llama-bench: not on PATH (bare llama-cpp-python is the baseline)")
    memory = results["memory"]
    print(f"memory: idle without a model {memory.get('idle_mib', 0):.0f} MiB (goal < 250), "
          f"with the model {memory.get('with_model_mib', 0):.0f} MiB")
    if stalls and "max_stall_ms" in stalls:
        print(f"GUI thread while loading the model, importing a {stalls['slices']}-slice series and "
              f"answering: max stall {stalls['max_stall_ms']} ms (goal <= 50), "
              f"p99 {stalls['p99_stall_ms']} ms; "
              f"RSS before import {stalls['rss_before_mib']} MiB, peak {stalls['rss_peak_mib']} MiB")
    else:
        print(f"GUI thread stalls: {stalls if stalls else 'probe not available in this build'}")
    print(f"total {results['seconds']} s")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0
