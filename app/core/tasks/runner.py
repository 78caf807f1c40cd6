"""Building the messages for a task from documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.core.documents.model import Document
from app.core.llm.chat_template import Message
from app.core.tasks.catalogue import LANGUAGES, TARGET_LANGUAGES, Prompt, prompts, system_prompt, task
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


def _task_text(request: TaskRequest, documents_text: str) -> str:
    return task(request.task_id).body.format(
        documents=documents_text,
        question=request.question,
        target_language=TARGET_LANGUAGES.get(request.target(), request.target()),
        language=LANGUAGES.get(request.answer_language, LANGUAGES["en"]),
        glossary=glossary_lines(),
    )


def _system(request: TaskRequest) -> Message:
    language = LANGUAGES.get(request.answer_language, LANGUAGES["en"])
    return {"role": "system", "content": system_prompt().body.format(language=language)}


def build_messages(request: TaskRequest, documents: Sequence[Document]) -> list[Message]:
    return [_system(request), {"role": "user", "content": _task_text(request, format_documents(documents))}]


REDUCE = "reduce"
PARTS_PLACEHOLDER = "(the documents: read in parts, see the partial answers below)"


def build_reduce_messages(request: TaskRequest, answers: Sequence[str]) -> list[Message]:
    """Messages that combine the answers a task gave for each part of long documents."""
    answers_text = "\n\n".join(f'<partial_answer part="{number}">\n{answer.strip()}\n</partial_answer>'
                                 for number, answer in enumerate(answers, start=1))  # fmt: skip
    user = prompts()[REDUCE].body.format(parts=len(answers), task=_task_text(request, PARTS_PLACEHOLDER),
                                          answers=answers_text)  # fmt: skip
    return [_system(request), {"role": "user", "content": user}]
