"""A study as a consortium declares it, and its result as a researcher reads it.

A :class:`Study` names its participants, its query, its privacy (ε per site, or none for a
noise-free study that every site must allow in its own config) and its aggregation (SecAgg+
or homomorphic encryption). Its fingerprint — a hash of the canonical declaration — is what a
site's operator approves: change one field and the approval no longer applies.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final, Literal

from app.core.federation import privacy
from app.core.federation.queries import BoundedMean, Query, QueryError, cells, query_from_dict, query_to_dict

Aggregation = Literal["secagg", "he", "plain"]  # plain: a baseline, only where every site allows it
MIN_SITES: Final = 3  # with two, each site can subtract its own input from the total
_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}\Z")


class StudyError(ValueError):
    """A study is malformed or cannot run as declared."""


_RUN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}\Z")


def parse_expiry(text: str) -> float:
    """An ISO 8601 date or time as seconds since the epoch (a date means the end of that day,
    UTC; a time without a zone is UTC)."""
    try:
        if len(text) == 10:
            return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp() + 86_400
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise StudyError(f"expires = {text!r} is not an ISO 8601 date or time") from exc
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def check_run(declaration_id: str, run_id: str, expires: str) -> None:
    """A declaration's run id (names this run: part of what is signed and approved) and expiry."""
    if run_id and not _RUN_ID.match(run_id):
        raise StudyError(f"{declaration_id}: run_id is 1-64 letters, digits, '_', '.', ':' or '-'")
    if expires:
        parse_expiry(expires)


def run_fields(data: dict[str, Any]) -> dict[str, str]:
    """The run id and expiry of a declaration's table (TOML may give the expiry as a date)."""
    expires = data.get("expires", "")
    text = expires.isoformat() if hasattr(expires, "isoformat") else str(expires or "")
    return {"run_id": str(data.get("run_id", "") or ""), "expires": text}


@dataclass(frozen=True)
class Study:
    study_id: str
    title: str
    participants: tuple[str, ...]
    query: Query
    epsilon: float | None = 1.0  # per site; None: no noise (each site must allow it)
    aggregation: Aggregation = "secagg"
    confidence: float = 0.95
    run_id: str = ""  # names this run: signed and approved with the rest; answered once per approval
    expires: str = ""  # ISO 8601: no site answers it after this

    def __post_init__(self) -> None:
        if not _ID.match(self.study_id):
            raise StudyError(
                f"a study id is 1-64 lower-case letters, digits, '-' or '_', not {self.study_id!r}"
            )
        if len(set(self.participants)) != len(self.participants):
            raise StudyError(f"{self.study_id}: a participant is named twice")
        if len(self.participants) < MIN_SITES:
            raise StudyError(
                f"{self.study_id}: {len(self.participants)} participating sites; a study needs at "
                f"least {MIN_SITES} (with two, each could subtract its own numbers from the total)"
            )
        for site in self.participants:
            if not _ID.match(site):
                raise StudyError(f"{self.study_id}: {site!r} is not a site name")
        if self.epsilon is not None:
            try:
                privacy.check_epsilon(self.epsilon)
            except privacy.PrivacyError as exc:
                raise StudyError(f"{self.study_id}: {exc}") from exc
        if self.aggregation not in ("secagg", "he", "plain"):
            raise StudyError(
                f"{self.study_id}: aggregation is 'secagg', 'he' or 'plain', not {self.aggregation!r}"
            )
        if not 0.5 <= self.confidence < 1:
            raise StudyError(f"{self.study_id}: confidence must be in [0.5, 1)")
        check_run(self.study_id, self.run_id, self.expires)

    def to_dict(self) -> dict[str, Any]:
        data = {"study_id": self.study_id, "title": self.title, "participants": list(self.participants),
                "query": query_to_dict(self.query), "epsilon": self.epsilon, "aggregation": self.aggregation,
                "confidence": self.confidence}  # fmt: skip
        data.update({k: v for k, v in (("run_id", self.run_id), ("expires", self.expires)) if v})
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Study:
        if not isinstance(data, dict):
            raise StudyError("a study is a table of fields")
        try:
            query = query_from_dict(data.get("query"))
            participants = data.get("participants")
            if not isinstance(participants, list) or not all(isinstance(p, str) for p in participants):
                raise StudyError("participants must be a list of site names")
            epsilon = data.get("epsilon", 1.0)
            return cls(study_id=str(data.get("study_id", "")), title=str(data.get("title", "")),
                       participants=tuple(participants), query=query,
                       epsilon=None if epsilon is None else float(epsilon),
                       aggregation=data.get("aggregation", "secagg"),
                       confidence=float(data.get("confidence", 0.95)), **run_fields(data))  # fmt: skip
        except QueryError as exc:
            raise StudyError(f"{data.get('study_id', '?')}: {exc}") from exc
        except (TypeError, ValueError) as exc:
            if isinstance(exc, StudyError):
                raise
            raise StudyError(f"{data.get('study_id', '?')}: {exc}") from exc

    def fingerprint(self) -> str:
        canonical = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()

    def cells(self) -> tuple[str, ...]:
        return cells(self.query)

    def describe(self) -> str:
        """What a site's operator sees before approving: what is computed and what it costs."""
        privacy_line = (
            f"ε = {self.epsilon:g} of this site's budget (discrete Laplace noise added here, "
            "before anything leaves)"
            if self.epsilon is not None
            else "no noise: exact counts (refused unless this site's config allows noise-free studies)"
        )
        how = {
            "secagg": "Flower SecAgg+ (the coordinator sees only the sum)",
            "he": "homomorphic encryption (the coordinator adds ciphertexts; a key-holder decrypts the sum)",
            "plain": "none: this site's noised numbers go to the coordinator as they are (a baseline)",
        }[self.aggregation]
        return "\n".join(
            [
                f"Study {self.study_id}: {self.title}",
                f"  participants: {', '.join(self.participants)}",
                f"  query: {json.dumps(query_to_dict(self.query), ensure_ascii=False)}",
                f"  sends: {len(self.cells())} numbers — {', '.join(self.cells()[:8])}"
                + (" …" if len(self.cells()) > 8 else ""),
                f"  privacy: {privacy_line}",
                f"  aggregation: {how}",
                "  never sent: report text, quotes, identifiers, dates or rows",
                f"  run: {self.run_id or '(no run id)'}; answered once per approval at this site"
                + (f"; expires {self.expires}" if self.expires else ""),
                f"  fingerprint: {self.fingerprint()}",
            ]
        )


