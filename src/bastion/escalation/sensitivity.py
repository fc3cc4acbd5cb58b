"""Global sensitivity of escalation outcomes to the scenario's uncertain parameters.

Variance-based (Sobol') first-order and total indices, estimated with Saltelli's
sampling scheme and Jansen's estimators as implemented by SALib (Herman & Usher 2017):
``N (D + 2)`` scenario variants for ``D`` uncertain parameters. Each variant's output is
the probability of one named outcome, estimated from an ensemble with the **same seed**
for every variant (common random numbers): parameters that do not change the model
give exactly identical outputs, so their indices are exactly zero, and the Monte Carlo
noise of the ensembles is largely shared instead of being attributed to parameters.

References
----------
Saltelli, A. et al. (2010). Variance based sensitivity analysis of model output. Design
and estimator for the total sensitivity index. Computer Physics Communications 181(2),
259-270. Herman, J. & Usher, W. (2017). SALib: An open-source Python library for
Sensitivity Analysis. JOSS 2(9), 97.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from pydantic import ValidationError
from scipy import stats

from bastion._optional import import_optional
from bastion.compute import Executor, SeedLike, SeedRecord, get_executor, resolve_seed
from bastion.errors import ParameterError
from bastion.escalation.ensemble import DEFAULT_CHUNK
from bastion.escalation.params import compile_params
from bastion.escalation.summary import outcome_indicators
from bastion.scenario import Scenario, UncertainParameter
from bastion.scenario.paths import set_path

__all__ = ["SensitivityResult", "sobol_sensitivity", "transform_unit_samples"]


def transform_unit_samples(
    unit: np.ndarray[Any, Any], parameters: list[UncertainParameter]
) -> np.ndarray[Any, Any]:
    """Map samples on [0, 1)^D to each parameter's distribution (inverse CDF)."""
    u = np.clip(unit, 1e-9, 1 - 1e-9)
    out = np.empty_like(u, dtype=float)
    for j, prm in enumerate(parameters):
        # the model validator guarantees the parameters each distribution needs
        low, high, mode = cast(float, prm.low), cast(float, prm.high), cast(float, prm.mode)
        if prm.distribution == "uniform":
            out[:, j] = low + u[:, j] * (high - low)
        elif prm.distribution == "normal":
            out[:, j] = stats.norm.ppf(u[:, j], loc=prm.mean, scale=prm.sd)
        else:
            width = high - low
            out[:, j] = stats.triang.ppf(u[:, j], c=(mode - low) / width, loc=low, scale=width)
    return out


def _variant(
    base: dict[str, Any], paths: list[str], values: np.ndarray[Any, Any]
) -> tuple[Scenario, int]:
    """The scenario with ``values`` set; values outside a field's bounds are clipped."""
    data = base
    for path, value in zip(paths, values, strict=True):
        data = set_path(data, path, float(value))
    clipped = 0
    for _ in range(len(paths) + 1):
        try:
            return Scenario.model_validate(data), clipped
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                ctx = error.get("ctx") or {}
                bound = next((ctx[k] for k in ("ge", "le", "gt", "lt") if k in ctx), None)
                if bound is None:
                    raise ParameterError(
                        f"uncertain parameters make the scenario invalid: {error['msg']}"
                    ) from None
                loc = ".".join(str(x) for x in error["loc"])
                path = next(p for p in paths if _same_field(p, loc, data))
                data = set_path(data, path, float(bound))
                clipped += 1
    raise ParameterError("could not bring the sampled parameters into their valid ranges")


def _same_field(path: str, loc: str, data: dict[str, Any]) -> bool:
    """Whether the validation location ``loc`` (with list indices) is the lever-style ``path``."""
    from bastion.scenario.paths import item_key

    parts, node, resolved = path.split("."), data, []
    for part in parts:
        if isinstance(node, list):
            index = next((i for i, item in enumerate(node) if item_key(item) == part), None)
            if index is None:
                index = int(part)
            resolved.append(str(index))
            node = node[index]
        else:
            resolved.append(part)
            node = node[part]
    return ".".join(resolved) == loc


@dataclass(frozen=True)
class _PointTask:
    scenario: Scenario
    runs: int
    seed: SeedRecord
    backend: str
    outcome: str
    chunk_size: int

    def __call__(self) -> float:
        from bastion.escalation.ensemble import iter_chunks

        params = compile_params(self.scenario)
        hits = 0
        for chunk in iter_chunks(params, self.runs, self.seed, self.backend, self.chunk_size):
            flags = outcome_indicators(params, chunk)
            if self.outcome not in flags:
                raise ParameterError(
                    f"unknown outcome {self.outcome!r}; outcomes: {', '.join(sorted(flags))}"
                )
            hits += int(flags[self.outcome].sum())
        return hits / self.runs


