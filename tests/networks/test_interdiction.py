"""Maximum flow against NetworkX; budgeted interdiction against brute force over every
affordable set of ties or actors."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bastion import ParameterError
from bastion.networks.interdiction import interdict, max_flow
from tests.networks.helpers import from_nx


def capacitated(seed: int, directed: bool, n: int = 9, m: int = 20) -> nx.Graph:
    G = nx.relabel_nodes(nx.gnm_random_graph(n, m, seed=seed, directed=directed), str)
    rng = np.random.default_rng(seed)
    for a, b in G.edges:
        G[a][b]["weight"] = float(rng.integers(1, 6)) + (0.5 if seed % 2 else 0.0)
    return G


def oracle_flow(G: nx.Graph, sources: list[str], sinks: list[str]) -> float:
    H = G.to_directed() if not G.is_directed() else G.copy()
    H.add_edges_from(("S", s) for s in sources)  # no capacity attribute: unbounded
    H.add_edges_from((t, "T") for t in sinks)
    return float(nx.maximum_flow_value(H, "S", "T", capacity="weight"))


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), directed=st.booleans(), two=st.booleans())
def test_max_flow_and_cut_match_networkx(seed: int, directed: bool, two: bool) -> None:
    G = capacitated(seed, directed)
    sources, sinks = (["0", "1"], ["7", "8"]) if two else (["0"], ["8"])
    result = max_flow(from_nx(G), sources, sinks)
    assert result.value == pytest.approx(oracle_flow(G, sources, sinks))
    cut = sum(G[a][b]["weight"] for a, b in result.cut)
    assert cut == pytest.approx(result.value)  # max-flow = min-cut
    H = G.copy()
    H.remove_edges_from(result.cut)
    if not directed:
        assert all(not nx.has_path(H, s, t) for s in sources for t in sinks)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), directed=st.booleans(), budget=st.integers(1, 2))
def test_tie_interdiction_is_optimal(seed: int, directed: bool, budget: int) -> None:
    G = capacitated(seed, directed)
    result = interdict(from_nx(G), ["0"], ["8"], budget)
    best = min(
        oracle_flow(G.edge_subgraph([e for e in G.edges if e not in cut]).copy(), ["0"], ["8"])
        if all(v in G.edge_subgraph([e for e in G.edges if e not in cut]) for v in ("0", "8"))
        else 0.0
        for cut in itertools.combinations(G.edges, budget)
    )
    assert result.flow_after == pytest.approx(best)
    assert result.flow_before == pytest.approx(oracle_flow(G, ["0"], ["8"]))
    assert result.cost <= budget


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), directed=st.booleans())
def test_actor_interdiction_with_costs_is_optimal(seed: int, directed: bool) -> None:
    G = capacitated(seed, directed)
    costs = {str(v): 1.0 + (v % 3) for v in range(1, 8)}
    result = interdict(from_nx(G), ["0"], ["8"], 3.0, unit="actor", costs=costs)
    best = oracle_flow(G, ["0"], ["8"])
    for r in range(1, 4):
        for gone in itertools.combinations(costs, r):
            if sum(costs[g] for g in gone) <= 3.0:
                H = G.copy()
                H.remove_nodes_from(gone)
                best = min(best, oracle_flow(H, ["0"], ["8"]))
    assert result.flow_after == pytest.approx(best)
    assert sum(costs[a] for a in result.removed) == pytest.approx(result.cost)  # type: ignore[index]
    assert result.cost <= 3.0


def test_bad_input() -> None:
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    net = from_nx(G)
    with pytest.raises(ParameterError, match="unknown source or sink"):
        max_flow(net, ["a"], ["z"])
    with pytest.raises(ParameterError, match="both source and sink"):
        max_flow(net, ["a"], ["a"])
    G["a"]["b"]["weight"] = -2.0
    with pytest.raises(ParameterError, match=r"capacity of tie a - b is -2\.0"):
        max_flow(from_nx(G), ["a"], ["c"])
    with pytest.raises(ParameterError, match="budget must be"):
        interdict(net, ["a"], ["c"], -1)
    with pytest.raises(ParameterError, match="cost given for unknown actor"):
        interdict(net, ["a"], ["c"], 1, unit="actor", costs={"q": 1.0})


def test_no_budget_spent_when_nothing_changes() -> None:
    G = nx.DiGraph([("s", "a"), ("b", "t"), ("a", "c")])  # no path from s to t
    result = interdict(from_nx(G), ["s"], ["t"], 2)
    assert (result.flow_before, result.flow_after, result.removed, result.cost) == (
        0.0,
        0.0,
        [],
        0.0,
    )
    # a one-tie cut is cheaper than the two-tie cut that also stops the flow
    H = nx.DiGraph([("s", "a"), ("a", "t"), ("s", "b"), ("b", "a")])
    result = interdict(from_nx(H), ["s"], ["t"], 2)
    assert result.flow_after == 0.0 and result.removed == [("a", "t")] and result.cost == 1.0
