"""Networks at scale: a generated 1,000,000-tie network, Bastion vs NetworkX in one run.

The graph is a seeded stochastic block model (communities of 100 actors, most ties inside
them — the cell structure of clandestine networks), written as a labelled CSV edge list.
Timed for Bastion: load (read + build), degree, PageRank, connected components, Leiden,
and betweenness sampled from k = 256 sources. For NetworkX: load, PageRank and sampled
betweenness; NetworkX's betweenness is timed on ``--nx-sources`` sources and scaled to
256 (Brandes's cost is linear in the number of sources: one search per source). Peak
resident memory of the process is printed after the Bastion steps.

Run: ``python benchmarks/bench_networks_scale.py [--edges 1000000] [--nodes 200000]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bastion.io.edgelist import read_edgelist
from bastion.networks import centrality, components, from_edgelist, leiden, sampled_betweenness


def generate(path: Path, nodes: int, edges: int, seed: int = 1) -> None:
    """A stochastic block model: 85 % of ties inside blocks of 100 actors."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, nodes, size=edges * 2)
    inside = rng.random(edges * 2) < 0.85
    block = a // 100 * 100
    b = np.where(
        inside, block + rng.integers(0, 100, size=a.size), rng.integers(0, nodes, size=a.size)
    )
    b = np.minimum(b, nodes - 1)
    keep = a != b
    lo, hi = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    pairs = np.unique(lo * nodes + hi)[:edges]
    rng.shuffle(pairs)
    with path.open("w") as handle:
        handle.write("source,target\n")
        for chunk in np.array_split(pairs, 20):
            handle.write("".join(f"n{p // nodes},n{p % nodes}\n" for p in chunk.tolist()))


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--nodes", type=int, default=200_000)
    parser.add_argument("--k", type=int, default=256)
    parser.add_argument("--nx-sources", type=int, default=8)
    parser.add_argument("--skip-networkx", action="store_true")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "edges.csv"
        generate(path, args.nodes, args.edges)
        ours: dict[str, float] = {}
        ours["load"], net = timed(lambda: from_edgelist(read_edgelist(path)))
        n, m = len(net.labels), net.graph.num_edges()
        print(f"graph: stochastic block model, {n} nodes, {m} edges")
        ours["degree"], _ = timed(lambda: centrality(net, "degree"))
        ours["pagerank"], _ = timed(lambda: centrality(net, "pagerank"))
        ours["components"], parts = timed(lambda: components(net))
        ours["leiden"], found = timed(lambda: leiden(net, seed=1))
        ours["betweenness"], _ = timed(lambda: sampled_betweenness(net, args.k, seed=1))
        memory = peak_mib()
        theirs: dict[str, float] = {}
        if not args.skip_networkx:
            import networkx as nx

            theirs["load"], graph = timed(
                lambda: nx.read_edgelist(path, delimiter=",", comments="source")
            )
            theirs["pagerank"], _ = timed(lambda: nx.pagerank(graph, alpha=0.85, tol=1e-10))
            t, _ = timed(lambda: nx.betweenness_centrality(graph, k=args.nx_sources, seed=1))
            theirs["betweenness"] = t * args.k / args.nx_sources
    print(
        f"{len(parts)} components; Leiden: {len(found.groups)} communities, "
        f"modularity {found.modularity:.3f}"
    )
    print(f"{'step':<34}{'Bastion s':>11}{'NetworkX s':>12}{'speed-up':>10}")
    total = 0.0
    for step, seconds in ours.items():
        name = f"betweenness (sampled, k={args.k})" if step == "betweenness" else step
        ref = theirs.get(step)
        cells = f"{ref:>12.2f}{ref / seconds:>10.1f}" if ref else f"{'':>12}{'':>10}"
        print(f"{name:<34}{seconds:>11.2f}{cells}")
        if step != "betweenness":
            total += seconds
    print(f"{'load+degree+PageRank+components+Leiden':<34}{total:>11.2f}")
    print(f"peak resident memory after the Bastion steps: {memory:.0f} MiB")
    if theirs:
        print(f"(NetworkX betweenness measured on {args.nx_sources} sources, scaled to {args.k})")


if __name__ == "__main__":
    main()
