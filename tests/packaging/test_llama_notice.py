"""`enclave doctor` reports the llama.cpp build the start-up hook chose, and its notice."""

from __future__ import annotations

import pytest

from app.services import doctor

pytestmark = pytest.mark.packaging


def test_doctor_reports_the_cpu_fallback_notice_as_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    notice = "No NVIDIA driver found: libcuda.so.1 cannot be loaded (test). Using the portable CPU build."
    monkeypatch.setenv("ENCLAVE_LLAMA_VARIANT", "cpu")
    monkeypatch.setenv("ENCLAVE_LLAMA_NOTICE", notice)
    report = doctor(load=False)
    assert report["llama_build"] == {"variant": "cpu", "notice": notice}
    assert notice in report["warnings"]


def test_doctor_from_source_names_no_variant(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ENCLAVE_LLAMA_VARIANT", raising=False)
    monkeypatch.delenv("ENCLAVE_LLAMA_NOTICE", raising=False)
    report = doctor(load=False)
    assert report["llama_build"] == {"variant": None, "notice": None}
    assert not [w for w in report["warnings"] if "NVIDIA driver" in w]
