"""Scaling for Flower's SecAgg+ so that integer counts are summed exactly and never clipped.

SecAgg+ clips each value to [-clipping_range, clipping_range], maps it to an integer with
stochastic rounding at ``quantization_range / (2 * clipping_range)`` steps per unit, and sums
modulo ``modulus_range``; what comes back is the *mean* over the sites that answered (each
sends weight = max_weight). With quantization_range = 2 * clipping_range a step is exactly 1,
so integers go through unchanged (stochastic rounding of an integer is the integer), and the
sum is the mean times the number of answering sites. Every value is checked against the
range before it is handed to Flower: a value out of range is an error, never a silent clip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

CLIPPING_RANGE: Final = 2**21  # |value| a site may send: counts up to two million per site
QUANTIZATION_RANGE: Final = 2 * CLIPPING_RANGE  # one quantization step = 1: integers are exact
MODULUS_RANGE: Final = 2**32  # Flower's largest; sites x quantization_range must stay below it
MAX_WEIGHT: Final = 1.0


class ClippingError(ValueError):
    """A value would be clipped or wrap around in SecAgg+."""


@dataclass(frozen=True)
class SecAggScale:
    clipping_range: int = CLIPPING_RANGE
    quantization_range: int = QUANTIZATION_RANGE
    modulus_range: int = MODULUS_RANGE

    def check_sites(self, sites: int) -> None:
        # Each site adds at most quantization_range per cell, plus its weight factor.
        if (sites + 1) * self.quantization_range >= self.modulus_range:
            raise ClippingError(f"{sites} sites can overflow SecAgg+'s modulus ({self.modulus_range:,}); "
                                "lower the clipping range")  # fmt: skip

    def check_values(self, values: Sequence[int]) -> None:
        for index, value in enumerate(values):
            if not isinstance(value, int) or isinstance(value, bool):
                raise ClippingError(
                    f"cell {index}: SecAgg+ here carries integers, not {type(value).__name__}"
                )
            if abs(value) > self.clipping_range:
                raise ClippingError(f"cell {index}: |{value}| exceeds the clipping range "
                                    f"{self.clipping_range:,}; "
                                    "it would be clipped silently, so it is not sent")  # fmt: skip

    def total_from_mean(self, mean: Sequence[float], sites: int) -> list[int]:
        """The exact integer sum from SecAgg+'s mean over ``sites`` answering sites."""
        totals: list[int] = []
        for index, value in enumerate(mean):
            total = value * sites
            rounded = round(total)
            if abs(total - rounded) > 1e-3:  # not an integer sum: the scaling did not hold
                raise ClippingError(f"cell {index}: SecAgg+ returned {total!r}, not an integer sum")
            totals.append(int(rounded))
        return totals


# -- model updates (federated training) --------------------------------------------------------

UPDATE_UNIT: Final = 1000.0  # updates travel as (Δ·n, n) / UPDATE_UNIT, so values stay near 1
UPDATE_CLIPPING_RANGE: Final = 2**14
UPDATE_QUANTIZATION_RANGE: Final = 2**26  # a step of 2**-11 units: below 1e-3 of any weight at n >= 1


@dataclass(frozen=True)
class UpdateScale:
    """SecAgg+'s ranges for float model updates. Stochastic rounding keeps the sum unbiased;
    a value outside the clipping range is refused here, never clipped by Flower in silence."""

    clipping_range: int = UPDATE_CLIPPING_RANGE
    quantization_range: int = UPDATE_QUANTIZATION_RANGE
    modulus_range: int = MODULUS_RANGE

    def check_sites(self, sites: int) -> None:
        if (sites + 1) * self.quantization_range >= self.modulus_range:
            raise ClippingError(f"{sites} sites can overflow SecAgg+'s modulus ({self.modulus_range:,})")

    def check_values(self, values: Any) -> None:
        import numpy as np

        array = np.asarray(values, dtype=float)
        if not np.isfinite(array).all():
            raise ClippingError("the update holds values that are not finite; it is not sent")
        largest = float(np.abs(array).max()) if array.size else 0.0
        if largest > self.clipping_range:
            raise ClippingError(
                f"an update value of {largest:,.1f} exceeds SecAgg+'s clipping range "
                f"{self.clipping_range:,}; it would be clipped silently, so it is not sent"
            )
