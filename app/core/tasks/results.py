"""What a task run gives back: typed, and plain JSON through ``to_dict()``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from app.core.federation.second_opinion import Disagreement
from app.core.tasks.fleischner import Evidence, NoduleInput, PanelInput, Recommendation
from app.core.tasks.negation import Certainty


@dataclass
class Grounding:
    """Where a quote sits in the session's documents and whether it supports its finding.

    ``grounded`` is True only when the quote is in a document AND supports what the
    finding claims (label, certainty, size, side: ``verdict`` "supported"); a quote that is
    found but refused keeps its offsets, with ``verdict`` "unsupported", ``why`` (one of
    :data:`app.core.tasks.claim_check.REASONS`) and each mismatch. ``verdict`` None: no claim
    check ran (a quote located for another purpose)."""

    grounded: bool
    document: int | None = None  # index into the session's documents (0-based)
    document_name: str | None = None
    start: int | None = None  # character offsets into that document's text(); None: not found
    end: int | None = None
    match: str | None = None  # "exact" | "normalised" | "loose"
    verdict: str | None = None  # "supported" | "unsupported" (the claim check), None: not checked
    why: str | None = None  # the main reason when unsupported
    # each thing the quote does not support: {"kind": reason, "claimed": ..., "quoted": ...}
    mismatches: list[dict[str, str]] = field(default_factory=list)

    @property
    def located(self) -> bool:
        """The quote is in a document (whether or not it supports the finding)."""
        return self.start is not None


@dataclass
class Finding:
    label: str
    body_site: str | None
    laterality: str | None
    size_mm: float | None
    severity: str | None
    certainty: Certainty  # the draft's own answer: the rules flag a disagreement, never overwrite it
    evidence: str
    grounding: Grounding
    model_certainty: Certainty  # what the model said (the same as ``certainty``; kept for stored results)
    certainty_rule: str = ""  # the trigger words behind the rules' reading ("no", "cannot be excluded")
    vocabulary_label: str | None = None  # the label on the small shared vocabulary
    # Does the quote name what the label says? None when the label is outside the vocabulary.
    label_in_evidence: bool | None = None
    # The certainty reader's own reading (certainty.read_certainty), shown beside the draft's:
    # None when it cannot tell (a label it has no words for, nothing to read).
    rule_certainty: Certainty | None = None
    rule_evidence: str = ""  # the sentence that decided the rules' reading
    certainty_conflict: bool = False  # the rules read it otherwise than the draft: the clinician decides


@dataclass
class NoduleAssessment:
    """One nodule the report states, what the table needs, and the table's answer."""

    evidence: str
    grounding: Grounding
    nodule: NoduleInput
    calcified: bool
    recommendation: Recommendation | None  # None when the rule does not apply to it
    reason: str = ""  # why it is not applied (calcified, exclusion)
    # The calculator's inputs for this nodule, each with its evidence and source
    # ("report", "default", "model", "clinician"); see followup.apply_overrides.
    id: str = ""  # "n1", "n2": what a correction names ("nodule.n1.size_mm")
    location: str | None = None  # "left lower lobe"
    size_mm: int | None = None  # mean of long and short axes, rounded half up
    dimensions_mm: list[float] = field(default_factory=list)
    size_source: str = "report"
    size_evidence: list[Evidence] = field(default_factory=list)
    sizes_stated: list[int] = field(default_factory=list)  # more than one: the report contradicts itself
    prior_size_mm: int | None = None
    nodule_type: str | None = None  # "solid", "part-solid", "ground-glass"
    type_source: str = "report"
    type_evidence: list[Evidence] = field(default_factory=list)
    types_stated: list[str] = field(default_factory=list)
    status: str = "counted"  # counted, benign_calcified, perifissural, mass, growth, not_a_nodule
    status_source: str = "report"
    status_evidence: list[Evidence] = field(default_factory=list)
    group: bool = False  # stands for several nodules stated together ("multiple nodules, up to 5 mm")
    model_size_mm: float | None = None  # the model's reading, shown beside the report's
    conflict: str = ""  # why this nodule's inputs disagree (report against itself, or model)
    mentions: list[Evidence] = field(default_factory=list)  # every statement of it


@dataclass
class FleischnerPanel:
    """The guideline's answer, computed from the report, shown beside the model's text."""

    applicable: bool
    nodules: list[NoduleAssessment] = field(default_factory=list)
    risk: str | None = None
    risk_evidence: str = ""
    risk_factors: list[str] = field(default_factory=list)  # "emphysema: “...”", each stated factor
    guiding: int | None = None  # index of the nodule that guides management
    recommendation: Recommendation | None = None
    notes: list[str] = field(default_factory=list)
    # The calculator with its inputs in view (followup.build_panel / apply_overrides):
    heading: str = ""  # "computed from the report ..." or "needs your input"
    status: str = ""  # "recommendation", "needs_input", "out_of_scope"
    reason: str | None = None  # the first out-of-scope or missing reason (evaluation keys)
    reasons: list[str] = field(default_factory=list)  # every reason that applies
    missing: list[str] = field(default_factory=list)  # what it needs, in words
    inputs: list[PanelInput] = field(default_factory=list)  # age, modality, exclusions, risk, count, guide
    count: str | None = None
    cells: dict[str, str] = field(default_factory=dict)  # {"low": "S1_6TO8_LOW", "high": ...}
    overrides: list[dict[str, Any]] = field(default_factory=list)  # the clinician's corrections, in order


@dataclass
class TaskResult:
    task: str
    prompt: str  # "id@version"
    model: str
    language: str
    label: str  # "AI-generated draft ..." in the answer's language
    text: str
    documents: list[dict[str, str]] = field(default_factory=list)
    findings: list[Finding] | None = None
    json_valid: bool | None = None  # findings task only
    complete: bool = True  # False: the output stopped early (length limit, cancelled)
    fleischner: FleischnerPanel | None = None
    checks: dict[str, Any] = field(default_factory=dict)  # readability, kept terms, grounding share
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, Any] | None = None
    demo_model: bool = False
    # Where the consortium's findings model disagrees with the draft (findings task, when a
    # trusted consortium model is installed); None: no model ran.
    second_opinion: list[Disagreement] | None = None

    @property
    def grounded_share(self) -> float | None:
        if not self.findings:
            return None
        return sum(f.grounding.grounded for f in self.findings) / len(self.findings)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["grounded_share"] = self.grounded_share
        return data
