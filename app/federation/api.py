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
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.federation.queries import BoundedMean, CrossTab, FindingCounts, FleischnerCategories
from app.core.federation.study import Estimate, Study, StudyError, StudyResult
from app.core.federation.training_plan import TrainingPlan
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
    "TrainingFailed",
    "TrainingPlan",
    "TrainingResult",
    "load_declaration",
    "load_study",
]


class StudyFailed(RuntimeError):
    """The consortium could not answer the study; the message lists every reason."""


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise StudyError(f"{path}: cannot be read as TOML ({exc})") from exc


def load_declaration(path: Path) -> Study | TrainingPlan:
    """A study (``[study]``) or a training plan (``[training]``) from its TOML file."""
    data = _toml(path)
    if isinstance(data.get("training"), dict):
        fields = {**data["training"], "kind": "training"}
        if fields.pop("noise", True) is False:
            fields["epsilon"] = None
        try:
            return TrainingPlan.from_dict(fields)
        except StudyError as exc:
            raise StudyError(f"{path}: {exc}") from exc
    return load_study(path)


def load_study(path: Path) -> Study:
    """A study from its TOML declaration (``[study]`` with a ``[study.query]`` table)."""
    data = _toml(path)
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

    def train(self, plan: TrainingPlan, timeout: float = 3600.0, on_progress: Any = None) -> TrainingResult:
        """Run a training plan (every site must have approved it); the signed model is
        written to the coordinator's state and installed at every participant."""
        from app.federation import bundle, processes, signing

        unknown = [s for s in plan.participants if s not in self.config.sites]
        if unknown:
            raise TrainingFailed(f"not sites of this consortium: {', '.join(unknown)}")
        signature = signing.sign(plan, bundle.fab_hash(), self.config.signing_key)
        outcome = processes.submit_study(
            self.config,
            json.dumps(plan.to_dict()),
            signature,
            timeout=timeout,
            key="plan",
            extra={"signing_key": str(self.config.signing_key)},
            on_progress=on_progress,
        )
        if not outcome.get("ok"):
            raise TrainingFailed(str(outcome.get("error", "the training failed")))
        return TrainingResult(
            plan.study_id,
            Path(outcome["model"]),
            tuple(outcome["sites"]),
            outcome["epsilon"],
            outcome["delta"],
            list(outcome["rounds"]),
            dict(outcome["installed"]),
            float(outcome.get("seconds", 0.0)),
            int(outcome.get("bytes_sent", 0)),
            int(outcome.get("bytes_received", 0)),
        )


class TrainingFailed(RuntimeError):
    """A training run stopped; no model was issued. The message says why."""


@dataclass(frozen=True)
class TrainingResult:
    plan: str
    model: Path  # the signed model file at the coordinator
    sites: tuple[str, ...]
    epsilon: float | None
    delta: float | None
    rounds: list[dict[str, Any]]  # per round: sites that finished it, seconds
    installed: dict[str, str]  # site -> where it installed the model, or why it refused
    seconds: float
    bytes_sent: int
    bytes_received: int


class FederatedLearning:
    """The consortium's findings model, in the shape the seed asked for::

        fl = FederatedLearning(participants=["hospital_a", "hospital_b", "hospital_c"],
                               model_name="findings", consortium="consortium.toml")
        local = fl.local_train("our_reports.csv")   # this site alone; nothing leaves it
        fl.train(rounds=20, epsilon=8.0)            # at the coordinator: every site approved it
        model = fl.get_global_model()               # the signed model installed here

    ``local_train`` stores the labelled reports of a coded CSV in this site's vault (they
    become its training set) and returns the model trained on them alone, the baseline the
    site compares the global model with. ``train`` runs the plan through the consortium;
    ``get_global_model`` returns the installed model once its signature and shape are checked.
    """

    def __init__(
        self,
        participants: list[str] | tuple[str, ...],
        model_name: str = "findings",
        consortium: str | Path | ConsortiumConfig | None = None,
        plan_id: str | None = None,
    ) -> None:
        from app.core.federation.findings_model import MODEL_NAME

        if model_name != MODEL_NAME:
            raise ValueError(f"the consortium trains the {MODEL_NAME!r} model, not {model_name!r}")
        self.participants = tuple(participants)
        self.model_name = model_name
        self.consortium = Consortium(consortium) if consortium is not None else None
        self.plan_id = plan_id or f"{model_name}-{time.strftime('%Y%m%d-%H%M%S')}"
        self.last_result: TrainingResult | None = None

    def plan(
        self, rounds: int = 20, epsilon: float | None = 8.0, delta: float = 1e-5, min_sites: int | None = None
    ) -> TrainingPlan:
        return TrainingPlan(
            self.plan_id,
            f"{self.model_name} model",
            self.participants,
            self.model_name,
            rounds,
            epsilon,
            delta,
            min_sites,
        )

    def local_train(self, path: str | Path, rounds: int = 20) -> Any:
        """Import the labelled reports at ``path`` into this site's vault and train on them alone."""
        import numpy as np

        from app.core.federation import training_set
        from app.core.federation.features import featurise
        from app.core.federation.findings_model import labels_matrix
        from app.core.federation.labelled import read_labelled_csv
        from app.core.federation.training import train_alone
        from app.federation.site import open_vault

        reports = read_labelled_csv(Path(path))
        with open_vault() as vault:
            training_set.import_reports(vault, reports, Path(path).name)
        features = featurise([r.text for r in reports], self.plan().dims)
        targets = labels_matrix([dict(r.labels) for r in reports])
        return train_alone(features, targets, rounds, np.random.default_rng())

    def train(self, rounds: int = 20, epsilon: float | None = 8.0, timeout: float = 3600.0) -> TrainingResult:
        if self.consortium is None:
            raise TrainingFailed("training runs at the coordinator: give consortium='consortium.toml'")
        self.last_result = self.consortium.train(self.plan(rounds, epsilon), timeout=timeout)
        return self.last_result

    def get_global_model(self) -> Any:
        """The global model installed at this site (signature, labels and shape checked), or,
        at the coordinator after :meth:`train`, the model it just signed."""
        from app.core.federation import consortium_models, model_file

        if self.last_result is not None and self.consortium is not None:
            # The signing key's public half, as 'enclave federation certs' writes it beside it.
            public = self.consortium.config.signing_key.with_suffix(".pub")
            return model_file.read(self.last_result.model, [public])
        signed = consortium_models.current()
        if signed is None:
            raise TrainingFailed(
                "no trusted consortium model is installed at this site ('enclave models list')"
            )
        return signed
