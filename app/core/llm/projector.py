"""The vision projector (``mmproj``) beside a loaded language model, through llama.cpp's
multimodal library (libmtmd, built into the llama-cpp-python wheel).

Images reach llama.cpp only as pixels in memory (``mtmd_bitmap_init`` over an RGB array),
never as a path or URL. The prompt is split at image slots and handed over as parts
(``mtmd_tokenize_from_parts``), so a marker string inside a report cannot create an image.
Encoding can be cancelled mid-image: ggml's scheduler asks an eval callback after every few
graph nodes, and that callback stops the graph once the flag is set.

Everything here runs on the engine's worker thread, like the model it belongs to.
"""

from __future__ import annotations

import ctypes
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from app.core.llm.errors import EngineError, ModelError

log = logging.getLogger(__name__)

# Where an image goes in a rendered prompt. The engine removes it from untrusted text first.
IMAGE_SLOT = "<|enclave_image|>"
CHUNK_TEXT, CHUNK_IMAGE = 0, 1
ASK_EVERY = 16  # graph nodes between two looks at the cancel flag while encoding


class ImageCancelled(Exception):
    """Cancel was asked while images were being encoded or decoded."""


class ImagesDoNotFitError(EngineError):
    """The images and the prompt leave no room for the answer."""

    def __init__(self, images: int, image_tokens: int, text_tokens: int, max_tokens: int, n_ctx: int) -> None:
        self.images, self.image_tokens, self.text_tokens = images, image_tokens, text_tokens
        self.max_tokens, self.n_ctx = max_tokens, n_ctx
        super().__init__(
            f"The {images} image(s) need {image_tokens} tokens and the text {text_tokens}; with up "
            f"to {max_tokens} for the answer that is more than the model's context of {n_ctx} "
            f"tokens. Choose fewer images, lower the image size in the settings, or raise n_ctx."
        )


@dataclass
class ImagePrefill:
    """What evaluating a prompt with images took (for the answer's timings)."""

    image_tokens: int = 0
    text_tokens: int = 0
    positions: int = 0  # Qwen-VL's M-RoPE packs an image into fewer positions than tokens
    encode_seconds: list[float] = field(default_factory=list)  # one per image
    seconds: float = 0.0


def multimodal_library() -> Any:
    """llama-cpp-python's binding of libmtmd, or None where the build left it out
    (``-DLLAVA_BUILD=OFF``): text works there, images do not."""
    try:
        from llama_cpp import mtmd_cpp
    except (OSError, RuntimeError, ImportError):
        return None
    return mtmd_cpp


def strip_slots(text: str) -> str:
    """Untrusted text (a report, a question) must not place images."""
    return text.replace(IMAGE_SLOT, "")


