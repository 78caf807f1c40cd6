"""Errors the LLM layer raises. Each message names the file or the limit involved."""

from __future__ import annotations


class EngineError(RuntimeError):
    """Base class for anything the engine reports to the user."""


class ModelError(EngineError):
    """The model file is missing, empty, truncated, not GGUF, or cannot be loaded."""


class ContextOverflowError(EngineError):
    """The prompt plus the requested answer do not fit in the context window."""

    def __init__(self, prompt_tokens: int, max_tokens: int, n_ctx: int) -> None:
        self.prompt_tokens = prompt_tokens
        self.max_tokens = max_tokens
        self.n_ctx = n_ctx
        super().__init__(
            f"The documents are too long for the model's context: the prompt is "
            f"{prompt_tokens} tokens and the answer may need {max_tokens} more, but the "
            f"context holds {n_ctx}. Remove a document, ask about fewer pages, or raise "
            f"n_ctx in the settings (Qwen2.5-7B supports up to 32768)."
        )


class EngineClosedError(EngineError):
    """The engine was closed; its model is no longer in memory."""
