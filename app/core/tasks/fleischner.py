"""Fleischner Society 2017 recommendations for incidental pulmonary nodules, as a table.

MacMahon H, Naidich DP, Goo JM, et al. Guidelines for Management of Incidental Pulmonary
Nodules Detected on CT Images: From the Fleischner Society 2017. Radiology 2017;284:228-243.

The rule is computed, never guessed: every cell of the published table is written out
below, and when an input the cell needs is unknown the answer says which one is missing.
Where the unknown input would not change the answer (risk for a solid nodule > 8 mm, risk
for any subsolid nodule) the answer is given without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from app.core.messages import QT_TRANSLATE_NOOP

NoduleType = Literal["solid", "part-solid", "ground-glass"]
Risk = Literal["low", "high"]
Count = Literal["single", "multiple"]
SizeBand = Literal["<6", "6-8", ">8"]

NODULE_TYPES: tuple[NoduleType, ...] = ("solid", "part-solid", "ground-glass")
RISKS: tuple[Risk, ...] = ("low", "high")
COUNTS: tuple[Count, ...] = ("single", "multiple")
SIZE_BANDS: tuple[SizeBand, ...] = ("<6", "6-8", ">8")

CITATION = QT_TRANSLATE_NOOP(
    "Messages", "Fleischner Society 2017 (MacMahon et al., Radiology 2017;284:228-243)")
SCOPE_NOTE = QT_TRANSLATE_NOOP(
    "Messages", "Applies to incidental nodules on CT in adults aged 35 or over; not to lung cancer "
    "screening, immunocompromised patients or patients with a known primary cancer."
)

# Solid nodules: (count, size band, risk) -> recommendation (Table, "Solid Nodules").
SOLID: dict[tuple[Count, SizeBand, Risk], str] = {
    ("single", "<6", "low"): QT_TRANSLATE_NOOP("Messages", "No routine follow-up."),
    ("single", "<6", "high"): QT_TRANSLATE_NOOP("Messages", "Optional CT at 12 months."),
    ("single", "6-8", "low"): QT_TRANSLATE_NOOP(
        "Messages", "CT at 6-12 months, then consider CT at 18-24 months."),
    ("single", "6-8", "high"): QT_TRANSLATE_NOOP("Messages", "CT at 6-12 months, then CT at 18-24 months."),
    ("single", ">8", "low"): QT_TRANSLATE_NOOP(
        "Messages", "Consider CT at 3 months, PET/CT, or tissue sampling."),
    ("single", ">8", "high"): QT_TRANSLATE_NOOP(
        "Messages", "Consider CT at 3 months, PET/CT, or tissue sampling."),
    ("multiple", "<6", "low"): QT_TRANSLATE_NOOP("Messages", "No routine follow-up."),
    ("multiple", "<6", "high"): QT_TRANSLATE_NOOP("Messages", "Optional CT at 12 months."),
    ("multiple", "6-8", "low"): QT_TRANSLATE_NOOP(
        "Messages", "CT at 3-6 months, then consider CT at 18-24 months."),
    ("multiple", "6-8", "high"): QT_TRANSLATE_NOOP("Messages", "CT at 3-6 months, then at 18-24 months."),
    ("multiple", ">8", "low"): QT_TRANSLATE_NOOP(
        "Messages", "CT at 3-6 months, then consider CT at 18-24 months."),
    ("multiple", ">8", "high"): QT_TRANSLATE_NOOP("Messages", "CT at 3-6 months, then at 18-24 months."),
}

# Subsolid nodules: (type, count, size band) -> recommendation (Table, "Subsolid Nodules").
# The table has two size columns for them, < 6 mm and >= 6 mm; risk does not enter.
SUBSOLID: dict[tuple[NoduleType, Count, SizeBand], str] = {}
_SUBSOLID_ROWS: dict[tuple[NoduleType, Count], tuple[str, str]] = {
    ("ground-glass", "single"): (
        QT_TRANSLATE_NOOP("Messages", "No routine follow-up."),
        QT_TRANSLATE_NOOP(
            "Messages", "CT at 6-12 months to confirm persistence, then CT every 2 years until 5 years."),
    ),
    ("part-solid", "single"): (
        QT_TRANSLATE_NOOP("Messages", "No routine follow-up."),
        QT_TRANSLATE_NOOP(
            "Messages", "CT at 3-6 months to confirm persistence. If unchanged and solid component remains "
        "< 6 mm, annual CT should be performed for 5 years."),
    ),
    ("ground-glass", "multiple"): (
        QT_TRANSLATE_NOOP("Messages", "CT at 3-6 months. If stable, consider CT at 2 and 4 years."),
        QT_TRANSLATE_NOOP(
            "Messages", "CT at 3-6 months. Subsequent management based on the most suspicious nodule(s)."),
    ),
    ("part-solid", "multiple"): (
        QT_TRANSLATE_NOOP("Messages", "CT at 3-6 months. If stable, consider CT at 2 and 4 years."),
        QT_TRANSLATE_NOOP(
            "Messages", "CT at 3-6 months. Subsequent management based on the most suspicious nodule(s)."),
    ),
}
for (_type, _count), (_small, _large) in _SUBSOLID_ROWS.items():
    SUBSOLID[(_type, _count, "<6")] = _small
    SUBSOLID[(_type, _count, "6-8")] = _large
    SUBSOLID[(_type, _count, ">8")] = _large

# The table's footnotes that belong with a cell.
_NOTES: dict[tuple[NoduleType, Count], list[str]] = {
    ("solid", "single"): [
        QT_TRANSLATE_NOOP(
            "Messages", "Nodules < 6 mm with suspicious morphology, upper-lobe location, or both, "
            "may warrant "
        "12-month follow-up in a high-risk patient."),
    ],
    ("solid", "multiple"): [QT_TRANSLATE_NOOP(
        "Messages", "Use the most suspicious nodule as the guide to management.")],
    ("ground-glass", "single"): [
        QT_TRANSLATE_NOOP(
            "Messages", "In certain suspicious nodules < 6 mm, consider follow-up at 2 and 4 years. "
            "If a solid "
        "component or growth develops, consider resection."),
    ],
    ("part-solid", "single"): [
        QT_TRANSLATE_NOOP(
            "Messages", "Part-solid nodules cannot be defined as such until >= 6 mm; persistent part-solid "
        "nodules with a solid component >= 6 mm should be considered highly suspicious."),
    ],
    ("ground-glass", "multiple"): [QT_TRANSLATE_NOOP(
        "Messages", "Multiple < 6 mm pure ground-glass nodules are usually benign.")],
    ("part-solid", "multiple"): [],
}

# What the rule can say is missing.
MISSING_SIZE = QT_TRANSLATE_NOOP("Messages", "nodule size (mm)")
MISSING_TYPE = QT_TRANSLATE_NOOP("Messages", "nodule type (solid, part-solid or ground-glass)")
MISSING_SUBSOLID_TYPE = QT_TRANSLATE_NOOP("Messages", "subsolid nodule type (part-solid or ground-glass)")
MISSING_COUNT = QT_TRANSLATE_NOOP("Messages", "number of nodules (single or multiple)")
MISSING_RISK = QT_TRANSLATE_NOOP(
    "Messages", "patient risk (low or high: smoking history, other risk factors)")


def size_band(size_mm: float) -> SizeBand:
    """The table's band for a size in mm, after rounding to the nearest whole millimetre
    as the guideline says (the mean of long and short axis, rounded)."""
    rounded = int(Decimal(str(size_mm)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if rounded < 6:
        return "<6"
    if rounded <= 8:
        return "6-8"
    return ">8"


def mean_diameter(dimensions_mm: list[float]) -> float:
    """The guideline's size: the average of the long and short axes (one axis if only one)."""
    if not dimensions_mm:
        raise ValueError("no dimension given")
    axes = sorted(dimensions_mm, reverse=True)
    long_axis, short_axis = axes[0], axes[-1] if len(axes) > 1 else axes[0]
    if len(axes) > 2:  # three dimensions (L x W x H): the two axes in the axial plane
        short_axis = axes[1]
    return (long_axis + short_axis) / 2


