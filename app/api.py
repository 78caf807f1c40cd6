"""The small public Python API for people who script Enclave (a thin layer on services).

Example::

    from app.api import analyze, ask
    result = analyze(["report.txt"], task="findings")
    for finding in result.findings:
        print(finding.label, finding.certainty, finding.grounded)
    print(ask(["report.txt"], "Is there a pleural effusion?").text)

    from app.api import MedicalAnalyzer
    result = MedicalAnalyzer().process_local("/data/ct_scans/patient_001")
    for suggestion in result.diagnosis_suggestions:
        print(suggestion.kind, suggestion.text, suggestion.source)

Every result is an AI-generated draft (``result.to_dict()["label"]``): the clinician decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from app.core.documents.model import Document, DocumentError
from app.core.tasks.results import TaskResult
from app.core.tasks.runner import TaskRequest
from app.services import Services
from app.services import tasks as task_services
from app.services.local_analysis import LocalAnalysis, Suggestion, process

__all__ = ["DocumentError", "LocalAnalysis", "MedicalAnalyzer", "Suggestion", "TaskResult", "analyze", "ask"]


def _read(services: Services, files: Iterable[str | Path]) -> list[Document]:
    read = services.read_documents(files)
    if read.errors:
        raise read.errors[0]
    services.load_model()
    return read.documents


def analyze(files: Iterable[str | Path], task: str = "summary", *, language: str = "en",
            model: str | None = None, max_tokens: int | None = None) -> TaskResult:  # fmt: skip
    """Read ``files`` (de-identified per the privacy level), run ``task`` with the local
    model and return the typed result: text, findings with grounding, follow-up, timings."""
    services = Services(model_path=model)
    try:
        documents = _read(services, files)
        request = TaskRequest(task, language=language)
        return task_services.analyze(services, documents, request, max_tokens=max_tokens)
    finally:
        services.close()


def ask(files: Iterable[str | Path], question: str, *, language: str = "en",
        model: str | None = None, max_tokens: int | None = None) -> TaskResult:  # fmt: skip
    """A free question about ``files``; the answer quotes its support where it can."""
    services = Services(model_path=model)
    try:
        documents = _read(services, files)
        return task_services.ask(services, documents, question, language=language,
                                 max_tokens=max_tokens)  # fmt: skip
    finally:
        services.close()


class MedicalAnalyzer:
    """A folder of a patient's files (reports, DICOM series) analysed on this machine:
    ``process_local(folder).diagnosis_suggestions`` are the reports' grounded findings and
    the vision model's observations of representative slices, each with its source. Offline:
    the models are local files; nothing is sent anywhere."""

    def __init__(self, *, model: str | None = None, vision_model: str | None = None,
                 vision_projector: str | None = None, language: str = "en", slices: int = 3,
                 preset: str | None = None, max_tokens: int | None = None) -> None:  # fmt: skip
        self.model, self.language, self.slices, self.preset = model, language, slices, preset
        self.vision_model, self.vision_projector, self.max_tokens = vision_model, vision_projector, max_tokens

    def process_local(self, folder: str | Path) -> LocalAnalysis:
        services = Services(model_path=self.model)
        if self.vision_model:
            services.settings.vision_model_path = self.vision_model
        if self.vision_projector:
            services.settings.vision_projector_path = self.vision_projector
        try:
            return process(services, folder, language=self.language, slices=self.slices, preset=self.preset,
                           max_tokens=self.max_tokens)  # fmt: skip
        finally:
            services.close()
