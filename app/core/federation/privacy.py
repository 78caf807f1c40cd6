"""Each site's own differential privacy noise, made and accounted by OpenDP.

A part of a query (a vector of counts whose L1 sensitivity is known) gets discrete Laplace
noise of scale sensitivity / ε_part, built with OpenDP's ``make_laplace`` over integer vectors;
OpenDP's privacy map confirms the ε before anything is released. A study's ε is split
equally over its parts (basic composition). Intervals for a consortium total use OpenDP's
accuracy for each site's noise at level α / sites, so by a union bound the stated interval
holds the noise-free total with probability at least 1 - α.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.core.federation.queries import Query

MIN_EPSILON = 0.01
MAX_EPSILON = 10.0


class PrivacyError(ValueError):
    """A privacy parameter is out of range, or OpenDP could not confirm the guarantee."""


@cache
def _opendp() -> Any:
    import opendp.prelude as dp

    dp.enable_features("contrib")  # make_laplace over integers is in OpenDP's contrib set
    return dp


def check_epsilon(epsilon: float) -> None:
    if (
        not (isinstance(epsilon, int | float) and math.isfinite(epsilon))
        or not MIN_EPSILON <= epsilon <= MAX_EPSILON
    ):
        raise PrivacyError(f"ε must be between {MIN_EPSILON} and {MAX_EPSILON}, not {epsilon!r}")


def scales(query: Query, epsilon: float) -> list[float]:
    """The discrete Laplace scale of every part of ``query`` at total ``epsilon``."""
    check_epsilon(epsilon)
    share = epsilon / len(query.parts())
    return [part.sensitivity / share for part in query.parts()]


@dataclass(frozen=True)
class Noised:
    parts: list[list[int]]
    scales: list[float]
    epsilon: float  # what OpenDP's privacy maps confirm, summed over the parts


def add_noise(query: Query, true_parts: Sequence[Sequence[int]], epsilon: float) -> Noised:
    """``true_parts`` with OpenDP discrete Laplace noise; refuses if OpenDP's privacy map of a
    part exceeds its share of ``epsilon``."""
    dp = _opendp()
    space = dp.vector_domain(dp.atom_domain(T=int)), dp.l1_distance(T=int)
    noised: list[list[int]] = []
    spent = 0.0
    part_scales = scales(query, epsilon)
    share = epsilon / len(part_scales)
    for part, values, scale in zip(query.parts(), true_parts, part_scales, strict=True):
        if len(values) != len(part.cells):
            raise PrivacyError(f"a part of {len(values)} values for {len(part.cells)} cells")
        measurement = dp.m.make_laplace(*space, scale=scale)
        confirmed = float(measurement.map(d_in=part.sensitivity))
        if confirmed > share * (1 + 1e-9):
            raise PrivacyError(f"OpenDP confirms ε = {confirmed:g} for a part, more than its share {share:g}")
        spent += confirmed
        noised.append([int(v) for v in measurement([int(v) for v in values])])
    return Noised(noised, part_scales, spent)


def half_width(scale: float, alpha: float) -> float:
    """How far one discrete Laplace draw of ``scale`` strays with probability at most ``alpha``."""
    if scale == 0:
        return 0.0
    return float(_opendp().discrete_laplacian_scale_to_accuracy(scale=scale, alpha=alpha))


def total_interval(total: float, site_scales: Sequence[float], alpha: float = 0.05) -> tuple[float, float]:
    """An interval for the noise-free sum of the sites' values around their noised sum."""
    if not 0 < alpha < 1:
        raise PrivacyError(f"α must be between 0 and 1, not {alpha}")
    if not site_scales:
        return total, total
    width = sum(half_width(s, alpha / len(site_scales)) for s in site_scales)
    return total - width, total + width
