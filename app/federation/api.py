"""The researcher's API at the coordinating site::

    from app.federation.api import Consortium, Study, FindingCounts

    consortium = Consortium("consortium.toml")          # the coordinator must be running
    study = Study("nodules-2026", "Pulmonary nodule prevalence",
                  participants=("hospital_a", "hospital_b", "hospital_c"),
                  query=FindingCounts(("nodule",)), epsilon=1.0)
    result = consortium.run(study)                      # each site must have approved it
    print(result.table())
    result.value("nodule|present"), result.estimates    # totals with 95% intervals

A study is signed with the consortium's study-signing key and sent to every site; each site
checks, noises and records its own answer; only the aggregate comes back.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from app.core.federation.queries import BoundedMean, CrossTab, FindingCounts, FleischnerCategories
from app.core.federation.study import Estimate, Study, StudyError, StudyResult
from app.federation.config import ConsortiumConfig

__all__ = [
    "BoundedMean",
    "Consortium",
    "CrossTab",
    "FindingCounts",
    "FleischnerCategories",
    "Study",
    "StudyError",
    "StudyFailed",
    "StudyResult",
    "load_study",
]


class StudyFailed(RuntimeError):
    """The consortium could not answer the study; the message lists every reason."""


def load_study(path: Path) -> Study:
    """A study from its TOML declaration (``[study]`` with a ``[study.query]`` table)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise StudyError(f"{path}: cannot be read as TOML ({exc})") from exc
    table = data.get("study")
    if not isinstance(table, dict):
        raise StudyError(f"{path}: no [study] table")
    fields = dict(table)
    if fields.pop("noise", True) is False:
        fields["epsilon"] = None
    try:
        return Study.from_dict(fields)
    except StudyError as exc:
        raise StudyError(f"{path}: {exc}") from exc


def result_from_outcome(study: Study, outcome: dict[str, Any]) -> StudyResult:
    if not outcome.get("ok"):
        raise StudyFailed(str(outcome.get("error", "the study failed")))
    estimates = tuple(Estimate(**e) for e in outcome["estimates"])
    mean = Estimate(**outcome["mean"]) if outcome.get("mean") else None
    return StudyResult(
        study.study_id,
        tuple(outcome["sites"]),
        outcome["epsilon"],
        outcome["confidence"],
        estimates,
        mean,
        list(outcome.get("notes", [])),
    )


class Consortium:
    def __init__(self, config: str | Path | ConsortiumConfig) -> None:
        self.config = config if isinstance(config, ConsortiumConfig) else ConsortiumConfig.load(Path(config))

    def run(self, study: Study, timeout: float = 600.0) -> StudyResult:
        from app.federation import bundle, processes, signing

        unknown = [s for s in study.participants if s not in self.config.sites]
        if unknown:
            raise StudyFailed(f"not sites of this consortium: {', '.join(unknown)}")
        signature = signing.sign(study, bundle.fab_hash(), self.config.signing_key)
        extra = {
            "he_public": str(self.config.he_public or ""),
            "he_key_holder": self.config.he_key_holder or "",
        }
        if study.aggregation == "he" and not (self.config.he_public and self.config.he_key_holder):
            raise StudyFailed(
                "a homomorphic study needs he_public and he_key_holder in the consortium config"
            )
        outcome = processes.submit_study(
            self.config, json.dumps(study.to_dict()), signature, timeout=timeout, extra=extra
        )
        return result_from_outcome(study, outcome)