@dataclass(frozen=True)
class NoduleInput:
    """What the rule needs. ``None`` means the report does not say."""

    size_mm: float | None = None
    nodule_type: NoduleType | None = None
    count: Count | None = None
    risk: Risk | None = None
    subsolid: bool = False  # the report says "subsolid" without saying which kind


@dataclass
class Recommendation:
    """The rule's answer, or what is missing to give one."""

    recommendation: str | None
    missing: list[str] = field(default_factory=list)
    size_band: SizeBand | None = None
    # When only the risk is unknown: the answer for each risk, for the clinician to pick.
    by_risk: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    citation: str = CITATION

    @property
    def complete(self) -> bool:
        return self.recommendation is not None


def cell(nodule_type: NoduleType, count: Count, band: SizeBand, risk: Risk) -> str:
    """One cell of the table (risk is ignored for subsolid nodules, as in the table)."""
    if nodule_type == "solid":
        return SOLID[(count, band, risk)]
    return SUBSOLID[(nodule_type, count, band)]


def recommend(nodule: NoduleInput) -> Recommendation:
    """The table's answer for one nodule (for several, pass the most suspicious one with
    count "multiple"). Unknown inputs are only tolerated where they cannot change the answer."""
    if nodule.size_mm is not None and nodule.size_mm <= 0:
        raise ValueError(f"nodule size must be positive, got {nodule.size_mm}")
    band = size_band(nodule.size_mm) if nodule.size_mm is not None else None
    types: tuple[NoduleType, ...] = (
        (nodule.nodule_type,) if nodule.nodule_type
        else ("ground-glass", "part-solid") if nodule.subsolid else NODULE_TYPES
    )  # fmt: skip
    counts: tuple[Count, ...] = (nodule.count,) if nodule.count else COUNTS
    risks: tuple[Risk, ...] = (nodule.risk,) if nodule.risk else RISKS
    bands: tuple[SizeBand, ...] = (band,) if band else SIZE_BANDS
    answers = {(t, c, b, r): cell(t, c, b, r) for t in types for c in counts for b in bands for r in risks}
    notes = [note for t in types for c in counts for note in _NOTES[(t, c)]]
    notes = [*dict.fromkeys(notes), SCOPE_NOTE]
    if len(set(answers.values())) == 1:  # what is unknown would not change the answer
        return Recommendation(next(iter(answers.values())), size_band=band, notes=notes)
    missing: list[str] = []
    if band is None and _varies(answers, 2):
        missing.append(MISSING_SIZE)
    if len(types) > 1 and _varies(answers, 0):
        missing.append(MISSING_TYPE if not nodule.subsolid
                       else MISSING_SUBSOLID_TYPE)  # fmt: skip
    if len(counts) > 1 and _varies(answers, 1):
        missing.append(MISSING_COUNT)
    if len(risks) > 1 and _varies(answers, 3):
        missing.append(MISSING_RISK)
    by_risk: dict[str, str] = {}
    if missing == [MISSING_RISK]:
        by_risk = {key[3]: value for key, value in answers.items()}
    return Recommendation(None, missing=missing, size_band=band, by_risk=by_risk, notes=notes)


