"""Load llama.cpp's shared libraries before any other native extension.

Measured on an H200 with a CUDA build of llama-cpp-python 0.3.36: when any of the pylibjpeg
codec extensions (libjpeg, openjpeg, rle, or pylibjpeg itself) is imported *before*
llama_cpp, loading a model segfaults inside llama_model::print_info (a C++ stream in
libggml-cuda). Imported the other way round, everything works. Every entry point therefore
calls :func:`load_llama_first` before anything that may import a DICOM codec.
"""

from __future__ import annotations

import importlib
import logging

log = logging.getLogger(__name__)
_loaded = False


def load_llama_first() -> None:
    """Import llama_cpp now (idempotent). A missing or broken build is reported later,
    when the engine loads, with a clear error; it must not stop the app from starting."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    try:
        importlib.import_module("llama_cpp")
    except Exception as exc:
        log.warning("llama.cpp could not be loaded at start-up: %s", type(exc).__name__)
