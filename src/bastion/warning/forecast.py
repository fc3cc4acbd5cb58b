"""Forecasts from the event store: a unit-month panel, samples, exceedance probabilities.

The panel is built from :func:`bastion.warning.indicators.unit_months` (one row per unit and
month, zero where nothing happened). A forecast fits a model on the whole panel and draws
``draws`` samples for each unit and each of the next ``horizon`` months; it reports their
mean, median, 5 %/25 %/75 %/95 % quantiles and the probability of at least ``exceed`` (25
battle deaths by default — UCDP's threshold of an armed conflict year, per month here).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bastion.errors import ParameterError
from bastion.warning.models.base import Forecaster
from bastion.warning.panel import Panel

__all__ = ["MAX_SAMPLES", "forecast", "panel_from_table", "summarise"]

MAX_SAMPLES = 100_000_000
"""Samples one forecast may hold in memory (800 MB of float64)."""


def panel_from_table(table: dict[str, Any], column: str = "fatalities") -> tuple[Panel, list[str]]:
    """Units x months of ``column`` from a :func:`unit_months` table, and the units left out.

    Only units whose data reach the latest month are kept (a file that ends earlier says
    nothing about the months after it); months before a unit's first event are 0.
    """
    last = int(table["month_id"].max())
    ends: dict[str, int] = {}
    for u, m in zip(table["unit"].tolist(), table["month_id"].tolist(), strict=True):
        ends[u] = max(ends.get(u, m), m)
    dropped = sorted(u for u, m in ends.items() if m < last)
    keep = np.isin(table["unit"], dropped, invert=True)
    units = np.unique(table["unit"][keep])
    months = np.arange(int(table["month_id"].min()), last + 1)
    values = np.zeros((units.size, months.size))
    rows = np.searchsorted(units, table["unit"][keep])
    values[rows, table["month_id"][keep].astype(int) - months[0]] = table[column][keep].astype(
        float
    )
    return Panel(units, months, values), dropped


def forecast(
    panel: Panel,
    model: Forecaster,
    *,
    horizon: int = 12,
    draws: int = 1000,
    exceed: float = 25.0,
    seed: int = 0,
) -> dict[str, Any]:
    """Samples and their summaries for the ``horizon`` months after the panel."""
    if horizon < 1 or draws < 10:
        raise ParameterError(f"horizon must be >= 1 and draws >= 10; got {horizon}, {draws}")
    size = panel.units.size * horizon * draws
    if size > MAX_SAMPLES:
        raise ParameterError(
            f"{panel.units.size:,} units x {horizon} months x {draws:,} draws is {size:,} samples "
            f"({size * 8 / 2**30:.1f} GiB); the limit is {MAX_SAMPLES:,}: use fewer draws, a "
            "shorter horizon or a coarser level"
        )
    steps = list(range(1, horizon + 1))
    samples = model.fit(panel).sample(steps, draws, np.random.default_rng(seed))
    return summarise(samples, panel.units, panel.last_month + np.array(steps), exceed)


def summarise(
    samples: np.ndarray[Any, Any],
    units: np.ndarray[Any, Any],
    months: np.ndarray[Any, Any],
    exceed: float = 25.0,
) -> dict[str, Any]:
    """Samples ``(units, months, draws)`` with their mean, quantiles and P(>= ``exceed``)."""
    q = np.quantile(samples, [0.05, 0.25, 0.5, 0.75, 0.95], axis=2)
    return {
        "units": units,
        "months": months,
        "samples": samples,
        "mean": samples.mean(axis=2),
        "q05": q[0],
        "q25": q[1],
        "median": q[2],
        "q75": q[3],
        "q95": q[4],
        "p_exceed": (samples >= exceed).mean(axis=2),
        "exceed": exceed,
    }
