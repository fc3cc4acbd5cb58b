"""The vectorised kernel against the slow scalar reference (the test oracle).

Both read the same compiled parameters and follow the same order of events, with
different random streams; their distributions must agree. Each comparison is a
chi-square test of homogeneity on a contingency table (reference vs kernel), at
alpha = 1e-3 per variable. Power: with 4,000 reference runs and 40,000 kernel runs, a
shift of 4 percentage points in a proportion near 0.5 is detected with probability
about 0.9 (z = 3.29 + 1.28 against a standard error of 0.0083). The test that the
comparison can fail perturbs the kernel's detection probabilities by 20% and requires a
rejection.
"""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pytest
from scipy.stats import chi2_contingency

from bastion import Scenario, parse_scenario, resolve_seed
from bastion.escalation import compile_params, get_backend, simulate_reference
from bastion.escalation.kernel import ChunkResult, simulate_chunk
from bastion.escalation.params import Params

ALPHA = 1e-3
N_REF, N_KERNEL = 4_000, 40_000


def reference_features(p: Params, n: int, seed: int) -> dict[str, np.ndarray]:
    rng = random.Random(seed)
    runs = [simulate_reference(p, rng) for _ in range(n)]
    k_stop = min(p.stop_rung, p.n_rungs - 1)
    return {
        "outcome": np.array([r.outcome for r in runs]),
        "max_rung": np.array([r.max_rung for r in runs]),
        "end_step": np.array([r.end_step for r in runs]) // 5,
        "stop_step": np.array([r.first_step[k_stop] for r in runs]) // 5,
        "consulted": np.array([r.consultation[0] >= 0 for r in runs]) if p.alliance_ids else None,
        "activated": np.array([r.activation[0] >= 0 for r in runs]) if p.alliance_ids else None,
        "misattributions": np.minimum([r.misattributions for r in runs], 6),
        "first_player_top": np.array([r.first_player[r.max_rung] for r in runs]),
        "response_step": np.minimum([r.first_action[1] for r in runs], 12),
        "damage": np.digitize([r.damage[0] if r.damage else 0 for r in runs], [0.5, 2, 5, 10]),
    }


def kernel_features(
    p: Params, n: int, seed: int, backend_name: str = "numpy"
) -> dict[str, np.ndarray]:
    backend = get_backend(backend_name)
    c: ChunkResult = simulate_chunk(p, n, backend.make_stream(resolve_seed(seed)), backend)
    k_stop = min(p.stop_rung, p.n_rungs - 1)
    return {
        "outcome": c.outcome,
        "max_rung": c.max_rung,
        "end_step": c.end_step // 5,
        "stop_step": c.first_step[:, k_stop] // 5,
        "consulted": c.consultation[:, 0] >= 0 if p.alliance_ids else None,
        "activated": c.activation[:, 0] >= 0 if p.alliance_ids else None,
        "misattributions": np.minimum(c.misattributions, 6),
        "first_player_top": c.first_player[np.arange(n), c.max_rung],
        "response_step": np.minimum(c.first_action[:, 1], 12),
        "damage": np.digitize(
            c.damage[:, 0] if c.damage.shape[1] else np.zeros(n), [0.5, 2, 5, 10]
        ),
    }


def homogeneity_pvalue(a: np.ndarray, b: np.ndarray) -> float:
    categories = np.union1d(a, b)
    table = np.array([[np.sum(x == c) for c in categories] for x in (a, b)])
    table = table[:, table.sum(axis=0) > 0]
    if table.shape[1] < 2:
        return 1.0
    return float(chi2_contingency(table).pvalue)


def disagreements(p_ref: Params, p_kernel: Params, seed: int) -> dict[str, float]:
    ref = reference_features(p_ref, N_REF, seed)
    ker = kernel_features(p_kernel, N_KERNEL, seed + 1)
    pvalues = {
        name: homogeneity_pvalue(ref[name], ker[name]) for name in ref if ref[name] is not None
    }
    return {name: pv for name, pv in pvalues.items() if pv < ALPHA}


CALM = """
schema_version: 1
name: Calm (fictional test scenario)
time: {horizon: 30}
actors:
  - {id: A, name: A, kind: state, capabilities: {cyber: 0.5}, attribution_capability: 0.3}
  - {id: B, name: B, kind: state, capabilities: {cyber: 0.5}, attribution_capability: 0.5,
     deception: 0.5}
policies:
  - {actor: A, kind: quantal_response, target: B, rationality: 1.0, max_rung: destructive_cyber}
  - {actor: B, kind: dove, target: A}
crisis: {initiator: A, opening_rung: espionage, settle_steps: 2, stop_at: destructive_cyber,
         misperception: 0.3, false_alarm_rate: 0.1}
"""


@pytest.mark.slow
@pytest.mark.parametrize("which", ["mechanisms", "calm", "restraint"])
def test_kernel_matches_reference(which: str, mechanisms: Scenario) -> None:
    scenario = {
        "mechanisms": mechanisms,
        "calm": parse_scenario(CALM),
        "restraint": parse_scenario(
            CALM.replace("kind: dove", "kind: restraint, red_line: info_ops").replace(
                "rationality: 1.0", "rationality: 0.0"
            )
        ),
    }[which]
    p = compile_params(scenario)
    assert disagreements(p, p, seed=11) == {}


def test_calm_scenario_reaches_every_outcome() -> None:
    """The comparison above is meaningful only if each outcome actually occurs."""
    p = compile_params(parse_scenario(CALM))
    outcomes = set(kernel_features(p, 5_000, 3)["outcome"].tolist())
    assert outcomes == {0, 1, 2}


@pytest.mark.slow
def test_comparison_detects_a_wrong_kernel(mechanisms: Scenario) -> None:
    p = compile_params(mechanisms)
    wrong = dataclasses.replace(p, detect=p.detect * 0.8)
    assert disagreements(p, wrong, seed=5) != {}


@pytest.mark.slow
@pytest.mark.parametrize(
    "backend", ["torch", "jax", pytest.param("cupy", marks=pytest.mark.requires_gpu)]
)
def test_other_backends_match_numpy(backend: str, mechanisms: Scenario) -> None:
    """Same kernel code on another array library: statistically equal distributions."""
    pytest.importorskip(backend)
    p = compile_params(mechanisms)
    ours = kernel_features(p, N_KERNEL, 21, backend)
    numpy = kernel_features(p, N_KERNEL, 22)
    failed = {
        name: homogeneity_pvalue(numpy[name], ours[name])
        for name in numpy
        if numpy[name] is not None
    }
    assert {k: v for k, v in failed.items() if v < ALPHA} == {}
