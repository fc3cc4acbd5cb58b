"""Lagged features of a unit's history, and the direct multi-horizon training set.

At a forecast origin (a month ``t``) the features of a unit are ``log1p`` of its last value,
its means over the last 3 and 12 months and its 12-month maximum, the months since its last
non-zero month (capped at 24, scaled to [0, 1]) and the share of non-zero months in the last
12; the horizon ``s`` (months ahead, scaled by 12) is a feature too, so one pooled model
serves every horizon (the "direct" strategy of multi-step forecasting; Taieb et al. 2012).
Training pairs are every origin ``t`` and horizon ``s`` whose target month ``t + s`` lies in
the history given — never beyond it.

Reference: Ben Taieb, S. et al. (2012). A review and comparison of strategies for multi-step
ahead time series forecasting. *Expert Systems with Applications* 39(8), 7067-7083.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from bastion.warning.panel import Panel

__all__ = ["NAMES", "features", "training_set"]

NAMES = ("last", "mean3", "mean12", "max12", "since_nonzero", "share_nonzero", "horizon")


def features(values: np.ndarray[Any, Any], origin: int, horizon: int) -> np.ndarray[Any, Any]:
    """Feature rows of every unit at column ``origin`` (inclusive) for ``horizon``."""
    past = np.nan_to_num(values[:, max(0, origin - 11) : origin + 1], nan=0.0)
    nonzero = past > 0
    last_nonzero = np.where(nonzero.any(axis=1), np.argmax(nonzero[:, ::-1], axis=1), 24)
    return np.column_stack(
        [
            np.log1p(past[:, -1]),
            np.log1p(past[:, -3:].mean(axis=1)),
            np.log1p(past.mean(axis=1)),
            np.log1p(past.max(axis=1)),
            np.minimum(last_nonzero, 24) / 24,
            nonzero.mean(axis=1),
            np.full(past.shape[0], horizon / 12),
        ]
    )


def training_set(
    history: Panel, horizons: Sequence[int], *, min_past: int = 3
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """``(X, y)`` of every (unit, origin, horizon) whose target is inside ``history``.

    Horizons longer than the history allows are trained at the longest that fits.
    """
    values = history.values
    months = values.shape[1]
    rows, targets = [], []
    longest = months - min_past
    for s in sorted({min(h, longest) for h in horizons if h >= 1}):
        for origin in range(min_past - 1, months - s):
            target = values[:, origin + s]
            known = ~np.isnan(target)
            rows.append(features(values, origin, s)[known])
            targets.append(target[known])
    if not rows:
        raise ValueError("the history is too short to train on")
    return np.vstack(rows), np.concatenate(targets)
