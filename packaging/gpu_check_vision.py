"""The vision half of the GPU check (packaging/gpu_check.sh drives it; issue 16).

as-vl SRC DST    the random Qwen2.5-7B-shaped Q4_K_M rewritten as the text half of Qwen2.5-VL-7B
                 (architecture qwen2vl: the same tensors with M-RoPE sections [16, 24, 24, 0],
                 and the vision special tokens): header rewritten, tensors copied as they are,
                 so no second 15 GB F16 file and no second quantisation
mmproj PATH      a random F16 projector with Qwen2.5-VL-7B's vision tower shapes (hidden 1280,
                 32 blocks, 16 heads, FFN 3420, full attention every 8th block, merged into 3584)
bench MODEL MMPROJ OUT [TEXT.json]
                 image encode time, time to first token and decode speed with 1 and 3 images,
                 beside the text-only figures of the same run (the bench JSON of gpu_check.py)

Random weights make the answers noise; the work per image and per token is the real model's.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

VISION = {"hidden": 1280, "layers": 32, "heads": 16, "ffn": 3420, "out_hidden": 3584, "window_pattern": 8}
SPECIALS = ("<|vision_start|>", "<|vision_end|>", "<|image_pad|>")


def as_vl(source: Path, target: Path) -> None:
    import gguf
    import numpy as np

    reader = gguf.GGUFReader(str(source))
    old = str(reader.fields["general.architecture"].contents())
    writer = gguf.GGUFWriter(str(target), "qwen2vl")
    tokens = list(reader.fields["tokenizer.ggml.tokens"].contents())
    types = list(reader.fields["tokenizer.ggml.token_type"].contents())
    # Three filler tokens before Qwen's specials become the vision specials.
    first = len(tokens) - 3 - len(SPECIALS)
    for offset, special in enumerate(SPECIALS):
        tokens[first + offset], types[first + offset] = special, int(gguf.TokenType.CONTROL)
    heads = int(reader.fields[f"{old}.attention.head_count"].contents())
    hidden = int(reader.fields[f"{old}.embedding_length"].contents())
    half = hidden // heads // 2
    temporal = half // 4
    spatial = (half - temporal) // 2
    for field in reader.fields.values():
        if field.name == "general.architecture" or field.name.startswith("GGUF."):
            continue
        name = (
            field.name.replace(f"{old}.", "qwen2vl.", 1) if field.name.startswith(f"{old}.") else field.name
        )
        value = field.contents()
        if field.name == "tokenizer.ggml.tokens":
            value = tokens
        elif field.name == "tokenizer.ggml.token_type":
            value = types
        sub_type = field.types[-1] if field.types[0] == gguf.GGUFValueType.ARRAY else None
        writer.add_key_value(name, value, field.types[0], sub_type=sub_type)
    writer.add_rope_dimension_sections([temporal, spatial, half - temporal - spatial, 0])
    for tensor in reader.tensors:
        writer.add_tensor_info(
            tensor.name, tensor.data.shape, tensor.data.dtype, tensor.data.nbytes, tensor.tensor_type
        )
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_ti_data_to_file()
    for tensor in reader.tensors:
        writer.write_tensor_data(np.asarray(tensor.data), tensor_endianess=reader.endianess)
    writer.close()


def write_mmproj(path: Path, shape: dict[str, int] = VISION) -> None:
    import gguf
    import numpy as np

    from tests.fixtures.tiny_qwen2_vl import add_vision_tensors, mmproj_writer

    writer = mmproj_writer(
        path,
        name="random-qwen2.5-vl-7b-vision-shape",
        max_tokens=1024,
        file_type=gguf.LlamaFileType.MOSTLY_F16,
        **shape,
    )
    add_vision_tensors(
        writer,
        hidden=shape["hidden"],
        layers=shape["layers"],
        ffn=shape["ffn"],
        out_hidden=shape["out_hidden"],
        rng=np.random.default_rng(0),
        dtype=np.float16,
    )
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def bench(
    model: Path,
    projector: Path,
    out: Path,
    text_json: Path | None = None,
    *,
    gpu_layers: int = -1,
    image_tokens: int = 1024,
    max_tokens: int = 64,
) -> dict:
    import numpy as np

    from app.core.llm.engine import Engine, EngineConfig, SamplingParams
    from app.core.llm.projector import IMAGE_SLOT

    engine = Engine()
    started = time.perf_counter()
    report = engine.load(
        model,
        EngineConfig(
            n_gpu_layers=gpu_layers,
            n_ctx=8192,
            n_batch=512,
            projector_path=str(projector),
            max_image_tokens=image_tokens,
        ),
    )
    load_seconds = time.perf_counter() - started
    rng = np.random.default_rng(0)
    # 896 x 896: 32 x 32 merged tokens, the size a CT slice is sent at with the default budget
    images = [rng.integers(0, 256, (896, 896, 3), dtype=np.uint8) for _ in range(3)]
    sampling = SamplingParams(temperature=0.0, max_tokens=max_tokens)
    figures: dict = {"load": report.to_dict(), "load_seconds": round(load_seconds, 2), "runs": {}}
    for count in (1, 3, 1):  # the first run warms the encoder's kernels; the last 1-image run is kept
        slots = "\n".join(f"Image {n}: {IMAGE_SLOT}" for n in range(1, count + 1))
        messages = [{"role": "user", "content": f"{slots}\nDescribe the images."}]
        generation = engine.stream(messages, sampling, images=images[:count])
        "".join(generation)
        timings = generation.timings
        assert timings is not None
        figures["runs"][f"{count} image(s)"] = {
            "image_tokens": timings.image_tokens,
            "encode_seconds_per_image": timings.image_encode_seconds,
            "time_to_first_token_s": round(timings.time_to_first_token, 3),
            "decode_tok_s": round(timings.decode_tokens_per_second, 1),
            "prompt_tokens": timings.prompt_tokens,
        }
    plain = [{"role": "user", "content": "Describe a chest radiograph in a few sentences."}]
    text_only = engine.stream(plain, sampling)
    "".join(text_only)
    assert text_only.timings is not None
    engine.close()
    one = figures["runs"]["1 image(s)"]
    figures["text_only_same_model"] = {
        "time_to_first_token_s": round(text_only.timings.time_to_first_token, 3),
        "decode_tok_s": round(text_only.timings.decode_tokens_per_second, 1),
    }
    figures["decode with image / without"] = (
        round(one["decode_tok_s"] / figures["text_only_same_model"]["decode_tok_s"], 3)
        if figures["text_only_same_model"]["decode_tok_s"]
        else None
    )
    if text_json is not None and text_json.exists():
        text = json.loads(text_json.read_text())
        figures["text_model_decode_tok_s"] = text.get("decode", {}).get("app", {}).get("median")
    out.write_text(json.dumps(figures, indent=2))
    print("issue 16 on this machine: " + json.dumps({k: v for k, v in figures.items() if k != "load"}))
    return figures


def main() -> None:
    command = sys.argv[1]
    if command in ("as-vl", "bench"):
        from app.core.native_libs import load_llama_first

        load_llama_first()
    started = time.perf_counter()
    if command == "as-vl":
        as_vl(Path(sys.argv[2]), Path(sys.argv[3]))
    elif command == "mmproj":
        write_mmproj(Path(sys.argv[2]))
    elif command == "bench":
        bench(
            Path(sys.argv[2]),
            Path(sys.argv[3]),
            Path(sys.argv[4]),
            Path(sys.argv[5]) if len(sys.argv) > 5 else None,
        )
    else:
        raise SystemExit(f"unknown command {command}")
    print(f"{command} done in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
