"""The one module that touches llama_cpp.

One worker thread owns the ``Llama`` object for its whole life: loading, every
generation, token counting and ``close()`` run there, so llama.cpp is never entered from
two threads. Callers get plain Python objects back: a :class:`LoadReport` and a
:class:`Generation` (an iterator of text chunks that ends with :class:`Timings`).

``cancel()`` may be called from any thread. It stops generation inside llama.cpp: during
prompt processing through llama.cpp's abort callback, during decoding through a stopping
criterion that runs after every sampled token, so at most one more token is produced.
"""

from __future__ import annotations

import ctypes
import functools
import json
import logging
import queue
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from app.core import messages
from app.core.llm import decoding
from app.core.llm.chat_template import ChatTemplate, Message
from app.core.llm.decoding import DecodeOptions
from app.core.llm.errors import ContextOverflowError, EngineClosedError, EngineError, ModelError
from app.core.llm.gguf_file import GGUFInfo, read_gguf
from app.core.llm.projector import ImageCancelled, Projector, multimodal_library, open_projector
from app.core.llm.repetition import RepetitionGuard
from app.core.llm.text_stream import TextStream

log = logging.getLogger(__name__)

KV_TYPES = {"f16": 1, "q8_0": 8}  # ggml_type ids for type_k / type_v


@dataclass(frozen=True)
class EngineConfig:
    n_gpu_layers: int = -1
    n_ctx: int = 8192
    n_batch: int = 512
    n_threads: int = 0  # 0: physical cores
    flash_attn: bool = False
    kv_cache_type: str = "f16"
    prompt_lookup_decoding: bool = False  # exact (app/core/llm/decoding.py); see settings
    seed: int = 42
    projector_path: str = ""  # a vision model's mmproj file: load it beside the model
    projector_on_gpu: bool = True  # only where the model itself is on the GPU
    max_image_tokens: int = 1024  # per image (Qwen2.5-VL: one token per 28 x 28 pixels)


@dataclass(frozen=True)
class SamplingParams:
    temperature: float = 0.2
    top_p: float = 0.9
    top_k: int = 40
    repeat_penalty: float = 1.05
    max_tokens: int = 1024
    seed: int | None = 42
    stop: tuple[str, ...] = ()


@dataclass
class LoadReport:
    model_path: str
    model_name: str
    architecture: str
    quantization: str
    size_bytes: int
    backend: str  # "CUDA" | "Metal" | "Vulkan" | "CPU"
    gpu_offload_supported: bool
    devices: list[str]
    layers_offloaded: int
    layers_total: int
    n_ctx: int
    n_ctx_train: int
    n_threads: int
    chat_template_source: str
    gpu_memory_mib: float
    load_seconds: float
    prompt_lookup_decoding: bool
    warnings: list[str] = field(default_factory=list)
    retries: list[str] = field(default_factory=list)
    flash_attn: bool = False
    kv_cache_type: str = "f16"
    projector: str = ""  # the vision projector file loaded beside the model, if any
    projector_backend: str = ""  # "GPU" | "CPU"

    @property
    def on_gpu(self) -> bool:
        return self.backend != "CPU" and self.layers_offloaded > 0

    def summary(self) -> str:
        """One line for the status bar, e.g. 'CUDA · RTX 4070 · 28/28 layers on GPU · 4.9 GB'."""
        if not self.on_gpu:
            return messages.CPU_SUMMARY.format(model=f"{self.model_name} {self.quantization}")
        device = self.devices[0] if self.devices else self.backend
        gib = self.gpu_memory_mib / 1024
        return messages.GPU_SUMMARY.format(backend=self.backend, device=device, gib=f"{gib:.1f}",
                                           offloaded=self.layers_offloaded, total=self.layers_total)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["summary"] = self.summary()
        return data


