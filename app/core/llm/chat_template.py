"""Turning chat messages into a prompt with the model's own chat template.

The template comes from the GGUF (``tokenizer.chat_template``; Qwen2.5 ships ChatML).
A file without one falls back to plain ChatML, and the load report says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

CHATML_FALLBACK = (
    "{%- for message in messages %}"
    "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"
)


class Message(TypedDict):
    role: str  # "system" | "user" | "assistant"
    content: str


class ChatTemplate:
    """A compiled chat template, rendered in a sandbox (templates are data, not code)."""

    def __init__(self, source: str | None, *, bos_token: str = "", eos_token: str = "") -> None:
        self.from_model = bool(source)
        self.source = source if source else CHATML_FALLBACK
        env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)

        def raise_exception(message: str) -> None:
            raise jinja2.TemplateError(message)

        env.globals["raise_exception"] = raise_exception
        self._template = env.from_string(self.source)
        self.bos_token = bos_token
        self.eos_token = eos_token

    def render(self, messages: Sequence[Message], *, add_generation_prompt: bool = True) -> str:
        return self._template.render(
            messages=list(messages),
            add_generation_prompt=add_generation_prompt,
            bos_token=self.bos_token,
            eos_token=self.eos_token,
        )
