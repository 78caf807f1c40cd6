"""A session as Markdown or JSON (PDF and DOCX are rendered by the GUI from the same data)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any, Literal

from app.core.vault.models import SessionDetail

ExportFormat = Literal["markdown", "json"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("markdown", "json")


def _when(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M UTC")


def to_json(detail: SessionDetail) -> str:
    data: dict[str, Any] = {
        "format": "enclave-session",
        "version": 1,
        "session": asdict(detail.session),
        "documents": [{k: v for k, v in asdict(d).items() if k != "has_original"} for d in detail.documents],
        "messages": [asdict(m) for m in detail.messages],
        "analyses": [asdict(a) for a in detail.analyses],
        "feedback": [asdict(f) for f in detail.feedback],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_markdown(detail: SessionDetail, assistant_label: str = "AI-generated draft") -> str:
    s = detail.session
    lines = [f"# {s.title}", "", f"- Created: {_when(s.created)}", f"- Updated: {_when(s.updated)}",
             f"- Privacy level: {s.privacy_level}", ""]  # fmt: skip
    if detail.documents:
        lines += ["## Documents", ""]
        for d in detail.documents:
            lines.append(f"- **{d.source_name}** ({d.kind}, SHA-256 `{d.sha256[:16]}…`)")
        lines.append("")
    if detail.messages:
        lines += ["## Conversation", ""]
        for m in detail.messages:
            meta = ", ".join(x for x in (m.task, m.model) if x)
            heading = m.role.capitalize() + (f" ({meta})" if meta else "")
            lines += [f"### {heading}", "", m.content.strip(), ""]
            if m.role == "assistant":
                lines += [f"*{assistant_label}*", ""]
    if detail.analyses:
        lines += ["## Structured results", ""]
        for a in detail.analyses:
            lines += [f"### {a.task} ({a.prompt_version})", "", "```json",
                      json.dumps(a.result, ensure_ascii=False, indent=2), "```", ""]  # fmt: skip
    if detail.feedback:
        lines += ["## Clinician review of the findings", ""]
        names = {a.id: a for a in detail.analyses}
        for f in detail.feedback:
            analysis = names.get(f.analysis_id)
            result = analysis.result if analysis is not None else None
            findings = result.get("findings") if isinstance(result, dict) else None
            drafted = findings[f.finding] if isinstance(findings, list) and f.finding < len(findings) else {}
            what = f"{drafted.get('label', '?')} ({drafted.get('certainty', '?')})"
            change = f" → {f.label} ({f.certainty})" if f.decision == "correct" else ""
            when = _when(f.created)
            lines.append(f"- Finding {f.finding + 1}, {what}: **{f.decision}ed**{change} — {when}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render(detail: SessionDetail, fmt: ExportFormat, assistant_label: str = "AI-generated draft") -> str:
    if fmt == "json":
        return to_json(detail)
    if fmt == "markdown":
        return to_markdown(detail, assistant_label)
    raise ValueError(f"unknown export format {fmt!r} (use {' or '.join(EXPORT_FORMATS)})")
