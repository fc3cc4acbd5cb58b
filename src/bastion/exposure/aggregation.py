"""Aggregation operators and rounding rules for composite indicators.

Operators take an ``(n_units, n_children)`` array of scores on a 0-10 (or any) scale and
``n_children`` weights, and skip missing values (NaN) by renormalising the weights over
the children present: INFORM's drop-from-average rule (Marin-Ferrer, Vernaccini & Poljansek
2017, INFORM Index for Risk Management: concept and methodology, JRC).

References
----------
OECD/JRC (2008), *Handbook on Constructing Composite Indicators: Methodology and User
Guide* (Nardo et al.), sections 6 (weighting and aggregation).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from bastion.errors import ParameterError

__all__ = ["AGGREGATORS", "aggregate", "inform_operator", "round_half_away"]

Array = np.ndarray[Any, Any]


def round_half_away(x: Any, decimals: int) -> Array:
    """Round half away from zero to ``decimals`` places, as Excel's ROUND does.

    Python's ``round`` and NumPy's ``round`` round half to even (2.25 -> 2.2); INFORM's
    workbook uses Excel's ROUND (2.25 -> 2.3) on each level. A relative tolerance of 1e-12
    absorbs binary representation error (2.25 may be stored as 2.2499999999999996), like
    Excel's 15-significant-digit arithmetic.

    >>> round_half_away([2.25, -2.25, 2.35, 0.05], 1).tolist()
    [2.3, -2.3, 2.4, 0.1]
    """
    a = np.asarray(x, dtype=float)
    scale = 10.0**decimals
    scaled = np.abs(a) * scale
    rounded = np.floor(scaled * (1 + 1e-12) + 0.5)
    return np.asarray(np.sign(a) * rounded / scale + 0.0)  # + 0.0: no negative zero


def _weights(values: Array, weights: Array) -> Array:
    """Weights per unit with missing children dropped, renormalised to sum to 1."""
    present = ~np.isnan(values)
    w = np.where(present, weights, 0.0)
    total = w.sum(axis=-1, keepdims=True)
    return np.asarray(np.divide(w, total, out=np.full_like(w, np.nan), where=total > 0))


def _arithmetic(values: Array, weights: Array) -> Array:
    w = _weights(values, weights)
    out = np.sum(np.nan_to_num(values) * np.nan_to_num(w), axis=-1)
    return np.asarray(np.where(np.isnan(w).all(axis=-1), np.nan, out))


def _generalised(power: float) -> Callable[[Array, Array], Array]:
    def mean(values: Array, weights: Array) -> Array:
        w = _weights(values, weights)
        x = np.where(np.isnan(values), 1.0, values)
        if power == 0:
            with np.errstate(divide="ignore"):
                out = np.exp(np.nansum(w * np.log(x), axis=-1))
        else:
            with np.errstate(divide="ignore"):
                out = np.nansum(w * x**power, axis=-1) ** (1 / power)
        return np.where(np.isnan(w).all(axis=-1), np.nan, out)

    return mean


def inform_operator(values: Array, weights: Array) -> Array:
    """INFORM's aggregation: ``G(x) = (10 - geomean((10 - x)/10*9 + 1)) / 9 * 10``.

    A geometric mean of the complements, mapped to [1, 10] and back, so that one high
    score is not averaged away (INFORM methodology 2017).
    """
    complements = (10 - values) / 10 * 9 + 1
    return (10 - _generalised(0)(complements, weights)) / 9 * 10


AGGREGATORS: dict[str, Callable[[Array, Array], Array]] = {
    "arithmetic": _arithmetic,
    "geometric": _generalised(0),
    "harmonic": _generalised(-1),
    "inform": inform_operator,
}


def aggregate(
    values: Any, weights: Any = None, *, method: str = "arithmetic", power: float | None = None
) -> Array:
    """Aggregate ``values`` (units x children) with ``weights`` by ``method``.

    ``method`` is ``arithmetic``, ``geometric``, ``harmonic``, ``inform`` or ``power``
    (generalised mean of order ``power``). Missing values (NaN) are dropped from the
    average; a unit with every child missing is NaN.
    """
    x = np.atleast_2d(np.asarray(values, dtype=float))
    w = np.ones(x.shape[1]) if weights is None else np.asarray(weights, dtype=float)
    if w.shape != (x.shape[1],) or (w < 0).any() or not np.isfinite(w).all() or w.sum() == 0:
        raise ParameterError(
            f"weights must be {x.shape[1]} non-negative numbers, not all zero; got {w.tolist()}"
        )
    if method == "power":
        if power is None:
            raise ParameterError("method='power' needs power=p (the order of the mean)")
        return _generalised(power)(x, w)
    try:
        return AGGREGATORS[method](x, w)
    except KeyError:
        raise ParameterError(
            f"unknown aggregation {method!r}; expected one of: {', '.join([*AGGREGATORS, 'power'])}"
        ) from None