class Projector:
    """One mtmd context bound to one llama model."""

    def __init__(
        self,
        path: Path,
        model: Any,
        *,
        use_gpu: bool,
        n_threads: int,
        max_image_tokens: int,
        warmup: bool = True,
    ) -> None:
        mtmd_cpp = multimodal_library()
        if mtmd_cpp is None:
            raise ModelError(
                "this llama.cpp build has no multimodal library (libmtmd), so it cannot look at images; "
                "build llama-cpp-python without -DLLAVA_BUILD=OFF"
            )
        self._mtmd = mtmd_cpp
        self.path = path
        self._cancelled: Callable[[], bool] = lambda: False  # the running answer's cancel flag
        self._stopped = False  # the eval callback stopped a graph
        self.interrupted = 0  # graphs the cancel flag stopped before their end
        self.encoding = threading.Event()  # set while an image is in the encoder (tests, progress)
        self._asked = 0

        @ctypes.CFUNCTYPE(ctypes.c_bool, ctypes.c_void_p, ctypes.c_bool, ctypes.c_void_p)  # type: ignore[untyped-decorator]
        def on_node(_tensor: int, ask: bool, _data: int) -> bool:
            if ask:  # "do you want to see this node?": every few, so the graph runs in pieces
                self._asked += 1
                return self._asked % ASK_EVERY == 0
            if self._cancelled():
                if not self._stopped:
                    self.interrupted += 1
                self._stopped = True
                return False  # stops the rest of the graph
            return True

        self._on_node = on_node  # kept alive as long as the context
        params = mtmd_cpp.mtmd_context_params_default()
        params.use_gpu = use_gpu
        params.n_threads = n_threads
        params.print_timings = False
        params.warmup = warmup
        params.image_max_tokens = max_image_tokens
        params.cb_eval = ctypes.cast(on_node, type(params.cb_eval))
        params.cb_eval_user_data = None
        self._ctx = mtmd_cpp.mtmd_init_from_file(str(path).encode(), model, params)
        if not self._ctx:
            raise ModelError(
                f"{path.name}: llama.cpp could not load the vision projector (is it the "
                f"mmproj file made for this model?)"
            )
        if not mtmd_cpp.mtmd_support_vision(self._ctx):
            self.close()
            raise ModelError(f"{path.name}: this projector file has no vision encoder")

    def close(self) -> None:
        ctx, self._ctx = self._ctx, None
        if ctx:
            self._mtmd.mtmd_free(ctx)

    # -- prompt -------------------------------------------------------------------------

    def _chunks(self, prompt: str, images: Sequence[NDArray[np.uint8]]) -> Any:
        mtmd = self._mtmd
        pieces = prompt.split(IMAGE_SLOT)
        if len(pieces) != len(images) + 1:
            raise EngineError(f"the prompt has {len(pieces) - 1} image slot(s) for {len(images)} image(s)")
        keep: list[Any] = []  # ctypes objects the parts point at, alive until tokenized
        parts: list[Any] = []
        bitmaps: list[Any] = []
        try:
            for index, piece in enumerate(pieces):
                if piece:
                    raw = piece.encode("utf-8")
                    text = mtmd.mtmd_input_text()
                    text.text, text.text_len = raw, len(raw)
                    text.add_special, text.parse_special = False, True
                    keep += [raw, text]
                    part = mtmd.mtmd_input_part()
                    part.text = ctypes.pointer(text)
                    parts.append(part)
                if index < len(images):
                    pixels = np.ascontiguousarray(images[index], dtype=np.uint8)
                    if pixels.ndim != 3 or pixels.shape[2] != 3:
                        raise EngineError(f"image {index + 1}: expected RGB pixels, got shape {pixels.shape}")
                    keep.append(pixels)
                    bitmap = mtmd.mtmd_bitmap_init(
                        pixels.shape[1],
                        pixels.shape[0],
                        pixels.ctypes.data_as(ctypes.POINTER(ctypes.c_ubyte)),
                    )
                    if not bitmap:
                        raise EngineError(f"image {index + 1}: llama.cpp refused the pixels")
                    bitmaps.append(bitmap)
                    part = mtmd.mtmd_input_part()
                    part.bitmap = bitmap
                    parts.append(part)
            chunks = mtmd.mtmd_input_chunks_init()
            array = (ctypes.POINTER(mtmd.mtmd_input_part) * len(parts))(*(ctypes.pointer(p) for p in parts))
            status = mtmd.mtmd_tokenize_from_parts(self._ctx, chunks, array, len(parts), False)
            if status != 0:
                mtmd.mtmd_input_chunks_free(chunks)
                raise EngineError(f"llama.cpp could not prepare the images (mtmd_tokenize returned {status})")
            return chunks
        finally:
            for bitmap in bitmaps:  # the chunks hold their own copy of the pixels
                mtmd.mtmd_bitmap_free(bitmap)

    def count(self, chunks: Any) -> tuple[int, int]:
        """(image tokens, text tokens) of prepared chunks."""
        mtmd = self._mtmd
        image = text = 0
        for index in range(mtmd.mtmd_input_chunks_size(chunks)):
            chunk = mtmd.mtmd_input_chunks_get(chunks, index)
            tokens = int(mtmd.mtmd_input_chunk_get_n_tokens(chunk))
            if mtmd.mtmd_input_chunk_get_type(chunk) == CHUNK_TEXT:
                text += tokens
            else:
                image += tokens
        return image, text

    def prefill(
        self,
        llama: Any,
        prompt: str,
        images: Sequence[NDArray[np.uint8]],
        *,
        max_tokens: int,
        cancelled: Callable[[], bool],
    ) -> ImagePrefill:
        """Evaluate the prompt with its images into ``llama``'s context, from position 0.
        Afterwards the last row's logits are those of the prompt's last token, and
        ``llama.n_tokens`` is the next position (so the shared decode loop goes on from it)."""
        import llama_cpp as lib

        mtmd = self._mtmd
        _NO_CALLBACK = mtmd.mtmd_helper_post_decode_callback  # called empty: a NULL pointer
        started = time.perf_counter()
        self._cancelled = cancelled
        chunks = self._chunks(prompt, images)
        try:
            result = ImagePrefill()
            result.image_tokens, result.text_tokens = self.count(chunks)
            n_ctx = int(llama.n_ctx())
            if result.image_tokens + result.text_tokens + max_tokens > n_ctx:
                raise ImagesDoNotFitError(
                    len(images), result.image_tokens, result.text_tokens, max_tokens, n_ctx
                )
            llama.n_tokens = 0
            llama._ctx.kv_cache_seq_rm(-1, 0, -1)
            ctx = llama.ctx
            n_batch = int(llama.n_batch)
            n_past = 0
            total = mtmd.mtmd_input_chunks_size(chunks)
            for index in range(total):
                if cancelled():
                    raise ImageCancelled()
                chunk = mtmd.mtmd_input_chunks_get(chunks, index)
                new_past = lib.llama_pos(n_past)  # the text helper adds to it
                if mtmd.mtmd_input_chunk_get_type(chunk) == CHUNK_IMAGE:
                    self._stopped = False
                    began = time.perf_counter()
                    self.encoding.set()
                    try:
                        status = mtmd.mtmd_encode_chunk(self._ctx, chunk)
                    finally:
                        self.encoding.clear()
                    result.encode_seconds.append(time.perf_counter() - began)
                    if self._stopped or cancelled():
                        raise ImageCancelled()
                    if status != 0:
                        raise EngineError(f"image {len(result.encode_seconds)}: encoding failed ({status})")
                    embeddings = mtmd.mtmd_get_output_embd(self._ctx)
                    status = mtmd.mtmd_helper_decode_image_chunk(
                        self._ctx,
                        ctx,
                        chunk,
                        embeddings,
                        n_past,
                        0,
                        n_batch,
                        ctypes.byref(new_past),
                        _NO_CALLBACK(),
                        None,
                    )
                else:
                    status = mtmd.mtmd_helper_eval_chunk_single(
                        self._ctx, ctx, chunk, n_past, 0, n_batch, index == total - 1, ctypes.byref(new_past)
                    )
                if cancelled():
                    raise ImageCancelled()
                if status != 0:
                    raise EngineError(
                        f"llama.cpp could not evaluate part {index + 1} of the prompt ({status})"
                    )
                n_past = int(new_past.value)
            result.positions = n_past
            llama.n_tokens = n_past
            result.seconds = time.perf_counter() - started
            return result
        finally:
            self._cancelled = lambda: False
            mtmd.mtmd_input_chunks_free(chunks)


