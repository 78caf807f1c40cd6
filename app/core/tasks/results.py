"""What a task run gives back: typed, and plain JSON through ``to_dict()``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from app.core.federation.second_opinion import Disagreement
from app.core.tasks.fleischner import NoduleInput, Recommendation
from app.core.tasks.negation import Certainty


@dataclass
class Grounding:
    """Where a quote sits in the session's documents; ``grounded`` False: it is not there."""

    grounded: bool
    document: int | None = None  # index into the session's documents (0-based)
    document_name: str | None = None
    start: int | None = None  # character offsets into that document's text()
    end: int | None = None
    match: str | None = None  # "exact" | "normalised" | "loose"


@dataclass
class Finding:
    label: str
    body_site: str | None
    laterality: str | None
    size_mm: float | None
    severity: str | None
    certainty: Certainty
    evidence: str
    grounding: Grounding
    model_certainty: Certainty  # what the model said before the negation rules
    certainty_rule: str = ""  # the trigger words that decided certainty, "" when the model did
    vocabulary_label: str | None = None  # the label on the small shared vocabulary
    # Does the quote name what the label says? None when the label is outside the vocabulary.
    label_in_evidence: bool | None = None


@dataclass
class NoduleAssessment:
    """One nodule the report states, what the table needs, and the table's answer."""

    evidence: str
    grounding: Grounding
    nodule: NoduleInput
    calcified: bool
    recommendation: Recommendation | None  # None when the rule does not apply to it
    reason: str = ""  # why it is not applied (calcified, exclusion)


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