def _varies(answers: dict[tuple[NoduleType, Count, SizeBand, Risk], str], position: int) -> bool:
    """Whether changing only the input at ``position`` of the key changes the answer."""
    groups: dict[tuple[object, ...], set[str]] = {}
    for key, value in answers.items():
        rest = key[:position] + key[position + 1:]
        groups.setdefault(rest, set()).add(value)
    return any(len(values) > 1 for values in groups.values())


# ---------------------------------------------------------------------------------------------
# The calculator's inputs as the panel shows them: each with its evidence and its source, and
# the clinician's corrections (typed, plain JSON) that the panel is recomputed from.

Source = Literal["report", "default", "model", "clinician"]
SOURCES: tuple[Source, ...] = ("report", "default", "model", "clinician")


@dataclass
class Evidence:
    """A stretch of a session document: its index, character offsets and the words there."""

    document: int | None
    start: int | None
    end: int | None
    quote: str
    document_name: str | None = None


@dataclass
class PanelInput:
    """One input of the calculator that is not a nodule: age, modality, an exclusion, a risk
    factor, the count or the guide. ``value`` None: not known."""

    key: str  # "age", "modality", "exclusion.known_cancer", "risk.smoking", "count", "guide"
    value: str | int | float | bool | None
    source: Source
    evidence: list[Evidence] = field(default_factory=list)
    label: str = ""  # what it is, in words (a catalogue message)
    read_value: str | int | float | bool | None = None  # what the report (or the default) gave
    read_source: Source = "default"
    read_evidence: list[Evidence] = field(default_factory=list)


