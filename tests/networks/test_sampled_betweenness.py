"""Sampled betweenness against NetworkX: exact with every source, and the same sum as
NetworkX's subset betweenness for any fixed set of sources."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bastion import ParameterError
from bastion.networks.centrality import sampled_betweenness
from tests.networks.helpers import from_nx


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(4, 30),
    p=st.floats(0.05, 0.5),
    seed=st.integers(0, 10_000),
    directed=st.booleans(),
)
def test_all_sources_is_exact_betweenness(n: int, p: float, seed: int, directed: bool) -> None:
    G = nx.relabel_nodes(nx.gnp_random_graph(n, p, seed=seed, directed=directed), str)
    ours = sampled_betweenness(from_nx(G, weight=None), n, seed=1)
    exact = nx.betweenness_centrality(G, normalized=True)
    assert ours == pytest.approx(exact, abs=1e-12)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), k=st.integers(1, 12), directed=st.booleans())
def test_fixed_sources_match_subset_betweenness(seed: int, k: int, directed: bool) -> None:
    n = 40
    G = nx.relabel_nodes(nx.gnm_random_graph(n, 90, seed=seed, directed=directed), str)
    sources = [str(v) for v in range(0, 3 * k, 3)]
    ours = sampled_betweenness(from_nx(G, weight=None), k, sources=sources, batch=5)
    subset = nx.betweenness_centrality_subset(G, sources, list(G), normalized=False)
    # NetworkX halves undirected subset sums; ours is scaled by n/k and normalised
    scale = (1 if directed else 2) * n / k / ((n - 1) * (n - 2))
    assert ours == pytest.approx({v: scale * x for v, x in subset.items()}, abs=1e-12)


def test_estimate_is_close_and_reproducible() -> None:
    G = nx.relabel_nodes(nx.barabasi_albert_graph(400, 3, seed=2), str)
    net = from_nx(G, weight=None)
    a = sampled_betweenness(net, 100, seed=7)
    assert a == sampled_betweenness(net, 100, seed=7)
    exact = nx.betweenness_centrality(G)
    top = sorted(exact, key=exact.__getitem__)[-10:]
    # an unbiased estimate from a quarter of the sources: the hubs are within 30 %
    assert all(abs(a[v] - exact[v]) < 0.3 * exact[v] for v in top)


def test_bad_arguments() -> None:
    net = from_nx(nx.path_graph(4))
    with pytest.raises(ParameterError, match="k must be between 1 and the number of nodes"):
        sampled_betweenness(net, 9)
    with pytest.raises(ParameterError, match="unknown source"):
        sampled_betweenness(net, 1, sources=["x"])
