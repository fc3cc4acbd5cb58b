"""Imputation of missing indicator values, with a record of every value imputed.

INFORM's own rule is to leave values missing and drop them from averages (see
:mod:`bastion.exposure.aggregation`); these methods are for indices that need complete
data. Each returns the completed column and a boolean mask of what was imputed, so that
reports can show it (Handbook on Constructing Composite Indicators, section 3).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np

from bastion.errors import ParameterError

__all__ = ["impute"]


def impute(
    values: Any,
    *,
    method: Literal["mean", "median", "group_mean", "group_median"] = "mean",
    groups: Sequence[Any] | None = None,
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Fill NaNs of ``values``; return ``(completed, imputed_mask)``.

    ``group_mean`` / ``group_median`` use the statistic of the unit's group (e.g. its
    region), falling back to the overall statistic for a group with no observed value.
    """
    x = np.asarray(values, dtype=float)
    missing = np.isnan(x)
    if missing.all():
        raise ParameterError("cannot impute: every value is missing")
    stat = np.nanmean if method in ("mean", "group_mean") else np.nanmedian
    overall = float(stat(x))
    if method in ("mean", "median"):
        return np.where(missing, overall, x), missing
    if method not in ("group_mean", "group_median"):
        raise ParameterError(
            f"method must be mean, median, group_mean or group_median; got {method!r}"
        )
    if groups is None or len(groups) != len(x):
        raise ParameterError(f"{method} needs one group label per value ({len(x)})")
    labels = np.asarray(groups, dtype=object)
    filled = x.copy()
    for label in set(labels[missing].tolist()):
        members = labels == label
        observed = x[members & ~missing]
        filled[members & missing] = float(stat(observed)) if observed.size else overall
    return filled, missing
