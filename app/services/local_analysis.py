"""One folder of a patient's files, analysed locally: the reports' grounded findings and, if
a vision model is installed, what it saw in representative slices of the image series.

Every suggestion carries its source (a report span, or an image: series, instance, window),
and the notices say plainly what was not done (no report text, no vision model, images held
back by the privacy level).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.documents.model import Document
from app.core.llm.errors import ModelError
from app.core.tasks.catalogue import AI_DRAFT_LABEL
from app.core.tasks.image_tasks import ImageAnswer
from app.core.tasks.results import TaskResult
from app.core.tasks.runner import TaskRequest

if TYPE_CHECKING:
    from app.services import Services

IMAGE_KINDS = ("dicom",)  # documents whose text is only image metadata, not a report
NO_REPORT = "No report text was found among the files: no findings were drawn from text."
NOT_LOOKED = "The images were not looked at: {reason}"


@dataclass
class Suggestion:
    """A draft finding or image observation with where it came from."""

    text: str
    kind: str  # "report finding" | "image observation"
    source: dict[str, Any]
    certainty: str | None = None
    grounded: bool | None = None  # report findings: the quote is in the report


@dataclass
class LocalAnalysis:
    folder: str
    label: str
    documents: list[str] = field(default_factory=list)
    series: list[str] = field(default_factory=list)
    diagnosis_suggestions: list[Suggestion] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    findings: TaskResult | None = None
    images: ImageAnswer | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["findings"] = self.findings.to_dict() if self.findings else None
        data["images"] = self.images.to_dict() if self.images else None
        return data


def report_documents(documents: Sequence[Document]) -> list[Document]:
    return [d for d in documents if d.has_text and d.kind not in IMAGE_KINDS]


def suggestions(findings: TaskResult | None, images: ImageAnswer | None) -> list[Suggestion]:
    found: list[Suggestion] = []
    for finding in (findings.findings or []) if findings else []:
        where = finding.grounding
        found.append(Suggestion(
            text=finding.label, kind="report finding", certainty=finding.certainty,
            grounded=where.grounded,
            source={"document": where.document_name, "start": where.start, "end": where.end,
                    "quote": finding.evidence},
        ))  # fmt: skip
    for observation in (images.observations + images.seen_not_in_report) if images else []:
        found.append(Suggestion(text=observation.text, kind="image observation", source=observation.source))
    return found


def process(services: Services, folder: str | Path, *, language: str = "en", slices: int = 3,
            preset: str | None = None, max_tokens: int | None = None) -> LocalAnalysis:  # fmt: skip
    from app.services import tasks as task_services
    from app.services import vision

    path = Path(folder).expanduser()
    result = LocalAnalysis(folder=str(path), label=AI_DRAFT_LABEL.get(language, AI_DRAFT_LABEL["en"]))
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    read = services.read_documents([path])
    result.errors = [str(error) for error in read.errors]
    result.documents = [d.name for d in read.documents]
    series = vision.all_series(read.documents)
    result.series = [s.label for s in series]
    reports = report_documents(read.documents)
    if reports:
        services.load_model()
        request = TaskRequest("findings", language=language)
        result.findings = task_services.analyze(services, reports, request, max_tokens=max_tokens)
        result.notices.extend(result.findings.warnings)
    else:
        result.notices.append(NO_REPORT)
    if series:
        biggest = max(series, key=lambda s: s.frame_count)
        try:
            vision.load(services)
            picks = vision.picks_for(biggest, slices=slices, preset_name=preset)
            task_id = "compare_images" if reports else "describe_images"
            run = vision.start(services, reports, task_id, picks, language=language, max_tokens=max_tokens)
            result.images = vision.finish(run, "".join(run.generation))
            result.notices += [
                result.images.looked_at_notice,
                *result.images.not_sent,
                *result.images.warnings,
            ]
        except ModelError as exc:
            result.notices.append(NOT_LOOKED.format(reason=str(exc)))
    result.diagnosis_suggestions = suggestions(result.findings, result.images)
    return result
