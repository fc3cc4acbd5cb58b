"""Communities: Leiden partitions, modularity, multiplex communities, tracking over phases.

Tracking reports births, deaths, merges and splits between phases.

Leiden (Traag, Waltman & van Eck 2019) runs in graspologic-native (MIT, Rust). Modularity
is Newman's (2006) ``Q = sum_c [L_c / m - gamma (d_c / 2m)^2]``, computed here from the
sparse adjacency (the tests check it against NetworkX). Multiplex communities come from
the layer-weighted aggregate of the layers (the aggregation approach of Berlingerio,
Coscia & Giannotti 2011). Tracking matches each phase's communities to the next phase's
by Jaccard overlap of members at or above a threshold (Greene, Doyle & Cunningham 2010):
no successor is a death, no predecessor a birth, two or more successors a split, two or
more predecessors a merge, one each a continuation.

References
----------
Traag, V. A., Waltman, L. & van Eck, N. J. (2019). From Louvain to Leiden: guaranteeing
well-connected communities. *Scientific Reports* 9, 5233.
Newman, M. E. J. (2006). Modularity and community structure in networks. *PNAS* 103(23),
8577-8582.
Berlingerio, M., Coscia, M. & Giannotti, F. (2011). Finding and characterizing communities
in multidimensional networks. *ASONAM 2011*, 490-494.
Greene, D., Doyle, D. & Cunningham, P. (2010). Tracking the evolution of communities in
dynamic social networks. *ASONAM 2010*, 176-183.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import rustworkx as rx

from bastion.errors import ParameterError
from bastion.io.edgelist import EdgeList
from bastion.networks.graph import Network, Ties, from_edgelist

__all__ = [
    "Communities",
    "CommunityEvent",
    "components",
    "leiden",
    "modularity",
    "multiplex_leiden",
    "track",
]


@dataclass(frozen=True)
class Communities:
    """A partition: community id of every node (0 = largest), and its modularity."""

    membership: dict[str, int]
    modularity: float

    @property
    def groups(self) -> list[list[str]]:
        """Members of each community, largest first."""
        out: list[list[str]] = [[] for _ in range(max(self.membership.values(), default=-1) + 1)]
        for node, c in self.membership.items():
            out[c].append(node)
        return out


def components(network: Network) -> list[list[str]]:
    """Connected (weakly, if directed) components, largest first."""
    g = network.graph
    parts = rx.weakly_connected_components(g) if network.directed else rx.connected_components(g)
    ordered = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0] if p else 0))
    return [[network.labels[i] for i in p] for p in ordered]


def modularity(
    network: Network, membership: Mapping[str, int], *, resolution: float = 1.0
) -> float:
    """Newman's modularity of ``membership`` on the weighted, undirected network."""
    a = network.adjacency(weighted=True)
    if network.directed:
        a = a + a.T
    two_m = float(a.sum())
    if two_m == 0:
        return 0.0
    c = np.array([membership[label] for label in network.labels])
    k = np.asarray(a.sum(axis=1)).ravel()
    rows, cols = a.nonzero()
    inside = float(np.asarray(a[rows, cols]).ravel()[c[rows] == c[cols]].sum())
    degree_sums = np.bincount(c, weights=k)
    return inside / two_m - resolution * float((degree_sums**2).sum()) / two_m**2


def _relabel(groups: dict[str, int], labels: Sequence[str]) -> dict[str, int]:
    """Community ids by size (largest 0), ties by first member in input order."""
    order = {label: i for i, label in enumerate(labels)}
    members: dict[int, list[str]] = {}
    for node, c in groups.items():
        members.setdefault(c, []).append(node)
    ranked = sorted(members.values(), key=lambda m: (-len(m), min(order[x] for x in m)))
    return {node: new for new, m in enumerate(ranked) for node in sorted(m, key=order.__getitem__)}


