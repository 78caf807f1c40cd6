"""Study queries: what a site computes over its records, as a vector of integer counts.

Every query has a fixed, declared shape (its ``cells``), so what leaves a site is only numbers
in that shape. A query is split into ``parts``; each part is one noised vector whose L1
sensitivity (how much one privacy unit can change it) is stated here, with contributions
bounded: one record per unit (the first kept), and each record adds at most 1 to a cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from app.core.federation.records import AGE_BANDS, CERTAINTIES, MODALITIES, SEXES, STUDY_LABELS, SiteRecord

UNKNOWN: Final = "unknown"
CROSS_BY: Final = {"age_band": AGE_BANDS, "sex": SEXES, "modality": MODALITIES}
FLEISCHNER_CATEGORIES: Final = ("no routine follow-up", "optional CT at 12 months", "CT at 6-12 months",
                                "CT at 3-6 months", "CT at 3 months, PET/CT or tissue sampling",
                                "not applicable", "not enough information")  # fmt: skip
MEAN_QUANTITIES: Final = ("findings_per_report",)


class QueryError(ValueError):
    """A study's query is malformed or names something a site cannot count."""


@dataclass(frozen=True)
class Part:
    """One noised vector of a query: its cells and one unit's largest L1 contribution."""

    cells: tuple[str, ...]
    sensitivity: int


def one_per_unit(records: Sequence[SiteRecord]) -> list[SiteRecord]:
    """The first record of each privacy unit: what bounds every unit's contribution."""
    seen: set[str] = set()
    kept: list[SiteRecord] = []
    for record in records:
        if record.unit not in seen:
            seen.add(record.unit)
            kept.append(record)
    return kept


@dataclass(frozen=True)
class FindingCounts:
    """How many reports state each finding as present, absent or possible, and how many reports."""

    labels: tuple[str, ...] = STUDY_LABELS
    kind: Literal["finding_counts"] = "finding_counts"

    def __post_init__(self) -> None:
        _check_labels(self.labels)

    def parts(self) -> list[Part]:
        cells = ("reports", *(f"{label}|{c}" for label in self.labels for c in CERTAINTIES))
        return [Part(cells, 1 + len(self.labels))]

    def evaluate(self, records: Sequence[SiteRecord]) -> list[list[int]]:
        index = {cell: i for i, cell in enumerate(self.parts()[0].cells)}
        counts = [0] * len(index)
        for record in one_per_unit(records):
            counts[0] += 1
            for label in self.labels:
                if label in record.findings:
                    counts[index[f"{label}|{record.findings[label]}"]] += 1
        return [counts]


@dataclass(frozen=True)
class CrossTab:
    """Reports, and reports with ``label`` present, in each category of ``by``."""

    label: str
    by: str
    kind: Literal["cross_tab"] = "cross_tab"

    def __post_init__(self) -> None:
        _check_labels((self.label,))
        if self.by not in CROSS_BY:
            raise QueryError(f"a cross-tabulation is by {', '.join(CROSS_BY)}, not {self.by!r}")

    def categories(self) -> tuple[str, ...]:
        return (*CROSS_BY[self.by], UNKNOWN)

    def parts(self) -> list[Part]:
        cells = tuple(f"{c}|{what}" for c in self.categories() for what in ("reports", self.label))
        return [Part(cells, 2)]

    def evaluate(self, records: Sequence[SiteRecord]) -> list[list[int]]:
        categories = self.categories()
        counts = [0] * (2 * len(categories))
        for record in one_per_unit(records):
            value = getattr(record, self.by) or UNKNOWN
            at = 2 * categories.index(value)
            counts[at] += 1
            counts[at + 1] += record.findings.get(self.label) == "present"
        return [counts]


@dataclass(frozen=True)
class FleischnerCategories:
    """Reports in each Fleischner 2017 follow-up category (reports with no category are not counted)."""

    kind: Literal["fleischner_categories"] = "fleischner_categories"

    def parts(self) -> list[Part]:
        return [Part(FLEISCHNER_CATEGORIES, 1)]

    def evaluate(self, records: Sequence[SiteRecord]) -> list[list[int]]:
        counts = [0] * len(FLEISCHNER_CATEGORIES)
        for record in one_per_unit(records):
            if record.fleischner in FLEISCHNER_CATEGORIES:
                counts[FLEISCHNER_CATEGORIES.index(record.fleischner)] += 1
        return [counts]


@dataclass(frozen=True)
class BoundedMean:
    """The mean of a per-report quantity clamped to [lower, upper]: a noised sum over a noised count
    (two parts, the budget split between them)."""

    quantity: str = "findings_per_report"
    lower: int = 0
    upper: int = 10
    kind: Literal["bounded_mean"] = "bounded_mean"

    def __post_init__(self) -> None:
        if self.quantity not in MEAN_QUANTITIES:
            raise QueryError(f"a bounded mean is of {', '.join(MEAN_QUANTITIES)}, not {self.quantity!r}")
        if not 0 <= self.lower < self.upper <= 1000:
            raise QueryError(
                f"the bounds [{self.lower}, {self.upper}] must satisfy 0 <= lower < upper <= 1000"
            )

    def parts(self) -> list[Part]:
        return [Part(("sum",), self.upper), Part(("reports",), 1)]

    def evaluate(self, records: Sequence[SiteRecord]) -> list[list[int]]:
        kept = one_per_unit(records)
        total = sum(min(self.upper, max(self.lower, _present(r))) for r in kept)
        return [[total], [len(kept)]]


def _present(record: SiteRecord) -> int:
    return sum(1 for certainty in record.findings.values() if certainty == "present")


def _check_labels(labels: Sequence[str]) -> None:
    if not labels:
        raise QueryError("the query names no finding label")
    unknown = [label for label in labels if label not in STUDY_LABELS]
    if unknown:
        raise QueryError(f"unknown finding label(s): {', '.join(map(repr, unknown))}; "
                         f"the study vocabulary is {', '.join(STUDY_LABELS)}")  # fmt: skip
    if len(set(labels)) != len(labels):
        raise QueryError("a finding label is named twice")


Query = FindingCounts | CrossTab | FleischnerCategories | BoundedMean
_KINDS: Final[dict[str, type[Query]]] = {"finding_counts": FindingCounts, "cross_tab": CrossTab,
                                          "fleischner_categories": FleischnerCategories,
                                          "bounded_mean": BoundedMean}  # fmt: skip


def cells(query: Query) -> tuple[str, ...]:
    return tuple(cell for part in query.parts() for cell in part.cells)


def query_to_dict(query: Query) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": query.kind}
    if isinstance(query, FindingCounts):
        data["labels"] = list(query.labels)
    elif isinstance(query, CrossTab):
        data.update(label=query.label, by=query.by)
    elif isinstance(query, BoundedMean):
        data.update(quantity=query.quantity, lower=query.lower, upper=query.upper)
    return data


def query_from_dict(data: Any) -> Query:
    if not isinstance(data, dict) or data.get("kind") not in _KINDS:
        raise QueryError(f"a query's kind is one of {', '.join(_KINDS)}")
    fields = {k: v for k, v in data.items() if k != "kind"}
    try:
        if data["kind"] == "finding_counts":
            labels = fields.pop("labels", list(STUDY_LABELS))
            if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
                raise QueryError("labels must be a list of finding labels")
            query: Query = FindingCounts(tuple(labels), **fields)
        else:
            query = _KINDS[data["kind"]](**fields)
    except TypeError as exc:
        raise QueryError(f"the {data['kind']} query has an unexpected field ({exc})") from exc
    return query
