"""Aggregation operators, Excel rounding, and INFORM's upper levels reproduced exactly."""

from __future__ import annotations

import csv
import math
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bastion import ParameterError
from bastion.exposure import Node, aggregate, evaluate, inform_upper_levels, round_half_away
from tests.conftest import SHARED_DATA

INFORM_SCORES = SHARED_DATA / "risk" / "inform" / "inform_risk_2023_v065_scores_components.csv"


def test_operators_hand_computed() -> None:
    x = [[2.0, 8.0]]
    assert aggregate(x, method="arithmetic")[0] == pytest.approx(5.0)
    assert aggregate(x, [3, 1], method="arithmetic")[0] == pytest.approx(3.5)
    assert aggregate(x, method="geometric")[0] == pytest.approx(4.0)
    assert aggregate(x, method="harmonic")[0] == pytest.approx(3.2)
    assert aggregate(x, method="power", power=2)[0] == pytest.approx(math.sqrt(34))
    # INFORM: complements 8/10*9+1 = 8.2 and 2/10*9+1 = 2.8; (10 - sqrt(8.2*2.8))/9*10
    assert aggregate(x, method="inform")[0] == pytest.approx((10 - math.sqrt(8.2 * 2.8)) / 9 * 10)


def test_missing_values_are_dropped_from_the_average() -> None:
    x = [[2.0, np.nan, 6.0], [np.nan, np.nan, np.nan]]
    out = aggregate(x, [1, 5, 1], method="arithmetic")
    assert out[0] == pytest.approx(4.0)
    assert np.isnan(out[1])


@given(st.lists(st.floats(0, 10), min_size=1, max_size=8))
def test_means_are_ordered_and_bounded(values: list[float]) -> None:
    """Harmonic <= geometric <= arithmetic (for positive values), all within [min, max]."""
    x = [[v + 0.01 for v in values]]
    h, g, a = (aggregate(x, method=m)[0] for m in ("harmonic", "geometric", "arithmetic"))
    assert h <= g * (1 + 1e-12) and g <= a * (1 + 1e-12)
    assert min(x[0]) - 1e-9 <= h and a <= max(x[0]) + 1e-9
    inform = aggregate([values], method="inform")[0]
    assert min(values) - 1e-9 <= inform <= max(values) + 1e-9


@given(st.decimals(min_value=-1000, max_value=1000, places=3))
def test_rounding_matches_decimal_half_up(value: Decimal) -> None:
    expected = float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    assert round_half_away(float(value), 1) == pytest.approx(expected, abs=1e-12)


def test_bad_weights_and_methods() -> None:
    with pytest.raises(ParameterError, match="non-negative numbers"):
        aggregate([[1, 2]], [1, -1])
    with pytest.raises(ParameterError, match="unknown aggregation 'median'"):
        aggregate([[1, 2]], method="median")
    with pytest.raises(ParameterError, match="neither a node nor a column"):
        evaluate(Node("x", ["a", "b"]), {"a": [1.0]})


def test_tree_from_mapping() -> None:
    tree = Node.from_mapping(
        {
            "id": "top",
            "method": "geometric",
            "children": [{"id": "left", "children": ["a", "b"], "weights": [1, 3]}, "c"],
        }
    )
    scores = evaluate(tree, {"a": [4.0], "b": [8.0], "c": [7.0]})
    assert scores["left"][0] == pytest.approx(7.0)
    assert scores["top"][0] == pytest.approx(7.0)


@pytest.mark.realdata
def test_inform_2023_upper_levels_exact_for_all_countries() -> None:
    """From the six published categories, every dimension and the Risk score of all 191
    countries equal the published INFORM Risk 2023 values exactly (one decimal)."""
    with INFORM_SCORES.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    header, data = rows[0], [r for r in rows[2:] if len(r) > 2 and r[1]]
    col = {name: i for i, name in enumerate(header)}
    assert len(data) == 191

    def values(name: str) -> np.ndarray:
        return np.array([float(r[col[name]]) for r in data])

    table = {
        "natural": values("Natural"),
        "human": values("Human"),
        "socio_economic_vulnerability": values("Socio-Economic Vulnerability"),
        "vulnerable_groups": values("Vulnerable Groups"),
        "institutional": values("Institutional"),
        "infrastructure": values("Infrastructure"),
    }
    scores = evaluate(inform_upper_levels(), table)
    for node, published in (
        ("hazard_exposure", "HAZARD & EXPOSURE"),
        ("vulnerability", "VULNERABILITY"),
        ("lack_of_coping_capacity", "LACK OF COPING CAPACITY"),
        ("risk", "INFORM RISK"),
    ):
        np.testing.assert_array_equal(scores[node], values(published), err_msg=node)


@given(st.lists(st.floats(0.5, 9.5), min_size=3, max_size=3))
def test_contributions_add_up_to_the_unrounded_score(values: list[float]) -> None:
    from bastion.exposure import decompose

    for method in ("arithmetic", "geometric", "harmonic", "inform"):
        tree = Node("top", ["a", "b", "c"], method=method, weights=[1, 2, 1])
        table = {k: [v] for k, v in zip("abc", values, strict=True)}
        parts = decompose(tree, table)["top"]
        total = aggregate([values], [1, 2, 1], method=method)[0]
        assert sum(p[0] for p in parts.values()) == pytest.approx(total, rel=1e-9)


def test_arithmetic_contributions_by_hand() -> None:
    from bastion.exposure import decompose

    parts = decompose(Node("top", ["a", "b"], weights=[3, 1]), {"a": [4.0], "b": [8.0]})["top"]
    assert parts["a"][0] == pytest.approx(3.0)  # 3/4 * 4
    assert parts["b"][0] == pytest.approx(2.0)  # 1/4 * 8
