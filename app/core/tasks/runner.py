"""Building the messages for a task from documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.core.documents.model import Document
from app.core.llm.chat_template import Message
from app.core.tasks.catalogue import LANGUAGES, TARGET_LANGUAGES, system_prompt, task


@dataclass(frozen=True)
class TaskRequest:
    task_id: str
    language: str = "en"
    question: str = ""
    target_language: str = ""


def format_documents(documents: Sequence[Document]) -> str:
    blocks = []
    for index, document in enumerate(documents, start=1):
        blocks.append(
            f"<document index=\"{index}\" name=\"{document.name}\" type=\"{document.kind}\">\n"
            f"{document.text()}\n</document>"
        )
    return "\n\n".join(blocks)


def build_messages(request: TaskRequest, documents: Sequence[Document]) -> list[Message]:
    prompt = task(request.task_id)
    language = LANGUAGES.get(request.language, LANGUAGES["en"])
    target = request.target_language or ("en" if request.language == "zh_CN" else "zh_CN")
    system = system_prompt().body.format(language=language)
    user = prompt.body.format(
        documents=format_documents(documents),
        question=request.question,
        target_language=TARGET_LANGUAGES.get(target, target),
        language=language,
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]
