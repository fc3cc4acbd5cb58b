"""Build the same network for Bastion and for the NetworkX oracle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from bastion.io.edgelist import read_edgelist
from bastion.networks import Network, from_edgelist


def build(edges: list[tuple[str, str, float]], tmp: Path) -> tuple[Network, Any]:
    """Write ``edges`` as a CSV edge list, read it with Bastion, and build the NetworkX twin
    (repeated edges merged with summed weights, as Bastion does)."""
    path = tmp / "e.csv"
    path.write_text("".join(f"{a},{b},{w}\n" for a, b, w in edges))
    G = nx.Graph()
    for a, b, w in edges:
        G.add_edge(a, b, weight=G.get_edge_data(a, b, {"weight": 0.0})["weight"] + w)
    return from_edgelist(read_edgelist(path)), G


def from_nx(G: Any, *, weight: str | None = "weight") -> Network:
    """The Bastion twin of a NetworkX graph (labels as strings, isolates kept)."""
    import numpy as np

    from bastion.io.edgelist import EdgeList

    pairs = list(G.edges(data=True))
    edges = EdgeList(
        [str(a) for a, _, _ in pairs],
        [str(b) for _, b, _ in pairs],
        np.array([float(d.get(weight, 1.0)) if weight else 1.0 for _, _, d in pairs]),
        "<networkx>",
        nodes=tuple(str(v) for v in G.nodes),
    )
    return from_edgelist(edges, directed=G.is_directed())
