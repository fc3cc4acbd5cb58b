"""The network model: a rustworkx graph with node labels, and ties with layers and time.

rustworkx (Apache-2.0, Rust) is the compute engine: python-igraph is as fast but GPL,
which would bind every user of Bastion; NetworkX is the test oracle.

A :class:`Network` is one simple graph (repeated ties merged). :class:`Ties` keeps every
tie with its layer (arms, finance, kinship ...) and time (a phase, or a start and an
end), and cuts :class:`Network` snapshots from it: per phase, per layer, or aggregated.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import numpy as np
import rustworkx as rx

from bastion.errors import ParameterError
from bastion.io.edgelist import EdgeList, paused_gc

__all__ = ["Network", "Ties", "from_edgelist"]


@dataclass
class Network:
    """An undirected (or directed) weighted graph whose nodes carry string labels.

    Node index ``i`` of the rustworkx graph has label ``labels[i]``; labels are in order
    of first appearance in the input, which is also the order ties are broken in.
    Analyses never change ``graph`` in place (they copy it), and callers should not
    either: the sparse adjacency built with the network is reused while the graph keeps
    its size.
    """

    graph: Any
    labels: list[str]
    notes: list[str] = field(default_factory=list)
    ends: tuple[np.ndarray[Any, Any], ...] | None = field(default=None, repr=False, compare=False)

    @property
    def directed(self) -> bool:
        """Whether edges have a direction."""
        return isinstance(self.graph, rx.PyDiGraph)

    @cached_property
    def index(self) -> dict[str, int]:
        """Node index by label (built once)."""
        return {label: i for i, label in enumerate(self.labels)}

    def edge_arrays(self) -> tuple[np.ndarray[Any, Any], ...]:
        """Tails, heads and weights of every edge, as NumPy arrays."""
        fresh = self.ends is not None and self.ends[0].size == self.graph.num_edges()
        if fresh and self.graph.num_nodes() == len(self.labels):
            assert self.ends is not None
            return self.ends
        edges = self.graph.weighted_edge_list()
        m = len(edges)
        self.ends = (
            np.fromiter((e[0] for e in edges), dtype=np.int64, count=m),
            np.fromiter((e[1] for e in edges), dtype=np.int64, count=m),
            np.fromiter((float(e[2]) for e in edges), dtype=float, count=m),
        )
        return self.ends

    def adjacency(self, *, weighted: bool = False) -> Any:
        """The adjacency matrix as ``scipy.sparse.csr_array`` (symmetric if undirected)."""
        from scipy import sparse

        n = len(self.labels)
        a, b, w = self.edge_arrays()
        if not weighted:
            w = np.ones(a.size)
        if not self.directed:
            loop = a == b
            a, b, w = np.r_[a, b[~loop]], np.r_[b, a[~loop]], np.r_[w, w[~loop]]
        return sparse.csr_array((w, (a, b)), shape=(n, n))

    def undirected(self) -> Network:
        """The network with directions ignored (itself when already undirected)."""
        if not self.directed:
            return self
        return Network(self.graph.to_undirected(multigraph=False), self.labels, self.notes)

    def subgraph(self, keep: Iterable[str]) -> Network:
        """The network induced by the nodes ``keep`` (labels), in this network's order."""
        wanted = set(keep)
        nodes = [i for i, label in enumerate(self.labels) if label in wanted]
        return Network(self.graph.subgraph(nodes), [self.labels[i] for i in nodes])


