"""The network model: a rustworkx graph with node labels, built from edge lists.

rustworkx (Apache-2.0, Rust) is the compute engine: python-igraph is as fast but GPL,
which would bind every user of Bastion; NetworkX is the test oracle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import rustworkx as rx

from bastion.io.edgelist import EdgeList

__all__ = ["Network", "from_edgelist"]


@dataclass
class Network:
    """An undirected (or directed) weighted graph whose nodes carry string labels.

    Node index ``i`` of the rustworkx graph has label ``labels[i]``; labels are in order
    of first appearance in the input, which is also the order ties are broken in.
    """

    graph: Any
    labels: list[str]
    notes: list[str] = field(default_factory=list)

    @property
    def directed(self) -> bool:
        """Whether edges have a direction."""
        return isinstance(self.graph, rx.PyDiGraph)


def from_edgelist(edges: EdgeList, *, directed: bool = False) -> Network:
    """Build a simple graph: repeated edges are merged (weights summed), self-loops kept."""
    graph: Any = rx.PyDiGraph() if directed else rx.PyGraph()
    index: dict[str, int] = {}
    labels: list[str] = []
    merged = 0
    for a, b, w in zip(edges.sources, edges.targets, edges.weights.tolist(), strict=True):
        for label in (a, b):
            if label not in index:
                index[label] = graph.add_node(label)
                labels.append(label)
        i, j = index[a], index[b]
        existing = graph.get_edge_data(i, j) if graph.has_edge(i, j) else None
        if existing is not None:
            graph.update_edge(i, j, existing + w)
            merged += 1
        else:
            graph.add_edge(i, j, w)
    notes = [f"{merged} repeated edge(s) merged, weights summed"] if merged else []
    return Network(graph, labels, notes)
