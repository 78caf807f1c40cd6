"""Which llama.cpp build runs (app/core/native_libs.choose_llama_build): the CUDA build of a
GPU bundle only when the NVIDIA driver loads, else the portable CPU build with a notice."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core import native_libs

ENV = ("LLAMA_CPP_LIB_PATH", native_libs.VARIANT_ENV, native_libs.NOTICE_ENV, native_libs.FORCE_CPU_ENV,
       native_libs.DRIVER_ENV)  # fmt: skip


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A llama_cpp package folder with a lib-cuda beside lib, and a clean environment."""
    for name in ENV:
        monkeypatch.delenv(name, raising=False)  # restored after the test, whatever was set
    package = tmp_path / "llama_cpp"
    (package / "lib").mkdir(parents=True)
    (package / "lib-cuda").mkdir()
    yield package
    for name in ENV:
        os.environ.pop(name, None)


def test_no_cuda_build_from_source_leaves_llama_cpp_alone(bundle: Path) -> None:
    (bundle / "lib-cuda").rmdir()
    assert native_libs.choose_llama_build(bundle) is None
    assert not {name for name in ENV if name in os.environ}


def test_missing_driver_falls_back_to_the_cpu_build_with_a_notice(bundle: Path) -> None:
    os.environ[native_libs.DRIVER_ENV] = "libcuda-enclave-test-missing.so.1"
    assert native_libs.choose_llama_build(bundle) == "cpu"
    assert os.environ[native_libs.VARIANT_ENV] == "cpu"
    notice = os.environ[native_libs.NOTICE_ENV]
    assert "No NVIDIA driver found" in notice and "libcuda-enclave-test-missing.so.1" in notice
    assert "LLAMA_CPP_LIB_PATH" not in os.environ  # llama_cpp loads its own lib/ (the CPU build)


def test_a_loadable_driver_selects_the_cuda_build(bundle: Path) -> None:
    os.environ[native_libs.DRIVER_ENV] = "libc.so.6"  # any library that loads stands in for it
    assert native_libs.choose_llama_build(bundle) == "cuda"
    assert os.environ["LLAMA_CPP_LIB_PATH"] == str(bundle / "lib-cuda")
    assert os.environ[native_libs.VARIANT_ENV] == "cuda"
    assert native_libs.NOTICE_ENV not in os.environ


def test_force_cpu_wins_over_a_driver(bundle: Path) -> None:
    os.environ[native_libs.DRIVER_ENV] = "libc.so.6"
    os.environ[native_libs.FORCE_CPU_ENV] = "1"
    assert native_libs.choose_llama_build(bundle) == "cpu"
    assert "ENCLAVE_FORCE_CPU" in os.environ[native_libs.NOTICE_ENV]
    assert "LLAMA_CPP_LIB_PATH" not in os.environ


def test_a_path_chosen_by_it_is_respected(bundle: Path, tmp_path: Path) -> None:
    os.environ["LLAMA_CPP_LIB_PATH"] = str(tmp_path / "custom")
    assert native_libs.choose_llama_build(bundle) == "custom"
    assert os.environ["LLAMA_CPP_LIB_PATH"] == str(tmp_path / "custom")


def test_libstdcxx_is_shared_in_the_global_scope_before_llama_cpp_loads() -> None:
    """Two copies of libstdc++ (one static inside a library) crashed llama.cpp's model loading
    on a GPU machine; after share_one_libstdcxx() a std:: symbol resolves from the process's
    global scope, which is what makes every later library bind to that one copy."""
    import subprocess
    import sys

    code = (
        "import ctypes\n"
        "from app.core import native_libs\n"
        "symbol = '_ZNSo9_M_insertIlEERSoT_'  # std::ostream::_M_insert<long>, where it crashed\n"
        "before = hasattr(ctypes.CDLL(None), symbol)\n"
        "native_libs.share_one_libstdcxx()\n"
        "print(before, hasattr(ctypes.CDLL(None), symbol))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]
