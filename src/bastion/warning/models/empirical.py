"""Recent history, weighted: resample the unit's past months, recent ones more often.

Each resampled value is the mean of a Poisson draw.

This is the conflictology benchmark (Hegre et al. 2024) with two changes that are Bastion's
own: months are drawn with weights halving every ``half_life`` months (so a conflict that
ended recently fades and one that flared recently counts), and each drawn value is the mean
of a Poisson draw, which spreads the predictive distribution between observed values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bastion.warning.panel import Panel

__all__ = ["RecentHistory"]


@dataclass
class RecentHistory:
    """Exponentially weighted resampling of the unit's history, with Poisson noise."""

    name: str = "recent_history"
    half_life: float = 6.0
    window: int = 36
    recent: np.ndarray[Any, Any] = field(default_factory=lambda: np.zeros((0, 0)))

    def fit(self, history: Panel) -> RecentHistory:
        self.recent = np.nan_to_num(history.values[:, -self.window :], nan=0.0)
        return self

    def sample(
        self, horizons: Sequence[int], draws: int, rng: np.random.Generator
    ) -> np.ndarray[Any, Any]:
        n, w = self.recent.shape
        age = np.arange(w)[::-1]
        weights = 0.5 ** (age / self.half_life)
        pick = rng.choice(w, size=(n, len(horizons) * draws), p=weights / weights.sum())
        means = np.take_along_axis(self.recent, pick, axis=1)
        return rng.poisson(means).astype(float).reshape(n, len(horizons), draws)
