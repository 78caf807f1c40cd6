"""The small public Python API for people who script Enclave (a thin layer on services).

Example::

    from app.api import analyze
    print(analyze(["report.txt"], task="summary"))
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from app.core.documents.model import DocumentError
from app.core.tasks.runner import TaskRequest
from app.services import Services

__all__ = ["DocumentError", "analyze"]


def analyze(files: Iterable[str | Path], task: str = "summary", *, language: str = "en",
            model: str | None = None, max_tokens: int | None = None) -> str:  # fmt: skip
    """Read ``files``, run ``task`` with the local model and return the answer text."""
    services = Services(model_path=model)
    try:
        read = services.read_documents(files)
        if read.errors:
            raise read.errors[0]
        services.load_model()
        run = services.run_task(read.documents, TaskRequest(task, language=language), max_tokens)
        return run.generation.text()
    finally:
        services.close()
