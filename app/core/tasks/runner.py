"""Building the messages for a task from documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.core.documents.model import Document
from app.core.llm.chat_template import Message
from app.core.tasks.catalogue import LANGUAGES, TARGET_LANGUAGES, Prompt, system_prompt, task
from app.core.tasks.schemas import SCHEMAS
from app.core.tasks.vocabulary import GLOSSARY


@dataclass(frozen=True)
class TaskRequest:
    task_id: str
    language: str = "en"
    question: str = ""
    target_language: str = ""

    @property
    def answer_language(self) -> str:
        """The language the answer is written in (the target, for a translation)."""
        return self.target() if self.task_id == "translate" else self.language

    def target(self) -> str:
        return self.target_language or ("en" if self.language == "zh_CN" else "zh_CN")


def format_documents(documents: Sequence[Document]) -> str:
    blocks = []
    for index, document in enumerate(documents, start=1):
        blocks.append(
            f"<document index=\"{index}\" name=\"{document.name}\" type=\"{document.kind}\">\n"
            f"{document.text()}\n</document>"
        )
    return "\n\n".join(blocks)


def glossary_lines() -> str:
    return "\n".join(f"- {english} = {' / '.join(chinese)}" for english, chinese in GLOSSARY.items())


def schema_for(prompt: Prompt) -> dict[str, Any] | None:
    """The JSON schema a task's output is held to, or None for free text."""
    if prompt.output != "json":
        return None
    return SCHEMAS[prompt.id]


def build_messages(request: TaskRequest, documents: Sequence[Document]) -> list[Message]:
    prompt = task(request.task_id)
    language = LANGUAGES.get(request.answer_language, LANGUAGES["en"])
    system = system_prompt().body.format(language=language)
    user = prompt.body.format(
        documents=format_documents(documents),
        question=request.question,
        target_language=TARGET_LANGUAGES.get(request.target(), request.target()),
        language=language,
        glossary=glossary_lines(),
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]
