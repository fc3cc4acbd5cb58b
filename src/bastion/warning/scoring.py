"""Scores of probabilistic count forecasts given as samples: the ViEWS challenge metrics.

- **CRPS** in its standard (not "fair") sample form, ``E|X - y| - E|X - X'| / 2``, computed
  by scoringrules' quantile-decomposition estimator (exact for samples, ``O(m log m)``).
- **Ignorance** (log score, base 2) over the challenge's bins ``[0, 0.5, 2.5, 5.5, 10.5, 25.5,
  50.5, 100.5, 250.5, 500.5, 1000.5, inf)``, with one count added to every bin so that no
  outcome has probability zero.
- **Mean interval score** of the central 90 % interval (Gneiting & Raftery 2007): width plus
  ``2 / alpha`` times the miss, with ``alpha = 0.1``.

With these definitions the challenge's own benchmark files score exactly the published values
(see the tests and ``docs/methods/warning.md``).

References
----------
Gneiting, T. & Raftery, A. E. (2007). Strictly proper scoring rules, prediction, and
estimation. *JASA* 102(477), 359-378.
Hegre, H. et al. (2024). The 2023/24 VIEWS prediction challenge. arXiv:2407.11045.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["IGN_BINS", "crps", "ignorance", "interval_score", "score"]

IGN_BINS = np.array([0, 0.5, 2.5, 5.5, 10.5, 25.5, 50.5, 100.5, 250.5, 500.5, 1000.5, np.inf])


def _check(draws: np.ndarray[Any, Any], actual: np.ndarray[Any, Any]) -> None:
    if draws.ndim != 2 or draws.shape[0] != actual.shape[0]:
        raise ValueError(
            f"draws must be (units, samples) matching {actual.shape[0]} actuals; got {draws.shape}"
        )


def crps(draws: np.ndarray[Any, Any], actual: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """CRPS of each row of ``draws`` against ``actual`` (standard sample form)."""
    import scoringrules as sr

    _check(draws, actual)
    return np.asarray(sr.crps_ensemble(actual.astype(float), draws.astype(float), estimator="qd"))


def ignorance(draws: np.ndarray[Any, Any], actual: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Binned ignorance score (bits) of each row, one count added to every bin."""
    _check(draws, actual)
    k = IGN_BINS.size - 1
    counts = np.stack(
        [((draws >= IGN_BINS[b]) & (draws < IGN_BINS[b + 1])).sum(axis=1) for b in range(k)],
        axis=1,
    )
    hit = np.searchsorted(IGN_BINS, actual, side="right") - 1
    p = (counts[np.arange(actual.size), hit] + 1) / (draws.shape[1] + k)
    return np.asarray(-np.log2(p))


def interval_score(
    draws: np.ndarray[Any, Any], actual: np.ndarray[Any, Any], alpha: float = 0.1
) -> np.ndarray[Any, Any]:
    """Interval score of the central ``1 - alpha`` interval of each row."""
    import scoringrules as sr

    _check(draws, actual)
    lower = np.quantile(draws, alpha / 2, axis=1)
    upper = np.quantile(draws, 1 - alpha / 2, axis=1)
    return np.asarray(sr.interval_score(actual.astype(float), lower, upper, alpha))


def score(draws: np.ndarray[Any, Any], actual: np.ndarray[Any, Any]) -> dict[str, float]:
    """Mean CRPS, ignorance and interval score over the rows."""
    return {
        "crps": float(crps(draws, actual).mean()),
        "ign": float(ignorance(draws, actual).mean()),
        "mis": float(interval_score(draws, actual).mean()),
    }
