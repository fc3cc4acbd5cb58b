"""The ViEWS 2023/24 prediction challenge backtest, country-month level (Hegre et al. 2024).

For each window (calendar year ``Y``) every model is fitted on the history up to October of
``Y - 1`` — a copy cut there (:meth:`Panel.until`), so nothing later can reach it — and
draws 1,000 samples for each country and month of ``Y`` (3 to 14 months ahead). Forecasts are
scored against the actuals with the challenge's metrics (:mod:`bastion.warning.scoring`).
The challenge's own benchmark forecasts (``benchmark_last_poisson``, ``benchmark_bootstrap``)
are scored from its files, for every year that has them. A window needs at least
``min_history`` months before its cut-off; with the shared files (from November 2017) that
is 2019, 2020 and 2021.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bastion._version import __version__
from bastion.io.views import BENCHMARKS, ChallengeData
from bastion.warning.models.base import Forecaster
from bastion.warning.panel import Panel, month_id
from bastion.warning.scoring import score

__all__ = ["RECOMMENDED", "Window", "default_models", "forecast_window", "run_challenge"]

RECOMMENDED = "ensemble"
"""The model Bastion recommends (chosen by the backtest: see docs/methods/warning.md)."""


def default_models(seed: int = 0) -> dict[str, Callable[[], Forecaster]]:
    """Every Bastion model of the backtest, by name (fresh instances on each call)."""
    from bastion.warning.models.benchmarks import Bootstrap, Conflictology, LastPoisson, Zero
    from bastion.warning.models.empirical import RecentHistory
    from bastion.warning.models.ensemble import Ensemble
    from bastion.warning.models.hawkes import SelfExciting
    from bastion.warning.models.regression import (
        BoostedCounts,
        NegativeBinomialRegression,
        ZeroInflatedNB,
    )

    return {
        "zero": Zero,
        "last_poisson": LastPoisson,
        "bootstrap": Bootstrap,
        "conflictology": Conflictology,
        "recent_history": RecentHistory,
        "negative_binomial": NegativeBinomialRegression,
        "zero_inflated_nb": ZeroInflatedNB,
        "gradient_boosting": lambda: BoostedCounts(seed=seed),
        "self_exciting": SelfExciting,
        "ensemble": lambda: Ensemble(
            [RecentHistory(), BoostedCounts(seed=seed), SelfExciting()], name="ensemble"
        ),
    }


@dataclass(frozen=True)
class Window:
    """One challenge year: its cut-off and target months."""

    year: int

    @property
    def cutoff(self) -> int:
        """October of the previous year."""
        return month_id(self.year - 1, 10)

    @property
    def months(self) -> np.ndarray[Any, Any]:
        """January to December of the year."""
        return np.arange(month_id(self.year, 1), month_id(self.year, 12) + 1)


def forecast_window(
    model: Forecaster, history: Panel, window: Window, draws: int, seed: int
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Fit ``model`` on ``history`` cut at the window's cut-off; samples for its months.

    Returns ``(keys, samples)``: keys are (month_id, unit) rows sorted like the challenge's
    actuals, samples ``(rows, draws)``.
    """
    past = history.until(window.cutoff)
    horizons = [int(m - window.cutoff) for m in window.months]
    draws_by_unit = model.fit(past).sample(horizons, draws, np.random.default_rng(seed))
    keys = np.array([(m, u) for m in window.months for u in past.units])
    samples = draws_by_unit.transpose(1, 0, 2).reshape(len(keys), draws)
    return keys, samples


def run_challenge(
    data: ChallengeData,
    *,
    years: Sequence[int] = (2018, 2019, 2020, 2021),
    models: dict[str, Callable[[], Forecaster]] | None = None,
    draws: int = 1000,
    seed: int = 0,
    min_history: int = 12,
) -> dict[str, Any]:
    """Score the benchmarks' files and every model for every window (see the module docstring)."""
    models = default_models(seed) if models is None else models
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    for year in years:
        window = Window(year)
        keys, actual = data.actuals(year)
        for name in BENCHMARKS:
            if (data.folder / f"{BENCHMARKS[name]}_{year}.parquet").exists():
                bkeys, bdraws = data.benchmark(name, year)
                _same_rows(keys, bkeys, f"{name} {year}")
                rows.append({"window": year, "model": name, **score(bdraws, actual)})
        available = int((data.history.months <= window.cutoff).sum())
        if available < min_history:
            notes.append(
                f"{year}: {available} months of history before the cut-off (month "
                f"{window.cutoff}); Bastion's models need {min_history}"
            )
            continue
        for k, (name, make) in enumerate(models.items()):
            fkeys, samples = forecast_window(
                make(), data.history, window, draws, seed + 1000 * k + year
            )
            _same_rows(keys, fkeys, f"{name} {year}")
            row = {"window": year, "model": name, **score(samples, actual)}
            if name == RECOMMENDED:
                row["recommended"] = True
            rows.append(row)
    return {
        "results": rows,
        "notes": notes,
        "draws": draws,
        "seed": seed,
        "bastion": __version__,
        "backend": "numpy",
        "data": str(data.folder),
    }


def _same_rows(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any], what: str) -> None:
    if a.shape != b.shape or not (a == b).all():
        raise ValueError(f"{what}: forecast rows do not match the actuals' (month, country) rows")
