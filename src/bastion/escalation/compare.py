"""Levers against the baseline with common random numbers.

Every variant (the baseline and each lever) is simulated chunk by chunk from the same
child seeds, so run ``i`` of every variant sees the same uniform random numbers. The
effect of a lever on an outcome is the mean paired difference of the run-level
indicators, ``mean(y_lever - y_baseline)``, with a normal-approximation 95% interval
from the paired standard error. Pairing removes the between-run variance that two
independent ensembles would carry (Law 2015, *Simulation Modeling and Analysis*, 5th ed.,
section 11.2, "common random numbers"); the report states the variance reduction.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bastion.compute import SeedLike, resolve_seed
from bastion.errors import ParameterError
from bastion.escalation.backends import get_backend
from bastion.escalation.ensemble import DEFAULT_CHUNK, _check
from bastion.escalation.kernel import simulate_chunk
from bastion.escalation.params import compile_params
from bastion.escalation.summary import Z95, EnsembleSummary, outcome_indicators
from bastion.scenario import Scenario

__all__ = ["Comparison", "LeverEffect", "compare_levers", "compare_variants"]


@dataclass(frozen=True)
class LeverEffect:
    """Effect of one lever on one outcome probability (or on mean damage, ``damage:*``)."""

    lever: str
    outcome: str
    p_baseline: float
    p_lever: float
    effect: float
    ci_low: float
    ci_high: float
    variance_reduction: float | None  # independent-sample / paired variance; None if n/a


@dataclass
class Comparison:
    """Result of :func:`compare_levers`."""

    runs: int
    seed: dict[str, Any]
    backend: str
    effects: list[LeverEffect]
    summaries: dict[str, EnsembleSummary]
    elapsed: float

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "runs": self.runs,
            "seed": self.seed,
            "backend": self.backend,
            "elapsed_s": self.elapsed,
            "effects": [vars(e) for e in self.effects],
            "outcomes": {name: s.outcomes() for name, s in self.summaries.items()},
        }


def compare_levers(
    scenario: Scenario,
    runs: int,
    *,
    levers: Sequence[str] | None = None,
    seed: SeedLike = None,
    backend: str = "numpy",
    chunk_size: int = DEFAULT_CHUNK,
) -> Comparison:
    """Compare ``levers`` (default: all of the scenario's) against the baseline.

    Returns the paired effect of each lever on each named outcome, with 95% intervals.
    """
    names = list(levers) if levers is not None else [lv.id for lv in scenario.levers]
    if not names:
        raise ParameterError(f"scenario {scenario.name!r} defines no levers to compare")
    return compare_variants(
        scenario,
        {name: scenario.with_lever(name) for name in names},
        runs,
        seed=seed,
        backend=backend,
        chunk_size=chunk_size,
    )


def compare_variants(
    baseline: Scenario,
    alternatives: dict[str, Scenario],
    runs: int,
    *,
    seed: SeedLike = None,
    backend: str = "numpy",
    chunk_size: int = DEFAULT_CHUNK,
) -> Comparison:
    """Compare named scenario variants against ``baseline`` with common random numbers.

    Variants must have the same actors with policies and the same alliances as the
    baseline (so that they consume random numbers identically); levers always do.
    """
    _check(runs, chunk_size)
    names = list(alternatives)
    variants = {"baseline": compile_params(baseline)}
    for name, variant in alternatives.items():
        if name == "baseline":
            raise ParameterError("'baseline' is reserved for the baseline scenario")
        params = compile_params(variant)
        reference = variants["baseline"]
        if (params.player_ids, params.alliance_ids, params.actor_ids) != (
            reference.player_ids,
            reference.alliance_ids,
            reference.actor_ids,
        ):
            raise ParameterError(
                f"variant {name!r} changes the actors, policies or alliances of the baseline; "
                "common random numbers need the same ones (change their parameters instead)"
            )
        variants[name] = params
    record = resolve_seed(seed)
    engine = get_backend(backend)
    summaries = {name: EnsembleSummary(params) for name, params in variants.items()}
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    start = time.perf_counter()
    n_chunks = -(-runs // chunk_size)
    for i, child in enumerate(record.spawn(n_chunks)):
        size = min(chunk_size, runs - i * chunk_size)
        flags = {}
        for name, params in variants.items():
            chunk = simulate_chunk(params, size, engine.make_stream(child), engine)
            summaries[name].update(chunk)
            flags[name] = {
                **outcome_indicators(params, chunk),
                **{
                    f"damage:{sector}": chunk.damage[:, s]
                    for s, sector in enumerate(params.sector_ids)
                },
            }
        for name in names:
            for outcome, base in flags["baseline"].items():
                lever = flags[name][outcome]
                d = lever.astype(float) - base.astype(float)
                acc = sums[name, outcome]
                acc[0] += float(d.sum())
                acc[1] += float((d * d).sum())
                acc[2] += float(base.sum())
                acc[3] += float(lever.sum())
    effects = []
    for (name, outcome), (sd, sd2, sb, sl) in sums.items():
        mean = sd / runs
        var = max(sd2 / runs - mean * mean, 0.0) * runs / max(runs - 1, 1)
        half = Z95 * math.sqrt(var / runs)
        pb, pl = sb / runs, sl / runs
        # variance of the difference of two independent ensembles (binary outcomes); for
        # damage metrics the ratio is not reported
        binary = not outcome.startswith("damage:")
        independent = pb * (1 - pb) + pl * (1 - pl)
        effects.append(
            LeverEffect(
                lever=name,
                outcome=outcome,
                p_baseline=pb,
                p_lever=pl,
                effect=mean,
                ci_low=mean - half,
                ci_high=mean + half,
                variance_reduction=independent / var if binary and var > 0 else None,
            )
        )
    return Comparison(
        runs, record.to_dict(), backend, effects, summaries, time.perf_counter() - start
    )
