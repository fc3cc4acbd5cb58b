"""Key players (Borgatti 2006): the k actors to remove (KPP-Neg) or to reach out (KPP-Pos).

KPP-Neg: whose removal fragments the network most; KPP-Pos: who reach most of it.

Fragmentation ``F = 1 - sum_k s_k (s_k - 1) / (n (n - 1))`` over component sizes
``s_k`` (Borgatti 2006, eq. 4) and its distance-weighted form
``DF = 1 - sum_{i != j} (1 / d_ij) / (n (n - 1))`` (eq. 9; ``1 / inf = 0``); distance-
weighted reach of a set ``M``: ``DR = sum_j (1 / d_Mj) / n`` with ``d_Mj`` the distance from
the nearest member (members count as reached, ``1 / d = 1``; eq. 14). The search is
Borgatti's: a greedy start, then the best improving swap of a member for a non-member
until no swap improves (a local optimum, which the tests check).

References
----------
Borgatti, S. P. (2006). Identifying sets of key players in a social network.
*Computational and Mathematical Organization Theory* 12(1), 21-34.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import rustworkx as rx

from bastion.errors import ParameterError
from bastion.networks.graph import Network

__all__ = ["KeyPlayers", "distance_fragmentation", "fragmentation", "key_players", "reach"]

Objective = Literal["fragmentation", "distance_fragmentation", "reach"]


def _fragmentation_of(graph: Any) -> float:
    n = graph.num_nodes()
    if n < 2:
        return 0.0
    sizes = np.array([len(c) for c in rx.connected_components(graph)], dtype=float)
    return float(1.0 - (sizes * (sizes - 1)).sum() / (n * (n - 1)))


def _distance_fragmentation_of(graph: Any) -> float:
    n = graph.num_nodes()
    if n < 2:
        return 0.0
    d = rx.distance_matrix(graph, null_value=np.inf)
    with np.errstate(divide="ignore"):
        inverse = np.where(np.isfinite(d) & (d > 0), 1.0 / d, 0.0)
    return float(1.0 - inverse.sum() / (n * (n - 1)))


def fragmentation(network: Network, removed: list[str] | None = None) -> float:
    """Borgatti's F of the network (after removing ``removed``), ties taken as undirected."""
    return _fragmentation_of(_without(network, removed or []))


def distance_fragmentation(network: Network, removed: list[str] | None = None) -> float:
    """Borgatti's distance-weighted fragmentation DF (after removing ``removed``)."""
    return _distance_fragmentation_of(_without(network, removed or []))


def reach(network: Network, members: list[str]) -> float:
    """Distance-weighted reach of the set ``members`` (ties taken as undirected)."""
    d = rx.distance_matrix(network.undirected().graph, null_value=np.inf)
    index = network.index
    return _reach(d, [index[m] for m in members])


def _reach(d: np.ndarray[Any, Any], members: list[int]) -> float:
    nearest = d[members].min(axis=0)
    nearest[members] = 1.0
    with np.errstate(divide="ignore"):
        return float(np.where(np.isfinite(nearest), 1.0 / nearest, 0.0).mean())


def _without(network: Network, removed: list[str]) -> Any:
    graph = network.undirected().graph.copy()
    index = network.index
    unknown = [r for r in removed if r not in index]
    if unknown:
        raise ParameterError(f"unknown node(s): {', '.join(unknown[:10])}")
    graph.remove_nodes_from([index[r] for r in removed])
    return graph


@dataclass(frozen=True)
class KeyPlayers:
    """The chosen set, the objective's value, and the value before any choice."""

    objective: str
    members: list[str]
    score: float
    baseline: float
    swaps: int

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "objective": self.objective,
            "members": self.members,
            "score": self.score,
            "baseline": self.baseline,
            "swaps": self.swaps,
        }


def key_players(network: Network, k: int, objective: Objective = "fragmentation") -> KeyPlayers:
    """The ``k`` key players for ``objective`` (greedy start, then best-swap local search).

    ``fragmentation`` and ``distance_fragmentation`` are KPP-Neg (remove the set,
    maximise fragmentation); ``reach`` is KPP-Pos (maximise the set's distance-weighted
    reach). Ties are broken towards nodes that appear first in the input.
    """
    n = len(network.labels)
    if not 1 <= k < n:
        raise ParameterError(f"k must be between 1 and {n - 1} (nodes - 1); got {k}")
    score = _scorer(network, objective)
    chosen: list[int] = []
    for _ in range(k):
        candidates = [v for v in range(n) if v not in chosen]
        values = [score([*chosen, v]) for v in candidates]
        chosen.append(candidates[int(np.argmax(values))])
    best = score(chosen)
    swaps = 0
    while True:
        move, gain = None, 1e-12
        for pos in range(k):
            for v in range(n):
                if v in chosen:
                    continue
                trial = [*chosen[:pos], v, *chosen[pos + 1 :]]
                value = score(trial)
                if value - best > gain:
                    move, gain = trial, value - best
        if move is None:
            break
        chosen, best, swaps = move, best + gain, swaps + 1
    baseline = 0.0 if objective == "reach" else score([])
    return KeyPlayers(objective, [network.labels[v] for v in chosen], best, baseline, swaps)


def _scorer(network: Network, objective: Objective) -> Callable[[list[int]], float]:
    graph = network.undirected().graph
    if objective == "reach":
        d = rx.distance_matrix(graph, null_value=np.inf)
        return lambda members: _reach(d, members) if members else 0.0
    measure = {
        "fragmentation": _fragmentation_of,
        "distance_fragmentation": _distance_fragmentation_of,
    }.get(objective)
    if measure is None:
        raise ParameterError(
            f"unknown objective {objective!r}; expected fragmentation, "
            "distance_fragmentation or reach"
        )

    def removed(members: list[int]) -> float:
        g = graph.copy()
        g.remove_nodes_from(members)
        return measure(g)

    return removed
