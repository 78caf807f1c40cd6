"""The use cases both faces (GUI and CLI) call. The faces never wire core modules themselves.

Everything here may block (model load, generation, file parsing): the GUI calls it from
worker threads only; the CLI calls it directly.
"""

from __future__ import annotations

import logging
import os
import platform
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

from app.core.native_libs import load_llama_first

load_llama_first()  # must precede the DICOM codecs that app.services.documents imports

from app import __version__
from app.core import offline, paths
from app.core import settings as settings_mod
from app.core.documents.model import Document, DocumentError
from app.core.llm import catalogue
from app.core.llm.engine import Engine, EngineConfig, Generation, LoadReport, SamplingParams
from app.core.llm.errors import ModelError
from app.core.tasks.runner import TaskRequest

log = logging.getLogger(__name__)

_readers_lock = threading.Lock()


def document_readers() -> ModuleType:
    """app.services.documents, imported under a lock. Its first import (pydicom, pypdf,
    python-docx, the readers: ~0.5 s) can start on two threads at once (two drops right after
    start-up, or the desktop app's warm-up beside a first drop); concurrent first imports of
    these packages failed with an import-deadlock ImportError, so they take turns."""
    with _readers_lock:
        from app.services import documents
    return documents

ProgressCallback = Callable[[int, int], None]


@dataclass
class ReadResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)


@dataclass
class TaskRun:
    """A running task: iterate ``generation`` for text; the prompt ref goes with the result."""

    request: TaskRequest
    prompt_ref: str
    generation: Generation
    documents: list[Document]
    model_name: str


def engine_config(s: settings_mod.Settings) -> EngineConfig:
    return EngineConfig(
        n_gpu_layers=s.n_gpu_layers,
        n_ctx=s.n_ctx,
        n_batch=s.n_batch,
        n_threads=s.effective_threads(),
        flash_attn=s.flash_attn,
        kv_cache_type=s.kv_cache_type,
        prompt_lookup_decoding=s.prompt_lookup_decoding,
        seed=s.sampling.seed,
    )


def sampling_params(s: settings_mod.Settings, max_tokens: int | None = None) -> SamplingParams:
    return SamplingParams(
        temperature=s.sampling.temperature,
        top_p=s.sampling.top_p,
        top_k=s.sampling.top_k,
        repeat_penalty=s.sampling.repeat_penalty,
        max_tokens=max_tokens or s.sampling.max_tokens,
        seed=s.sampling.seed,
    )


class Services:
    def __init__(self, settings: settings_mod.Settings | None = None,
                 model_path: str | None = None) -> None:  # fmt: skip
        offline.install_from_environment()
        self.settings = settings or settings_mod.load()
        self._model_override = model_path
        self._engine: Engine | None = None
        self.model_choice: catalogue.ModelChoice | None = None
        self._vision: Engine | None = None  # the vision model, loaded on first use (services.vision)
        self.vision_load: Any = None  # services.vision.VisionLoad once loaded

    # -- model ---------------------------------------------------------------------------

    def find_model(self) -> catalogue.ModelChoice:
        explicit = self._model_override or self.settings.model_path or None
        return catalogue.find_model(explicit)

    def load_model(self, progress: ProgressCallback | None = None) -> LoadReport:
        """Find, verify (SHA-256, once per file) and load the model."""
        choice = self.find_model()
        check = catalogue.verify(choice.path, progress=progress)
        if not check.ok:
            raise ModelError(check.message())
        if self._engine is None:
            self._engine = Engine()
        report = self._engine.load(choice.path, engine_config(self.settings))
        if choice.is_demo:
            report.warnings.insert(0, catalogue.DEMO_NOTICE)
        if check.status == "unverified":
            report.warnings.append(catalogue.UNVERIFIED_NOTICE)
        self.model_choice = choice
        return report

    @property
    def engine(self) -> Engine:
        if self._engine is None or not self._engine.is_loaded:
            raise ModelError("no model is loaded yet")
        return self._engine

    # -- documents -----------------------------------------------------------------------

    def read_documents(self, files: Iterable[str | Path],
                       progress: Callable[[int, int, str], None] | None = None) -> ReadResult:  # fmt: skip
        """Files and folders, de-identified per the privacy level (app/services/documents.py)."""
        read = document_readers().read(files, self.settings.privacy_level, progress)
        return ReadResult(read.documents, read.errors)

    # -- tasks ---------------------------------------------------------------------------

    def run_task(self, documents: Sequence[Document], request: TaskRequest,
                 max_tokens: int | None = None) -> TaskRun:  # fmt: skip
        """Start a task (schema-constrained where the task has a schema); see services.tasks."""
        from app.services import tasks

        return tasks.start(self, documents, request, max_tokens)

    def close(self) -> None:
        for engine in (self._vision, self._engine):
            if engine is not None:
                engine.close()
        self._engine = self._vision = None


