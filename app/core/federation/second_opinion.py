"""The consortium model beside the draft: its probability for each label; never a replacement.

For every finding label the draft's strongest statement (present over possible over absent;
"nothing" when it does not name the label) is set beside the model's probability.

A probability is not evidence of a finding until the model's precision for that label is
known. A disagreement flag is raised only for a label whose held-out precision the signed
model file carries (``label_precision``, written by a calibrated training run) and is at
least ``MIN_PRECISION``: then when the model finds the label likely (p >= 0.5) and the draft
says it is absent or does not name it, or unlikely (p <= 0.2) and the draft says present.
Without that figure the entry is marked uncalibrated and shows the probability only: trained
on the whole corpus without privacy, the model called 14 of 22 true nodules "unlikely"
against a correct draft, so an uncalibrated contradiction would be confidently wrong.
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
MIN_PRECISION: Final = 0.9  # a label's held-out precision needed before its model may contradict a draft
_RANK: Final = {"absent": 0, "possible": 1, "present": 2}


@dataclass
class Disagreement:
    label: str
    probability: float
    model_says: str  # "present" | "absent"
    draft_says: str  # "present" | "absent" | "nothing"
    finding: int | None  # index of the draft's finding of this label, None when it names none
    text: str  # the flag or the probability as shown (English; the window translates it)
    # Whether the model file gives this label a held-out precision of MIN_PRECISION or more;
    # only then is ``disagrees`` ever true (a flag), otherwise the entry is a probability only.
    calibrated: bool = False
    disagrees: bool = True  # old sessions stored only flags: read back, they count as flags


def label_precision(model: Any) -> dict[str, float]:
    """The held-out precision per label the signed model file carries ({} when none)."""
    figures = getattr(model, "label_precision", None)
    return {str(k): float(v) for k, v in figures.items()} if isinstance(figures, dict) else {}


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
    """One entry per label the model knows: a flag where a calibrated label disagrees with the
    draft, otherwise the probability beside the draft's statement (no flag)."""
    probabilities = model.predict(text)
    precision = label_precision(model)
    states = _draft_states(findings)
    entries: list[Disagreement] = []
    for label in model.labels:
        p = probabilities[label]
        draft, index = states.get(label, ("nothing", None))
        shown = f"{p:.2f}"
        calibrated = precision.get(label, 0.0) >= MIN_PRECISION
        says = "present" if p >= LIKELY else "absent" if p <= UNLIKELY else "unsure"
        if calibrated and says == "present" and draft in ("absent", "nothing"):
            word = messages.DRAFT_ABSENT if draft == "absent" else messages.DRAFT_NOT_STATED
            text_shown = messages.CONSORTIUM_SAYS_PRESENT.format(label=label, probability=shown, draft=word)
            entries.append(Disagreement(label, p, says, draft, index, text_shown, True, True))
        elif calibrated and says == "absent" and draft == "present":
            text_shown = messages.CONSORTIUM_SAYS_ABSENT.format(
                label=label, probability=shown, draft=messages.DRAFT_PRESENT)
            entries.append(Disagreement(label, p, says, draft, index, text_shown, True, True))
        else:
            template = messages.CONSORTIUM_PROBABILITY if calibrated else messages.CONSORTIUM_UNCALIBRATED
            entries.append(Disagreement(label, p, says, draft, index,
                                        template.format(label=label, probability=shown), calibrated, False))
    return entries


def flags(entries: Sequence[Any]) -> list[Any]:
    """The entries that are disagreement flags (stored dicts or Disagreement objects)."""
    def get(entry: Any, name: str, default: Any) -> Any:
        return entry.get(name, default) if isinstance(entry, dict) else getattr(entry, name, default)

    return [e for e in entries if get(e, "disagrees", True)]
