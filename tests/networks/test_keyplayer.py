"""Key players: fragmentation measures against NetworkX, local optimality of the search,
and the exhaustive optimum on small graphs."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bastion import ParameterError
from bastion.networks.keyplayer import (
    distance_fragmentation,
    fragmentation,
    key_players,
    reach,
)
from tests.networks.helpers import from_nx


def nx_fragmentation(G: nx.Graph) -> float:
    n = G.number_of_nodes()
    return 1 - sum(len(c) * (len(c) - 1) for c in nx.connected_components(G)) / (n * (n - 1))


def nx_distance_fragmentation(G: nx.Graph) -> float:
    n = G.number_of_nodes()
    total = sum(1 / d for s, ds in nx.shortest_path_length(G) for t, d in ds.items() if s != t)
    return 1 - total / (n * (n - 1))


def nx_reach(G: nx.Graph, members: list[str]) -> float:
    dist = nx.multi_source_dijkstra_path_length(G, set(members))
    return sum(1.0 if v in members else 1 / dist[v] for v in dist) / G.number_of_nodes()


graphs = st.builds(
    lambda n, p, seed: nx.relabel_nodes(nx.gnp_random_graph(n, p, seed=seed), str),
    st.integers(6, 14),
    st.floats(0.1, 0.4),
    st.integers(0, 10_000),
)


@settings(max_examples=25, deadline=None)
@given(G=graphs)
def test_measures_match_networkx(G: nx.Graph) -> None:
    net = from_nx(G, weight=None)
    gone = ["0", "3"]
    H = G.copy()
    H.remove_nodes_from(gone)
    assert fragmentation(net, gone) == pytest.approx(nx_fragmentation(H), abs=1e-12)
    assert distance_fragmentation(net, gone) == pytest.approx(nx_distance_fragmentation(H))
    assert reach(net, ["1", "2"]) == pytest.approx(nx_reach(G, ["1", "2"]))


@settings(max_examples=15, deadline=None)
@given(G=graphs, k=st.integers(1, 3), objective=st.sampled_from(["fragmentation", "reach"]))
def test_result_is_a_local_optimum_and_scored_right(G: nx.Graph, k: int, objective: str) -> None:
    net = from_nx(G, weight=None)
    found = key_players(net, k, objective)  # type: ignore[arg-type]
    score = (lambda s: reach(net, s)) if objective == "reach" else (lambda s: fragmentation(net, s))
    assert found.score == pytest.approx(score(found.members))
    for pos, v in itertools.product(range(k), G.nodes):
        if v not in found.members:
            swapped = [*found.members[:pos], v, *found.members[pos + 1 :]]
            assert score(swapped) <= found.score + 1e-12


def test_finds_the_exhaustive_optimum_on_two_cells() -> None:
    # two cells joined through a courier: removing the courier and a cell hub fragments most
    G = nx.Graph()
    G.add_edges_from(nx.star_graph(["hubA", "a1", "a2", "a3", "a4"]).edges)
    G.add_edges_from(nx.star_graph(["hubB", "b1", "b2", "b3", "b4"]).edges)
    G.add_edges_from([("hubA", "courier"), ("courier", "hubB")])
    net = from_nx(G)
    best = max(itertools.combinations(G.nodes, 2), key=lambda s: fragmentation(net, list(s)))
    found = key_players(net, 2)
    assert found.score == pytest.approx(fragmentation(net, list(best)))
    assert "courier" in found.members or {"hubA", "hubB"} == set(found.members)
    assert found.baseline == 0.0
    # a hub reaches its cell at distance 1 and the other cell at 2-3: more than the courier
    assert key_players(net, 1, "reach").members == ["hubA"]
    best_pair = max(itertools.combinations(G.nodes, 2), key=lambda s: reach(net, list(s)))
    assert key_players(net, 2, "reach").score == pytest.approx(reach(net, list(best_pair)))


def test_bad_k() -> None:
    with pytest.raises(ParameterError, match="k must be between 1 and 2"):
        key_players(from_nx(nx.path_graph(3)), 3)
    with pytest.raises(ParameterError, match="unknown objective"):
        key_players(from_nx(nx.path_graph(3)), 1, "speed")  # type: ignore[arg-type]
