"""Networks benchmark: sequential betweenness removal, Bastion (rustworkx) vs NetworkX.

Removes the 20 most central nodes one at a time, recomputing betweenness after each
removal, on a generated scale-free network (Barabási-Albert, seeded) and times Bastion's
`sequential_removal` against the same attack written with NetworkX, in one run.

Run: ``python benchmarks/bench_networks.py [--nodes 2000]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

import networkx as nx

from bastion.io.edgelist import read_edgelist
from bastion.networks import from_edgelist, sequential_removal


def networkx_attack(G: nx.Graph, steps: int) -> list[int]:  # noqa: N803
    H = G.copy()  # noqa: N806
    sizes = [max(len(c) for c in nx.connected_components(H))]
    for _ in range(steps):
        scores = nx.betweenness_centrality(H, normalized=True)
        H.remove_node(max(scores, key=scores.__getitem__))
        sizes.append(max(len(c) for c in nx.connected_components(H)))
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--steps", type=int, default=20)
    args = parser.parse_args()
    G = nx.barabasi_albert_graph(args.nodes, 3, seed=1)  # noqa: N806
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "edges.csv"
        path.write_text("".join(f"{a},{b}\n" for a, b in G.edges()))
        start = time.perf_counter()
        network = from_edgelist(read_edgelist(path))
        ours_load = time.perf_counter() - start
    start = time.perf_counter()
    sequential_removal(network, strategy="betweenness", recompute=True, steps=args.steps)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    networkx_attack(G, args.steps)
    theirs = time.perf_counter() - start
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"graph: Barabasi-Albert, {G.number_of_nodes()} nodes, {G.number_of_edges()} edges; "
        f"{args.steps} removals by recomputed betweenness"
    )
    print(f"{'implementation':<34}{'seconds':>10}{'speed-up':>10}")
    print(f"{'NetworkX (reference)':<34}{theirs:>10.2f}{1.0:>10.1f}")
    print(f"{'Bastion (rustworkx)':<34}{ours:>10.2f}{theirs / ours:>10.1f}")
    print(f"(Bastion's edge-list read and graph build: {ours_load:.2f} s)")


if __name__ == "__main__":
    main()
