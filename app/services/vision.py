"""Use cases for the vision model: find and place it, choose and render key images, run an
image task, finish it into an :class:`ImageAnswer`.

The vision model is a second engine (its own worker thread), loaded the first time an image
task runs, on the GPU only where it fits beside the text model (core/vision/placement.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.core import messages
from app.core.documents.dicom_pixels import Window
from app.core.documents.model import Document
from app.core.documents.series import ImageSeries
from app.core.llm import catalogue
from app.core.llm.engine import Engine, Generation, LoadReport
from app.core.llm.errors import ModelError
from app.core.tasks import image_tasks
from app.core.tasks.image_tasks import ImageAnswer
from app.core.vision import key_images
from app.core.vision import placement as placement_mod
from app.core.vision.key_images import KeyImage, KeyImageChoice, refused_for_privacy, render_all

if TYPE_CHECKING:
    from app.services import ProgressCallback, Services


@dataclass
class VisionLoad:
    report: LoadReport
    placement: placement_mod.Placement
    choice: catalogue.VisionChoice
    warnings: list[str] = field(default_factory=list)


@dataclass
class VisionRun:
    """A running image task: iterate ``generation`` for text, then call :func:`finish`."""

    task_id: str
    language: str
    images: list[KeyImage]
    not_sent: list[str]
    documents: list[Document]
    generation: Generation
    model_name: str
    placement: str


def find(services: Services) -> catalogue.VisionChoice | None:
    s = services.settings
    return catalogue.find_vision_model(s.vision_model_path or None, s.vision_projector_path or None)


def _free_gpu_gib() -> float | None:
    from app.core.llm.devices import list_devices

    gpus = [d for d in list_devices() if d.kind not in ("CPU", "other")]
    return max(d.memory_free_mib for d in gpus) / 1024 if gpus else None


def load(services: Services, progress: ProgressCallback | None = None) -> VisionLoad:
    """Find, verify and load the vision model and its projector, placed where they fit."""
    from app.core.llm.engine import build_info
    from app.services import engine_config

    choice = find(services)
    if choice is None:
        raise ModelError(messages.NO_VISION_MODEL)
    warnings: list[str] = []
    for path in (choice.model, choice.projector):
        check = catalogue.verify(path, progress=progress)
        if not check.ok:
            raise ModelError(check.message())
        if check.status != "verified":
            warnings.append(check.message())
    text_report = services._engine.report if services._engine is not None else None
    need = placement_mod.estimate_gib(
        choice.model.stat().st_size, choice.projector.stat().st_size, services.settings.n_ctx
    )
    placed = placement_mod.plan(
        gpu_build=bool(build_info()["gpu_offload_supported"]),
        free_gib=_free_gpu_gib(),
        need_gib=need,
        text_on_gpu=bool(text_report and text_report.on_gpu),
    )
    text_config = engine_config(services.settings)
    config = dataclasses.replace(
        text_config,
        n_gpu_layers=text_config.n_gpu_layers if placed.vision_on_gpu else 0,
        prompt_lookup_decoding=False,  # drafts come from text tokens; an image has none
        projector_path=str(choice.projector),
        projector_on_gpu=placed.vision_on_gpu,
        max_image_tokens=services.settings.vision_max_image_tokens,
    )
    if services._vision is None:
        services._vision = Engine()
    report = services._vision.load(choice.model, config)
    report.warnings.insert(0, placed.notice)
    report.warnings.extend(warnings)
    loaded = VisionLoad(report, placed, choice, warnings)
    services.vision_load = loaded
    return loaded


def engine(services: Services) -> Engine:
    if services._vision is None or not services._vision.sees_images:
        raise ModelError("the vision model is not loaded yet")
    return services._vision


def start(
    services: Services,
    documents: Sequence[Document],
    task_id: str,
    picks: Sequence[tuple[ImageSeries, KeyImageChoice]],
    *,
    question: str = "",
    language: str = "en",
    max_tokens: int | None = None,
) -> VisionRun:
    """Render the key images, hold back those privacy forbids, start the task."""
    from app.services import sampling_params

    vision = engine(services)
    rendered = render_all(picks)
    held = refused_for_privacy(rendered, [choice for _, choice in picks], services.settings.privacy_level)
    images = [image for image in rendered if image not in held]
    not_sent = [
        messages.NOT_SENT_BURNED_IN.format(image=image.label, reason=image.burned_in) for image in held
    ]
    if not images:
        raise ModelError(" ".join(not_sent) or "no key image was chosen")
    chat = image_tasks.build_image_messages(task_id, images, documents, language=language, question=question)
    generation = vision.stream(
        chat,
        sampling_params(services.settings, max_tokens),
        json_schema=image_tasks.schema(task_id, len(images)),
        images=[image.pixels for image in images],
    )
    name = vision.report.model_name if vision.report else "unknown"
    where = services.vision_load.placement.notice if services.vision_load else ""
    return VisionRun(task_id, language, images, not_sent, list(documents), generation, name, where)


def finish(run: VisionRun, text: str) -> ImageAnswer:
    timings = run.generation.timings
    return image_tasks.finish(
        run.task_id,
        text,
        run.images,
        run.documents,
        model=run.model_name,
        language=run.language,
        finish_reason=timings.finish_reason if timings else "stop",
        not_sent=run.not_sent,
        placement=run.placement,
        timings=vars(timings) if timings else None,
    )


def all_series(documents: Sequence[Document]) -> list[ImageSeries]:
    return [series for document in documents for series in document.series]


def picks_for(
    series: ImageSeries,
    *,
    frames: Sequence[int] = (),
    slices: int = 3,
    on_screen: int | None = None,
    preset_name: str | None = None,
    window: Window | None = None,
    confirm_burned_in: bool = False,
) -> list[tuple[ImageSeries, KeyImageChoice]]:
    """Key images of one series: ``frames`` (0-based) when the clinician named them, else
    ``slices`` evenly spaced plus the one on screen; windowed by the preset, else ``window``."""
    chosen_window = key_images.preset(preset_name) if preset_name else window
    if frames:
        choices = [
            KeyImageChoice(f, chosen_window, preset_name, "clinician", confirm_burned_in) for f in frames
        ]
    else:
        choices = [
            dataclasses.replace(c, confirmed_burned_in=confirm_burned_in)
            for c in key_images.representative(series, slices, on_screen, chosen_window, preset_name)
        ]
    return [(series, choice) for choice in choices]
