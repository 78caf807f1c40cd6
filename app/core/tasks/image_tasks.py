"""Tasks that look at key images: describe them, compare them with the report, answer a
question about them.

The messages put each image at an image slot, introduced by its number and what it is
(series, instance, window), so the model can name it and the answer can be traced back.
Describe and compare are held to a JSON schema whose ``image`` field can only be one of the
numbers shown; the app, not the model, writes which images were looked at.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from app.core import messages
from app.core.documents.model import Document
from app.core.llm.chat_template import Message
from app.core.llm.projector import IMAGE_SLOT, strip_slots
from app.core.tasks.catalogue import AI_DRAFT_LABEL, LANGUAGES, Prompt, prompts
from app.core.tasks.grounding import SourceIndex
from app.core.tasks.runner import format_documents
from app.core.vision.key_images import KeyImage

IMAGE_TASKS = ("describe_images", "compare_images", "ask_images")
MAX_OBSERVATIONS = 16
MAX_LISTED = 8
# Bounded strings end every answer inside its token budget with JSON that parses, even when a
# model rambles (the sampler checks the grammar on the chosen token, so bounds cost little).
OBSERVATION_CHARS = 300
QUOTE_CHARS = 200


def image_prompt(task_id: str) -> Prompt:
    if task_id not in IMAGE_TASKS:
        raise KeyError(f"unknown image task {task_id!r}; choose one of {', '.join(IMAGE_TASKS)}")
    return prompts()[task_id]


def schema(task_id: str, count: int) -> dict[str, Any] | None:
    """The answer's JSON schema; ``image`` is one of 1..count."""
    if image_prompt(task_id).output != "json":
        return None
    observation = {
        "type": "object",
        "properties": {
            "image": {"enum": list(range(1, count + 1))},
            "observation": {"type": "string", "minLength": 3, "maxLength": OBSERVATION_CHARS},
        },
        "required": ["image", "observation"],
        "additionalProperties": False,
    }
    properties: dict[str, Any] = {
        "observations": {"type": "array", "items": observation, "minItems": 1, "maxItems": MAX_OBSERVATIONS}
    }
    if task_id == "compare_images":
        properties["report_not_seen"] = {
            "type": "array",
            "maxItems": MAX_LISTED,
            "items": {
                "type": "object",
                "properties": {
                    "finding": {"type": "string", "minLength": 2},
                    "quote": {"type": "string", "minLength": 3},
                },
                "required": ["finding", "quote"],
                "additionalProperties": False,
            },
        }
        properties["seen_not_in_report"] = {"type": "array", "items": observation, "maxItems": MAX_LISTED}
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def image_block(images: Sequence[KeyImage]) -> str:
    return "\n".join(
        f'<image number="{n}" shows="{strip_slots(image.label)}">{IMAGE_SLOT}</image>'
        for n, image in enumerate(images, start=1)
    )


