"""Escalation engine: exact properties, hand-computed cases, reproducibility, CRN, errors."""

from __future__ import annotations

import importlib.util
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bastion import MissingDependencyError, ParameterError, Scenario, parse_scenario, resolve_seed
from bastion.escalation import (
    compare_levers,
    compile_params,
    get_backend,
    run_ensemble,
    wilson_interval,
)
from bastion.escalation.kernel import quantal_cdf_table, simulate_chunk
from bastion.escalation.reference import _choose_quantal


def test_wilson_interval_hand_computed() -> None:
    # Brown, Cai & DasGupta (2001): x = 8, n = 10 -> [0.490, 0.943]; x = 0 -> [0, 0.2775]
    low, high = wilson_interval(8, 10)
    assert (round(low, 3), round(high, 3)) == (0.490, 0.943)
    low, high = wilson_interval(0, 10)
    assert low == 0.0
    assert high == pytest.approx(0.27753, abs=1e-5)
    assert wilson_interval(10, 10)[1] == 1.0  # exact at the boundary, not 0.9999999999


@settings(max_examples=200, deadline=None)
@given(
    known=st.booleans(),
    prev=st.integers(0, 10),
    view=st.integers(0, 10),
    u=st.floats(0.0, 1.0, exclude_max=True),
)
def test_quantal_table_matches_the_reference_choice(
    mechanisms: Scenario, known: bool, prev: int, view: int, u: float
) -> None:
    """The kernel's precomputed CDF picks the same rung as the reference's direct sum."""
    p = compile_params(mechanisms)
    k = p.n_rungs
    table = quantal_cdf_table(p, [0]).reshape(2, k, k, k)
    ceiling = min(int(p.max_rung[0]), max(prev, view) + p.escalation_step)
    expected = _choose_quantal(p, 0, known, prev, view, ceiling, u)
    got = int(np.sum(table[int(known), prev, view] <= u))
    if got != expected:  # only a float rounding tie at a bin edge may differ
        edge = table[int(known), prev, view, min(got, expected)]
        assert abs(edge - u) < 1e-9
    assert got <= ceiling


HAWK = """
schema_version: 1
name: Hawk (fictional)
time: {horizon: 12}
actors:
  - {id: A, name: A, kind: state, capabilities: {cyber: 1.0, conventional: 1.0, space: 1.0}}
  - {id: B, name: B, kind: state, attribution_capability: 0.0}
sectors:
  - {id: b_energy, name: E, kind: energy, actor: B, exposure: 1.0, vulnerability: 0.5,
     recovery_rate: 0.25, depends_on: {b_comms: 0.5}}
  - {id: b_comms, name: C, kind: communications, actor: B, exposure: 1.0, vulnerability: 1.0,
     recovery_rate: 0.5}
policies:
  - {actor: A, kind: hawk, target: B}
crisis: {initiator: A, opening_rung: espionage, stop_at: null, false_alarm_rate: 0.0}
"""


