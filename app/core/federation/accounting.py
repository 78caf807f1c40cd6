"""How much privacy a site's training costs: dp-accounting's RDP accountant for DP-SGD.

A site's training is ``rounds x steps`` Poisson-subsampled Gaussian mechanisms (sampling rate
q, noise multiplier z). The accountant turns that into (ε, δ); :func:`noise_for` finds the
smallest z whose ε is at most the study's. dp-accounting comes with the federation extra.
"""

from __future__ import annotations

import math
from typing import Any, Final

ACCOUNTANT: Final = "RDP (dp-accounting), Poisson-subsampled Gaussian, per report"
MAX_NOISE: Final = 1000.0


class AccountingError(ValueError):
    """The privacy parameters cannot be met (or are out of range)."""


def _accounting() -> Any:
    try:
        import dp_accounting
    except ImportError as exc:  # pragma: no cover - the extra is part of every test run
        raise AccountingError(
            "differentially private training needs the 'enclave[federation]' extra"
        ) from exc
    import logging

    # Its RDP series warns, per order, when an order does not converge; the order is dropped
    # and ε stays an upper bound, so the warnings say nothing an operator can act on.
    logging.getLogger("absl").setLevel(logging.ERROR)
    return dp_accounting


def epsilon(noise_multiplier: float, sample_rate: float, steps: int, delta: float) -> float:
    """ε at ``delta`` after ``steps`` DP-SGD steps."""
    if not (0 < sample_rate <= 1 and steps >= 1 and 0 < delta < 1 and noise_multiplier > 0):
        raise AccountingError("sampling rate in (0, 1], at least one step, δ in (0, 1), z > 0")
    dp = _accounting()
    accountant = dp.rdp.RdpAccountant()
    event = dp.PoissonSampledDpEvent(sample_rate, dp.GaussianDpEvent(noise_multiplier))
    accountant.compose(dp.SelfComposedDpEvent(event, steps))
    return float(accountant.get_epsilon(delta))


def noise_for(target_epsilon: float, sample_rate: float, steps: int, delta: float) -> float:
    """The smallest noise multiplier (to 0.1 %) whose ε is at most ``target_epsilon``."""
    if not (math.isfinite(target_epsilon) and target_epsilon > 0):
        raise AccountingError(f"ε must be a positive number, not {target_epsilon!r}")
    low, high = 0.05, 1.0
    while epsilon(high, sample_rate, steps, delta) > target_epsilon:
        low, high = high, high * 2
        if high > MAX_NOISE:
            raise AccountingError(f"no noise up to z = {MAX_NOISE:g} reaches ε = {target_epsilon:g}")
    while high - low > 1e-3 * high:
        middle = (low + high) / 2
        if epsilon(middle, sample_rate, steps, delta) > target_epsilon:
            low = middle
        else:
            high = middle
    return high
