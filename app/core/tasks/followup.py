"""The Fleischner panel for a session: nodules from the report text (and from the model's
grounded findings), the patient context, and the table's answer for the guiding nodule."""

from __future__ import annotations

from collections.abc import Sequence

from app.core import messages
from app.core.tasks import fleischner
from app.core.tasks.fleischner import NoduleInput
from app.core.tasks.nodules import NoduleMention, find_nodules, report_context
from app.core.tasks.results import Finding, FleischnerPanel, Grounding, NoduleAssessment

_TYPE_RANK = {"part-solid": 3, "solid": 2, "ground-glass": 1, None: 0}


def _from_finding(finding: Finding, source: str) -> NoduleMention | None:
    """A model finding of a nodule whose grounded sentence the text reader did not catch."""
    g = finding.grounding
    if finding.vocabulary_label != "nodule" or finding.certainty == "absent" or not g.grounded:
        return None
    assert g.start is not None and g.end is not None
    mentions = find_nodules(source[g.start:g.end])
    if mentions:
        mention = mentions[0]
        mention.start += g.start
        mention.end += g.start
        if mention.size_mm is None and finding.size_mm is not None:
            mention.size_mm = finding.size_mm
        return mention
    return None


def _count(mentions: Sequence[NoduleMention]) -> fleischner.Count | None:
    """Single or multiple for the whole report. A report names one nodule in its findings
    and again in its impression, so only different stated sizes count as more nodules."""
    if not mentions:
        return None
    if any(m.count == "multiple" for m in mentions):
        return "multiple"
    if len({m.size_mm for m in mentions if m.size_mm is not None}) > 1:
        return "multiple"
    if any(m.count == "single" for m in mentions):
        return "single"
    return None


def build_panel(sources: Sequence[str], names: Sequence[str] | None = None,
                findings: Sequence[Finding] = ()) -> FleischnerPanel:  # fmt: skip
    """Everything the rule needs, read from the documents; an empty panel when no nodule."""
    mentions: list[tuple[int, NoduleMention]] = []
    for number, source in enumerate(sources):
        mentions.extend((number, m) for m in find_nodules(source))
    for finding in findings:
        doc = finding.grounding.document
        if doc is None:
            continue
        extra = _from_finding(finding, sources[doc])
        if extra is None:
            continue
        same = [m for d, m in mentions if d == doc and m.start <= extra.start < m.end]
        if not same:
            mentions.append((doc, extra))
        elif same[0].size_mm is None and extra.size_mm is not None:
            same[0].size_mm = extra.size_mm  # the model read a size the text reader did not
    if not mentions:
        return FleischnerPanel(applicable=False, notes=[messages.NO_NODULE_STATED])

    joined = "\n\n".join(sources)
    context = report_context(joined, [m.text for _, m in mentions])
    notes: list[str] = []
    applicable = True
    if context.exclusions:
        applicable = False
        notes.append(messages.EXCLUDED_BY_CONTEXT.format(quote=context.exclusions[0]))
    if context.age is not None and context.age < 35:
        applicable = False
        notes.append(messages.UNDER_35.format(age=context.age))
    if context.risk.risk is None:
        notes.append(messages.RISK_NOT_STATED)
    if context.risk.risk == "low":
        notes.append(messages.LOW_RISK_DEFINED)
    if context.radiograph_only:
        notes.append(messages.RADIOGRAPH_ONLY)

    report_count = _count([m for _, m in mentions if not m.calcified])
    assessments: list[NoduleAssessment] = []
    for doc, mention in mentions:
        nodule = NoduleInput(size_mm=mention.size_mm, nodule_type=mention.nodule_type, count=report_count,
                             risk=context.risk.risk, subsolid=mention.subsolid)  # fmt: skip
        grounding = Grounding(True, doc, names[doc] if names else None, mention.start, mention.end, "exact")
        if mention.calcified:
            assessments.append(NoduleAssessment(mention.text, grounding, nodule, True, None,
                                                messages.CALCIFIED_NODULE))
        elif not applicable:
            assessments.append(NoduleAssessment(mention.text, grounding, nodule, False, None,
                                                messages.OUTSIDE_SCOPE))
        else:
            assessments.append(NoduleAssessment(mention.text, grounding, nodule, False,
                                                fleischner.recommend(nodule)))  # fmt: skip

    candidates = [i for i, a in enumerate(assessments) if a.recommendation is not None]
    guiding: int | None = None
    if candidates:
        # The most suspicious nodule guides management: the largest, then the most solid-suspect type.
        guiding = max(candidates, key=lambda i: (assessments[i].nodule.size_mm or 0.0,
                                                  _TYPE_RANK[assessments[i].nodule.nodule_type]))  # fmt: skip
    return FleischnerPanel(
        applicable=applicable and guiding is not None,
        nodules=assessments,
        risk=context.risk.risk,
        risk_evidence=context.risk.evidence,
        risk_factors=[messages.RISK_FACTOR.format(factor=factor.name, evidence=factor.evidence)
                      for factor in context.risk.factors],
        guiding=guiding,
        recommendation=assessments[guiding].recommendation if guiding is not None else None,
        notes=notes,
    )