def open_projector(
    path: str | Path,
    model: Any,
    *,
    text_width: int,
    use_gpu: bool,
    n_threads: int,
    max_image_tokens: int,
    warmup: bool = True,
) -> Projector:
    """Check the file's header, then load it for ``model`` (whose embedding width is
    ``text_width``: a projector made for another model is refused with both numbers)."""
    from app.core.llm.gguf_file import read_gguf

    info = read_gguf(path)  # missing, empty, truncated, not GGUF: a clear ModelError
    if info.architecture != "clip":
        raise ModelError(
            f"{info.path.name}: not a vision projector (mmproj) file; its architecture is "
            f"{info.architecture!r}"
        )
    if not info.metadata.get("clip.has_vision_encoder", False):
        raise ModelError(f"{info.path.name}: this projector file has no vision encoder")
    width = info.metadata.get("clip.vision.projection_dim")
    if isinstance(width, int) and text_width and width != text_width:
        raise ModelError(
            f"{info.path.name}: this projector makes {width}-wide embeddings, but the language "
            f"model takes {text_width}; it belongs to another model"
        )
    return Projector(
        info.path,
        model,
        use_gpu=use_gpu,
        n_threads=n_threads,
        max_image_tokens=max_image_tokens,
        warmup=warmup,
    )