def from_edgelist(
    edges: EdgeList, *, directed: bool | None = None, nodes: Sequence[str] = ()
) -> Network:
    """Build a simple graph: repeated edges are merged (weights summed), self-loops kept.

    ``directed`` defaults to what the file says (undirected when it says nothing).
    Nodes named by ``edges.nodes`` or ``nodes`` but in no tie are kept as isolates.
    """
    directed = bool(edges.directed) if directed is None else directed
    ends: list[str] = [""] * (2 * len(edges))
    ends[::2], ends[1::2] = edges.sources, edges.targets  # interleaved: first-appearance order
    with paused_gc():
        order = dict.fromkeys(ends)
        order.update(dict.fromkeys(edges.nodes))
        order.update(dict.fromkeys(nodes))
        labels = list(order)
        index = {label: i for i, label in enumerate(labels)}
        codes = np.fromiter(map(index.__getitem__, ends), dtype=np.int64, count=len(ends))
    a, b = codes[::2], codes[1::2]
    if not directed:
        a, b = np.minimum(a, b), np.maximum(a, b)
    key = a * len(labels) + b
    unique, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    weights = np.bincount(inverse, weights=edges.weights, minlength=unique.size)
    keep = np.argsort(first, kind="stable")  # edges in order of first appearance
    graph: Any = rx.PyDiGraph() if directed else rx.PyGraph()
    graph.add_nodes_from(labels)
    with paused_gc():
        graph.add_edges_from(
            list(
                zip(
                    a[first[keep]].tolist(),
                    b[first[keep]].tolist(),
                    weights[keep].tolist(),
                    strict=True,
                )
            )
        )
    merged = len(edges) - unique.size
    notes = [f"{merged} repeated edge(s) merged, weights summed"] if merged else []
    return Network(graph, labels, notes, (a[first[keep]], b[first[keep]], weights[keep]))


@dataclass(frozen=True)
class Ties:
    """Every tie of a multilayer, temporal network (see the module docstring)."""

    edges: EdgeList
    directed: bool = False

    @classmethod
    def from_edgelist(cls, edges: EdgeList, *, directed: bool | None = None) -> Ties:
        """Wrap an edge list (``directed`` defaults to what the file says)."""
        return cls(edges, bool(edges.directed) if directed is None else directed)

    @property
    def layers(self) -> list[str]:
        """Layer names in order of first appearance (``["default"]`` if untyped)."""
        return list(dict.fromkeys(self.edges.layers or ["default"]))

    @property
    def phases(self) -> list[float]:
        """Sorted distinct start times (phases); empty for a static network."""
        if self.edges.starts is None:
            return []
        s = self.edges.starts
        return sorted(set(s[~np.isnan(s)].tolist()))

    def mask(
        self, *, at: float | None = None, layers: Sequence[str] | None = None
    ) -> np.ndarray[Any, Any]:
        """Which ties are active at time ``at`` and belong to ``layers``.

        Active means ``start <= at <= end``; open (missing) ends match everything.
        """
        keep = np.ones(len(self.edges), dtype=bool)
        if layers is not None:
            unknown = sorted(set(layers) - set(self.layers))
            if unknown:
                raise ParameterError(
                    f"unknown layer(s) {', '.join(unknown)}; expected one of: "
                    f"{', '.join(self.layers)}"
                )
            keep &= np.isin(np.asarray(self.edges.layers or ["default"] * len(keep)), layers)
        if at is not None:
            if self.edges.starts is None or self.edges.ends is None:
                raise ParameterError("this network has no times; it has no phases to select")
            s, e = self.edges.starts, self.edges.ends
            keep &= (np.isnan(s) | (s <= at)) & (np.isnan(e) | (at <= e))
        return keep

    def select(self, keep: np.ndarray[Any, Any]) -> EdgeList:
        """The ties where ``keep`` is true."""
        e = self.edges
        idx = np.flatnonzero(keep).tolist()

        def pick(xs: list[str]) -> list[str]:
            return [xs[i] for i in idx]

        return replace(
            e,
            sources=pick(e.sources),
            targets=pick(e.targets),
            weights=e.weights[keep],
            layers=None if e.layers is None else pick(e.layers),
            starts=None if e.starts is None else e.starts[keep],
            ends=None if e.ends is None else e.ends[keep],
        )

    def snapshot(
        self,
        at: float | None = None,
        *,
        layers: Sequence[str] | None = None,
        all_nodes: bool = False,
    ) -> Network:
        """The network of ties active at ``at`` in ``layers`` (all by default).

        Repeated ties are merged. Nodes without an active tie are left out unless
        ``all_nodes``.
        """
        chosen = self.select(self.mask(at=at, layers=layers))
        if not all_nodes:
            chosen = replace(chosen, nodes=())
        else:
            everyone = dict.fromkeys(
                x for pair in zip(self.edges.sources, self.edges.targets, strict=True) for x in pair
            )
            chosen = replace(chosen, nodes=tuple(everyone) + self.edges.nodes)
        return from_edgelist(chosen, directed=self.directed)
