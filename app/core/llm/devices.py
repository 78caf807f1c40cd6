"""The compute devices llama.cpp sees, asked through ggml's backend registry.

llama-cpp-python does not bind these functions, and llama.cpp prints its device list when
the library is first loaded (before any log callback can be installed), so the names and
memory come from the C API directly: ggml_backend_dev_count/get in libggml and
ggml_backend_dev_name/description/type/memory in libggml-base.
"""

from __future__ import annotations

import ctypes
import os
import sys
from dataclasses import dataclass
from pathlib import Path

DEVICE_TYPES = {0: "CPU", 1: "GPU", 2: "integrated GPU", 3: "accelerator"}


@dataclass(frozen=True)
class Device:
    name: str  # e.g. "CUDA0"
    description: str  # e.g. "NVIDIA GeForce RTX 4070"
    kind: str  # "CPU" | "GPU" | ...
    memory_free_mib: float
    memory_total_mib: float


def _library(lib_dir: Path, stem: str) -> ctypes.CDLL | None:
    patterns = [f"{stem}.dll"] if sys.platform == "win32" else [f"lib{stem}.so", f"lib{stem}.dylib"]
    for pattern in patterns:
        candidate = lib_dir / pattern
        if candidate.exists():
            try:
                return ctypes.CDLL(str(candidate))
            except OSError:
                return None
    return None


def list_devices() -> list[Device]:
    """Every device in ggml's registry; an empty list when the API is not there."""
    import llama_cpp

    # The folder llama_cpp itself loaded from (LLAMA_CPP_LIB_PATH: the CUDA variant's lib-cuda).
    lib_dir = Path(os.environ.get("LLAMA_CPP_LIB_PATH") or Path(llama_cpp.__file__).parent / "lib")
    ggml = _library(lib_dir, "ggml")
    base = _library(lib_dir, "ggml-base")
    if ggml is None or base is None:
        return []
    try:
        ggml.ggml_backend_dev_count.restype = ctypes.c_size_t
        ggml.ggml_backend_dev_get.restype = ctypes.c_void_p
        ggml.ggml_backend_dev_get.argtypes = [ctypes.c_size_t]
        for fn in (base.ggml_backend_dev_name, base.ggml_backend_dev_description):
            fn.restype = ctypes.c_char_p
            fn.argtypes = [ctypes.c_void_p]
        base.ggml_backend_dev_type.restype = ctypes.c_int
        base.ggml_backend_dev_type.argtypes = [ctypes.c_void_p]
        base.ggml_backend_dev_memory.restype = None
        base.ggml_backend_dev_memory.argtypes = [
            ctypes.c_void_p, ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(ctypes.c_size_t)]
    except AttributeError:
        return []
    devices = []
    for index in range(int(ggml.ggml_backend_dev_count())):
        dev = ggml.ggml_backend_dev_get(index)
        if not dev:
            continue
        free, total = ctypes.c_size_t(0), ctypes.c_size_t(0)
        base.ggml_backend_dev_memory(dev, ctypes.byref(free), ctypes.byref(total))
        devices.append(Device(
            name=(base.ggml_backend_dev_name(dev) or b"").decode(errors="replace"),
            description=(base.ggml_backend_dev_description(dev) or b"").decode(errors="replace"),
            kind=DEVICE_TYPES.get(int(base.ggml_backend_dev_type(dev)), "other"),
            memory_free_mib=free.value / 2**20,
            memory_total_mib=total.value / 2**20,
        ))  # fmt: skip
    return devices


def gpu_descriptions() -> list[str]:
    return [d.description or d.name for d in list_devices() if d.kind != "CPU"]