def test_hawk_climbs_one_rung_per_step_and_damage_follows_the_dynamic_iim() -> None:
    scenario = parse_scenario(HAWK)
    p = compile_params(scenario)
    backend = get_backend("numpy")
    c = simulate_chunk(p, 3, backend.make_stream(resolve_seed(0)), backend)
    # opening at rung 1 at t=0, then one rung per step up to the top (rung 10 at t=9)
    assert c.first_step[0].tolist() == [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert (c.first_player[0] == 0).all()
    assert (c.outcome == 0).all()  # no settlement, no stop: the horizon
    # damage by hand: q <- clip(q + k * (A q - q) + direct, 0, 1), summed over steps
    ladder = scenario.effective_ladder
    rungs = [min(t + 1, 10) for t in range(12)]
    a = np.array([[0.0, 0.5], [0.0, 0.0]])
    k = np.array([0.25, 0.5])
    q, total = np.zeros(2), np.zeros(2)
    for rung in rungs:
        nominal = ladder.rungs[rung]
        cap = 1.0 if nominal.domain in ("cyber", "conventional", "space") else 0.0
        direct = (
            np.array(
                [nominal.damage.get("energy", 0) * 0.5, nominal.damage.get("communications", 0)]
            )
            * cap
        )
        q = np.clip(q + k * (a @ q - q) + direct, 0, 1)
        total += q
    np.testing.assert_allclose(c.damage[0], total, rtol=1e-5)


def test_same_seed_backend_and_chunking_give_identical_results(mechanisms: Scenario) -> None:
    one = run_ensemble(mechanisms, 3000, seed=9, chunk_size=1000)
    two = run_ensemble(mechanisms, 3000, seed=9, chunk_size=1000)
    assert one.summary.to_dict() == two.summary.to_dict()
    other = run_ensemble(mechanisms, 3000, seed=10, chunk_size=1000)
    assert other.summary.to_dict() != one.summary.to_dict()


def test_generator_seed_is_recorded_and_replays(mechanisms: Scenario) -> None:
    first = run_ensemble(mechanisms, 500, seed=np.random.default_rng(4))
    replay = run_ensemble(mechanisms, 500, seed=first.seed)
    assert replay.summary.to_dict() == first.summary.to_dict()


def test_common_random_numbers_make_a_null_lever_exactly_zero(mechanisms: Scenario) -> None:
    result = compare_levers(mechanisms, 2000, levers=["same", "strong_attribution"], seed=1)
    null = [e for e in result.effects if e.lever == "same"]
    assert null and all(e.effect == 0.0 and e.ci_low == e.ci_high == 0.0 for e in null)
    real = {e.outcome: e for e in result.effects if e.lever == "strong_attribution"}
    assert real["misattribution"].effect < 0  # better attribution, fewer misattributions
    assert real["misattribution"].ci_high < 0


def test_paired_interval_is_narrower_than_independent(mechanisms: Scenario) -> None:
    result = compare_levers(mechanisms, 4000, levers=["strong_attribution"], seed=2)
    effect = next(e for e in result.effects if e.outcome == "crossed:kinetic")
    assert effect.variance_reduction is not None
    assert effect.variance_reduction > 1.0


@pytest.mark.parametrize("runs", [0, -5])
def test_zero_runs_is_an_error(mechanisms: Scenario, runs: int) -> None:
    with pytest.raises(ParameterError, match="runs must be a positive integer"):
        run_ensemble(mechanisms, runs)


def test_unknown_backend(mechanisms: Scenario) -> None:
    with pytest.raises(ParameterError, match="unknown backend 'cuda'; expected one of: numpy"):
        run_ensemble(mechanisms, 10, backend="cuda")


@pytest.mark.skipif(importlib.util.find_spec("cupy") is not None, reason="cupy is installed")
def test_missing_backend_names_the_extra(mechanisms: Scenario) -> None:
    with pytest.raises(MissingDependencyError, match=r"pip install 'bastion\[gpu\]'"):
        run_ensemble(mechanisms, 10, backend="cupy")


def test_scenario_without_policies(minimal_text: str) -> None:
    with pytest.raises(ParameterError, match="no policies"):
        compile_params(parse_scenario(minimal_text))


def test_summary_outputs_are_consistent(mechanisms: Scenario) -> None:
    summary = run_ensemble(mechanisms, 2000, seed=3).summary.to_dict()
    n = summary["runs"]
    assert sum(summary["max_rung"].values()) == n
    outcomes = summary["outcomes"]
    assert (
        outcomes["settled"]["count"]
        + outcomes["stopped"]["count"]
        + outcomes["unresolved_at_horizon"]["count"]
        == n
    )
    survival = summary["survival"]["kinetic"]
    assert all(a >= b for a, b in itertools.pairwise(survival))
    assert survival[-1] == pytest.approx(1 - outcomes["crossed:kinetic"]["p"])
    transitions = np.array(summary["transitions"])
    assert transitions.sum() == summary["run_steps"]
    assert sum(p["runs"] for p in summary["pathways"]) <= n
    for o in outcomes.values():
        assert o["ci_low"] <= o["p"] <= o["ci_high"]


def test_jax_backend_is_deterministic_and_counts_live_steps(mechanisms: Scenario) -> None:
    pytest.importorskip("jax")
    one = run_ensemble(mechanisms, 2000, seed=5, backend="jax", chunk_size=1000)
    two = run_ensemble(mechanisms, 2000, seed=5, backend="jax", chunk_size=1000)
    assert one.summary.to_dict() == two.summary.to_dict()
    summary = one.summary.to_dict()
    assert np.array(summary["transitions"]).sum() == summary["run_steps"]
