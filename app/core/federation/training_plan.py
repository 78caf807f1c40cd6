"""A federated training run as the consortium declares it and every site approves it.

Like a study (study.py), a plan is signed by the coordinator, approved by each site's
operator against its fingerprint, and charged to each site's privacy budget (its ε, per
report, for the whole run). It names the participants, the model, the rounds, the privacy
(ε at δ, or none: every site must then allow noise-free answers), and how many sites must
answer every round for the run to go on.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from typing import Any, Final

from app.core.federation.features import DEFAULT_DIMS
from app.core.federation.findings_model import MODEL_NAME
from app.core.federation.study import MIN_SITES, StudyError, check_run, run_fields

KIND: Final = "training"
MAX_ROUNDS: Final = 200
MAX_EPSILON: Final = 20.0
_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}\Z")


@dataclass(frozen=True)
class TrainingPlan:
    study_id: str
    title: str
    participants: tuple[str, ...]
    model: str = MODEL_NAME
    rounds: int = 20
    epsilon: float | None = 8.0  # per report, for the whole run; None: no DP noise
    delta: float = 1e-5
    min_sites: int | None = None  # sites that must answer every round; None: all of them
    dims: int = DEFAULT_DIMS
    aggregation: str = "secagg"
    run_id: str = ""  # names this run: signed and approved with the rest
    expires: str = ""  # ISO 8601: no site answers a round after this

    def __post_init__(self) -> None:
        if not _ID.match(self.study_id):
            raise StudyError(
                f"a plan id is 1-64 lower-case letters, digits, '-' or '_', not {self.study_id!r}"
            )
        if len(set(self.participants)) != len(self.participants):
            raise StudyError(f"{self.study_id}: a participant is named twice")
        if len(self.participants) < MIN_SITES:
            raise StudyError(
                f"{self.study_id}: training needs at least {MIN_SITES} sites (SecAgg+ hides one "
                "site's update only among others)"
            )
        for site in self.participants:
            if not _ID.match(site):
                raise StudyError(f"{self.study_id}: {site!r} is not a site name")
        if self.model != MODEL_NAME:
            raise StudyError(f"{self.study_id}: the model is {MODEL_NAME!r}, not {self.model!r}")
        if not 1 <= self.rounds <= MAX_ROUNDS:
            raise StudyError(f"{self.study_id}: rounds must be 1-{MAX_ROUNDS}")
        if self.epsilon is not None and not (math.isfinite(self.epsilon) and 0 < self.epsilon <= MAX_EPSILON):
            raise StudyError(f"{self.study_id}: ε must be above 0 and at most {MAX_EPSILON:g}")
        if not 0 < self.delta < 1e-3:
            raise StudyError(f"{self.study_id}: δ must be above 0 and below 0.001")
        if self.min_sites is not None and not MIN_SITES <= self.min_sites <= len(self.participants):
            raise StudyError(f"{self.study_id}: min_sites must be {MIN_SITES}-{len(self.participants)}")
        if not 16 <= self.dims <= 1 << 16:
            raise StudyError(f"{self.study_id}: the feature width must be 16-{1 << 16}")
        if self.aggregation != "secagg":
            raise StudyError(f"{self.study_id}: training is aggregated with SecAgg+ only")
        check_run(self.study_id, self.run_id, self.expires)

    @property
    def required_sites(self) -> int:
        return self.min_sites if self.min_sites is not None else len(self.participants)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": KIND,
            "study_id": self.study_id,
            "title": self.title,
            "participants": list(self.participants),
            "model": self.model,
            "rounds": self.rounds,
            "epsilon": self.epsilon,
            "delta": self.delta,
            "min_sites": self.min_sites,
            "dims": self.dims,
            "aggregation": self.aggregation,
        }
        data.update({k: v for k, v in (("run_id", self.run_id), ("expires", self.expires)) if v})
        return data

    @classmethod
    def from_dict(cls, data: Any) -> TrainingPlan:
        if not isinstance(data, dict) or data.get("kind", KIND) != KIND:
            raise StudyError("not a training plan")
        participants = data.get("participants")
        if not isinstance(participants, list) or not all(isinstance(p, str) for p in participants):
            raise StudyError("participants must be a list of site names")
        try:
            epsilon = data.get("epsilon", 8.0)
            min_sites = data.get("min_sites")
            return cls(
                study_id=str(data.get("study_id", "")),
                title=str(data.get("title", "")),
                participants=tuple(participants),
                model=str(data.get("model", MODEL_NAME)),
                rounds=int(data.get("rounds", 20)),
                epsilon=None if epsilon is None else float(epsilon),
                delta=float(data.get("delta", 1e-5)),
                min_sites=None if min_sites is None else int(min_sites),
                dims=int(data.get("dims", DEFAULT_DIMS)),
                aggregation=str(data.get("aggregation", "secagg")),
                **run_fields(data),
            )
        except (TypeError, ValueError) as exc:
            if isinstance(exc, StudyError):
                raise
            raise StudyError(f"{data.get('study_id', '?')}: {exc}") from exc

    def fingerprint(self) -> str:
        canonical = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()

    def parameters(self) -> int:
        from app.core.federation.records import STUDY_LABELS

        return (self.dims + 1) * len(STUDY_LABELS)

    def describe(self) -> str:
        privacy = (
            f"ε = {self.epsilon:g} at δ = {self.delta:g} per report for the whole run (DP-SGD at this "
            "site: each report's gradient clipped, Gaussian noise added before anything leaves)"
            if self.epsilon is not None
            else "no noise (refused unless this site's config allows noise-free answers)"
        )
        need = self.required_sites
        return "\n".join(
            [
                f"Training plan {self.study_id}: {self.title}",
                f"  participants: {', '.join(self.participants)} (every round needs {need} of them)",
                f"  model: {self.model} classifier, {self.parameters():,} numbers "
                "(hashed text features; no words)",
                f"  rounds: {self.rounds}; each round this site sends one update of "
                f"{self.parameters() + 1:,} numbers; each round is answered once, in order, under "
                "one approval (a re-run needs a new approval)",
                f"  run: {self.run_id or '(no run id)'}"
                + (f"; expires {self.expires}" if self.expires else ""),
                f"  privacy: {privacy}",
                "  aggregation: Flower SecAgg+ (the coordinator sees only the sum of the sites' updates)",
                "  the result: a model signed by the coordinator, sent to every participant",
                "  never sent: report text, quotes, labels, identifiers or dates",
                f"  fingerprint: {self.fingerprint()}",
            ]
        )
