"""Centrality and centralisation of a network (unweighted unless stated).

Degree and strength (sum of tie weights), betweenness (Brandes 2001), closeness with the
Wasserman-Faust correction for disconnected graphs, harmonic centrality (Marchiori &
Latora 2000), eigenvector centrality (Bonacich 1972) and PageRank (Brin & Page 1998), all
computed with rustworkx (harmonic from its distance matrix) and keyed by node label;
Freeman's (1978) centralisation of any of them. In directed networks degree and strength
count in- and out-ties, and closeness and harmonic centrality use distances *to* a node
(as NetworkX does); eigenvector centrality uses in-ties.

References
----------
Freeman, L. C. (1978). Centrality in social networks: conceptual clarification. *Social
Networks* 1(3), 215-239. Wasserman, S. & Faust, K. (1994). *Social Network Analysis*.
Marchiori, M. & Latora, V. (2000). Harmony in the small-world. *Physica A* 285, 539-546.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
import rustworkx as rx

from bastion.errors import ParameterError
from bastion.networks.graph import Network

__all__ = ["MEASURES", "centralisation", "centrality"]

MEASURES = ("degree", "strength", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank")
Measure = Literal[
    "degree", "strength", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank"
]


def _degree(graph: Any, node: int) -> int:
    """Degree; in a directed graph, in-degree plus out-degree (as NetworkX counts it)."""
    if isinstance(graph, rx.PyDiGraph):
        return int(graph.in_degree(node) + graph.out_degree(node))
    return int(graph.degree(node))


def _by_label(network: Network, values: Any) -> dict[str, float]:
    return {network.labels[int(i)]: float(v) for i, v in values.items()}


def centrality(network: Network, measure: Measure = "degree") -> dict[str, float]:
    """``measure`` for every node, keyed by label (see the module docstring)."""
    g = network.graph
    if measure == "degree":
        return {network.labels[i]: float(_degree(g, i)) for i in g.node_indices()}
    if measure == "strength":
        a = network.adjacency(weighted=True)
        total = np.asarray(a.sum(axis=1)).ravel() + (
            np.asarray(a.sum(axis=0)).ravel() if network.directed else 0.0
        )
        return {label: float(total[i]) for i, label in enumerate(network.labels)}
    if measure == "betweenness":
        return _by_label(network, rx.betweenness_centrality(g, normalized=True))
    if measure == "closeness":
        return _by_label(network, rx.closeness_centrality(g, wf_improved=True))
    if measure == "harmonic":
        d = rx.distance_matrix(g, null_value=np.inf)
        with np.errstate(divide="ignore"):
            inverse = np.where(np.isfinite(d) & (d > 0), 1.0 / d, 0.0)
        totals = inverse.sum(axis=0 if network.directed else 1)  # distances *to* the node
        return {network.labels[i]: float(totals[k]) for k, i in enumerate(g.node_indices())}
    if measure == "eigenvector":
        return _by_label(network, rx.eigenvector_centrality(g, max_iter=1000, tol=1e-10))
    if measure == "pagerank":
        directed = g if isinstance(g, rx.PyDiGraph) else g.to_directed()
        return _by_label(network, rx.pagerank(directed, alpha=0.85, tol=1e-10, max_iter=1000))
    raise ParameterError(f"unknown measure {measure!r}; expected one of: {', '.join(MEASURES)}")


def centralisation(values: dict[str, float], maximum: float | None = None) -> float:
    """Freeman centralisation: ``sum(max - c_i) / max_possible``.

    ``maximum`` is the largest possible sum for the measure and network size (for degree
    in a simple undirected graph of ``n`` nodes, ``(n - 1)(n - 2)``, reached by a star);
    without it the sum is normalised by ``(n - 1) * max(c)``.
    """
    c = np.array(list(values.values()), dtype=float)
    if c.size < 3:
        raise ParameterError("centralisation needs at least three nodes")
    spread = float((c.max() - c).sum())
    denominator = maximum if maximum is not None else (c.size - 1) * c.max()
    return spread / denominator if denominator > 0 else 0.0


def sampled_betweenness(
    network: Network,
    k: int,
    *,
    seed: int | np.random.Generator | None = None,
    sources: list[str] | None = None,
    batch: int = 32,
) -> dict[str, float]:
    """Betweenness estimated from ``k`` sampled sources (Brandes & Pich 2007).

    Brandes's (2001) accumulation from each sampled source, scaled by ``n / k`` and
    normalised like the exact measure (by ``(n - 1)(n - 2)``), so the estimate is unbiased
    for it. Unweighted shortest paths. The search runs level by level for ``batch``
    sources at once as sparse-matrix products (SciPy), which is what makes ``k = 256`` on
    a million-edge graph take seconds. ``sources`` (labels) replaces the random sample.

    References
    ----------
    Brandes, U. & Pich, C. (2007). Centrality estimation in large networks. *International
    Journal of Bifurcation and Chaos* 17(7), 2303-2318.
    """
    n = len(network.labels)
    if sources is not None:
        index = network.index
        unknown = [s for s in sources if s not in index]
        if unknown:
            raise ParameterError(f"unknown source node(s): {', '.join(unknown[:10])}")
        chosen = np.array([index[s] for s in sources], dtype=np.int64)
    else:
        if not 1 <= k <= n:
            raise ParameterError(f"k must be between 1 and the number of nodes ({n}); got {k}")
        chosen = np.random.default_rng(seed).choice(n, size=k, replace=False)
    adjacency = network.adjacency().tocsr()
    adjacency.data[:] = 1.0
    forward = adjacency.T.tocsr()  # forward[v, u] = 1 when u -> v
    totals = np.zeros(n)
    for start in range(0, chosen.size, batch):
        totals += _accumulate(adjacency, forward, chosen[start : start + batch])
    scale = n / chosen.size / ((n - 1) * (n - 2)) if n > 2 else 0.0
    return {label: float(totals[i] * scale) for i, label in enumerate(network.labels)}


def _accumulate(adjacency: Any, forward: Any, sources: np.ndarray[Any, Any]) -> Any:
    """Sum over ``sources`` of Brandes's dependencies ``delta_s(v)`` (one column each)."""
    n, b = adjacency.shape[0], sources.size
    columns = np.arange(b)
    dist = np.full((n, b), -1, dtype=np.int32)
    sigma = np.zeros((n, b))
    dist[sources, columns] = 0
    sigma[sources, columns] = 1.0
    level = 0
    while True:
        frontier = np.where(dist == level, sigma, 0.0)
        reached = forward @ frontier  # paths into each node from the frontier
        new = (dist < 0) & (reached > 0)
        if not new.any():
            break
        level += 1
        dist[new] = level
        sigma[new] = reached[new]
    delta = np.zeros((n, b))
    for depth in range(level, 0, -1):
        at = dist == depth
        share = np.where(at, (1.0 + delta) / np.where(at, sigma, 1.0), 0.0)
        delta += np.where(dist == depth - 1, sigma * (adjacency @ share), 0.0)
    delta[sources, columns] = 0.0
    return delta.sum(axis=1)