def build_image_messages(
    task_id: str,
    images: Sequence[KeyImage],
    documents: Sequence[Document],
    *,
    language: str = "en",
    question: str = "",
) -> list[Message]:
    """System and user messages with one image slot per key image (untrusted text has its
    slots removed, so a report cannot add an image)."""
    answer_language = LANGUAGES.get(language, LANGUAGES["en"])
    system = prompts()["system_vision"].body.format(language=answer_language)
    reports = strip_slots(format_documents([d for d in documents if d.has_text])) or "(no report given)"
    user = image_prompt(task_id).body.format(
        images=image_block(images), documents=reports, question=strip_slots(question)
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


@dataclass
class Observation:
    image: int  # 1-based, as the model saw it
    text: str
    source: dict[str, Any]  # the key image's provenance (series, instance, window)


@dataclass
class ReportFinding:
    finding: str
    quote: str
    grounded: bool  # the quote is in the report's text
    document_name: str | None = None


def _same(text: str) -> str:
    return text


@dataclass
class ImageAnswer:
    """What the model said about the images, and exactly what it looked at."""

    task: str
    prompt: str
    model: str
    language: str
    label: str
    text: str  # the raw answer
    looked_at: list[dict[str, Any]]
    looked_at_notice: str
    observations: list[Observation] = field(default_factory=list)
    report_not_seen: list[ReportFinding] = field(default_factory=list)
    seen_not_in_report: list[Observation] = field(default_factory=list)
    not_sent: list[str] = field(default_factory=list)  # images held back, and why
    warnings: list[str] = field(default_factory=list)
    placement: str = ""
    complete: bool = True
    timings: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def markdown(self, *, with_label: bool = True, translate: Callable[[str], str] = _same) -> str:
        """The answer as the command line and the window show it; ``translate`` (the GUI's
        translator) turns each catalogue sentence and image label into the user's language,
        the model's own words stay as written."""

        def say(text: str) -> str:
            return messages.render(text, translate)

        lines: list[str] = []

        def observed(items: Sequence[Observation]) -> None:
            for item in items:
                label = say(self.looked_at[item.image - 1]["label"])
                lines.append("- " + translate(messages.IMAGE_OBSERVATION).format(
                    number=item.image, image=label, observation=item.text))  # fmt: skip

        observed(self.observations)
        if not self.observations and not self.report_not_seen and self.text.strip():
            lines.append(self.text.strip())
        if self.report_not_seen:
            lines += ["", f"**{translate(messages.REPORT_NOT_SEEN)}**"]
            for finding in self.report_not_seen:
                missing = "" if finding.grounded else " " + translate(messages.QUOTE_NOT_IN_REPORT)
                lines.append(f"- {finding.finding}: \u201c{finding.quote}\u201d{missing}")
        if self.seen_not_in_report:
            lines += ["", f"**{translate(messages.SEEN_NOT_IN_REPORT)}**"]
            observed(self.seen_not_in_report)
        images = "; ".join(translate(messages.NUMBERED_IMAGE).format(number=n, image=say(item["label"]))
                           for n, item in enumerate(self.looked_at, start=1))  # fmt: skip
        lines += ["", translate(messages.LOOKED_AT).format(count=len(self.looked_at), images=images)]
        lines += [say(text) for text in self.not_sent]
        if with_label:
            lines += ["", f"*{self.label}*"]
        return "\n".join(lines).strip()


def looked_at_notice(images: Sequence[KeyImage]) -> str:
    listed = "; ".join(messages.NUMBERED_IMAGE.format(number=n, image=image.label)
                       for n, image in enumerate(images, start=1))  # fmt: skip
    return messages.LOOKED_AT.format(count=len(images), images=listed)


def _observations(raw: Any, images: Sequence[KeyImage]) -> list[Observation]:
    found = []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict):
            continue
        number, text = item.get("image"), str(item.get("observation", "")).strip()
        if isinstance(number, int) and 1 <= number <= len(images) and text:
            source = {**images[number - 1].source(), "label": images[number - 1].label}
            found.append(Observation(number, text, source))
    return found


def finish(
    task_id: str,
    text: str,
    images: Sequence[KeyImage],
    documents: Sequence[Document],
    *,
    model: str,
    language: str,
    finish_reason: str,
    not_sent: Sequence[str] = (),
    placement: str = "",
    timings: dict[str, Any] | None = None,
) -> ImageAnswer:
    prompt = image_prompt(task_id)
    answer = ImageAnswer(
        task=task_id,
        prompt=prompt.ref,
        model=model,
        language=language,
        label=AI_DRAFT_LABEL.get(language, AI_DRAFT_LABEL["en"]),
        text=text,
        looked_at=[{**image.source(), "label": image.label} for image in images],
        looked_at_notice=looked_at_notice(images),
        not_sent=list(not_sent),
        placement=placement,
        complete=finish_reason in ("stop", "repetition"),
        timings=timings,
    )
    if finish_reason == "length":
        answer.warnings.append(messages.ANSWER_AT_TOKEN_LIMIT)
    elif finish_reason == "cancelled":
        answer.warnings.append(messages.ANSWER_CANCELLED)
    if prompt.output != "json":
        return answer
    try:
        parsed = json.loads(text)
    except ValueError:
        answer.complete = False
        answer.warnings.append(messages.ANSWER_NOT_JSON)
        return answer
    if not isinstance(parsed, dict):
        answer.complete = False
        answer.warnings.append(messages.ANSWER_NOT_JSON)
        return answer
    answer.observations = _observations(parsed.get("observations"), images)
    answer.seen_not_in_report = _observations(parsed.get("seen_not_in_report"), images)
    sources = [(d.name, SourceIndex(d.text())) for d in documents if d.has_text]
    for item in parsed.get("report_not_seen") or []:
        if not isinstance(item, dict):
            continue
        quote = str(item.get("quote", "")).strip()
        where = next((name for name, index in sources if quote and index.locate(quote)), None)
        answer.report_not_seen.append(
            ReportFinding(str(item.get("finding", "")).strip(), quote, where is not None, where)
        )
    ungrounded = sum(not f.grounded for f in answer.report_not_seen)
    if ungrounded:
        answer.warnings.append(messages.QUOTES_NOT_IN_REPORT.format(count=ungrounded))
    return answer
