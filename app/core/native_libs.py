"""Choose and load llama.cpp's shared libraries before any other native extension.

Measured on an H200 machine with llama-cpp-python 0.3.36: model loading segfaulted inside
llama_model::print_info (a C++ stream) (1) with the CUDA build when a pylibjpeg codec
extension had been imported first, and (2) with a CPU build compiled on that machine whose
libggml carries a static copy of libstdc++. The cause of both: two copies of libstdc++ in one
process, libllama binding some std:: symbols to each. :func:`share_one_libstdcxx` puts the
system libstdc++ in the global symbol scope first, which fixed both there (see
packaging/gpu_variant_check.sh), and every entry point still imports llama_cpp before anything
that may import a DICOM codec (the desktop app does it on its start-up thread, after its first
window is on screen).

A GPU bundle carries two llama.cpp builds: ``llama_cpp/lib`` (portable CPU) and
``llama_cpp/lib-cuda`` (CUDA 12, with cudart/cuBLAS beside it, never the driver).
:func:`choose_llama_build` uses the CUDA build only when the NVIDIA driver library loads;
otherwise the CPU build runs and the reason is left in ENCLAVE_LLAMA_NOTICE for the app to
show (doctor, status bar, self-test). ENCLAVE_FORCE_CPU=1 forces the CPU build; a
LLAMA_CPP_LIB_PATH set by the user is respected. ENCLAVE_LLAMA_VARIANT names the choice
(cpu | cuda | custom).
"""

from __future__ import annotations

import ctypes
import importlib
import importlib.util
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)
_loaded = False

VARIANT_ENV, NOTICE_ENV, FORCE_CPU_ENV = "ENCLAVE_LLAMA_VARIANT", "ENCLAVE_LLAMA_NOTICE", "ENCLAVE_FORCE_CPU"
DRIVER_ENV = "ENCLAVE_CUDA_DRIVER"  # the driver library to probe (tests name a missing one)
# Loaded from lib-cuda first, in dependency order: the frozen app's bootloader puts _internal/
# on LD_LIBRARY_PATH, which the loader searches before a library's RUNPATH.
_GGML_LIBS = ("libggml-base.so", "libggml-cuda.so", "libggml-cpu.so", "libggml.so")


def _package_dir() -> Path | None:
    spec = importlib.util.find_spec("llama_cpp")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _driver_loadable() -> tuple[bool, str]:
    name = os.environ.get(DRIVER_ENV) or ("nvcuda.dll" if sys.platform == "win32" else "libcuda.so.1")
    try:
        ctypes.CDLL(name)
    except OSError as exc:
        return False, f"{name} cannot be loaded ({exc})"
    return True, name


def choose_llama_build(package: Path | None = None) -> str | None:
    """Set the environment llama_cpp reads at import to the build to use; return the variant
    (None from a source install that has only the one build)."""
    if os.environ.get("LLAMA_CPP_LIB_PATH"):
        os.environ[VARIANT_ENV] = "custom"
        return "custom"
    package = package or _package_dir()
    cuda = package / "lib-cuda" if package is not None else None
    if cuda is None or not cuda.is_dir():
        if getattr(sys, "frozen", False):
            os.environ[VARIANT_ENV] = "cpu"
            return "cpu"
        return None
    if os.environ.get(FORCE_CPU_ENV, "") not in ("", "0"):
        os.environ[VARIANT_ENV] = "cpu"
        os.environ[NOTICE_ENV] = f"The CPU build of llama.cpp was chosen ({FORCE_CPU_ENV})."
        return "cpu"
    ok, detail = _driver_loadable()
    if not ok:
        os.environ[VARIANT_ENV] = "cpu"
        os.environ[NOTICE_ENV] = (
            f"No NVIDIA driver found: {detail}. Using the portable CPU build of llama.cpp; "
            "answers will be slow. Install the NVIDIA driver (R525 or newer) to use the GPU."
        )
        return "cpu"
    os.environ[VARIANT_ENV] = "cuda"
    os.environ["LLAMA_CPP_LIB_PATH"] = str(cuda)
    if sys.platform == "win32":
        os.add_dll_directory(str(cuda))
    else:
        for name in _GGML_LIBS:
            if (cuda / name).exists():
                ctypes.CDLL(str(cuda / name), mode=ctypes.RTLD_GLOBAL)
    return "cuda"


def share_one_libstdcxx() -> None:
    """Put the system's libstdc++ in the process's global symbol scope before llama.cpp loads.

    Measured on an H200 machine (Ubuntu 24.04, gcc 13.3): a llama.cpp build whose libggml
    carries its own static copy of libstdc++ (2,373 exported std:: symbols), and the pylibjpeg
    codec wheels, which do the same, leave libllama binding some std:: symbols to one copy and
    some to another; llama_model::print_info then crashes in a C++ stream. With libstdc++.so.6
    loaded RTLD_GLOBAL first, every library binds to the one copy: both crashes are gone.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL("libstdc++.so.6", mode=ctypes.RTLD_GLOBAL)
    except OSError as exc:  # no system libstdc++: llama.cpp's own dependency lookup still applies
        log.warning("libstdc++.so.6 could not be preloaded: %s", exc)


def load_llama_first() -> None:
    """Choose the build and import llama_cpp now (idempotent). A missing or broken build is
    reported later, when the engine loads, with a clear error; it must not stop the app."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    try:
        share_one_libstdcxx()
        choose_llama_build()
        importlib.import_module("llama_cpp")
    except Exception as exc:
        log.warning("llama.cpp could not be loaded at start-up: %s", type(exc).__name__)
