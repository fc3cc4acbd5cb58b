"""Count regressions on lagged features: NB, zero-inflated NB, and gradient boosting.

NB and ZINB are fitted by statsmodels, gradient boosting with a Poisson loss by scikit-learn.

Each model is fitted on the direct multi-horizon training set of
:mod:`bastion.warning.models.features` and turned into a predictive distribution: NB with the
fitted mean and dispersion; for ZINB, a structural zero with the fitted probability, else
NB; for gradient boosting, NB around the boosted mean with the dispersion estimated from the
training residuals by the method of moments (Cameron & Trivedi 2013, ch. 3).

References
----------
Cameron, A. C. & Trivedi, P. K. (2013). *Regression Analysis of Count Data*, 2nd ed. CUP.
Lambert, D. (1992). Zero-inflated Poisson regression. *Technometrics* 34(1), 1-14.
Friedman, J. H. (2001). Greedy function approximation: a gradient boosting machine.
*Annals of Statistics* 29(5), 1189-1232.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bastion.warning.models.base import negative_binomial
from bastion.warning.models.features import NAMES, features, training_set
from bastion.warning.panel import Panel

__all__ = ["BoostedCounts", "NegativeBinomialRegression", "ZeroInflatedNB"]

HORIZONS = tuple(range(1, 15))
ZERO_FEATURES = (NAMES.index("mean12"), NAMES.index("share_nonzero"))
"""Features of the zero-inflation logit (with a constant)."""


def _design(x: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    return np.column_stack([np.ones(len(x)), x])


def _zero_design(x: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    return _design(x[:, list(ZERO_FEATURES)])


def _start(history: Panel) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], Any]:
    """Design matrix, targets, and Poisson GLM estimates to start the NB fits from."""
    import statsmodels.api as sm

    x, y = training_set(history, HORIZONS)
    design = _design(x)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        poisson = sm.GLM(y, design, family=sm.families.Poisson()).fit()
    return design, y, np.asarray(poisson.params)


def _mle(model: Any, start: np.ndarray[Any, Any], what: str) -> Any:
    """Maximum likelihood by L-BFGS from ``start``; an error if it does not converge."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # optimiser chatter; convergence is checked below
        result = model.fit(start_params=start, method="lbfgs", maxiter=2000, disp=0)
    if not result.mle_retvals.get("converged", False):
        raise RuntimeError(f"the {what} regression did not converge")
    return result


@dataclass
class NegativeBinomialRegression:
    """NB2 regression (log link) of the target month on the origin's features."""

    name: str = "negative_binomial"
    params: np.ndarray[Any, Any] = field(default_factory=lambda: np.zeros(0))
    alpha: float = 0.0
    history: Panel | None = None

    def fit(self, history: Panel) -> NegativeBinomialRegression:
        import statsmodels.api as sm

        design, y, start = _start(history)
        result = _mle(sm.NegativeBinomial(y, design), np.r_[start, 1.0], "negative binomial")
        self.params, self.alpha = np.asarray(result.params[:-1]), float(result.params[-1])
        self.history = history
        return self

    def mean(self, horizon: int) -> np.ndarray[Any, Any]:
        """Predicted mean of every unit ``horizon`` months after the history."""
        assert self.history is not None
        x = features(self.history.values, self.history.values.shape[1] - 1, horizon)
        return np.asarray(np.exp(np.clip(_design(x) @ self.params, -30, 15)))

    def sample(
        self, horizons: Sequence[int], draws: int, rng: np.random.Generator
    ) -> np.ndarray[Any, Any]:
        return np.stack(
            [negative_binomial(self.mean(h), self.alpha, draws, rng) for h in horizons], axis=1
        )


@dataclass
class ZeroInflatedNB:
    """Zero-inflated NB2: a logit for structural zeros and NB2 counts.

    The zero logit uses the 12-month mean and share of non-zero months; counts use every
    feature.
    """

    name: str = "zero_inflated_nb"
    result: Any = None
    history: Panel | None = None

    def fit(self, history: Panel) -> ZeroInflatedNB:
        from statsmodels.discrete.count_model import ZeroInflatedNegativeBinomialP

        design, y, start = _start(history)
        zeros = _zero_design(design[:, 1:])  # the design without its constant is the features
        model = ZeroInflatedNegativeBinomialP(y, design, exog_infl=zeros, p=2)
        self.result = _mle(model, np.r_[np.zeros(zeros.shape[1]), start, 1.0], "zero-inflated NB")
        self.history = history
        return self

    def sample(
        self, horizons: Sequence[int], draws: int, rng: np.random.Generator
    ) -> np.ndarray[Any, Any]:
        assert self.history is not None
        out = []
        params = np.asarray(self.result.params)
        k_infl = len(ZERO_FEATURES) + 1
        beta, alpha = params[k_infl:-1], float(params[-1])
        for h in horizons:
            x = features(self.history.values, self.history.values.shape[1] - 1, h)
            zero = 1 / (
                1 + np.exp(-np.clip(_design(x[:, list(ZERO_FEATURES)]) @ params[:k_infl], -30, 30))
            )
            mu = np.exp(np.clip(_design(x) @ beta, -30, 15))
            counts = negative_binomial(mu, alpha, draws, rng)
            out.append(np.where(rng.random(counts.shape) < zero[:, None], 0.0, counts))
        return np.stack(out, axis=1)


@dataclass
class BoostedCounts:
    """Histogram gradient boosting with a Poisson loss, NB predictive distribution."""

    name: str = "gradient_boosting"
    seed: int = 0
    model: Any = None
    alpha: float = 0.0
    history: Panel | None = None

    def fit(self, history: Panel) -> BoostedCounts:
        from sklearn.ensemble import HistGradientBoostingRegressor

        x, y = training_set(history, HORIZONS)
        self.model = HistGradientBoostingRegressor(
            loss="poisson",
            learning_rate=0.05,
            max_iter=300,
            max_leaf_nodes=15,
            min_samples_leaf=40,
            l2_regularization=1.0,
            random_state=self.seed,
        ).fit(x, y)
        mu = self.model.predict(x)
        self.alpha = float(max(0.0, np.sum((y - mu) ** 2 - mu) / max(np.sum(mu**2), 1e-12)))
        self.history = history
        return self

    def sample(
        self, horizons: Sequence[int], draws: int, rng: np.random.Generator
    ) -> np.ndarray[Any, Any]:
        assert self.history is not None
        origin = self.history.values.shape[1] - 1
        means = [self.model.predict(features(self.history.values, origin, h)) for h in horizons]
        return np.stack([negative_binomial(m, self.alpha, draws, rng) for m in means], axis=1)
