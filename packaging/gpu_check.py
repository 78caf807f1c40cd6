"""GPU check, run on a Linux machine with an NVIDIA GPU (packaging/gpu_check.sh drives it).

write F16    write a random-weight GGUF with the real Qwen2.5-7B-Instruct shapes (28 layers,
             hidden 3584, 28 heads / 4 KV heads, FFN 18944, vocabulary 152064, separate output)
quantize     F16 -> Q4_K_M with llama.cpp's own quantiser (no download anywhere)
bench        every layer offloaded: decode tok/s of the app path vs bare llama-cpp-python, time
             to first token cold vs warm, and decode against the memory-bandwidth limit

Random weights make the answers noise, but the work per token is exactly the real model's.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

HIDDEN, LAYERS, HEADS, KV_HEADS, FFN, VOCAB, CTX = 3584, 28, 28, 4, 18944, 152064, 32768


def write_f16(path: Path) -> None:
    import gguf
    import numpy as np

    rng = np.random.default_rng(0)
    from tests.fixtures.tiny_qwen2 import bytes_to_unicode, qwen2_writer

    writer = qwen2_writer(path, "random-qwen2.5-7b-shape", CTX, HIDDEN, LAYERS, FFN, HEADS, KV_HEADS,
                          gguf.LlamaFileType.MOSTLY_F16)  # fmt: skip
    # Byte tokens, filler tokens up to the real vocabulary size, and Qwen's specials.

    byte_map = bytes_to_unicode()
    tokens = [byte_map[b] for b in range(256)]
    tokens += ["Ġt", "he"] + [f"<filler_{i}>" for i in range(VOCAB - 256 - 5)]
    tokens += ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    types = [gguf.TokenType.NORMAL] * (VOCAB - 3) + [gguf.TokenType.CONTROL] * 3
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("qwen2")
    writer.add_token_list(tokens)
    writer.add_token_types(types)
    writer.add_token_merges(["Ġ t", "h e"])
    writer.add_bos_token_id(VOCAB - 3)
    writer.add_eos_token_id(VOCAB - 1)
    writer.add_add_bos_token(False)
    template = Path(__file__).resolve().parents[1] / "tests/fixtures/qwen2_5_chat_template.jinja"
    writer.add_chat_template(template.read_text(encoding="utf-8"))

    cache: dict[tuple[int, ...], np.ndarray] = {}

    def rand(*shape: int) -> np.ndarray:
        # One random buffer per shape, shared by every layer: the cost per token is the same.
        if shape not in cache:
            cache[shape] = (rng.standard_normal(shape, dtype=np.float32) * 0.02).astype(np.float16)
        return cache[shape]

    kv = HIDDEN // HEADS * KV_HEADS
    ones = np.ones(HIDDEN, dtype=np.float32)
    writer.add_tensor("token_embd.weight", rand(VOCAB, HIDDEN))
    for layer in range(LAYERS):
        p = f"blk.{layer}"
        writer.add_tensor(f"{p}.attn_norm.weight", ones)
        writer.add_tensor(f"{p}.attn_q.weight", rand(HIDDEN, HIDDEN))
        writer.add_tensor(f"{p}.attn_q.bias", np.zeros(HIDDEN, dtype=np.float32))
        writer.add_tensor(f"{p}.attn_k.weight", rand(kv, HIDDEN))
        writer.add_tensor(f"{p}.attn_k.bias", np.zeros(kv, dtype=np.float32))
        writer.add_tensor(f"{p}.attn_v.weight", rand(kv, HIDDEN))
        writer.add_tensor(f"{p}.attn_v.bias", np.zeros(kv, dtype=np.float32))
        writer.add_tensor(f"{p}.attn_output.weight", rand(HIDDEN, HIDDEN))
        writer.add_tensor(f"{p}.ffn_norm.weight", ones)
        writer.add_tensor(f"{p}.ffn_gate.weight", rand(FFN, HIDDEN))
        writer.add_tensor(f"{p}.ffn_up.weight", rand(FFN, HIDDEN))
        writer.add_tensor(f"{p}.ffn_down.weight", rand(HIDDEN, FFN))
    writer.add_tensor("output_norm.weight", ones)
    writer.add_tensor("output.weight", rand(VOCAB, HIDDEN) * np.float16(1.0001))  # separate matrix
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def quantize(source: Path, target: Path, threads: int) -> None:
    import llama_cpp

    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = llama_cpp.LLAMA_FTYPE_MOSTLY_Q4_K_M
    params.nthread = threads
    code = llama_cpp.llama_model_quantize(str(source).encode(), str(target).encode(), params)
    if code != 0:
        raise SystemExit(f"quantisation failed with code {code}")


def bandwidth_gbs() -> tuple[float, str]:
    """Peak memory bandwidth from NVML: bus width x max memory clock x 2 (double data rate)."""
    try:
        import pynvml

        pynvml.nvmlInit()
        handle = pynvml.nvmlDeviceGetHandleByIndex(0)
        name = pynvml.nvmlDeviceGetName(handle)
        bus = pynvml.nvmlDeviceGetMemoryBusWidth(handle)
        clock = pynvml.nvmlDeviceGetMaxClockInfo(handle, pynvml.NVML_CLOCK_MEM)
        return bus / 8 * clock * 1e6 * 2 / 1e9, str(name)
    except Exception as exc:
        return 0.0, f"unknown ({exc})"


def batch_cost(engine, prompt_tokens: list[int], sizes=(1, 2, 4, 8, 13)) -> dict[str, float]:
    """Milliseconds of one llama_decode of n tokens after the prompt, relative to n = 1: what
    verifying a prompt-lookup draft costs (near 1 where decoding is bound by memory)."""
    from app.core.llm import bench as b

    costs = b.verify_batch_cost(engine, prompt_tokens, sizes)
    return {f"{n}": round(ms, 3) for n, ms in costs.items()} | {
        f"{n}/1": round(ms / costs[1], 3) for n, ms in costs.items()}


def decoding_figures(engine, model: Path, report, text: str) -> dict:
    """Issue 15 on the GPU: JSON grammar / free text, prompt lookup / plain with identical
    output, the cost of a verification batch, parallel batch N = 1, 4, 8."""
    from app.core.llm import bench as b
    from app.core.tasks.schemas import FINDINGS_SCHEMA

    prompts = [[{"role": "system", "content": "You extract findings as JSON."},
                {"role": "user", "content": f"Report {i}:\n{text[i * 150:i * 150 + 1200]}"}]
               for i in range(8)]
    constrained, before = b.constrained_vs_free(engine, prompts[:3], FINDINGS_SCHEMA, max_tokens=128)
    lookup, identical = b.lookup_decoding(engine, prompts[:3], max_tokens=128, task="findings",
                                          schema=FINDINGS_SCHEMA)
    lookup_free, identical_free = b.lookup_decoding(engine, prompts[:3], max_tokens=128, task="free text")
    parallel = b.parallel_throughput(engine, prompts, FINDINGS_SCHEMA, max_tokens=128, streams=(1, 4, 8))
    costs = batch_cost(engine, engine.prompt_tokens(prompts[0]))
    figures = {
        "kernels": {"flash_attn": report.flash_attn, "kv_cache_type": report.kv_cache_type},
        "constrained/free": round(constrained.ratio, 3),
        "llama-cpp-python grammar/free": round(before.ratio, 3),
        "lookup/plain findings": round(lookup.ratio, 3),
        "lookup/plain free text": round(lookup_free.ratio, 3),
        "lookup identical": identical and identical_free,
        "verify batch ms": costs,
        "parallel tok/s": {str(n): [round(v[0], 1), round(v[1], 1)] for n, v in parallel.items()},
        "parallel 4/1": round(parallel[4][0] / parallel[1][0], 3) if parallel[1][0] else 0.0,
        "parallel 8/1": round(parallel[8][0] / parallel[1][0], 3) if parallel[1][0] else 0.0,
        "parallel decode 8/1": round(parallel[8][1] / parallel[1][1], 3) if parallel[1][1] else 0.0,
    }
    print("issue 15 on this GPU: " + json.dumps(figures))
    return figures


def bench(model: Path, out: Path) -> None:
    from app.core.llm import bench as b
    from app.core.llm.bench_corpus import load_reports
    from app.core.llm.engine import Engine, EngineConfig
    from app.core.llm.gguf_file import read_gguf

    engine = Engine()
    flash = os.environ.get("GPU_FLASH_ATTN", "1") == "1"  # prompt lookup runs with flash attention
    # Flash attention on: the kernels prompt lookup uses on a GPU; each answer picks lookup on/off.
    report = engine.load(model, EngineConfig(n_gpu_layers=-1, n_ctx=8192, n_batch=512, flash_attn=flash))
    # The random model's vocabulary is bytes (no merges): 1,500 characters = 1,500 tokens.
    text = "\n".join(load_reports(None, 4))[:1500]
    messages = [{"role": "system", "content": "You assist clinicians."},
                {"role": "user", "content": f"Summarise:\n{text}"}]
    decode, prompt, identical = b.compare_paths(engine, messages, max_tokens=256, repeats=5)
    cache = b.prefix_cache(engine, messages, "Summary of the findings.", "Any effusion?", repeats=3)
    info = read_gguf(model)
    embd_bytes = VOCAB * HIDDEN * 4.5 / 8  # token_embd is read one row per token, not whole
    bytes_per_token = info.size_bytes - embd_bytes
    bw, device = bandwidth_gbs()
    limit = bw * 1e9 / bytes_per_token if bw else 0.0
    prompt_tokens = engine.count_prompt_tokens(messages)
    issue15 = decoding_figures(engine, model, report, text)
    engine.close()
    result = {
        "device": device,
        "load": report.to_dict(),
        "prompt_tokens": prompt_tokens,
        "decode": decode.to_dict(),
        "prompt": prompt.to_dict(),
        "ttft_warm_vs_cold": cache.to_dict(),
        "identical_output_app_vs_bare": identical,
        "model_bytes": info.size_bytes,
        "bytes_read_per_token": bytes_per_token,
        "peak_bandwidth_gbs": bw,
        "bandwidth_limit_tok_s": limit,
        "decode_fraction_of_bandwidth_limit": decode.app.median / limit if limit else None,
        **issue15,
    }
    out.write_text(json.dumps(result, indent=2))
    print(json.dumps({k: v for k, v in result.items() if k != "load"}, indent=2))
    print(f"load: {report.summary()}")
    print(f"decode app {decode.app.median:.1f} tok/s, bare {decode.baseline.median:.1f} tok/s, "
          f"ratio {decode.ratio:.3f}; bandwidth limit {limit:.0f} tok/s on {device} "
          f"({bw:.0f} GB/s); TTFT warm/cold {cache.ratio:.3f}")


def main() -> None:
    command = sys.argv[1]
    if command in ("quantize", "bench"):
        # llama.cpp before numpy and any codec: a CUDA build crashed at model load otherwise.
        from app.core.native_libs import load_llama_first

        load_llama_first()
    if command == "write":
        started = time.perf_counter()
        write_f16(Path(sys.argv[2]))
        print(f"wrote {sys.argv[2]} in {time.perf_counter() - started:.0f} s")
    elif command == "quantize":
        started = time.perf_counter()
        quantize(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
        print(f"quantised in {time.perf_counter() - started:.0f} s")
    elif command == "bench":
        bench(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main()