@dataclass(frozen=True)
class Estimate:
    cell: str
    value: float  # the noised total, post-processed into its valid range
    low: float
    high: float


@dataclass(frozen=True)
class StudyResult:
    study_id: str
    sites: tuple[str, ...]
    epsilon: float | None
    confidence: float
    estimates: tuple[Estimate, ...]
    mean: Estimate | None = None  # bounded-mean queries only
    notes: list[str] = field(default_factory=list)

    def value(self, cell: str) -> float:
        for estimate in self.estimates:
            if estimate.cell == cell:
                return estimate.value
        raise KeyError(cell)

    def table(self) -> str:
        width = max((len(e.cell) for e in self.estimates), default=4)
        level = f"{self.confidence:.0%}"
        lines = [f"{'cell':<{width}}  {'estimate':>10}  {level + ' interval':>22}"]
        for e in self.estimates:
            lines.append(f"{e.cell:<{width}}  {e.value:>10.1f}  [{e.low:>9.1f}, {e.high:>9.1f}]")
        if self.mean is not None:
            lines.append(
                f"{'mean':<{width}}  {self.mean.value:>10.3f}  "
                f"[{self.mean.low:>9.3f}, {self.mean.high:>9.3f}]"
            )
        eps = "no noise" if self.epsilon is None else f"ε = {self.epsilon:g} per site"
        lines.append(f"sites: {', '.join(self.sites)} · {eps}")
        return "\n".join(lines)


def combine(study: Study, totals: Sequence[Sequence[int]], sites: Sequence[str]) -> StudyResult:
    """The researcher's result from the aggregated parts: each total with an interval that
    includes every site's noise, post-processed into its valid range (counts are never below
    zero; a part's cells never exceed the number of reports)."""
    parts = study.query.parts()
    if len(totals) != len(parts) or any(len(t) != len(p.cells) for t, p in zip(totals, parts, strict=True)):
        raise StudyError(f"{study.study_id}: the aggregate does not have the study's shape")
    alpha = 1 - study.confidence
    scales = privacy.scales(study.query, study.epsilon) if study.epsilon is not None else [0.0] * len(parts)
    estimates: list[Estimate] = []
    for part, total, scale in zip(parts, totals, scales, strict=True):
        for cell, value in zip(part.cells, total, strict=True):
            low, high = privacy.total_interval(
                float(value), [scale] * len(sites), alpha / len(cells(study.query))
            )
            clamped = max(0.0, float(value))
            estimates.append(Estimate(cell, clamped, max(0.0, low), max(0.0, high)))
    mean: Estimate | None = None
    if isinstance(study.query, BoundedMean):
        total_sum, count = estimates[0], estimates[1]
        if count.value > 0:
            average = min(
                float(study.query.upper), max(float(study.query.lower), total_sum.value / count.value)
            )
            low = total_sum.low / max(count.high, 1.0)
            high = total_sum.high / max(count.low, 1.0)
            mean = Estimate("mean", average, max(study.query.lower, low), min(study.query.upper, high))
    notes = [] if study.epsilon is not None else ["no noise: these are exact counts"]
    return StudyResult(
        study.study_id, tuple(sites), study.epsilon, study.confidence, tuple(estimates), mean, notes
    )
