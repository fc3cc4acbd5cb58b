"""Exposure benchmarks: Monte Carlo uncertainty of INFORM Risk (191 countries).

Prints the time of 10,000 vectorised replications of INFORM's upper levels (noise on the
six categories, Dirichlet weights, two aggregation operators drawn per replication) and,
as the reference measured in the same run, the same replications evaluated one at a time
with the index's ordinary evaluation (extrapolated from 200 replications).
Needs the INFORM 2023 workbook export in ../shared/data/risk/inform.

Run: ``python benchmarks/bench_exposure.py``.
"""

from __future__ import annotations

import csv
import dataclasses
import os
import platform
import time
from pathlib import Path

import numpy as np

from bastion.exposure import Node, evaluate, inform_upper_levels
from bastion.exposure.uncertainty import Uncertainty, monte_carlo

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "risk" / "inform"
COLUMNS = {
    "natural": "Natural",
    "human": "Human",
    "socio_economic_vulnerability": "Socio-Economic Vulnerability",
    "vulnerable_groups": "Vulnerable Groups",
    "institutional": "Institutional",
    "infrastructure": "Infrastructure",
}


def load() -> tuple[list[str], dict[str, np.ndarray]]:
    with (DATA / "inform_risk_2023_v065_scores_components.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    header, data = rows[0], [r for r in rows[2:] if len(r) > 2 and r[1]]
    col = {n: i for i, n in enumerate(header)}
    table = {k: np.array([float(r[col[v]]) for r in data]) for k, v in COLUMNS.items()}
    return [r[col["ISO3"]] for r in data], table


def one_at_a_time(
    root: Node, table: dict[str, np.ndarray], uncertainty: Uncertainty, reps: int
) -> None:
    """The same perturbations, one replication at a time, with the ordinary evaluation."""
    rng = np.random.default_rng(0)

    def perturbed(node: Node) -> Node:
        children = [perturbed(c) if isinstance(c, Node) else c for c in node.children]
        nominal = np.ones(len(children)) if node.weights is None else np.asarray(node.weights)
        assert uncertainty.weight_concentration is not None
        weights = rng.dirichlet(uncertainty.weight_concentration * nominal / nominal.sum())
        choices = uncertainty.methods.get(node.id)
        method = choices[rng.integers(len(choices))] if choices else node.method
        return dataclasses.replace(node, children=children, weights=list(weights), method=method)

    for _ in range(reps):
        noisy = {
            k: np.clip(v + rng.normal(0, uncertainty.noise[k], v.shape), 0, 10)
            for k, v in table.items()
        }
        evaluate(perturbed(root), noisy)


def main() -> None:
    units, table = load()
    root = inform_upper_levels()
    uncertainty = Uncertainty(
        noise={k: 0.3 for k in table},
        weight_concentration=20.0,
        methods={"risk": ["geometric", "arithmetic"], "hazard_exposure": ["inform", "arithmetic"]},
    )
    start = time.perf_counter()
    monte_carlo(root, table, uncertainty, units=units, replications=10_000, seed=1)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    one_at_a_time(root, table, uncertainty, 200)
    reference = (time.perf_counter() - start) / 200 * 10_000
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"{'INFORM Risk Monte Carlo, 191 countries':<48}{'seconds':>10}{'ratio':>8}")
    print(f"{'vectorised, 10,000 replications':<48}{ours:>10.2f}{1.0:>8.1f}")
    label = "one replication at a time (extrapolated)"
    print(f"{label:<48}{reference:>10.2f}{reference / ours:>8.1f}")


if __name__ == "__main__":
    main()
