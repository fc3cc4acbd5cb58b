"""The challenge's scores against their definitions, computed the slow way."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bastion.warning.scoring import IGN_BINS, crps, ignorance, interval_score


def slow_crps(x: np.ndarray, y: float) -> float:
    m = len(x)
    return sum(abs(a - y) for a in x) / m - sum(abs(a - b) for a in x for b in x) / (2 * m * m)


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.lists(st.integers(0, 60), min_size=1, max_size=25), st.integers(0, 80)),
        min_size=1,
        max_size=5,
    )
)
def test_crps_is_the_energy_form(rows: list[tuple[list[int], int]]) -> None:
    width = max(len(x) for x, _ in rows)
    draws = np.array([np.resize(np.array(x, dtype=float), width) for x, _ in rows])
    actual = np.array([y for _, y in rows], dtype=float)
    expected = [slow_crps(d, y) for d, y in zip(draws, actual, strict=True)]
    assert crps(draws, actual) == pytest.approx(expected)


def test_crps_of_a_point_mass_is_the_absolute_error() -> None:
    assert crps(np.full((2, 10), 3.0), np.array([3.0, 7.0])).tolist() == [0.0, 4.0]


def test_ignorance_hand_computed() -> None:
    # 8 draws: four 0s, two 1s, two 30s; 11 bins, one count added to each -> 19 in total
    draws = np.array([[0, 0, 0, 0, 1, 1, 30, 30]], dtype=float)
    assert ignorance(draws, np.array([0.0]))[0] == pytest.approx(-np.log2(5 / 19))
    assert ignorance(draws, np.array([2.0]))[0] == pytest.approx(-np.log2(3 / 19))  # [0.5, 2.5)
    assert ignorance(draws, np.array([5000.0]))[0] == pytest.approx(-np.log2(1 / 19))
    assert IGN_BINS.size == 12


def test_interval_score_hand_computed() -> None:
    draws = np.tile(np.arange(101, dtype=float), (3, 1))  # 5 % and 95 % quantiles: 5 and 95
    actual = np.array([50.0, 0.0, 100.0])
    # width 90; below by 5 -> + 2/0.1 * 5 = 100; above by 5 -> + 100
    assert interval_score(draws, actual).tolist() == pytest.approx([90.0, 190.0, 190.0])