@dataclass
class Timings:
    prompt_tokens: int = 0
    generated_tokens: int = 0
    time_to_first_token: float = 0.0
    prompt_tokens_per_second: float = 0.0
    decode_tokens_per_second: float = 0.0
    total_seconds: float = 0.0
    finish_reason: str = "stop"  # "stop" | "length" | "cancelled" | "repetition"
    stopped_because: str = ""  # what repeated, when finish_reason is "repetition"
    decode_steps: int = 0  # llama_decode calls after the prompt
    drafted_tokens: int = 0  # prompt-lookup draft tokens verified
    accepted_tokens: int = 0  # of those, kept
    images: int = 0  # images the model looked at for this answer
    image_tokens: int = 0
    image_encode_seconds: list[float] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"prompt {self.prompt_tokens} tok ({self.prompt_tokens_per_second:.1f} tok/s), "
            f"generated {self.generated_tokens} tok ({self.decode_tokens_per_second:.1f} tok/s), "
            f"first token {self.time_to_first_token:.2f} s, total {self.total_seconds:.2f} s, "
            f"finish {self.finish_reason}"
        )


_END = object()


class Generation:
    """An iterator of text chunks. After it is exhausted, ``timings`` is set."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._queue: queue.Queue[Any] = queue.Queue()
        self.timings: Timings | None = None
        self.cancelled = threading.Event()
        self.produced = 0  # tokens sampled so far (written by the worker)
        self.produced_at_cancel: int | None = None

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        item = self._queue.get()
        if item is _END:
            self._queue.put(_END)  # later next() calls also end
            raise StopIteration
        if isinstance(item, BaseException):
            self._queue.put(_END)
            raise item
        assert isinstance(item, str)
        return item

    def text(self) -> str:
        return "".join(self)

    def cancel(self) -> None:
        first = not self.cancelled.is_set()
        self.cancelled.set()
        if first:
            # Read after setting: the worker checks the flag after counting each token, so
            # at most one more token can follow this figure.
            self.produced_at_cancel = self.produced
        self._engine._abort_if_current(self)

    def close(self) -> None:
        """Stop generating if still running (a consumer that walks away cancels)."""
        self.cancel()


LlamaFactory = Callable[..., Any]


def _default_factory(**kwargs: Any) -> Any:
    from llama_cpp import Llama

    return Llama(**kwargs)


class _LogCapture:
    """Routes llama.cpp's log through Python: parsed for the load report, never printed."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._partial = ""
        self._lock = threading.Lock()
        self.callback: Any = None

    def install(self) -> None:
        import llama_cpp

        @llama_cpp.llama_log_callback  # type: ignore[untyped-decorator]
        def _callback(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
            chunk = text.decode("utf-8", errors="replace")
            with self._lock:
                self._partial += chunk
                while "\n" in self._partial:
                    line, self._partial = self._partial.split("\n", 1)
                    if len(self.lines) < 5000:
                        self.lines.append(line)
            if level in (2, 3) and not chunk.startswith("add_text"):  # the projector echoes the prompt
                log.debug("llama.cpp: %s", chunk.rstrip())

        self.callback = _callback  # keep a reference: ctypes callbacks must outlive the C side
        llama_cpp.llama_log_set(_callback, ctypes.c_void_p(0))
        mtmd_cpp = multimodal_library()
        if mtmd_cpp is not None:  # libmtmd and its image encoder log through the same callback
            mtmd_cpp.mtmd_helper_log_set(_callback, ctypes.c_void_p(0))

    def take(self) -> list[str]:
        with self._lock:
            lines, self.lines = self.lines, []
            return lines


_log_capture = _LogCapture()
_OFFLOAD_RE = re.compile(r"offloaded (\d+)/(\d+) layers to GPU")
_DEVICE_RE = re.compile(r"Device \d+: ([^,]+),")
_GPU_BUFFER_RE = re.compile(r"\b(CUDA\d*|Metal|Vulkan\d*|ROCm\d*)\S*\s+\w+ buffer size\s*=\s*([\d.]+) MiB")
_OOM_HINTS = ("out of memory", "failed to allocate", "cudamalloc failed", "unable to allocate",
              "failed to create context", "failed to load model")  # fmt: skip


def build_info() -> dict[str, Any]:
    """What the installed llama.cpp can do: version, GPU offload, backend, system info."""
    import llama_cpp

    system = llama_cpp.llama_print_system_info().decode("utf-8", errors="replace")
    lib_dir = Path(llama_cpp.__file__).parent / "lib"
    libs = sorted(p.name for p in lib_dir.glob("*")) if lib_dir.is_dir() else []
    supports = bool(llama_cpp.llama_supports_gpu_offload())
    joined = system + " " + " ".join(libs)
    if "CUDA" in joined or "cuda" in joined:
        backend = "CUDA"
    elif "Metal" in joined or "metal" in joined:
        backend = "Metal"
    elif "Vulkan" in joined or "vulkan" in joined:
        backend = "Vulkan"
    else:
        backend = "CPU"
    if not supports:
        backend = "CPU"
    from app.core.llm.devices import list_devices

    return {
        "llama_cpp_python": llama_cpp.__version__,
        "devices": [vars(device) for device in list_devices()],
        "gpu_offload_supported": supports,
        "backend": backend,
        "system_info": system.strip(),
        "libraries": libs,
    }


def _is_oom(lines: Sequence[str], exc: BaseException) -> bool:
    text = (" ".join(lines[-40:]) + " " + str(exc)).lower()
    return any(hint in text for hint in _OOM_HINTS)


class Engine:
    """Owns one llama.cpp model on one worker thread."""

    def __init__(self, llama_factory: LlamaFactory | None = None) -> None:
        self._factory = llama_factory or _default_factory
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="enclave-llm")
        self._llama: Any = None
        self._template: ChatTemplate | None = None
        self._info: GGUFInfo | None = None
        self._config = EngineConfig()
        self._closed = False
        self._current: Generation | None = None  # the one the worker runs now
        self._pending: set[Generation] = set()  # queued or running
        self._lock = threading.Lock()
        self._abort_callback: Any = None
        self._abort_flag = ctypes.create_string_buffer(2)  # b"\0\0": run; b"x\0": abort
        self._projector: Projector | None = None
        self.report: LoadReport | None = None

    # -- lifecycle -----------------------------------------------------------------------

    def _submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future[Any]:
        with self._lock:
            if self._closed:
                raise EngineClosedError("the model engine was closed; load the model again")
            return self._executor.submit(fn, *args, **kwargs)

    def load(self, model_path: str | Path, config: EngineConfig | None = None) -> LoadReport:
        """Check and load a GGUF file; blocks until loaded. Raises ModelError on failure."""
        info = read_gguf(model_path)  # cheap header check before llama.cpp sees the file
        result: LoadReport = self._submit(self._load, info, config or EngineConfig()).result()
        return result

    def close(self) -> None:
        """Release the model. Later calls raise EngineClosedError instead of crashing."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            pending = list(self._pending)
        for generation in pending:
            generation.cancel()
        self._executor.submit(self._release).result()
        self._executor.shutdown(wait=True)

    @property
    def is_loaded(self) -> bool:
        return self._llama is not None and not self._closed

    @property
    def sees_images(self) -> bool:
        return self._projector is not None and self.is_loaded

    def _release(self) -> None:
        projector, self._projector = self._projector, None
        if projector is not None:
            projector.close()
        llama, self._llama = self._llama, None
        if llama is not None:
            try:
                llama.close()
            except Exception:
                log.exception("closing llama.cpp failed")

    # -- loading (worker thread) ---------------------------------------------------------

    def _attempts(self, config: EngineConfig, total_layers: int, gpu: bool) -> list[tuple[int, int]]:
        requested = config.n_gpu_layers if config.n_gpu_layers >= 0 else total_layers + 1
        attempts = [(requested, config.n_ctx)]
        if not gpu or requested == 0:
            return attempts
        for fraction in (0.75, 0.5, 0.25):
            layers = int(total_layers * fraction)
            if 0 < layers < requested:
                attempts.append((layers, config.n_ctx))
        if config.n_ctx > 4096:
            attempts.append((max(1, total_layers // 2), 4096))
        return attempts

    def _load(self, info: GGUFInfo, config: EngineConfig) -> LoadReport:
        import llama_cpp

        _log_capture.install()
        self._release()
        build = build_info()
        gpu = bool(build["gpu_offload_supported"])
        threads = config.n_threads or _physical_cores()
        total_layers = info.block_count
        retries: list[str] = []
        started = time.perf_counter()
        llama = None
        last_lines: list[str] = []
        attempts = self._attempts(config, total_layers, gpu)
        used_layers, used_ctx = attempts[0]
        for index, (layers, n_ctx) in enumerate(attempts):
            _log_capture.take()
            kwargs: dict[str, Any] = {
                "model_path": str(info.path),
                "n_gpu_layers": layers,
                "n_ctx": n_ctx,
                "n_batch": config.n_batch,
                "n_ubatch": config.n_batch,
                "n_threads": threads,
                "n_threads_batch": threads,
                "seed": config.seed,
                "verbose": False,
            }
            flash_attn, kv_cache = kernels_for(config, gpu, info.head_dim)
            kwargs["flash_attn"] = flash_attn
            kv_type = KV_TYPES.get(kv_cache)
            if kv_type is not None and kv_cache != "f16":
                kwargs["type_k"] = kv_type
                kwargs["type_v"] = kv_type
            try:
                llama = self._factory(**kwargs)
            except Exception as exc:
                last_lines = _log_capture.take()
                more = index + 1 < len(attempts)
                if gpu and more and _is_oom(last_lines, exc):
                    nxt_layers, nxt_ctx = attempts[index + 1]
                    retries.append(
                        f"GPU memory was not enough for {min(layers, total_layers)} layers and a "
                        f"{n_ctx}-token context; retrying with {nxt_layers} layers and {nxt_ctx} tokens"
                    )
                    log.warning(retries[-1])
                    continue
                detail = "; ".join(line.strip() for line in last_lines[-5:] if line.strip())
                raise ModelError(
                    f"{info.path.name}: llama.cpp could not load the model ({exc})"
                    + (f": {detail}" if detail else "")
                ) from exc
            used_layers, used_ctx = layers, n_ctx
            break
        assert llama is not None
        lines = _log_capture.take()
        self._llama = llama
        self._info = info
        self._config = config
        self._install_abort_callback(llama_cpp)
        decoding.token_prefixes(llama)  # for the grammar's prefilter: now, not in the first answer

        offloaded, total = 0, total_layers + 1
        devices: list[str] = []
        gpu_mib = 0.0
        for line in lines:
            if match := _OFFLOAD_RE.search(line):
                offloaded, total = int(match.group(1)), int(match.group(2))
            if match := _DEVICE_RE.search(line):
                devices.append(match.group(1).strip())
            if match := _GPU_BUFFER_RE.search(line):
                gpu_mib += float(match.group(2))
        if not gpu:
            offloaded = 0
        if gpu and not devices:
            # llama.cpp lists devices when the library loads, before our log callback.
            from app.core.llm.devices import gpu_descriptions

            devices = gpu_descriptions()
        warnings: list[str] = []
        backend = str(build["backend"])
        if not gpu:
            warnings.append(messages.NO_GPU_BUILD)
        elif used_layers == 0 or offloaded == 0:
            warnings.append(messages.NO_LAYER_OFFLOADED)
        elif offloaded < total:
            warnings.append(messages.SOME_LAYERS_ON_GPU.format(offloaded=offloaded, total=total,
                                                               backend=backend))
        if used_ctx < config.n_ctx:
            warnings.append(messages.CONTEXT_REDUCED.format(requested=config.n_ctx, used=used_ctx))
        template_source = info.chat_template
        if template_source:
            chat_source = "GGUF tokenizer.chat_template"
        else:
            chat_source = "built-in ChatML (the model file has no chat template)"
            warnings.append(messages.NO_CHAT_TEMPLATE)
        projector_backend = ""
        if config.projector_path:
            on_gpu = gpu and offloaded > 0 and config.projector_on_gpu
            width = info.metadata.get(f"{info.architecture}.embedding_length")
            try:
                self._projector = open_projector(config.projector_path, llama.model,
                                                 text_width=width if isinstance(width, int) else 0,
                                                 use_gpu=on_gpu, n_threads=threads,
                                                 max_image_tokens=config.max_image_tokens)  # fmt: skip
            except ModelError:
                self._release()
                raise
            projector_backend = "GPU" if on_gpu else "CPU"
        eos = llama.token_eos()
        bos = llama.token_bos()
        self._template = ChatTemplate(
            template_source,
            bos_token=_token_text(llama, bos),
            eos_token=_token_text(llama, eos),
        )
        self.report = LoadReport(
            model_path=str(info.path),
            model_name=info.name,
            architecture=info.architecture,
            quantization=info.quantization,
            size_bytes=info.size_bytes,
            backend=backend if offloaded > 0 else "CPU",
            gpu_offload_supported=gpu,
            devices=devices,
            layers_offloaded=offloaded,
            layers_total=total,
            n_ctx=llama.n_ctx(),
            n_ctx_train=info.context_length,
            n_threads=threads,
            chat_template_source=chat_source,
            gpu_memory_mib=round(gpu_mib, 1),
            load_seconds=round(time.perf_counter() - started, 3),
            prompt_lookup_decoding=config.prompt_lookup_decoding,
            flash_attn=kernels_for(config, gpu, info.head_dim)[0],
            kv_cache_type=kernels_for(config, gpu, info.head_dim)[1],
            warnings=warnings,
            retries=retries,
            projector=Path(config.projector_path).name if config.projector_path else "",
            projector_backend=projector_backend,
        )
        for warning in warnings:
            log.warning(warning)
        return self.report

    def _install_abort_callback(self, llama_cpp: Any) -> None:
        """Let cancel() stop llama_decode mid-batch (a long prompt on the CPU takes seconds).

        ggml asks the callback once per graph node, thousands of times per token, so it must
        not be Python (that cost 6% of prompt speed when measured). The callback is libc's
        strlen over a two-byte flag buffer: it returns 0 (go on) while the flag is b"\\0" and
        1 (abort) once cancel() writes a byte; its size_t result read as C bool is that byte.
        """
        ctx = getattr(getattr(self._llama, "_ctx", None), "ctx", None)
        if ctx is None:
            return
        strlen = _libc_strlen()
        if strlen is not None:
            callback = ctypes.cast(strlen, llama_cpp.ggml_abort_callback)
        else:  # pragma: no cover - every supported platform has a C library
            flag = self._abort_flag

            @llama_cpp.ggml_abort_callback  # type: ignore[untyped-decorator]
            def callback(_: ctypes.c_void_p) -> bool:
                return flag.raw[0] != 0

        self._abort_callback = callback  # keep alive as long as the context
        data = ctypes.cast(self._abort_flag, ctypes.c_void_p)
        llama_cpp.llama_set_abort_callback(ctx, callback, data)

    def reset_cache(self) -> None:
        """Forget the cached prompt prefix, so the next prompt is processed in full."""
        self._submit(lambda: self._require().reset()).result()

    def call_on_worker(self, fn: Callable[[Any], Any]) -> Any:
        """Run ``fn(llama)`` on the owner thread and return its result (benchmarks only:
        the bare llama-cpp-python baseline runs on the same object and thread)."""
        return self._submit(lambda: fn(self._require())).result()

    # -- prompts and tokens --------------------------------------------------------------

    def _require(self) -> Any:
        if self._closed:
            raise EngineClosedError("the model engine was closed; load the model again")
        if self._llama is None:
            raise EngineError("no model is loaded")
        return self._llama

    def _prompt_for(self, messages: Sequence[Message]) -> str:
        assert self._template is not None
        return self._template.render(messages, add_generation_prompt=True)

    def _tokens_for(self, messages: Sequence[Message]) -> list[int]:
        llama = self._require()
        assert self._template is not None
        prompt = self._prompt_for(messages)
        add_bos = bool(self._info and self._info.metadata.get("tokenizer.ggml.add_bos_token", False))
        if self._template.bos_token and prompt.startswith(self._template.bos_token):
            add_bos = False
        tokens: list[int] = llama.tokenize(prompt.encode("utf-8"), add_bos=add_bos, special=True)
        return tokens

    def count_tokens(self, text: str) -> int:
        """Tokens in plain text (no template). Blocks; never call it on the GUI thread."""

        def run() -> int:
            return len(self._require().tokenize(text.encode("utf-8"), add_bos=False, special=False))

        result: int = self._submit(run).result()
        return result

    def prompt_tokens(self, messages: Sequence[Message]) -> list[int]:
        """The exact token ids a generation for ``messages`` would feed the model."""
        result: list[int] = self._submit(lambda: self._tokens_for(messages)).result()
        return result

    def count_prompt_tokens(self, messages: Sequence[Message]) -> int:
        result: int = self._submit(lambda: len(self._tokens_for(messages))).result()
        return result

    @property
    def n_ctx(self) -> int:
        return self.report.n_ctx if self.report else 0

    # -- generation ----------------------------------------------------------------------

    def stream(
        self,
        messages: Sequence[Message],
        sampling: SamplingParams | None = None,
        *,
        json_schema: dict[str, Any] | None = None,
        lookup: bool | None = None,
        images: Sequence[NDArray[np.uint8]] = (),
    ) -> Generation:
        """Start generating; returns at once. Iterate the result for text chunks.
        ``lookup`` overrides the configured prompt lookup for this answer (the bench compares
        both on one model, one thread pool). ``images`` (RGB pixels) go where the messages
        hold ``IMAGE_SLOT``, one each, and need a vision projector."""
        self._require()
        if images and self._projector is None:
            raise EngineError("this model cannot look at images: no vision projector (mmproj) is loaded")
        generation = Generation(self)
        with self._lock:
            self._pending.add(generation)
        use_lookup = self._config.prompt_lookup_decoding if lookup is None else lookup
        self._submit(self._generate, generation, list(messages), sampling or SamplingParams(),
                     json_schema, use_lookup and not images, list(images))  # fmt: skip
        return generation

    def cancel(self) -> None:
        """Stop the generation in progress (callable from any thread)."""
        current = self._current
        if current is not None:
            current.cancel()

    def _abort_if_current(self, generation: Generation) -> None:
        # Only the generation running now may abort llama_decode; a queued one just ends.
        if self._current is generation:
            self._abort_flag[0] = b"x"

    def _generate(
        self,
        generation: Generation,
        messages: list[Message],
        sampling: SamplingParams,
        json_schema: dict[str, Any] | None,
        lookup: bool,
        images: list[NDArray[np.uint8]] | None = None,
    ) -> None:
        out = generation._queue
        timings = Timings()
        started = time.perf_counter()
        first_at: float | None = None
        with self._lock:
            self._current = generation
        try:
            if generation.cancelled.is_set():
                timings.finish_reason = "cancelled"
                return
            llama = self._require()
            prefill: Callable[[], None] | None = None
            if images:
                tokens = []  # the projector tokenizes text and images together
                prompt = self._prompt_for(messages)

                def prefill() -> None:
                    assert self._projector is not None
                    done = self._projector.prefill(llama, prompt, images, max_tokens=sampling.max_tokens,
                                                   cancelled=generation.cancelled.is_set)  # fmt: skip
                    timings.prompt_tokens = done.image_tokens + done.text_tokens
                    timings.images, timings.image_tokens = len(images), done.image_tokens
                    timings.image_encode_seconds = [round(s, 4) for s in done.encode_seconds]
            else:
                tokens = self._tokens_for(messages)
                timings.prompt_tokens = len(tokens)
                n_ctx = llama.n_ctx()
                if len(tokens) + sampling.max_tokens > n_ctx:
                    raise ContextOverflowError(len(tokens), sampling.max_tokens, n_ctx)
            self._abort_flag[0] = b"x" if generation.cancelled.is_set() else b"\0"
            seed = sampling.seed if sampling.seed is not None else self._config.seed
            options = DecodeOptions.of(sampling, seed=seed, grammar=grammar_for(json_schema), lookup=lookup)
            text = TextStream(sampling.stop)
            guard = RepetitionGuard(structured=json_schema is not None)

            def on_tokens(new: list[int]) -> bool:
                nonlocal first_at
                if generation.cancelled.is_set():
                    return False  # nothing after a cancel is counted or shown
                if first_at is None:
                    first_at = time.perf_counter()
                # One token at a time, so a stop (string, loop, cancel) falls on the same token
                # whether the tokens came one per step or several from an accepted draft.
                for token in new:
                    generation.produced += 1
                    shown = text.push(llama.detokenize([token], special=False))
                    if shown:
                        out.put(shown)
                        if guard.feed(shown):
                            return False
                    if text.stopped or generation.cancelled.is_set():
                        return False
                return True

            finish = "stop"
            try:
                stats = decoding.decode(llama, tokens, options, on_tokens=on_tokens, prefill=prefill)
                finish = stats.finish_reason
                timings.drafted_tokens, timings.accepted_tokens = stats.drafted, stats.accepted
                timings.decode_steps = stats.steps
            except (decoding.DecodeAborted, ImageCancelled):
                # Aborted inside llama_decode or an image's encoder: the KV cache holds a
                # partial batch, so drop the cached prefix before the next generation.
                llama.reset()
                if not generation.cancelled.is_set():
                    raise EngineError("llama.cpp stopped decoding unexpectedly") from None
            finally:
                if images:  # positions after images are not the token list's: evaluate afresh
                    llama.reset()
            tail = text.finish()
            if tail:
                out.put(tail)
                guard.feed(tail)
            if guard.reason is not None:
                finish = "repetition"
                timings.stopped_because = guard.reason
            elif text.stopped:
                finish = "stop"
            count = generation.produced
            if generation.cancelled.is_set():
                finish = "cancelled"
            timings.finish_reason = finish
            ended = time.perf_counter()
            timings.generated_tokens = min(count, sampling.max_tokens)
            if first_at is not None:
                timings.time_to_first_token = first_at - started
                timings.prompt_tokens_per_second = (
                    timings.prompt_tokens / timings.time_to_first_token
                    if timings.time_to_first_token > 0
                    else 0.0
                )
                if count > 1 and ended > first_at:
                    timings.decode_tokens_per_second = (count - 1) / (ended - first_at)
        except BaseException as exc:
            out.put(exc)
        finally:
            self._abort_flag[0] = b"\0"
            timings.total_seconds = time.perf_counter() - started
            generation.timings = timings
            with self._lock:
                self._current = None
                self._pending.discard(generation)
            out.put(_END)


def kernels_for(config: EngineConfig, gpu_build: bool, head_dim: int) -> tuple[bool, str]:
    """Flash attention and the KV cache type the context is made with.

    Prompt lookup verifies drafts in one batch, so its output equals plain decoding only if
    llama.cpp computes a token the same whether it is decoded alone or with others. On the
    CPU that holds with flash attention and a Q8_0 KV cache (measured: bit-identical logits
    for every row at any batch split and context length); with an F16 cache the CPU kernel
    splits a lone token's attention across threads once the context passes a few hundred
    tokens, and without flash attention the matrix products differ, so near-ties flip. On a
    GPU the KV type stays as configured (the GPU check reports whether output is identical).
    Q8_0 needs a head size that is a multiple of its 32-value block.
    """
    if not config.prompt_lookup_decoding:
        return config.flash_attn, config.kv_cache_type
    if gpu_build or head_dim % 32 != 0 or head_dim == 0:
        return True, config.kv_cache_type
    return True, "q8_0"


@functools.lru_cache(maxsize=8)
def _grammar_text(schema_json: str) -> str:
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    return str(json_schema_to_gbnf(schema_json))


def grammar_for(json_schema: dict[str, Any] | None) -> str | None:
    """The GBNF grammar for a JSON schema (converted once per schema)."""
    if json_schema is None:
        return None
    return _grammar_text(json.dumps(json_schema))  # key order matters: it is the output order


def _libc_strlen() -> Any:
    try:
        libc = ctypes.cdll.msvcrt if sys.platform == "win32" else ctypes.CDLL(None)
        return libc.strlen
    except (OSError, AttributeError):  # pragma: no cover
        return None


def _token_text(llama: Any, token: int) -> str:
    if token < 0:
        return ""
    try:
        return str(llama.detokenize([token], special=True).decode("utf-8", errors="replace"))
    except Exception:
        return ""


def _physical_cores() -> int:
    from app.core.settings import physical_cores

    return physical_cores()
