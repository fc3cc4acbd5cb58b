"""Calibrate declared scenario parameters to historical crisis data (rejection ABC).

Targets are proportions observed in real data and their analogues in simulated crises:

``dcid``
    Among state cyber incidents of DCID 2.0 severity >= 4 (disruption), the share of
    severity >= 5 (Maness et al. 2022) <-> among simulated crises that reached the
    disruptive-cyber rung, the share that reached the destructive-cyber rung.
``mid``
    Among COW militarised interstate disputes that reached hostility level 3 (display of
    force), the share that reached 4 (use of force) <-> among simulated crises that
    crossed the display rung (the blockade), the share that reached limited strikes.
``icb``
    Among ICB crisis actors, the share whose major response came within ``days`` of the
    trigger <-> among simulated crises in which the initiator's target answered, the
    share that answered within that many days of the opening action.

These mappings between historical codings and ladder rungs are Bastion's own and are
documented in docs/methods/escalation.md; pass other rungs where a scenario's ladder
differs. Calibration simulates with ``crisis.stop_at`` switched off so that rungs above
the stopping threshold can be observed.

The method is rejection approximate Bayesian computation (Pritchard et al. 1999;
Beaumont, Zhang & Balding 2002), a simulated-method-of-moments distance as summary: draw
parameters from the priors declared under ``uncertain``, simulate an ensemble for each
draw with the same seed (common random numbers), score
``sum_t (p_sim,t - p_obs,t)^2 / (var_obs,t + var_sim,t)`` and keep the closest fraction.
The kept draws approximate the posterior (parameter uncertainty); the best draw,
re-simulated with more runs, gives the fit (a chi-square statistic over the targets).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import stats

from bastion.compute import Executor, SeedLike, SeedRecord, get_executor, resolve_seed
from bastion.errors import ParameterError
from bastion.escalation.ensemble import DEFAULT_CHUNK, iter_chunks
from bastion.escalation.kernel import ChunkResult
from bastion.escalation.params import Params, compile_params
from bastion.escalation.sensitivity import _variant, transform_unit_samples
from bastion.io import read_dcid_severity, read_icb_response_days, read_mid_hostility
from bastion.scenario import Scenario
from bastion.scenario.paths import get_path, set_path

__all__ = [
    "CalibrationResult",
    "Target",
    "calibrate",
    "dcid_target",
    "icb_target",
    "mid_target",
    "reached_given",
    "response_within",
]

Statistic = Callable[[Params, ChunkResult], tuple[int, int]]
STEP_DAYS = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.4375}


@dataclass(frozen=True)
class Target:
    """An observed proportion ``successes / trials`` and its simulated analogue."""

    name: str
    description: str
    successes: int
    trials: int
    statistic: Statistic

    @property
    def observed(self) -> float:
        """The observed proportion."""
        return self.successes / self.trials


def reached_given(upper: str, lower: str) -> Statistic:
    """Simulated (runs reaching rung ``upper``, runs reaching rung ``lower``)."""

    def statistic(p: Params, chunk: ChunkResult) -> tuple[int, int]:
        for rung in (upper, lower):
            if rung not in p.rung_ids:
                rungs = ", ".join(p.rung_ids)
                raise ParameterError(
                    f"calibration target needs rung {rung!r}; the ladder has: {rungs}"
                )
        hi, lo = p.rung_ids.index(upper), p.rung_ids.index(lower)
        given = chunk.first_step[:, lo] >= 0
        return int((given & (chunk.first_step[:, hi] >= 0)).sum()), int(given.sum())

    return statistic


def response_within(steps: float) -> Statistic:
    """Simulated (responses within ``steps`` steps of the opening, responses)."""

    def statistic(p: Params, chunk: ChunkResult) -> tuple[int, int]:
        if p.initiator < 0:
            raise ParameterError("a response-time target needs a crisis initiator")
        target_actor = int(p.target_actor[p.initiator])
        responders = [i for i in range(p.n_players) if int(p.player_actor[i]) == target_actor]
        if not responders:
            raise ParameterError("the initiator's target has no policy, so it never responds")
        first = chunk.first_action[:, responders[0]]
        answered = first >= 0
        return int((answered & (first <= steps)).sum()), int(answered.sum())

    return statistic


def dcid_target(
    path: str | Path, *, lower: str = "disruptive_cyber", upper: str = "destructive_cyber"
) -> Target:
    """DCID 2.0: P(severity >= 5 | severity >= 4) against P(upper | lower)."""
    data = read_dcid_severity(path)
    trials = int((data.values >= 4).sum())
    successes = int((data.values >= 5).sum())
    return Target(
        "dcid",
        f"DCID 2.0 incidents: severity >= 5 among severity >= 4 ({successes}/{trials}) vs "
        f"reaching {upper} among crises reaching {lower}",
        successes,
        trials,
        reached_given(upper, lower),
    )


def mid_target(
    path: str | Path, *, display: str = "blockade", force: str = "limited_conventional"
) -> Target:
    """COW MID: P(hostility >= 4 | hostility >= 3) against P(force | display)."""
    data = read_mid_hostility(path)
    trials = int((data.values >= 3).sum())
    successes = int((data.values >= 4).sum())
    return Target(
        "mid",
        f"COW MID disputes: use of force among displays or more ({successes}/{trials}) vs "
        f"reaching {force} among crises reaching {display}",
        successes,
        trials,
        reached_given(force, display),
    )


def icb_target(path: str | Path, *, days: float = 7.0, step: str = "day") -> Target:
    """ICB: P(major response within ``days`` of the trigger) against the simulated response."""
    data = read_icb_response_days(path)
    trials = len(data.values)
    successes = int((data.values <= days).sum())
    steps = days / STEP_DAYS[step]
    return Target(
        "icb",
        f"ICB actors: major response within {days:g} days ({successes}/{trials}; "
        f"{data.missing} not recorded) vs the target's first response within {steps:g} steps",
        successes,
        trials,
        response_within(steps),
    )


@dataclass(frozen=True)
class _Draw:
    scenario: Scenario
    runs: int
    seed: SeedRecord
    backend: str
    chunk_size: int
    targets: tuple[Target, ...]

    def __call__(self) -> list[tuple[int, int]]:
        params = compile_params(self.scenario)
        totals = [[0, 0] for _ in self.targets]
        for chunk in iter_chunks(params, self.runs, self.seed, self.backend, self.chunk_size):
            for total, target in zip(totals, self.targets, strict=True):
                k, n = target.statistic(params, chunk)
                total[0] += k
                total[1] += n
        return [(k, n) for k, n in totals]


def _simulate(draw: _Draw) -> list[tuple[int, int]]:
    return draw()


def _distance(targets: Sequence[Target], simulated: Sequence[tuple[int, int]]) -> float:
    total = 0.0
    for target, (k, n) in zip(targets, simulated, strict=True):
        if n == 0:
            return math.inf  # the simulated analogue never happened: cannot match
        p_obs, p_sim = target.observed, k / n
        pooled = (k + target.successes + 1) / (n + target.trials + 2)  # never zero
        var = pooled * (1 - pooled) * (1 / target.trials + 1 / n)
        total += (p_sim - p_obs) ** 2 / var
    return total


@dataclass
class CalibrationResult:
    """Posterior draws, fit and provenance of a calibration."""

    paths: list[str]
    prior_draws: np.ndarray[Any, Any]
    distances: np.ndarray[Any, Any]
    accepted: np.ndarray[Any, Any]
    best: np.ndarray[Any, Any]
    fit: list[dict[str, Any]]
    chi2: float
    p_value: float | None
    runs: int
    seed: dict[str, Any]
    elapsed: float

    def to_dict(self) -> dict[str, Any]:
        """JSON form: posterior summaries per parameter, fit per target."""
        posterior = []
        for j, path in enumerate(self.paths):
            values = self.accepted[:, j]
            prior = self.prior_draws[:, j]
            posterior.append(
                {
                    "path": path,
                    "best": float(self.best[j]),
                    "mean": float(values.mean()),
                    "sd": float(values.std(ddof=1)) if len(values) > 1 else 0.0,
                    "q05": float(np.quantile(values, 0.05)),
                    "q50": float(np.quantile(values, 0.5)),
                    "q95": float(np.quantile(values, 0.95)),
                    "prior_sd": float(prior.std(ddof=1)),
                }
            )
        return {
            "method": "rejection ABC with a simulated-method-of-moments distance",
            "parameters": posterior,
            "fit": self.fit,
            "chi2": self.chi2,
            "p_value": self.p_value,
            "draws": len(self.distances),
            "accepted": len(self.accepted),
            "runs_per_draw": self.runs,
            "seed": self.seed,
            "elapsed_s": self.elapsed,
        }


def calibrate(
    scenario: Scenario,
    targets: Sequence[Target],
    *,
    draws: int = 200,
    accept: float = 0.1,
    runs: int = 2_000,
    seed: SeedLike = None,
    backend: str = "numpy",
    executor: str | Executor = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    chunk_size: int = DEFAULT_CHUNK,
) -> CalibrationResult:
    """Fit the scenario's ``uncertain`` parameters to ``targets`` (see the module notes)."""
    parameters = list(scenario.uncertain)
    if not parameters:
        raise ParameterError(
            f"scenario {scenario.name!r} declares no uncertain parameters to calibrate "
            "(add them under 'uncertain:' with their prior ranges)"
        )
    if not targets:
        raise ParameterError("calibration needs at least one target")
    if draws < 2 or not 0 < accept <= 1:
        raise ParameterError(
            f"draws must be >= 2 and accept in (0, 1]; got draws={draws}, accept={accept}"
        )
    record = resolve_seed(seed)
    base = set_path(scenario.model_dump(), "crisis.stop_at", None)
    paths = [prm.path for prm in parameters]
    unit = record.generator().random((draws, len(paths)))
    values = transform_unit_samples(unit, parameters)
    variants = []
    for row in values:
        variant, _ = _variant(base, paths, row)
        variants.append(variant)
    # the values actually simulated (after clipping to valid ranges)
    values = np.array([[get_path(v.model_dump(), p) for p in paths] for v in variants], float)
    pool = get_executor(executor, workers=workers, scheduler=scheduler)
    start = time.perf_counter()
    frozen = tuple(targets)
    tasks = (_Draw(v, runs, record, backend, chunk_size, frozen) for v in variants)
    simulated = list(pool.map(_simulate, tasks))
    distances = np.array([_distance(frozen, s) for s in simulated])
    keep = max(1, math.ceil(accept * draws))
    order = np.argsort(distances, kind="stable")
    accepted = values[order[:keep]]
    best_index = int(order[0])
    refit = _Draw(variants[best_index], 4 * runs, record, backend, chunk_size, frozen)()
    fit = []
    for target, (k, n) in zip(frozen, refit, strict=True):
        fit.append(
            {
                "target": target.name,
                "description": target.description,
                "observed": target.observed,
                "observed_n": target.trials,
                "simulated": k / n if n else None,
                "simulated_n": n,
            }
        )
    chi2 = _distance(frozen, refit)
    dof = len(frozen) - len(paths)
    p_value = float(stats.chi2.sf(chi2, dof)) if dof > 0 and math.isfinite(chi2) else None
    return CalibrationResult(
        paths=paths,
        prior_draws=values,
        distances=distances,
        accepted=accepted,
        best=values[best_index],
        fit=fit,
        chi2=float(chi2),
        p_value=p_value,
        runs=runs,
        seed=record.to_dict(),
        elapsed=time.perf_counter() - start,
    )
