"""The consortium's findings classifier: one probability per finding label from report text.

A multi-label logistic regression over hashed features (features.py): a (dims + 1) x labels
weight matrix, the last row the biases. It predicts a report in well under a millisecond on
one CPU core, needs nothing but numpy, and holds no word of any report: its numbers are
column weights of a hash. Training (at a site, with or without differential privacy) is in
training.py; the signed file it travels in is model_file.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import numpy.typing as npt

from app.core.federation.features import DEFAULT_DIMS, FEATURE_VERSION, FeatureMatrix, featurise
from app.core.federation.records import STUDY_LABELS

MODEL_NAME: Final = "findings"
THRESHOLD: Final = 0.5


def sigmoid(scores: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    result: npt.NDArray[np.float64] = 0.5 * (1.0 + np.tanh(0.5 * scores))  # no overflow warnings
    return result


@dataclass(frozen=True)
class FindingsModel:
    labels: tuple[str, ...]
    dims: int
    weights: npt.NDArray[np.float64] = field(repr=False)  # (dims + 1, len(labels))
    feature_version: int = FEATURE_VERSION
    # Held-out precision per label, when a calibrated training run measured it; without it the
    # second opinion shows probabilities only and never flags a disagreement.
    label_precision: dict[str, float] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        expected = (self.dims + 1, len(self.labels))
        if self.weights.shape != expected:
            raise ValueError(f"weights of shape {self.weights.shape}, expected {expected}")

    @classmethod
    def zeros(cls, labels: Sequence[str] = STUDY_LABELS, dims: int = DEFAULT_DIMS) -> FindingsModel:
        return cls(tuple(labels), dims, np.zeros((dims + 1, len(labels))))

    def with_weights(self, weights: npt.NDArray[np.float64]) -> FindingsModel:
        return FindingsModel(
            self.labels, self.dims, np.asarray(weights, dtype=np.float64), self.feature_version,
            self.label_precision,
        )

    def probabilities(self, features: FeatureMatrix) -> npt.NDArray[np.float64]:
        if features.dims != self.dims:
            raise ValueError(f"features of {features.dims} columns for a model of {self.dims}")
        return sigmoid(features.dot(self.weights[:-1]) + self.weights[-1])

    def predict(self, text: str) -> dict[str, float]:
        """Label -> probability that the report states the finding as present."""
        row = self.probabilities(featurise([text], self.dims))[0]
        return {label: float(p) for label, p in zip(self.labels, row, strict=True)}


def labels_matrix(
    rows: Sequence[dict[str, int]], labels: Sequence[str] = STUDY_LABELS
) -> npt.NDArray[np.float64]:
    """0/1 targets, one row per example (label -> 1 present, 0 not)."""
    return np.asarray(
        [[float(row.get(label, 0)) for label in labels] for row in rows], dtype=np.float64
    ).reshape(len(rows), len(labels))


@dataclass(frozen=True)
class Scores:
    macro_f1: float
    per_label: dict[str, float]  # labels with at least one positive in the test set
    left_out: tuple[str, ...]  # labels with none (F1 undefined there)


def f1_scores(
    model: FindingsModel,
    features: FeatureMatrix,
    targets: npt.NDArray[np.float64],
    threshold: float = THRESHOLD,
) -> Scores:
    predicted = model.probabilities(features) >= threshold
    truth = targets >= 0.5
    per_label: dict[str, float] = {}
    left_out: list[str] = []
    for column, label in enumerate(model.labels):
        positives = int(truth[:, column].sum())
        if positives == 0:
            left_out.append(label)
            continue
        tp = int((predicted[:, column] & truth[:, column]).sum())
        fp = int((predicted[:, column] & ~truth[:, column]).sum())
        fn = positives - tp
        per_label[label] = 2 * tp / (2 * tp + fp + fn)
    macro = float(np.mean(list(per_label.values()))) if per_label else 0.0
    return Scores(macro, per_label, tuple(left_out))