OVERRIDE_FIELDS = ("age", "modality", "count", "guide", "exclusion.known_cancer",
                   "exclusion.immunocompromised",
                   "exclusion.screening", "risk.smoking", "risk.asbestos", "risk.radon", "risk.uranium",
                   "risk.family", "risk.emphysema", "risk.fibrosis", "risk.upper_lobe",
                   "risk.spiculation")  # fmt: skip
NODULE_OVERRIDE_FIELDS = ("size_mm", "type", "status")
NODULE_STATUSES = ("counted", "benign_calcified", "perifissural", "mass", "growth", "not_a_nodule")
TYPE_KEYS = {"solid": "solid", "part_solid": "part-solid", "ground_glass": "ground-glass"}


class OverrideError(ValueError):
    """A correction that names no input of the panel, or gives a value the input cannot take."""


@dataclass(frozen=True)
class Override:
    """A clinician's correction of one input: ``field`` is one of OVERRIDE_FIELDS or
    "nodule.<id>.size_mm|type|status"; ``value`` None clears what the report said (unknown)."""

    field: str
    value: str | int | float | bool | None
    at: str = ""  # when (ISO 8601), for the vault and the audit
    by: str = ""  # who, where the face knows it

    def to_dict(self) -> dict[str, object]:
        return {"field": self.field, "value": self.value, "at": self.at, "by": self.by}

    @classmethod
    def from_dict(cls, data: object) -> Override:
        if not isinstance(data, dict) or not isinstance(data.get("field"), str):
            raise OverrideError("a correction must be an object with a 'field'")
        value = data.get("value")
        if value is not None and not isinstance(value, (str, int, float, bool)):
            raise OverrideError(f"{data['field']}: the value must be text, a number, true/false or null")
        return cls(data["field"], value, str(data.get("at", "") or ""), str(data.get("by", "") or ""))

    def checked(self) -> Override:
        """This correction if its field and value make sense, else an OverrideError naming why."""
        name, value = self.field, self.value
        if name.startswith("nodule."):
            parts = name.split(".")
            if len(parts) != 3 or parts[2] not in NODULE_OVERRIDE_FIELDS:
                raise OverrideError(f"{name}: a nodule correction is nodule.<id>.size_mm|type|status")
            if parts[2] == "size_mm" and value is not None and (
                    isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1000):
                raise OverrideError(f"{name}: a size in mm, more than 0")
            if parts[2] == "type" and value is not None and value not in TYPE_KEYS:
                raise OverrideError(f"{name}: one of {', '.join(TYPE_KEYS)}")
            if parts[2] == "status" and value not in NODULE_STATUSES:
                raise OverrideError(f"{name}: one of {', '.join(NODULE_STATUSES)}")
            return self
        if name not in OVERRIDE_FIELDS:
            known = ", ".join(OVERRIDE_FIELDS)
            raise OverrideError(f"{name}: not an input of the panel ({known}, nodule.<id>.*)")
        if name == "age" and value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                                    or not 0 <= value < 130):  # fmt: skip
            raise OverrideError("age: whole years, 0 to 129")
        if name == "modality" and value not in ("CT", "radiograph", "other"):
            raise OverrideError("modality: CT, radiograph or other")
        if name == "count" and value not in ("single", "multiple", None):
            raise OverrideError("count: single or multiple")
        if name == "guide" and value is not None and not isinstance(value, str):
            raise OverrideError("guide: a nodule id")
        if name.startswith(("exclusion.", "risk.")) and value is not None and not isinstance(value, bool):
            raise OverrideError(f"{name}: true, false or null")
        return self
