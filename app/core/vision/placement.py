"""Which model runs where when the text model and the vision model are both wanted.

The clinical text model (Qwen2.5-7B, ~5 GB at Q4_K_M with its context) stays where it is; the
vision model (Qwen2.5-VL-7B, ~4.7 GB, plus a 1.35 GB f16 projector and the image encoder's
working memory) goes on the GPU only if it fits in what is free beside it. Otherwise it runs
on the CPU and the user is told so, with the numbers, before the first image is encoded.
Nothing is unloaded behind the user's back.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core import messages

HEADROOM_GIB = 0.5  # CUDA context, fragmentation, the encoder's peaks


@dataclass(frozen=True)
class Placement:
    vision_on_gpu: bool
    notice: str  # one plain sentence for the user: which runs where, and why

    @property
    def where(self) -> str:
        return "GPU" if self.vision_on_gpu else "CPU"


def estimate_gib(model_bytes: int, projector_bytes: int, n_ctx: int) -> float:
    """Memory the vision model needs on a GPU: weights, projector, the encoder's compute
    buffer (about the projector's size again for a 1,024-token image) and a KV cache of
    Qwen2.5-VL-7B's shape (28 layers x 4 KV heads x 128 x 2 x f16 = 56 KiB per token)."""
    kv = n_ctx * 28 * 4 * 128 * 2 * 2
    return (model_bytes + 2 * projector_bytes + kv) / 2**30


def plan(*, gpu_build: bool, free_gib: float | None, need_gib: float, text_on_gpu: bool) -> Placement:
    """``free_gib``: free memory on the GPU now, with the text model (if on it) loaded."""
    if not gpu_build or free_gib is None:
        return Placement(False, messages.VISION_NO_GPU)
    if free_gib >= need_gib + HEADROOM_GIB:
        key = messages.VISION_BOTH_ON_GPU if text_on_gpu else messages.VISION_ON_GPU
        return Placement(True, key.format(need=f"{need_gib:.1f}", free=f"{free_gib:.1f}"))
    return Placement(False, messages.VISION_ON_CPU.format(need=f"{need_gib:.1f}", free=f"{free_gib:.1f}"))
