"""A unit-month panel of counts, and the cut-off that keeps the future out of a forecast.

Months are ViEWS ``month_id`` numbers (1 = January 1980; ``(year - 1980) * 12 + month``).
A :class:`Panel` handed to a model by the backtest is made with :meth:`Panel.until`: a copy
holding no month after the cut-off, so no model can see the future even by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bastion.errors import ParameterError

__all__ = ["Panel", "month_id", "month_label", "month_of"]


def month_id(year: int, month: int) -> int:
    """The ViEWS month number of ``year``-``month``."""
    return (year - 1980) * 12 + month


def month_of(mid: int) -> tuple[int, int]:
    """``(year, month)`` of a ViEWS month number."""
    return 1980 + (mid - 1) // 12, (mid - 1) % 12 + 1


def month_label(mid: int) -> str:
    """``YYYY-MM`` of a ViEWS month number."""
    year, month = month_of(int(mid))
    return f"{year}-{month:02d}"


@dataclass(frozen=True)
class Panel:
    """Counts per unit (rows) and consecutive month (columns); NaN where unobserved."""

    units: np.ndarray[Any, Any]
    months: np.ndarray[Any, Any]
    values: np.ndarray[Any, Any]

    def __post_init__(self) -> None:
        if self.values.shape != (self.units.size, self.months.size):
            raise ParameterError(
                f"values are {self.values.shape}; expected {self.units.size} units x "
                f"{self.months.size} months"
            )
        if self.months.size and not (np.diff(self.months) == 1).all():
            raise ParameterError("months must be consecutive")

    @property
    def last_month(self) -> int:
        """The last month with data."""
        return int(self.months[-1])

    def until(self, cutoff: int) -> Panel:
        """A copy with the months up to and including ``cutoff`` only."""
        keep = self.months <= cutoff
        if not keep.any():
            raise ParameterError(f"no data on or before month {cutoff}")
        return Panel(self.units.copy(), self.months[keep].copy(), self.values[:, keep].copy())

    def window(self, start: int, end: int) -> np.ndarray[Any, Any]:
        """Values of months ``start..end`` (inclusive) — all of which must be present."""
        if start < self.months[0] or end > self.months[-1]:
            raise ParameterError(
                f"months {start}-{end} are outside the panel ({self.months[0]}-{self.months[-1]})"
            )
        return self.values[:, start - self.months[0] : end - self.months[0] + 1]