def leiden(
    network: Network,
    *,
    resolution: float = 1.0,
    seed: int = 0,
    trials: int = 1,
    weighted: bool = True,
) -> Communities:
    """Leiden communities maximising modularity (ties as undirected).

    Isolated nodes are communities of their own. The same ``seed`` gives the same
    partition.
    """
    if not resolution > 0:
        raise ParameterError(f"resolution must be positive; got {resolution}")
    import graspologic_native as native

    labels = network.labels
    edges = [
        (str(a), str(b), float(w) if weighted else 1.0)
        for a, b, w in network.graph.weighted_edge_list()
        if a != b
    ]
    found: dict[str, int] = {}
    if edges:
        _, raw = native.leiden(
            edges, resolution=resolution, seed=seed, trials=trials, use_modularity=True
        )
        found = {labels[int(k)]: int(v) for k, v in raw.items()}
    offset = max(found.values(), default=-1) + 1
    for label in labels:
        if label not in found:
            found[label] = offset
            offset += 1
    membership = _relabel(found, labels)
    return Communities(membership, modularity(network, membership, resolution=resolution))


def multiplex_leiden(
    ties: Ties,
    *,
    layer_weights: Mapping[str, float] | None = None,
    at: float | None = None,
    resolution: float = 1.0,
    seed: int = 0,
) -> Communities:
    """Leiden on the aggregate of the layers, each tie weighted by its layer's weight.

    Layers weigh 1 by default; a layer weighted 0 is left out.
    """
    layers = ties.layers
    weights = {layer: 1.0 for layer in layers} | dict(layer_weights or {})
    unknown = sorted(set(weights) - set(layers))
    if unknown:
        raise ParameterError(
            f"unknown layer(s) {', '.join(unknown)}; expected: {', '.join(layers)}"
        )
    chosen = [layer for layer in layers if weights[layer] > 0]  # weight 0 leaves a layer out
    edges = ties.select(ties.mask(at=at, layers=chosen))
    factor = np.array([weights[x] for x in (edges.layers or ["default"] * len(edges))])
    scaled = EdgeList(edges.sources, edges.targets, edges.weights * factor, edges.file)
    return leiden(from_edgelist(scaled, directed=False), resolution=resolution, seed=seed)


@dataclass(frozen=True)
class CommunityEvent:
    """One change between phases: ``kind`` is birth, death, continuation, merge or split."""

    kind: str
    phase: float
    before: list[int]
    after: list[int]

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"kind": self.kind, "phase": self.phase, "before": self.before, "after": self.after}


def track(
    partitions: Sequence[tuple[float, Communities]], *, threshold: float = 0.3
) -> list[CommunityEvent]:
    """Events between consecutive partitions (see the module docstring).

    ``partitions`` is a list of (phase, communities); communities of one node are
    ignored. ``threshold`` is the Jaccard overlap that links two communities.
    """
    if not 0 < threshold <= 1:
        raise ParameterError(f"threshold must be in (0, 1]; got {threshold}")
    events: list[CommunityEvent] = []

    def groups(c: Communities) -> dict[int, set[str]]:
        return {k: set(g) for k, g in enumerate(c.groups) if len(g) > 1}

    for (_, c0), (p1, c1) in itertools.pairwise(partitions):
        a, b = groups(c0), groups(c1)
        links = [
            (i, j)
            for i, x in a.items()
            for j, y in b.items()
            if len(x & y) / len(x | y) >= threshold
        ]
        succ = {i: [j for i2, j in links if i2 == i] for i in a}
        pred = {j: [i for i, j2 in links if j2 == j] for j in b}
        for i, js in succ.items():
            if not js:
                events.append(CommunityEvent("death", p1, [i], []))
            elif len(js) > 1:
                events.append(CommunityEvent("split", p1, [i], js))
        for j, is_ in pred.items():
            if not is_:
                events.append(CommunityEvent("birth", p1, [], [j]))
            elif len(is_) > 1:
                events.append(CommunityEvent("merge", p1, is_, [j]))
            elif len(succ[is_[0]]) == 1:
                events.append(CommunityEvent("continuation", p1, is_, [j]))
    return events
