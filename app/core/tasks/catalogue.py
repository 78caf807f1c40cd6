"""The task catalogue: versioned prompt files in ``prompts/``.

Each file starts with ``key: value`` header lines (id, version, title, and ``output: json``
for a task whose answer is held to a JSON schema), a ``---`` line,
then the prompt body with ``{placeholders}``. The id and version are stored with every
result so an answer can always be traced to the exact prompt that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

LANGUAGES = {"en": "in English", "zh_CN": "in Simplified Chinese (简体中文)"}
TARGET_LANGUAGES = {"en": "English", "zh_CN": "Simplified Chinese (简体中文)"}
AI_DRAFT_LABEL = {
    "en": "AI-generated draft — verify against the source before use.",
    "zh_CN": "AI 生成的草稿——使用前请与原文核对。",
}


@dataclass(frozen=True)
class Prompt:
    id: str
    version: str
    title: str
    body: str
    output: str = "text"  # "text" | "json" (constrained by schemas.SCHEMAS[id])

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"


def _parse(text: str, filename: str) -> Prompt:
    header, sep, body = text.partition("\n---\n")
    if not sep:
        raise ValueError(f"prompt file {filename} has no '---' line")
    fields: dict[str, str] = {}
    for line in header.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return Prompt(
        id=fields["id"],
        version=fields.get("version", "0"),
        title=fields.get("title", fields["id"]),
        body=body.strip(),
        output=fields.get("output", "text"),
    )


@cache
def prompts() -> dict[str, Prompt]:
    from importlib import resources  # here: this module is imported before the first window

    found: dict[str, Prompt] = {}
    folder = resources.files("app.core.tasks").joinpath("prompts")
    for item in folder.iterdir():
        if item.name.endswith(".txt"):
            prompt = _parse(item.read_text(encoding="utf-8"), item.name)
            found[prompt.id] = prompt
    return found


def system_prompt() -> Prompt:
    return prompts()["system"]


TASKS: tuple[str, ...] = ("summary", "findings", "impression", "followup", "patient", "translate")
ASK = "ask"


def task(task_id: str) -> Prompt:
    if task_id not in TASKS and task_id != ASK:
        raise KeyError(f"unknown task {task_id!r}; choose one of {', '.join(TASKS)}")
    return prompts()[task_id]
