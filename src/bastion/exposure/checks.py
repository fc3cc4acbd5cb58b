"""Multivariate checks of a composite index (JRC/OECD Handbook, section 4).

References
----------
Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
*Psychometrika* 16(3), 297-334. OECD/JRC (2008), *Handbook on Constructing Composite
Indicators*, section 4 (multivariate analysis).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from bastion.errors import ParameterError

__all__ = ["correlation_matrix", "cronbach_alpha"]


def _matrix(columns: Mapping[str, Any]) -> tuple[list[str], np.ndarray[Any, Any]]:
    names = list(columns)
    if len(names) < 2:
        raise ParameterError("needs at least two indicators")
    data = np.column_stack([np.asarray(columns[n], dtype=float) for n in names])
    complete = ~np.isnan(data).any(axis=1)
    if complete.sum() < 3:
        raise ParameterError("needs at least three units with every indicator present")
    return names, data[complete]


def cronbach_alpha(columns: Mapping[str, Any]) -> float:
    """Cronbach's alpha of the indicators (units with a missing value are left out).

    ``alpha = k / (k - 1) * (1 - sum(var_i) / var(sum))``; 0.7 or more is the usual
    threshold for a coherent group of indicators.

    >>> round(cronbach_alpha({"a": [1, 2, 3, 4], "b": [2, 3, 4, 5], "c": [1, 3, 2, 4]}), 3)
    0.951
    """
    names, data = _matrix(columns)
    k = len(names)
    item_variance = data.var(axis=0, ddof=1).sum()
    total_variance = data.sum(axis=1).var(ddof=1)
    if total_variance == 0:
        raise ParameterError("the indicators' sum does not vary: alpha is undefined")
    return float(k / (k - 1) * (1 - item_variance / total_variance))


def correlation_matrix(
    columns: Mapping[str, Any], *, method: str = "pearson"
) -> tuple[list[str], np.ndarray[Any, Any]]:
    """Pearson or Spearman correlations between indicators (complete units only)."""
    from scipy import stats

    names, data = _matrix(columns)
    if method == "pearson":
        return names, np.corrcoef(data, rowvar=False)
    if method == "spearman":
        rho = np.asarray(stats.spearmanr(data).statistic)
        if rho.ndim == 0:  # SciPy returns a scalar for two variables
            rho = np.array([[1.0, float(rho)], [float(rho), 1.0]])
        return names, rho
    raise ParameterError(f"method must be 'pearson' or 'spearman'; got {method!r}")
