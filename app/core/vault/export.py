"""A session as Markdown or JSON (PDF and DOCX are rendered by the GUI from the same data)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any, Literal

from app.core import messages
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
            lines += _certainty_conflicts(a.result)
            lines += _quote_checks(a.result)
            lines += _followup_panel(a.result)
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


def _certainty_conflicts(result: Any) -> list[str]:
    """One line per finding whose certainty the rules read otherwise than the draft."""
    findings = result.get("findings") if isinstance(result, dict) else None
    lines = []
    for number, f in enumerate(findings if isinstance(findings, list) else [], start=1):
        if isinstance(f, dict) and f.get("certainty_conflict"):
            lines.append(f"- Finding {number}, {f.get('label', '?')}: " + messages.CERTAINTY_CONFLICT.format(
                draft=f.get("certainty"), rule=f.get("rule_certainty"),
                evidence=f.get("rule_evidence") or f.get("certainty_rule") or ""))
    return [*lines, ""] if lines else []


def _quote_checks(result: Any) -> list[str]:
    """One line per finding: how its quote matched the report, or why it does not support
    the finding (the grounding check's verdict and mismatches, as stored)."""
    findings = result.get("findings") if isinstance(result, dict) else None
    lines = []
    for number, f in enumerate(findings if isinstance(findings, list) else [], start=1):
        g = f.get("grounding") if isinstance(f, dict) else None
        if not isinstance(g, dict):
            continue
        if g.get("grounded"):
            how = messages.GROUNDING_EXACT if g.get("match") == "exact" else messages.GROUNDING_NORMALISED
        else:
            reasons = messages.GROUNDING_REASONS
            found = [reasons.get(str(m.get("kind")), reasons["not_in_report"])
                     .format(claimed=m.get("claimed") or "-", quoted=m.get("quoted") or "-")
                     for m in g.get("mismatches") or [] if isinstance(m, dict)]  # fmt: skip
            how = messages.GROUNDING_NOT_SUPPORTED.format(
                reason="; ".join(dict.fromkeys(found)) or reasons["not_in_report"])
        quote = f.get("evidence", "")
        lines.append(f"- Finding {number}, {f.get('label', '?')}: \u201c{quote}\u201d \u2014 {how}")
    return [*lines, ""] if lines else []


def _followup_panel(result: Any) -> list[str]:
    """The Fleischner calculator as stored: its heading, the answer or what it needs, each input
    with where it came from, and the clinician's corrections with their time."""
    panel = result.get("fleischner") if isinstance(result, dict) else None
    if not isinstance(panel, dict) or not (panel.get("nodules") or panel.get("inputs")):
        return []
    lines = [f"**{panel.get('heading') or 'Fleischner 2017'}**", ""]
    stored = panel.get("recommendation")
    recommendation: dict[str, Any] = stored if isinstance(stored, dict) else {}
    if recommendation.get("recommendation"):
        lines.append(f"- Recommendation: {recommendation['recommendation']}")
    elif isinstance(recommendation.get("by_risk"), dict) and recommendation["by_risk"]:
        lines += [f"- If {risk} risk: {text}" for risk, text in recommendation["by_risk"].items()]
    for needed in panel.get("missing") or []:
        lines.append(f"- Needs: {needed}")
    if panel.get("status") == "out_of_scope":
        lines += [f"- {note}" for note in (panel.get("notes") or [])[:1]]
    for nodule in panel.get("nodules") or []:
        if not isinstance(nodule, dict):
            continue
        size = f"{nodule.get('size_mm')} mm" if nodule.get("size_mm") is not None else "size not stated"
        lines.append(f"- Nodule {nodule.get('id')}: {size} ({nodule.get('size_source')}), "
                     f"{nodule.get('nodule_type') or 'type not stated'}, {nodule.get('status')} "
                     f"\u2014 \u201c{nodule.get('evidence', '')}\u201d")  # fmt: skip
    for item in panel.get("inputs") or []:
        if not isinstance(item, dict) or (item.get("value") is None and item.get("source") == "default"):
            continue
        quotes = "; ".join(f"\u201c{e.get('quote')}\u201d" for e in item.get("evidence") or []
                           if isinstance(e, dict) and e.get("quote"))  # fmt: skip
        lines.append(f"- {item.get('key')} = {item.get('value')} ({item.get('source')})"
                     + (f" \u2014 {quotes}" if quotes else ""))
    for override in panel.get("overrides") or []:
        if isinstance(override, dict):
            lines.append(f"- Corrected by the clinician: {override.get('field')} = {override.get('value')} "
                         f"({override.get('at') or 'time not recorded'})")
    return [*lines, ""]


def render(detail: SessionDetail, fmt: ExportFormat, assistant_label: str = "AI-generated draft") -> str:
    if fmt == "json":
        return to_json(detail)
    if fmt == "markdown":
        return to_markdown(detail, assistant_label)
    raise ValueError(f"unknown export format {fmt!r} (use {' or '.join(EXPORT_FORMATS)})")
