"""Monte Carlo uncertainty of composite indices."""

from __future__ import annotations

import numpy as np
import pytest

from bastion import ParameterError
from bastion.exposure import Node, evaluate
from bastion.exposure.uncertainty import Uncertainty, monte_carlo

TREE = Node(
    "top",
    [Node("left", ["a", "b"], method="inform", decimals=1), "c"],
    method="geometric",
    decimals=1,
)
TABLE = {
    "a": np.array([9.0, 5.0, 1.0, 3.0]),
    "b": np.array([8.0, 4.0, 2.0, 3.5]),
    "c": np.array([7.0, 6.0, 1.5, 3.0]),
}


def test_no_uncertainty_reproduces_the_nominal_index_exactly() -> None:
    result = monte_carlo(TREE, TABLE, Uncertainty(), replications=50, seed=1)
    nominal = evaluate(TREE, TABLE)["top"]
    for q in ("q05", "q50", "q95"):
        np.testing.assert_array_equal(result.quantiles[q], nominal)
    np.testing.assert_array_equal(result.rank_quantiles["q50"], [1, 2, 4, 3])
    # classes (0-2, 2-3.5, 3.5-5, 5-6.5, 6.5+) with probability exactly 1
    # nominal scores 7.7, 5.2, 1.5, 3.1
    assert result.class_probability["Very High"].tolist() == [1.0, 0.0, 0.0, 0.0]
    assert result.class_probability["High"].tolist() == [0.0, 1.0, 0.0, 0.0]
    assert result.class_probability["Very Low"].tolist() == [0.0, 0.0, 1.0, 0.0]
    assert result.class_probability["Low"].tolist() == [0.0, 0.0, 0.0, 1.0]


def test_more_noise_widens_the_intervals() -> None:
    narrow = monte_carlo(
        TREE, TABLE, Uncertainty(noise={"a": 0.2, "b": 0.2, "c": 0.2}), replications=4000, seed=2
    )
    wide = monte_carlo(
        TREE, TABLE, Uncertainty(noise={"a": 1.0, "b": 1.0, "c": 1.0}), replications=4000, seed=2
    )
    width = lambda r: r.quantiles["q95"] - r.quantiles["q05"]  # noqa: E731
    assert (width(wide) > width(narrow)).all()
    for r in (narrow, wide):
        total = sum(r.class_probability.values())
        np.testing.assert_allclose(total, 1.0)


def test_reproducible_and_seed_recorded() -> None:
    u = Uncertainty(
        noise={"a": 0.5}, weight_concentration=10, methods={"top": ["geometric", "arithmetic"]}
    )
    one = monte_carlo(TREE, TABLE, u, replications=500, seed=9)
    two = monte_carlo(TREE, TABLE, u, replications=500, seed=9)
    assert one.rows() == two.rows()
    assert one.seed["entropy"] == "9"


def test_method_alternatives_are_both_used() -> None:
    """With the operator drawn per replication the root spans both operators' values."""
    u = Uncertainty(methods={"top": ["geometric", "arithmetic"]})
    result = monte_carlo(TREE, {k: v[:1] for k, v in TABLE.items()}, u, replications=400, seed=3)
    left = evaluate(Node("l", ["a", "b"], method="inform", decimals=1), TABLE)["l"][0]
    geo = round(float(np.sqrt(left * 7.0)), 1)
    ari = round((left + 7.0) / 2 + 1e-9, 1)
    assert {float(result.quantiles["q05"][0]), float(result.quantiles["q95"][0])} == {
        min(geo, ari),
        max(geo, ari),
    }


def test_errors() -> None:
    with pytest.raises(ParameterError, match="unknown column"):
        monte_carlo(TREE, TABLE, Uncertainty(noise={"zz": 1.0}), replications=2)
    with pytest.raises(ParameterError, match="unknown node 'nope'"):
        monte_carlo(TREE, TABLE, Uncertainty(methods={"nope": ["arithmetic"]}), replications=2)
    with pytest.raises(ParameterError, match="methods must be among"):
        monte_carlo(TREE, TABLE, Uncertainty(methods={"top": ["median"]}), replications=2)


def test_sobol_inert_factor_is_exactly_zero_and_active_factor_is_not() -> None:
    pytest.importorskip("SALib")
    from bastion.exposure.uncertainty import sobol_sensitivity

    table = {**TABLE, "unused": np.array([1.0, 2.0, 3.0, 4.0])}
    u = Uncertainty(noise={"unused": 1.0, "c": 1.0}, methods={"top": ["geometric", "arithmetic"]})
    result = sobol_sensitivity(TREE, table, u, samples=64, seed=4)
    rows = {r["factor"]: r for r in result.summary()}
    assert rows["noise:unused"]["score_ST"] == 0.0
    assert rows["noise:unused"]["score_S1"] == 0.0
    assert rows["noise:c"]["score_ST"] > 0.05
    assert result.points == 64 * (3 + 2)
    with pytest.raises(ParameterError, match="power of 2"):
        sobol_sensitivity(TREE, table, u, samples=10)
