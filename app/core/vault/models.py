"""The typed records the vault hands out (plain data; no SQL outside this package)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["system", "user", "assistant"]
StoredPrivacy = Literal["standard", "high", "ephemeral"]
ROLES: tuple[Role, ...] = ("system", "user", "assistant")


@dataclass(frozen=True)
class SessionInfo:
    id: str
    title: str
    created: float  # Unix time (seconds)
    updated: float
    privacy_level: StoredPrivacy  # 'ephemeral' sessions live in memory only
    pinned: bool
    message_count: int = 0
    document_count: int = 0

    @property
    def ephemeral(self) -> bool:
        return self.privacy_level == "ephemeral"


@dataclass(frozen=True)
class Message:
    id: int
    session_id: str
    role: Role
    content: str
    task: str | None
    model: str | None
    timings: dict[str, Any] | None
    created: float
    edited: float | None


@dataclass(frozen=True)
class DocumentInput:
    """What to store about a document that was read (text already de-identified per level)."""

    kind: str
    source_name: str
    sha256: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    original: bytes | None = None  # kept only under the vault's size cap


@dataclass(frozen=True)
class DocumentRecord:
    id: int
    session_id: str
    kind: str
    source_name: str
    sha256: str
    text: str
    metadata: dict[str, Any]
    size: int
    has_original: bool
    created: float


@dataclass(frozen=True)
class Analysis:
    id: int
    session_id: str
    message_id: int | None
    task: str
    prompt_version: str
    result: Any  # the structured JSON output
    grounding: Any | None
    created: float


Decision = Literal["confirm", "reject", "correct"]
DECISIONS: tuple[Decision, ...] = ("confirm", "reject", "correct")


@dataclass(frozen=True)
class Feedback:
    """A clinician's decision on one extracted finding of an analysis (the newest counts)."""

    id: int
    session_id: str
    analysis_id: int
    finding: int  # index into the analysis result's findings
    decision: Decision
    label: str | None  # the corrected label ("correct" only)
    certainty: str | None  # the corrected certainty ("correct" only)
    created: float


@dataclass(frozen=True)
class SessionDetail:
    session: SessionInfo
    messages: list[Message]
    documents: list[DocumentRecord]
    analyses: list[Analysis]
    feedback: list[Feedback] = field(default_factory=list)  # the newest decision per finding


@dataclass(frozen=True)
class SearchHit:
    session_id: str
    session_title: str
    kind: Literal["message", "document"]
    item_id: int
    rank: float  # lower is better (FTS5 bm25)
    snippet_parts: list[tuple[str, bool]]  # (text, is_match)

    @property
    def snippet(self) -> str:
        """The snippet with matches in square brackets (for a terminal)."""
        return "".join(f"[{text}]" if hit else text for text, hit in self.snippet_parts)


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: float
    action: str
    session_id: str | None
    detail: dict[str, Any]
