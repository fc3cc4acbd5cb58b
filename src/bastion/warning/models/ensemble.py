"""An ensemble: a mixture of member forecasts, drawn member by member.

Each of the ``draws`` samples of a unit-month comes from one member, chosen with the
member weights (equal by default); the mixture of predictive distributions is the standard
way to pool probabilistic forecasts (the linear pool; Stone 1961; Gneiting & Ranjan 2013).

References
----------
Stone, M. (1961). The opinion pool. *Annals of Mathematical Statistics* 32(4), 1339-1342.
Gneiting, T. & Ranjan, R. (2013). Combining predictive distributions. *Electronic Journal of
Statistics* 7, 1747-1782.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bastion.warning.models.base import Forecaster
from bastion.warning.panel import Panel

__all__ = ["Ensemble"]


@dataclass
class Ensemble:
    """Linear pool of ``members`` with ``weights`` (normalised; equal when omitted)."""

    members: list[Forecaster]
    weights: list[float] | None = None
    name: str = "ensemble"
    fitted: list[Forecaster] = field(default_factory=list)

    def fit(self, history: Panel) -> Ensemble:
        self.fitted = [m.fit(history) for m in self.members]
        return self

    def sample(
        self, horizons: Sequence[int], draws: int, rng: np.random.Generator
    ) -> np.ndarray[Any, Any]:
        w = np.asarray(self.weights or [1.0] * len(self.fitted), dtype=float)
        w = w / w.sum()
        samples = np.stack([m.sample(horizons, draws, rng) for m in self.fitted])
        pick = rng.choice(len(self.fitted), size=samples.shape[1:], p=w)
        return np.asarray(np.take_along_axis(samples, pick[None], axis=0)[0])
