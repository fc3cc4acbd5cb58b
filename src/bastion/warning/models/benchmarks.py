"""The ViEWS 2023/24 challenge's benchmark models (Hegre et al. 2024), re-implemented.

- ``zero``: every draw is 0.
- ``last_poisson``: Poisson with mean equal to the last observed month.
- ``bootstrap``: draws from the pooled values of every unit over the last 12 months (the
  same distribution for every unit).
- ``conflictology``: draws from the unit's own last 12 months.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bastion.warning.panel import Panel

__all__ = ["Bootstrap", "Conflictology", "LastPoisson", "Zero"]


def _recent(history: Panel, months: int) -> np.ndarray[Any, Any]:
    return np.asarray(np.nan_to_num(history.values[:, -months:], nan=0.0))


@dataclass
class Zero:
    """No fatalities, ever."""

    name: str = "benchmark_zero"
    units: int = 0

    def fit(self, history: Panel) -> Zero:
        self.units = history.units.size
        return self

    def sample(
        self, horizons: Sequence[int], draws: int, rng: np.random.Generator
    ) -> np.ndarray[Any, Any]:
        return np.zeros((self.units, len(horizons), draws))


@dataclass
class LastPoisson:
    """Poisson around the last observed month."""

    name: str = "last_poisson"
    last: np.ndarray[Any, Any] = field(default_factory=lambda: np.zeros(0))

    def fit(self, history: Panel) -> LastPoisson:
        self.last = _recent(history, 1)[:, 0]
        return self

    def sample(
        self, horizons: Sequence[int], draws: int, rng: np.random.Generator
    ) -> np.ndarray[Any, Any]:
        return rng.poisson(self.last[:, None, None], (self.last.size, len(horizons), draws)).astype(
            float
        )


@dataclass
class Bootstrap:
    """Resampling of every unit's last 12 months, pooled."""

    name: str = "bootstrap"
    window: int = 12
    pool: np.ndarray[Any, Any] = field(default_factory=lambda: np.zeros(0))
    units: int = 0

    def fit(self, history: Panel) -> Bootstrap:
        self.pool = _recent(history, self.window).ravel()
        self.units = history.units.size
        return self

    def sample(
        self, horizons: Sequence[int], draws: int, rng: np.random.Generator
    ) -> np.ndarray[Any, Any]:
        return rng.choice(self.pool, size=(self.units, len(horizons), draws))


@dataclass
class Conflictology:
    """Resampling of the unit's own last 12 months."""

    name: str = "conflictology"
    window: int = 12
    recent: np.ndarray[Any, Any] = field(default_factory=lambda: np.zeros((0, 0)))

    def fit(self, history: Panel) -> Conflictology:
        self.recent = _recent(history, self.window)
        return self

    def sample(
        self, horizons: Sequence[int], draws: int, rng: np.random.Generator
    ) -> np.ndarray[Any, Any]:
        n, w = self.recent.shape
        pick = rng.integers(0, w, size=(n, len(horizons) * draws))
        return np.take_along_axis(self.recent, pick, axis=1).reshape(n, len(horizons), draws)
