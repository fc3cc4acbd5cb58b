"""What a forecasting model is: fit on a history panel, then draw samples ahead."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from bastion.warning.panel import Panel

__all__ = ["MAX_MEAN", "Forecaster", "negative_binomial"]

MAX_MEAN = 1e6
"""Means are capped here (a million deaths in a country-month): an extrapolating model
must not produce numbers no sampler can draw."""


class Forecaster(Protocol):
    """A probabilistic forecaster of unit-month counts.

    ``fit`` sees only the history it is given (the backtest gives a copy cut at the
    forecast origin); ``sample`` returns draws of shape ``(units, horizons, draws)`` for
    the months ``horizons`` steps after the history's last month.
    """

    name: str

    def fit(self, history: Panel) -> Forecaster:
        """Learn from ``history``; returns self."""
        ...

    def sample(
        self, horizons: Sequence[int], draws: int, rng: np.random.Generator
    ) -> np.ndarray[Any, Any]:
        """Samples ``(units, len(horizons), draws)``."""
        ...


def negative_binomial(
    mean: np.ndarray[Any, Any],
    alpha: float | np.ndarray[Any, Any],
    draws: int,
    rng: np.random.Generator,
) -> np.ndarray[Any, Any]:
    """Draws from NB with ``mean`` and dispersion ``alpha`` (variance ``mu + alpha mu^2``).

    Poisson where ``alpha`` is (nearly) 0; shape ``mean.shape + (draws,)``.
    """
    mu = np.clip(np.asarray(mean, dtype=float), 0.0, MAX_MEAN)[..., None]
    a = np.broadcast_to(np.asarray(alpha, dtype=float), np.asarray(mean).shape)[..., None]
    size = (*mu.shape[:-1], draws)
    poisson = a <= 1e-6
    r = np.where(poisson, 1.0, 1.0 / np.maximum(a, 1e-6))
    p = np.where(poisson, 0.5, r / (r + mu))
    nb = rng.negative_binomial(np.broadcast_to(r, size), np.broadcast_to(p, size))
    return np.where(poisson, rng.poisson(np.broadcast_to(mu, size)), nb).astype(float)
