"""Sobol' sensitivity over uncertain scenario parameters."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest
from scipy import stats

from bastion import ParameterError, Scenario, parse_scenario
from bastion.escalation.sensitivity import sobol_sensitivity, transform_unit_samples
from bastion.scenario import UncertainParameter

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("SALib") is None, reason="needs bastion[sensitivity]"
)


def test_inverse_cdf_transforms() -> None:
    u = np.linspace(0.05, 0.95, 7)[:, None].repeat(3, axis=1)
    prms = [
        UncertainParameter(path="a", distribution="uniform", low=2.0, high=4.0),
        UncertainParameter(path="b", distribution="normal", mean=1.0, sd=0.5),
        UncertainParameter(path="c", distribution="triangular", low=0.0, mode=0.2, high=1.0),
    ]
    x = transform_unit_samples(u, prms)
    np.testing.assert_allclose(x[:, 0], 2 + 2 * u[:, 0])
    np.testing.assert_allclose(stats.norm.cdf(x[:, 1], 1.0, 0.5), u[:, 1])
    # triangular CDF by hand: F(x) = x^2 / 0.2 for x <= 0.2, 1 - (1 - x)^2 / 0.8 above
    f = np.where(x[:, 2] <= 0.2, x[:, 2] ** 2 / 0.2, 1 - (1 - x[:, 2]) ** 2 / 0.8)
    np.testing.assert_allclose(f, u[:, 2])


def with_uncertain(scenario: Scenario, block: str) -> Scenario:
    from tests.conftest import MECHANISMS

    return parse_scenario(MECHANISMS + block)


@pytest.mark.slow
def test_inert_parameter_has_exactly_zero_indices(mechanisms: Scenario) -> None:
    """G follows a scripted policy, so its cost tolerance never enters the model."""
    scenario = with_uncertain(
        mechanisms,
        "uncertain:\n"
        "  - {path: actors.G.cost_tolerance, distribution: uniform, low: 0.1, high: 0.9}\n"
        "  - {path: actors.S.attribution_capability, distribution: uniform, low: 0.05, high: 0.95}\n",
    )
    result = sobol_sensitivity(scenario, outcome="misattribution", samples=8, runs=400, seed=3)
    inert, active = 0, 1
    assert result.total[inert] == pytest.approx(0.0, abs=1e-12)
    assert result.total[active] > 0.5
    assert result.points == 8 * 4


def test_needs_uncertain_parameters(mechanisms: Scenario) -> None:
    with pytest.raises(ParameterError, match="declares no uncertain parameters"):
        sobol_sensitivity(mechanisms, samples=4, runs=10)


def test_samples_must_be_a_power_of_two(mechanisms: Scenario) -> None:
    scenario = with_uncertain(
        mechanisms,
        "uncertain:\n  - {path: actors.R.resolve, distribution: uniform, low: 0, high: 1}\n",
    )
    with pytest.raises(ParameterError, match="power of 2"):
        sobol_sensitivity(scenario, samples=6, runs=10)


def test_normal_samples_are_clipped_to_the_field_range(mechanisms: Scenario) -> None:
    scenario = with_uncertain(
        mechanisms,
        "uncertain:\n  - {path: actors.R.resolve, distribution: normal, mean: 0.9, sd: 0.5}\n",
    )
    result = sobol_sensitivity(scenario, samples=4, runs=50, seed=1)
    assert result.clipped > 0
