"""Streaming summaries of an ensemble: outcome probabilities, survival, transitions, pathways.

Summaries are accumulated chunk by chunk in fixed memory (counts and histograms), so an
ensemble of 10^8 runs never holds more than one chunk of per-run records.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bastion.escalation.kernel import ChunkResult
from bastion.escalation.params import Params
from bastion.escalation.reference import OUTCOME_CODES

__all__ = ["EnsembleSummary", "outcome_indicators", "wilson_interval"]

Z95 = 1.959963984540054


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion (Wilson 1927).

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
    inference. JASA 22(158), 209-212. Brown, Cai & DasGupta (2001), Statistical Science
    16(2), 101-133, recommend it over the Wald interval for all n.

    Examples
    --------
    >>> [round(x, 4) for x in wilson_interval(8, 10)]
    [0.4902, 0.9433]
    """
    if n <= 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return (low, high)


def outcome_indicators(p: Params, chunk: ChunkResult) -> dict[str, np.ndarray[Any, Any]]:
    """One boolean per run for every named outcome."""
    out: dict[str, np.ndarray[Any, Any]] = {}
    for name, rung in zip(p.threshold_names, p.threshold_rung, strict=True):
        out[f"crossed:{name}"] = chunk.first_step[:, rung] >= 0
    out["settled"] = chunk.outcome == OUTCOME_CODES["settled"]
    out["stopped"] = chunk.outcome == OUTCOME_CODES["stopped"]
    out["unresolved_at_horizon"] = chunk.outcome == OUTCOME_CODES["horizon"]
    for a, alliance in enumerate(p.alliance_ids):
        out[f"consulted:{alliance}"] = chunk.consultation[:, a] >= 0
        out[f"activated:{alliance}"] = chunk.activation[:, a] >= 0
    out["misattribution"] = chunk.misattributions > 0
    return out


@dataclass
class EnsembleSummary:
    """Accumulates chunks; :meth:`to_dict` gives the JSON summary."""

    params: Params
    runs: int = 0
    run_steps: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    crossing_hist: dict[str, np.ndarray[Any, Any]] = field(default_factory=dict)
    transitions: np.ndarray[Any, Any] | None = None
    pathways: Counter[str] = field(default_factory=Counter)
    damage_sum: np.ndarray[Any, Any] | None = None
    max_rung_hist: np.ndarray[Any, Any] | None = None

    def update(self, chunk: ChunkResult) -> None:
        """Add one chunk's runs."""
        p = self.params
        self.runs += len(chunk.outcome)
        self.run_steps += chunk.run_steps
        for name, flags in outcome_indicators(p, chunk).items():
            self.counts[name] += int(flags.sum())
        for name, rung in zip(p.threshold_names, p.threshold_rung, strict=True):
            steps = chunk.first_step[:, rung]
            hist = np.bincount(steps[steps >= 0], minlength=p.horizon)[: p.horizon]
            self.crossing_hist[name] = self.crossing_hist.get(name, 0) + hist
        self.transitions = (
            chunk.transitions if self.transitions is None else self.transitions + chunk.transitions
        )
        damage = chunk.damage.sum(axis=0)
        self.damage_sum = damage if self.damage_sum is None else self.damage_sum + damage
        hist = np.bincount(chunk.max_rung, minlength=p.n_rungs)
        self.max_rung_hist = hist if self.max_rung_hist is None else self.max_rung_hist + hist
        self.pathways.update(_pathways(p, chunk))
        if len(self.pathways) > 5000:  # keep memory bounded: drop the rarest
            self.pathways = Counter(dict(self.pathways.most_common(1000)))

    def outcomes(self) -> dict[str, dict[str, float]]:
        """Probability of each named outcome with its 95% Wilson interval."""
        result = {}
        for name, count in self.counts.items():
            low, high = wilson_interval(count, self.runs)
            result[name] = {
                "p": count / self.runs if self.runs else 0.0,
                "ci_low": low,
                "ci_high": high,
                "count": count,
            }
        return result

    def survival(self) -> dict[str, list[float]]:
        """P(threshold not yet crossed after step t), t = 0 .. horizon - 1."""
        return {
            name: (1.0 - np.cumsum(hist) / max(self.runs, 1)).tolist()
            for name, hist in self.crossing_hist.items()
        }

    def to_dict(self, top_pathways: int = 10) -> dict[str, Any]:
        """JSON-serialisable summary."""
        p = self.params
        if self.transitions is None or self.damage_sum is None or self.max_rung_hist is None:
            raise ValueError("the summary has no runs yet")
        return {
            "runs": self.runs,
            "run_steps": self.run_steps,
            "outcomes": self.outcomes(),
            "survival": self.survival(),
            "rungs": p.rung_ids,
            "transitions": self.transitions.tolist(),
            "max_rung": dict(zip(p.rung_ids, self.max_rung_hist.tolist(), strict=True)),
            "pathways": [
                {"pathway": path, "runs": n, "p": n / self.runs}
                for path, n in self.pathways.most_common(top_pathways)
            ],
            "mean_damage": dict(
                zip(p.sector_ids, (self.damage_sum / max(self.runs, 1)).tolist(), strict=True)
            ),
        }


def _pathways(p: Params, chunk: ChunkResult) -> Counter[str]:
    """Escalation pathways: who first reached each rung above the lowest, in order."""
    names = np.array([*p.player_ids, "-"])
    keys: Counter[str] = Counter()
    # encode each run's path compactly, then decode only distinct ones
    code = chunk.first_player[:, 1:] + 1  # 0 = never reached
    unique, counts = np.unique(code, axis=0, return_counts=True)
    for row, n in zip(unique, counts, strict=True):
        steps = [
            f"{names[player - 1]}:{p.rung_ids[k + 1]}" for k, player in enumerate(row) if player > 0
        ]
        keys[" > ".join(steps) or "no hostile action"] += int(n)
    return keys
