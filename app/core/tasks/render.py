"""Plain-text rendering of structured results for a terminal (the CLI, logs of batch runs)."""

from __future__ import annotations

from app.core.tasks.results import FleischnerPanel, TaskResult


def findings_table(result: TaskResult) -> str:
    if not result.findings:
        return "No structured findings.\n"
    lines = []
    for number, f in enumerate(result.findings, start=1):
        where = " ".join(x for x in (f.laterality, f.body_site) if x)
        size = f" {f.size_mm:g} mm" if f.size_mm else ""
        rule = f" [rule: {f.certainty_rule}; model said {f.model_certainty}]" if f.certainty_rule else ""
        g = f.grounding
        place = (f"{g.document_name or 'document ' + str(g.document)} @{g.start}-{g.end}" if g.grounded
                 else "UNGROUNDED: this quote is not in the documents")  # fmt: skip
        where = f" ({where})" if where else ""
        lines.append(f"{number:2d}. {f.label}{where}{size} — {f.certainty}{rule}")
        lines.append(f"    \u201c{f.evidence}\u201d  [{place}]")
    return "\n".join(lines) + "\n"


def fleischner_panel(panel: FleischnerPanel) -> str:
    lines = ["Fleischner 2017 (computed from the report, not by the model):"]
    recommendation = panel.recommendation
    if recommendation is not None and recommendation.complete:
        lines.append(f"  {recommendation.recommendation}")
    elif recommendation is not None:
        lines.append("  Not enough information for one answer. Missing: " + "; ".join(recommendation.missing))
        for risk, text in recommendation.by_risk.items():
            lines.append(f"    if {risk} risk: {text}")
    elif not panel.nodules:
        lines.append("  No pulmonary nodule is stated.")
    if panel.risk == "high" and panel.risk_factors:
        lines.append("  risk: high; risk factors stated:")
        lines.extend(f"    - {factor}" for factor in panel.risk_factors)
    elif panel.risk:
        lines.append(f"  risk: {panel.risk} (\u201c{panel.risk_evidence}\u201d)")
    elif panel.nodules:
        lines.append("  risk: unknown (not stated in the documents)")
    for index, nodule in enumerate(panel.nodules):
        mark = "*" if index == panel.guiding else "-"
        reason = f" ({nodule.reason})" if nodule.reason else ""
        lines.append(f"  {mark} \u201c{nodule.evidence}\u201d{reason}")
    notes = list(panel.notes) + (recommendation.notes if recommendation else [])
    lines.extend(f"  note: {note}" for note in dict.fromkeys(notes))
    if recommendation is not None:
        lines.append(f"  source: {recommendation.citation}")
    return "\n".join(lines) + "\n"
