"""Runtime hook: pick the llama.cpp build before llama_cpp is imported.

A GPU bundle carries two builds: llama_cpp/lib (portable CPU) and llama_cpp/lib-cuda
(CUDA 12, with cudart/cublas beside it, never the driver). The CUDA build is used only
when the NVIDIA driver library can be loaded; otherwise the CPU build runs and the reason
is left in ENCLAVE_LLAMA_NOTICE for the app to show (doctor, status bar, self-test).
ENCLAVE_FORCE_CPU=1 forces the CPU build (IT, troubleshooting). ENCLAVE_LLAMA_VARIANT tells
the app which build was chosen (cpu | cuda).
"""

import ctypes
import os
import sys
from pathlib import Path


def _driver_loadable() -> tuple[bool, str]:
    name = "nvcuda.dll" if sys.platform == "win32" else "libcuda.so.1"
    try:
        ctypes.CDLL(name)
    except OSError as exc:
        return False, f"{name} cannot be loaded ({exc})"
    return True, name


def _choose() -> None:
    base = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "llama_cpp"
    cuda = base / "lib-cuda"
    if not cuda.is_dir():
        os.environ["ENCLAVE_LLAMA_VARIANT"] = "cpu"
        return
    if os.environ.get("ENCLAVE_FORCE_CPU", "") not in ("", "0"):
        os.environ["ENCLAVE_LLAMA_VARIANT"] = "cpu"
        os.environ["ENCLAVE_LLAMA_NOTICE"] = "The CPU build of llama.cpp was chosen (ENCLAVE_FORCE_CPU)."
        return
    ok, detail = _driver_loadable()
    if not ok:
        os.environ["ENCLAVE_LLAMA_VARIANT"] = "cpu"
        os.environ["ENCLAVE_LLAMA_NOTICE"] = (
            f"No NVIDIA driver found: {detail}. Using the portable CPU build of llama.cpp; "
            "answers will be slow. Install the NVIDIA driver (R525 or newer) to use the GPU."
        )
        return
    os.environ["ENCLAVE_LLAMA_VARIANT"] = "cuda"
    os.environ["LLAMA_CPP_LIB_PATH"] = str(cuda)
    if sys.platform == "win32":
        os.add_dll_directory(str(cuda))
    else:
        # The bootloader puts _internal/ on LD_LIBRARY_PATH, which the loader searches before
        # a library's RUNPATH: load the CUDA build's ggml first so its sonames win.
        for lib in ("libggml-base.so", "libggml-cuda.so", "libggml-cpu.so", "libggml.so"):
            path = cuda / lib
            if path.exists():
                ctypes.CDLL(str(path), mode=ctypes.RTLD_GLOBAL)


_choose()