# -- doctor ------------------------------------------------------------------------------

_PACKAGES = ("llama-cpp-python", "PySide6-Essentials", "pydicom", "pillow", "keyring",
             "sqlcipher3", "numpy", "pypdf", "python-docx", "platformdirs")  # fmt: skip


def _nvidia_gpus() -> list[str]:
    exe = shutil.which("nvidia-smi")
    if not exe:
        return []
    try:
        out = subprocess.run(
            [exe, "--query-gpu=name,memory.total,driver_version", "--format=csv,noheader"],
            capture_output=True, text=True, timeout=10, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [line.strip() for line in out.stdout.splitlines() if line.strip()]


def doctor(model_path: str | None = None, load: bool = True) -> dict[str, Any]:
    """The truth about this workstation. ``problems`` empty means all is well."""
    from app.core.llm.engine import build_info

    offline.install_from_environment()
    problems: list[str] = []
    warnings: list[str] = []
    report: dict[str, Any] = {
        "enclave": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "packages": {},
    }
    for name in _PACKAGES:
        try:
            report["packages"][name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            report["packages"][name] = None
            if name != "PySide6-Essentials":
                problems.append(f"package {name} is not installed")
            else:
                warnings.append("PySide6-Essentials is not installed: the window cannot start")
    try:
        build = build_info()
    except Exception as exc:
        build = {"error": str(exc)}
        problems.append(f"llama.cpp cannot be loaded: {exc}")
    report["llama_cpp"] = build
    # Which llama.cpp build app/core/native_libs.choose_llama_build chose (a GPU bundle has
    # two), and why it fell back to the CPU build; unset from a source install with one build.
    notice = os.environ.get("ENCLAVE_LLAMA_NOTICE") or None
    report["llama_build"] = {"variant": os.environ.get("ENCLAVE_LLAMA_VARIANT") or None, "notice": notice}
    if notice:
        warnings.append(notice)
    gpus = _nvidia_gpus()
    report["nvidia_gpus"] = gpus
    if gpus and not build.get("gpu_offload_supported"):
        problems.append(
            "An NVIDIA GPU is present but this llama.cpp build is CPU-only: install the CUDA "
            "build (README, 'GPU set-up')"
        )
    elif not build.get("gpu_offload_supported"):
        warnings.append("CPU only: no GPU support in this build and no NVIDIA GPU found")

    report["data_folder"] = str(paths.home())
    try:
        probe = paths.home() / ".write-test"
        probe.write_bytes(b"ok")
        probe.unlink()
        report["data_folder_writable"] = True
    except OSError as exc:
        report["data_folder_writable"] = False
        problems.append(f"the data folder is not writable: {exc}")

    try:
        import keyring

        backend = keyring.get_keyring()
        report["keyring"] = f"{type(backend).__module__}.{type(backend).__name__}"
        if "fail" in report["keyring"].lower():
            warnings.append("no OS keyring: the vault opens with a passphrase or recovery key")
    except Exception as exc:
        report["keyring"] = f"unavailable ({exc})"
        warnings.append("no OS keyring: the vault opens with a passphrase or recovery key")

    report["offline_guard"] = {"installed": offline.is_installed(), "strict": offline.is_strict()}
    if not offline.is_installed():
        problems.append("the offline guard is not installed")

    services = Services(model_path=model_path)
    model: dict[str, Any] = {}
    try:
        choice = services.find_model()
        model = {"path": str(choice.path), "source": choice.source,
                 "manifest_id": choice.entry.id if choice.entry else None,
                 "demo": choice.is_demo}  # fmt: skip
        check = catalogue.verify(choice.path)
        model["sha256"] = check.sha256
        model["verification"] = check.status
        if not check.ok:
            problems.append(check.message())
        if choice.is_demo:
            warnings.append(catalogue.DEMO_NOTICE)
        if load and check.ok:
            services.settings.n_ctx = min(services.settings.n_ctx, 2048)
            loaded = services.load_model()
            model["load"] = loaded.to_dict()
            for warning in loaded.warnings:
                if warning not in warnings:
                    warnings.append(warning)
            if gpus and not loaded.on_gpu:
                problems.append("the model did not offload to the GPU: " + loaded.summary())
    except ModelError as exc:
        problems.append(str(exc))
    finally:
        services.close()
    report["model"] = model
    report["warnings"] = warnings
    report["problems"] = problems
    report["ok"] = not problems
    return report
