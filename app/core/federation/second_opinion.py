"""The consortium model beside the draft: where the two disagree, a flag; never a replacement.

For every finding label the draft's strongest statement (present over possible over absent;
"nothing" when it does not name the label) is set against the model's probability. A flag is
raised when the model finds the label likely (p >= 0.5) and the draft says it is absent or
does not name it, or when the model finds it unlikely (p <= 0.2) and the draft says present.
"Possible" in the draft is never flagged: it already says the question is open.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from app.core import messages
from app.core.federation.findings_model import FindingsModel
from app.core.tasks.vocabulary import normalise_label

LIKELY: Final = 0.5
UNLIKELY: Final = 0.2
_RANK: Final = {"absent": 0, "possible": 1, "present": 2}


@dataclass
class Disagreement:
    label: str
    probability: float
    model_says: str  # "present" | "absent"
    draft_says: str  # "present" | "absent" | "nothing"
    finding: int | None  # index of the draft's finding of this label, None when it names none
    text: str  # the flag as shown (English; the window translates it)


def _draft_states(findings: Sequence[Any]) -> dict[str, tuple[str, int]]:
    states: dict[str, tuple[str, int]] = {}
    for index, finding in enumerate(findings):
        label = getattr(finding, "vocabulary_label", None) or normalise_label(str(finding.label))
        certainty = str(finding.certainty)
        if label is None or certainty not in _RANK:
            continue
        if label not in states or _RANK[certainty] > _RANK[states[label][0]]:
            states[label] = (certainty, index)
    return states


def compare(model: FindingsModel, text: str, findings: Sequence[Any]) -> list[Disagreement]:
    probabilities = model.predict(text)
    states = _draft_states(findings)
    flags: list[Disagreement] = []
    for label in model.labels:
        p = probabilities[label]
        draft, index = states.get(label, ("nothing", None))
        shown = f"{p:.2f}"
        if p >= LIKELY and draft in ("absent", "nothing"):
            word = messages.DRAFT_ABSENT if draft == "absent" else messages.DRAFT_NOT_STATED
            flags.append(
                Disagreement(
                    label,
                    p,
                    "present",
                    draft,
                    index,
                    messages.CONSORTIUM_SAYS_PRESENT.format(label=label, probability=shown, draft=word),
                )
            )
        elif p <= UNLIKELY and draft == "present":
            flags.append(
                Disagreement(
                    label,
                    p,
                    "absent",
                    draft,
                    index,
                    messages.CONSORTIUM_SAYS_ABSENT.format(
                        label=label, probability=shown, draft=messages.DRAFT_PRESENT
                    ),
                )
            )
    return flags
