"""Training the findings model: a site's local rounds (optionally DP-SGD) and FedAvg.

Each round every site starts from the global weights, runs ``epochs`` passes of mini-batch
SGD on its own reports, and sends its *update* (new minus global weights) multiplied by its
number of reports, together with that number; the aggregate of both gives the
report-weighted mean update (FedAvg), and SecAgg+ means the coordinator sees only the sums.

Differential privacy is per report, at the site, before anything leaves (DP-SGD): every
step samples reports independently with probability q (Poisson), clips each report's
gradient to L2 norm C, adds Gaussian noise of standard deviation z·C to the sum, and the
site's accountant (accounting.py) picks z so that all of the study's rounds together cost at
most the declared ε at δ. For this model a report's gradient is the outer product of its
feature row (with a 1 for the bias) and its residuals, so its norm is the product of the
two norms: clipping needs no per-example gradient matrices.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from app.core.federation.features import FeatureMatrix
from app.core.federation.findings_model import FindingsModel, sigmoid

Weights = npt.NDArray[np.float64]


class TrainingError(ValueError):
    """Local training cannot run as asked (no examples, shapes that do not match)."""


@dataclass(frozen=True)
class LocalTraining:
    epochs: int = 2
    batch_size: int = 32
    learning_rate: float = 0.5
    l2: float = 1e-5  # weight decay per step
    # Adagrad suits sparse text features; under DP noise its per-column step sizes blow
    # the noise up in columns with little signal, so DP-SGD runs with plain SGD.
    optimizer: str = "adagrad"

    def __post_init__(self) -> None:
        if not (1 <= self.epochs <= 50 and 1 <= self.batch_size <= 4096):
            raise TrainingError("local training needs 1-50 epochs and a batch of 1-4096 reports")
        if self.optimizer not in ("adagrad", "sgd"):
            raise TrainingError(f"the optimizer is 'adagrad' or 'sgd', not {self.optimizer!r}")
        if not (0 < self.learning_rate <= 100 and 0 <= self.l2 < 1):
            raise TrainingError("learning rate must be in (0, 100] and weight decay in [0, 1)")


# The recipes the benchmark chose (tests/benchmarks/bench_federated_training.py): Adagrad
# converges in a few passes over sparse hashed features; under DP noise plain SGD with
# large Poisson batches keeps far more of the signal than Adagrad (which scales noise up in
# columns with little signal). Both are fixed per release, recorded in the model's header.
PLAIN_RECIPE = LocalTraining(epochs=1, batch_size=32, learning_rate=1.0, optimizer="adagrad")
PRIVATE_RECIPE = LocalTraining(epochs=10, batch_size=512, learning_rate=64.0, optimizer="sgd")
PRIOR_BIAS = -3.0  # every finding starts at 5 %: a fixed prior, not learned from anyone's data
CLIP_NORM = 1.0


def recipe(private: bool) -> LocalTraining:
    return PRIVATE_RECIPE if private else PLAIN_RECIPE


def initial_model(dims: int) -> FindingsModel:
    model = FindingsModel.zeros(dims=dims)
    weights = model.weights.copy()
    weights[-1] = PRIOR_BIAS
    return model.with_weights(weights)


@dataclass(frozen=True)
class DpSgd:
    noise_multiplier: float  # z: noise standard deviation over the clipping norm
    clip: float = 1.0  # C: the largest L2 norm of one report's gradient

    def __post_init__(self) -> None:
        if not (self.noise_multiplier > 0 and self.clip > 0):
            raise TrainingError("DP-SGD needs a positive noise multiplier and clipping norm")


def steps_per_round(examples: int, training: LocalTraining) -> int:
    """Optimizer steps a site takes in one round (one per expected batch)."""
    return max(1, round(training.epochs * examples / training.batch_size))


def sample_rate(examples: int, training: LocalTraining) -> float:
    return min(1.0, training.batch_size / max(1, examples))


def _residuals(weights: Weights, features: FeatureMatrix, targets: Weights) -> Weights:
    scores = features.dot(weights[:-1]) + weights[-1]
    result: Weights = sigmoid(scores) - targets
    return result


def _gradient_sum(features: FeatureMatrix, residuals: Weights) -> Weights:
    return np.vstack([features.transpose_dot(residuals), residuals.sum(axis=0, keepdims=True)])


def local_update(
    model: FindingsModel,
    features: FeatureMatrix,
    targets: Weights,
    training: LocalTraining,
    rng: np.random.Generator,
    dp: DpSgd | None = None,
    steps: int | None = None,
    rate: float | None = None,
) -> Weights:
    """The site's new weights after one round of training from ``model``'s weights.
    ``steps`` and ``rate`` (the Poisson sampling rate under DP) default to what the training
    set's size gives; a site enrolled in a run passes the values its accountant used."""
    n = features.rows
    if n == 0:
        raise TrainingError("this site has no labelled reports to train on")
    if targets.shape != (n, len(model.labels)):
        raise TrainingError(
            f"targets of shape {targets.shape} for {n} reports and {len(model.labels)} labels"
        )
    weights = model.weights.copy()
    # Adagrad: hashed text features are sparse, and a column that few reports have would
    # barely move under one global step size. Its state starts afresh every round.
    squares = np.full_like(weights, 1e-8)
    q = rate if rate is not None else sample_rate(n, training)
    for _ in range(steps if steps is not None else steps_per_round(n, training)):
        if dp is None:
            batch = rng.choice(n, size=min(n, training.batch_size), replace=False)
            picked = features.take(np.sort(batch))
            gradient = _gradient_sum(picked, _residuals(weights, picked, targets[np.sort(batch)])) / len(
                batch
            )
        else:
            # Poisson sampling: the accountant's amplification assumes exactly this.
            batch = np.flatnonzero(rng.random(n) < q)
            total = np.zeros_like(weights)
            if len(batch):
                picked = features.take(batch)
                residuals = _residuals(weights, picked, targets[batch])
                row_of = np.repeat(np.arange(len(batch)), np.diff(picked.indptr))
                row_norms = np.sqrt(np.bincount(row_of, weights=picked.values**2, minlength=len(batch)))
                norms = np.sqrt(row_norms**2 + 1.0) * np.linalg.norm(residuals, axis=1)
                scale = np.minimum(1.0, dp.clip / np.maximum(norms, 1e-12))
                total = _gradient_sum(picked, residuals * scale[:, None])
            total += rng.normal(0.0, dp.noise_multiplier * dp.clip, size=weights.shape)
            gradient = total / (q * n)  # the expected batch size, not the sampled one (unbiased)
        if training.optimizer == "adagrad":
            squares += gradient**2
            gradient = gradient / np.sqrt(squares)
        weights -= training.learning_rate * gradient
        weights *= 1.0 - training.l2
    return weights


@dataclass(frozen=True)
class SiteUpdate:
    """What one site contributes to a round: its update times its report count, and that count."""

    weighted_delta: Weights
    examples: int


def site_update(model: FindingsModel, new_weights: Weights, examples: int) -> SiteUpdate:
    return SiteUpdate((new_weights - model.weights) * examples, examples)


def aggregate(model: FindingsModel, sums: Weights, examples: float) -> FindingsModel:
    """FedAvg from the (securely aggregated) sums: global + Σ(Δ·n) / Σn."""
    if examples <= 0:
        raise TrainingError("no site reported any training example")
    return model.with_weights(model.weights + sums / examples)


def train_alone(
    features: FeatureMatrix, targets: Weights, rounds: int, rng: np.random.Generator
) -> FindingsModel:
    """One site training on its own reports only (or everyone's, pooled): the same recipe and
    rounds as a noise-free federated run, and nobody else's updates — the baselines."""
    model = initial_model(features.dims)
    for _ in range(rounds):
        model = model.with_weights(local_update(model, features, targets, PLAIN_RECIPE, rng))
    return model
