"""Plain-text rendering of structured results for a terminal (the CLI, logs of batch runs)."""

from __future__ import annotations

import json
from typing import Any

from app.core import messages
from app.core.tasks.claim_check import match_text, reasons
from app.core.tasks.results import FleischnerPanel, TaskResult


def findings_table(result: TaskResult) -> str:
    if not result.findings:
        return "No structured findings.\n"
    lines = []
    for number, f in enumerate(result.findings, start=1):
        where = " ".join(x for x in (f.laterality, f.body_site) if x)
        size = f" {f.size_mm:g} mm" if f.size_mm else ""
        rule = ""
        if getattr(f, "certainty_conflict", False):  # both readings; the draft's answer is kept
            rule = " [" + messages.CERTAINTY_CONFLICT.format(
                draft=f.certainty, rule=f.rule_certainty, evidence=f.rule_evidence or f.certainty_rule) + "]"
        g = f.grounding
        at = f"{g.document_name or 'document ' + str(g.document)} @{g.start}-{g.end}" if g.located else ""
        if g.grounded:
            place = f"{at}; {match_text(g)}"
        elif g.located:
            place = f"NOT SUPPORTED ({at}): " + "; ".join(reasons(g))
        else:
            place = "UNGROUNDED: " + "; ".join(reasons(g))
        where = f" ({where})" if where else ""
        lines.append(f"{number:2d}. {f.label}{where}{size} — {f.certainty}{rule}")
        lines.append(f"    \u201c{f.evidence}\u201d  [{place}]")
    return "\n".join(lines) + "\n"


def _where_from(evidence: list[Any]) -> str:
    """Where an input was read: the first quote and its place ("doc 0 @12-40")."""
    if not evidence:
        return ""
    first = evidence[0]
    place = f"{first.document_name or 'document ' + str(first.document)} @{first.start}-{first.end}"
    more = f" (+{len(evidence) - 1} more)" if len(evidence) > 1 else ""
    return f" \u201c{first.quote}\u201d [{place}]{more}"


def _input_value(value: object) -> str:
    if value is True:
        return "present"
    if value is False:
        return "absent"
    if value is None:
        return "not stated"
    return str(value)


def fleischner_panel(panel: FleischnerPanel) -> str:
    """The calculator as text: its heading, the answer or what it needs, then every input
    with its source ("report", "default", "model", "clinician") and the quote it came from."""
    heading = panel.heading or messages.FL_HEADING_COMPUTED
    lines = [f"{heading}:"]
    recommendation = panel.recommendation
    if panel.status == "out_of_scope":
        lines.append("  No recommendation: " + (panel.notes[0] if panel.notes else str(panel.reason)))
    elif recommendation is not None and recommendation.complete:
        lines.append(f"  {recommendation.recommendation}")
    elif recommendation is not None and recommendation.by_risk:
        lines.append("  The risk is not stated: both rows of the table are shown.")
        for risk, text in recommendation.by_risk.items():
            lines.append(f"    if {risk} risk: {text}")
    elif recommendation is not None:
        lines.append("  No recommendation until this is settled:")
        lines.extend(f"    - {item}" for item in recommendation.missing)
    elif not panel.nodules:
        lines.append("  No pulmonary nodule is stated.")
    if panel.cells:
        lines.append(f"  table cell: low risk {panel.cells.get('low')}, high risk {panel.cells.get('high')}")
    if panel.risk == "high" and panel.risk_factors:
        lines.append("  risk: high; risk factors stated:")
        lines.extend(f"    - {factor}" for factor in panel.risk_factors)
    elif panel.risk:
        lines.append(f"  risk: {panel.risk} (\u201c{panel.risk_evidence}\u201d)")
    elif panel.nodules:
        lines.append("  risk: unknown (not stated in the documents)")
    if panel.nodules:
        lines.append("  nodules (correct with --set nodule.ID.size_mm=N, "
                     ".type=solid|part_solid|ground_glass, "
                     ".status=counted|benign_calcified|perifissural|not_a_nodule):")
    for index, nodule in enumerate(panel.nodules):
        mark = "*" if index == panel.guiding else "-"
        where = f" {nodule.location}" if nodule.location else ""
        size = f"{nodule.size_mm} mm" if nodule.size_mm is not None else "size not stated"
        if nodule.group and nodule.size_mm is None:
            size = "several nodules, sizes not given"
        kind = nodule.nodule_type or "type not stated"
        status = f"; {nodule.reason}" if nodule.reason else ""
        lines.append(f"  {mark} {nodule.id}{where}: {size} ({nodule.size_source}), "
                     f"{kind} ({nodule.type_source})"
                     f"{status}")
        lines.append(f"      \u201c{nodule.evidence}\u201d [{_where_from(nodule.mentions).split('[')[-1]}"
                     if nodule.mentions else f"      \u201c{nodule.evidence}\u201d")
        if nodule.model_size_mm is not None:
            lines.append(f"      model reads {nodule.model_size_mm:g} mm (a second reader; "
                         "not used unless the "
                         "report states it)")
        if nodule.conflict:
            lines.append(f"      needs a decision: {nodule.conflict}")
    if panel.inputs:
        lines.append("  inputs (correct with --set FIELD=VALUE):")
    for item in panel.inputs:
        if item.key.startswith("risk.") and item.value is None and item.source == "default":
            continue  # factors not stated are summed up below
        label = item.label or item.key
        lines.append(f"    {item.key} = {_input_value(item.value)} ({item.source})"
                     f"{_where_from(item.evidence)}"
                     + (f" \u2014 {label}" if label != item.key else ""))
    unstated = [i.key.split(".", 1)[1] for i in panel.inputs
                if i.key.startswith("risk.") and i.value is None and i.source == "default"]
    if unstated:
        lines.append(f"    risk factors not stated: {', '.join(unstated)}")
    for override in panel.overrides:
        when = f" at {override.get('at')}" if override.get("at") else ""
        lines.append(f"  corrected: {override.get('field')} = {json.dumps(override.get('value'))}{when}")
    notes = list(panel.notes) + (recommendation.notes if recommendation else [])
    lines.extend(f"  note: {note}" for note in dict.fromkeys(notes))
    if recommendation is not None:
        lines.append(f"  source: {recommendation.citation}")
    return "\n".join(lines) + "\n"
