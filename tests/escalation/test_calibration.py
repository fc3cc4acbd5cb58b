"""Calibration: recovering a known parameter, real targets, and errors."""

from __future__ import annotations

import pytest

from bastion import ParameterError, Scenario, parse_scenario, resolve_seed
from bastion.escalation import compile_params, get_backend
from bastion.escalation.calibration import (
    Target,
    calibrate,
    dcid_target,
    icb_target,
    mid_target,
    response_within,
)
from bastion.escalation.kernel import simulate_chunk
from tests.conftest import MECHANISMS, SHARED_DATA

PRIOR = (
    "uncertain:\n"
    "  - {path: actors.S.attribution_capability, distribution: uniform, low: 0.05, high: 0.95}\n"
)


@pytest.mark.slow
def test_recovers_a_known_parameter() -> None:
    """Simulation-based check: targets generated at a known value are recovered."""
    truth = 0.8
    scenario = parse_scenario(MECHANISMS + PRIOR)
    generating = compile_params(
        parse_scenario(
            MECHANISMS.replace("attribution_capability: 0.4", f"attribution_capability: {truth}")
        )
    )
    backend = get_backend("numpy")
    statistic = response_within(2)
    chunk = simulate_chunk(generating, 20_000, backend.make_stream(resolve_seed(99)), backend)
    k, n = statistic(generating, chunk)
    target = Target("response", "synthetic", k, n, statistic)
    result = calibrate(scenario, [target], draws=60, accept=0.15, runs=800, seed=5)
    posterior = result.to_dict()["parameters"][0]
    assert posterior["q05"] <= truth <= posterior["q95"]
    assert posterior["sd"] < posterior["prior_sd"] / 2


@pytest.mark.realdata
@pytest.mark.slow
def test_real_targets_run_and_report_fit(mechanisms: Scenario) -> None:
    esc = SHARED_DATA / "escalation"
    targets = [
        dcid_target(esc / "dcid_icb" / "dcid2_incidents.csv"),
        mid_target(esc / "cow_atop" / "cow_mid_disps.csv"),
        icb_target(esc / "dcid_icb" / "icb2v15.csv"),
    ]
    assert [t.successes for t in targets] == [23, 1709, 654]
    assert [t.trials for t in targets] == [138, 2362, 1081]
    scenario = parse_scenario(MECHANISMS + PRIOR)
    result = calibrate(scenario, targets, draws=6, accept=0.5, runs=300, seed=1).to_dict()
    assert [f["target"] for f in result["fit"]] == ["dcid", "mid", "icb"]
    assert result["accepted"] == 3
    assert result["chi2"] >= 0


def test_needs_priors_and_targets(mechanisms: Scenario) -> None:
    with pytest.raises(ParameterError, match="no uncertain parameters"):
        calibrate(mechanisms, [])
    scenario = parse_scenario(MECHANISMS + PRIOR)
    with pytest.raises(ParameterError, match="at least one target"):
        calibrate(scenario, [])