def _run_point(task: _PointTask) -> float:
    return task()


@dataclass
class SensitivityResult:
    """Sobol' indices of one outcome probability for each uncertain parameter."""

    outcome: str
    paths: list[str]
    first_order: np.ndarray[Any, Any]
    first_order_conf: np.ndarray[Any, Any]
    total: np.ndarray[Any, Any]
    total_conf: np.ndarray[Any, Any]
    samples: int
    runs_per_point: int
    points: int
    clipped: int
    output_mean: float
    output_sd: float
    seed: dict[str, Any]
    elapsed: float

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "outcome": self.outcome,
            "parameters": [
                {
                    "path": path,
                    "S1": float(self.first_order[j]),
                    "S1_conf": float(self.first_order_conf[j]),
                    "ST": float(self.total[j]),
                    "ST_conf": float(self.total_conf[j]),
                }
                for j, path in enumerate(self.paths)
            ],
            "samples": self.samples,
            "runs_per_point": self.runs_per_point,
            "points": self.points,
            "clipped_values": self.clipped,
            "output_mean": self.output_mean,
            "output_sd": self.output_sd,
            "seed": self.seed,
            "elapsed_s": self.elapsed,
        }


def sobol_sensitivity(
    scenario: Scenario,
    *,
    outcome: str | None = None,
    samples: int = 64,
    runs: int = 2_000,
    seed: SeedLike = None,
    backend: str = "numpy",
    executor: str | Executor = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    chunk_size: int = DEFAULT_CHUNK,
) -> SensitivityResult:
    """Sobol' first-order and total indices of P(``outcome``) over ``scenario.uncertain``.

    Parameters
    ----------
    outcome
        A named outcome (see ``bastion escalation run``); default: crossing the crisis's
        stopping threshold.
    samples
        Saltelli base sample size N (a power of 2); ``N (D + 2)`` variants are simulated.
    runs
        Simulated crises per variant.
    """
    salib_sample = import_optional(
        "SALib.sample.sobol", extra="sensitivity", purpose="Sobol' analysis"
    )
    salib_analyze = import_optional(
        "SALib.analyze.sobol", extra="sensitivity", purpose="Sobol' analysis"
    )
    parameters = list(scenario.uncertain)
    if not parameters:
        raise ParameterError(
            f"scenario {scenario.name!r} declares no uncertain parameters (add them under "
            "'uncertain:'; see docs/scenario-guide.md)"
        )
    if samples < 2 or samples & (samples - 1):
        raise ParameterError(f"samples must be a power of 2, at least 2; got {samples}")
    if runs < 1:
        raise ParameterError(f"runs must be a positive integer; got {runs}")
    if outcome is None:
        stop = scenario.crisis.stop_at
        outcome = f"crossed:{stop}" if stop else "settled"
    record = resolve_seed(seed)
    paths = [prm.path for prm in parameters]
    problem = {"num_vars": len(paths), "names": paths, "bounds": [[0.0, 1.0]] * len(paths)}
    sample_seed = int(record.seed_sequence.generate_state(1)[0])
    unit = salib_sample.sample(problem, samples, calc_second_order=False, seed=sample_seed)
    values = transform_unit_samples(unit, parameters)
    base = scenario.model_dump()
    variants, clipped = [], 0
    for row in values:
        variant, n_clipped = _variant(base, paths, row)
        variants.append(variant)
        clipped += n_clipped
    start = time.perf_counter()
    pool = get_executor(executor, workers=workers, scheduler=scheduler)
    tasks = (_PointTask(v, runs, record, backend, outcome, chunk_size) for v in variants)
    output = np.fromiter(pool.map(_run_point, tasks), dtype=float, count=len(variants))
    if output.std() == 0:
        zeros = np.zeros(len(paths))
        indices = {"S1": zeros, "S1_conf": zeros, "ST": zeros, "ST_conf": zeros}
    else:
        indices = salib_analyze.analyze(
            problem, output, calc_second_order=False, seed=sample_seed, print_to_console=False
        )
    return SensitivityResult(
        outcome=outcome,
        paths=paths,
        first_order=np.asarray(indices["S1"]),
        first_order_conf=np.asarray(indices["S1_conf"]),
        total=np.asarray(indices["ST"]),
        total_conf=np.asarray(indices["ST_conf"]),
        samples=samples,
        runs_per_point=runs,
        points=len(variants),
        clipped=clipped,
        output_mean=float(output.mean()),
        output_sd=float(output.std()),
        seed=record.to_dict(),
        elapsed=time.perf_counter() - start,
    )
