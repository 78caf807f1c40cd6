"""One site's part of a training run, with no Flower in it: enrol, then train each round.

At round 1 the site *enrols*: it fixes the training set it will use (reports labelled up to
that moment), its Poisson sampling rate and steps per round, and — for a private run — the
smallest noise multiplier whose ε over all rounds is within the plan's, from the accountant.
The enrolment is stored in the site's ledger with round 1 (ledger.py), so every later round
trains under exactly what was accounted; each round is charged, as it is recorded, the ε the
accountant gives for every round sent so far less what was charged before. Each round then
starts from the global weights and returns the update to send.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from app.core.federation import accounting
from app.core.federation.features import featurise
from app.core.federation.findings_model import FindingsModel, labels_matrix
from app.core.federation.labelled import LabelledReport
from app.core.federation.secagg import UPDATE_UNIT, UpdateScale
from app.core.federation.training import (
    CLIP_NORM,
    DpSgd,
    SiteUpdate,
    TrainingError,
    aggregate,
    initial_model,
    local_update,
    recipe,
    sample_rate,
    site_update,
    steps_per_round,
)
from app.core.federation.training_plan import TrainingPlan

MIN_EXAMPLES: Final = 20  # fewer and one report moves the update too much to be worth sending


@dataclass(frozen=True)
class Enrolment:
    cutoff: float  # reports labelled after this are not used by this run
    examples: int
    sample_rate: float
    steps: int  # per round
    noise_multiplier: float | None
    epsilon: float | None  # the accountant's ε for this site at the plan's δ (at most the plan's)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Enrolment:
        return cls(
            float(data["cutoff"]),
            int(data["examples"]),
            float(data["sample_rate"]),
            int(data["steps"]),
            None if data.get("noise_multiplier") is None else float(data["noise_multiplier"]),
            None if data.get("epsilon") is None else float(data["epsilon"]),
        )


def enrol(plan: TrainingPlan, examples: int, now: float) -> Enrolment:
    if examples < MIN_EXAMPLES:
        raise TrainingError(
            f"this site has {examples} labelled report(s); training needs at least {MIN_EXAMPLES}"
        )
    training = recipe(plan.epsilon is not None)
    q = sample_rate(examples, training)
    steps = steps_per_round(examples, training)
    if plan.epsilon is None:
        return Enrolment(now, examples, q, steps, None, None)
    noise = accounting.noise_for(plan.epsilon, q, steps * plan.rounds, plan.delta)
    spent = accounting.epsilon(noise, q, steps * plan.rounds, plan.delta)
    return Enrolment(now, examples, q, steps, noise, spent)


def round_rng(plan: TrainingPlan, site: str, round_number: int) -> np.random.Generator:
    """A private run draws from the OS's entropy; a noise-free one is reproducible (its
    batches follow from the plan, site and round) so that a run can be checked."""
    if plan.epsilon is not None:
        return np.random.default_rng(secrets.randbits(128))
    digest = hashlib.sha256(f"{plan.fingerprint()}|{site}|{round_number}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:16], "big"))


def run_round(
    plan: TrainingPlan,
    enrolment: Enrolment,
    reports: Sequence[LabelledReport],
    weights: npt.NDArray[np.float64],
    rng: np.random.Generator,
) -> SiteUpdate:
    """This site's update for one round, from the global ``weights``."""
    model = initial_model(plan.dims).with_weights(weights)
    training = recipe(plan.epsilon is not None)
    features = featurise([r.text for r in reports], plan.dims)
    targets = labels_matrix([dict(r.labels) for r in reports], model.labels)
    dp = DpSgd(enrolment.noise_multiplier, CLIP_NORM) if enrolment.noise_multiplier is not None else None
    # The accountant assumed this sampling rate and step count: use them, whatever the set's size now.
    new = local_update(
        model, features, targets, training, rng, dp, steps=enrolment.steps, rate=enrolment.sample_rate
    )
    return site_update(model, new, len(reports))


def encode_update(update: SiteUpdate) -> npt.NDArray[np.float64]:
    """What goes into SecAgg+: (Δ·n, n) in units of UPDATE_UNIT, checked against its range."""
    flat = np.concatenate([update.weighted_delta.ravel(), [float(update.examples)]]) / UPDATE_UNIT
    UpdateScale().check_values(flat)
    return flat


def decode_sum(model: FindingsModel, summed: npt.NDArray[np.float64]) -> FindingsModel:
    """The next global model from SecAgg+'s sum of the sites' encoded updates."""
    values = np.asarray(summed, dtype=float) * UPDATE_UNIT
    if values.size != model.weights.size + 1:
        raise TrainingError(f"an aggregate of {values.size} values for a model of {model.weights.size}")
    return aggregate(model, values[:-1].reshape(model.weights.shape), float(values[-1]))


def simulate(
    plan: TrainingPlan,
    sites: Mapping[str, Sequence[LabelledReport]],
    now: float = 0.0,
    rounds: int | None = None,
) -> FindingsModel:
    """The run as the consortium's nodes do it, in one process (no SecAgg+ rounding)."""
    enrolments = {name: enrol(plan, len(reports), now) for name, reports in sites.items()}
    model = initial_model(plan.dims)
    for number in range(1, (rounds or plan.rounds) + 1):
        total = np.zeros(model.weights.size + 1)
        for name, reports in sites.items():
            update = run_round(plan, enrolments[name], reports, model.weights, round_rng(plan, name, number))
            total += encode_update(update)
        model = decode_sum(model, total)
    return model
