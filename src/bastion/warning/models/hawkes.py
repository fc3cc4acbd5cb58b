"""A discrete-time self-exciting (Hawkes) model of monthly counts: NB INGARCH(1, 1).

The intensity of unit ``i`` in month ``t`` is
``lambda_it = omega_i + a * y_i,t-1 + b * lambda_i,t-1`` and ``y_it ~ NB(lambda_it, alpha)``:
violence excites more violence next month (``a``), with memory that decays geometrically
(``b``) — the discrete-time form of a Hawkes process with an exponential kernel (Ferland,
Latour & Oraichi 2006; Fokianos, Rahbek & Tjøstheim 2009; for conflict, Mohler et al. 2011
and Zammit-Mangion et al. 2012 use the continuous form). The baseline is unit-specific but
shrunk: ``omega_i = (1 - a - b) * (c * ybar_i + w)`` with ``ybar_i`` the unit's mean, so only
five parameters (``a, b, c, w, alpha``) are fitted, by maximum likelihood over all units
(SciPy, L-BFGS-B), with ``a + b < 1`` (stationarity). Forecasts simulate paths forward.

References
----------
Ferland, R., Latour, A. & Oraichi, D. (2006). Integer-valued GARCH process. *Journal of Time
Series Analysis* 27(6), 923-942.
Fokianos, K., Rahbek, A. & Tjøstheim, D. (2009). Poisson autoregression. *JASA* 104(488),
1430-1439.
Mohler, G. O. et al. (2011). Self-exciting point process modeling of crime. *JASA* 106(493),
100-108.
Zammit-Mangion, A. et al. (2012). Point process modelling of the Afghan War Diary. *PNAS*
109(31), 12414-12419.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import optimize, special

from bastion.warning.models.base import negative_binomial
from bastion.warning.panel import Panel

__all__ = ["SelfExciting"]


def _intensity(
    y: np.ndarray[Any, Any], omega: np.ndarray[Any, Any], a: float, b: float
) -> np.ndarray[Any, Any]:
    lam = np.empty_like(y)
    lam[:, 0] = omega / max(1e-9, 1 - a - b)
    for t in range(1, y.shape[1]):
        lam[:, t] = omega + a * y[:, t - 1] + b * lam[:, t - 1]
    return lam


def _nb_loglik(y: np.ndarray[Any, Any], mu: np.ndarray[Any, Any], alpha: float) -> float:
    r = 1.0 / alpha
    mu = np.maximum(mu, 1e-9)
    return float(
        np.sum(
            special.gammaln(y + r)
            - special.gammaln(r)
            - special.gammaln(y + 1)
            + r * np.log(r / (r + mu))
            + y * np.log(mu / (r + mu))
        )
    )


@dataclass
class SelfExciting:
    """NB INGARCH(1, 1): discrete-time Hawkes (see the module docstring)."""

    name: str = "self_exciting"
    params: dict[str, float] = field(default_factory=dict)
    last_y: np.ndarray[Any, Any] = field(default_factory=lambda: np.zeros(0))
    last_lambda: np.ndarray[Any, Any] = field(default_factory=lambda: np.zeros(0))
    omega: np.ndarray[Any, Any] = field(default_factory=lambda: np.zeros(0))

    def fit(self, history: Panel) -> SelfExciting:
        y = np.nan_to_num(history.values, nan=0.0)
        ybar = y.mean(axis=1)

        def unpack(theta: np.ndarray[Any, Any]) -> tuple[float, float, float, float, float]:
            s = special.expit(theta[0])  # a + b in (0, 1)
            share = special.expit(theta[1])  # a / (a + b)
            return s * share, s * (1 - share), np.exp(theta[2]), np.exp(theta[3]), np.exp(theta[4])

        def loss(theta: np.ndarray[Any, Any]) -> float:
            a, b, c, w, alpha = unpack(theta)
            omega = (1 - a - b) * (c * ybar + w)
            lam = _intensity(y, omega, a, b)
            return -_nb_loglik(y[:, 1:], lam[:, 1:], alpha)

        start = np.array([1.0, 0.5, 0.0, -3.0, 0.0])
        result = optimize.minimize(loss, start, method="L-BFGS-B")
        a, b, c, w, alpha = unpack(result.x)
        self.params = {"a": a, "b": b, "c": c, "w": w, "alpha": alpha}
        self.omega = (1 - a - b) * (c * ybar + w)
        lam = _intensity(y, self.omega, a, b)
        self.last_y, self.last_lambda = y[:, -1], lam[:, -1]
        return self

    def sample(
        self, horizons: Sequence[int], draws: int, rng: np.random.Generator
    ) -> np.ndarray[Any, Any]:
        a, b, alpha = self.params["a"], self.params["b"], self.params["alpha"]
        steps = max(horizons)
        y = np.repeat(self.last_y[:, None], draws, axis=1)
        lam = np.repeat(self.last_lambda[:, None], draws, axis=1)
        paths = []
        for _ in range(steps):
            lam = self.omega[:, None] + a * y + b * lam
            y = negative_binomial(lam, alpha, 1, rng)[..., 0]
            paths.append(y)
        return np.stack([paths[h - 1] for h in horizons], axis=1)
