"""Centrality and centralisation of a network (unweighted unless stated).

Degree and strength (sum of tie weights), betweenness (Brandes 2001), closeness with the
Wasserman-Faust correction for disconnected graphs, harmonic centrality (Marchiori &
Latora 2000), eigenvector centrality (Bonacich 1972) and PageRank (Brin & Page 1998), all
computed with rustworkx (harmonic from its distance matrix) and keyed by node label;
Freeman's (1978) centralisation of any of them.

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


def _by_label(network: Network, values: Any) -> dict[str, float]:
    return {network.labels[int(i)]: float(v) for i, v in values.items()}


def centrality(network: Network, measure: Measure = "degree") -> dict[str, float]:
    """``measure`` for every node, keyed by label (see the module docstring)."""
    g = network.graph
    if measure == "degree":
        return {network.labels[i]: float(g.degree(i)) for i in g.node_indices()}
    if measure == "strength":
        return {
            network.labels[i]: float(sum(w for _, _, w in g.incident_edge_index_map(i).values()))
            for i in g.node_indices()
        }
    if measure == "betweenness":
        return _by_label(network, rx.betweenness_centrality(g, normalized=True))
    if measure == "closeness":
        return _by_label(network, rx.closeness_centrality(g, wf_improved=True))
    if measure == "harmonic":
        d = rx.distance_matrix(g, null_value=np.inf)
        with np.errstate(divide="ignore"):
            inverse = np.where(np.isfinite(d) & (d > 0), 1.0 / d, 0.0)
        totals = inverse.sum(axis=1)
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
