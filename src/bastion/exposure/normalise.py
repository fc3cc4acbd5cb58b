"""Normalisation of indicators to a common scale (JRC/OECD Handbook, section 5).

Every function takes a 1-d array of raw values (NaN = missing, kept missing) and returns
normalised values; ``higher_is_better=True`` inverts the direction so that larger
normalised values always mean more risk. Functions that clip report how many values they
clipped, so that clipping is never hidden.

References
----------
OECD/JRC (2008). *Handbook on Constructing Composite Indicators* (Nardo et al.), section 5.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats

from bastion.errors import ParameterError

__all__ = [
    "Normalised",
    "distance_to_target",
    "goalposts",
    "log_transform",
    "min_max",
    "percentile_rank",
    "power_transform",
    "rank",
    "z_score",
]

Array = np.ndarray[Any, Any]


@dataclass(frozen=True)
class Normalised:
    """Normalised values and the number of values clipped to the scale."""

    values: Array
    clipped: int = 0


def _array(x: Any) -> Array:
    a = np.asarray(x, dtype=float)
    if a.ndim != 1:
        raise ParameterError(f"expected a 1-d array of indicator values; got shape {a.shape}")
    if np.isinf(a).any():
        raise ParameterError("indicator values must be finite (use NaN for missing values)")
    return a


def _direction(values: Array, higher_is_better: bool, top: float) -> Array:
    return top - values if higher_is_better else values


def min_max(x: Any, *, scale: float = 10.0, higher_is_better: bool = False) -> Normalised:
    """``(x - min) / (max - min) * scale`` over the observed values."""
    a = _array(x)
    low, high = np.nanmin(a), np.nanmax(a)
    if high == low:
        raise ParameterError(f"min-max needs at least two distinct values; all are {low}")
    return Normalised(_direction((a - low) / (high - low) * scale, higher_is_better, scale))


def goalposts(
    x: Any, low: float, high: float, *, scale: float = 10.0, higher_is_better: bool = False
) -> Normalised:
    """Min-max between fixed goalposts, values outside clipped (and counted)."""
    if not low < high:
        raise ParameterError(f"goalposts need min < max; got min={low}, max={high}")
    a = _array(x)
    clipped = int(np.sum((a < low) | (a > high)))
    scaled = (np.clip(a, low, high) - low) / (high - low) * scale
    return Normalised(_direction(scaled, higher_is_better, scale), clipped)


def z_score(x: Any, *, higher_is_better: bool = False) -> Normalised:
    """``(x - mean) / sd`` (sample standard deviation)."""
    a = _array(x)
    sd = np.nanstd(a, ddof=1)
    if not sd > 0:
        raise ParameterError("z-scores need values that vary")
    z = (a - np.nanmean(a)) / sd
    return Normalised(-z if higher_is_better else z)


def rank(x: Any, *, higher_is_better: bool = False) -> Normalised:
    """Ranks 1..n (average ranks for ties); missing values stay missing."""
    a = _array(x)
    out = np.full_like(a, np.nan)
    present = ~np.isnan(a)
    out[present] = stats.rankdata(-a[present] if higher_is_better else a[present])
    return Normalised(out)


def percentile_rank(x: Any, *, higher_is_better: bool = False) -> Normalised:
    """Percentile ranks in (0, 100]: the share of units at or below each value."""
    a = _array(x)
    ranks = rank(a, higher_is_better=higher_is_better).values
    return Normalised(ranks / np.sum(~np.isnan(a)) * 100)


def distance_to_target(x: Any, target: float, *, higher_is_better: bool = False) -> Normalised:
    """Relative distance to a target, ``(x - target) / |target|`` (0 at the target)."""
    if target == 0:
        raise ParameterError("distance to target needs a non-zero target")
    a = _array(x)
    d = (a - target) / abs(target)
    return Normalised(-d if higher_is_better else d)


def log_transform(x: Any, *, base: float = 10.0, offset: float = 0.0) -> Normalised:
    """``log(x + offset)`` in ``base``; values <= 0 after the offset are an error."""
    a = _array(x) + offset
    if np.nanmin(a) <= 0:
        raise ParameterError(
            f"log transform needs values > 0 after the offset; smallest is {np.nanmin(a)} "
            "(pass offset= to shift them)"
        )
    return Normalised(np.log(a) / np.log(base))


def power_transform(x: Any, power: float) -> Normalised:
    """``x ** power`` (e.g. 2 for the squared literacy rate INFORM uses)."""
    a = _array(x)
    if power != int(power) and np.nanmin(a) < 0:
        raise ParameterError("a fractional power needs non-negative values")
    return Normalised(a**power)
