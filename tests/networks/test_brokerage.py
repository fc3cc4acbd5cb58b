"""Burt's constraint and effective size against NetworkX's per-node definitions."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bastion import ParameterError
from bastion.io.edgelist import read_edgelist
from bastion.networks import constraint, effective_size, from_edgelist
from bastion.networks.brokerage import ROLES, gould_fernandez
from tests.conftest import SHARED_DATA
from tests.networks.helpers import build, from_nx


def close(ours: dict[str, float], theirs: dict[str, float]) -> bool:
    return all(
        (math.isnan(ours[k]) and math.isnan(theirs[k])) or abs(ours[k] - theirs[k]) < 1e-9
        for k in theirs
    )


@settings(max_examples=20, deadline=None)
@given(
    edges=st.lists(
        st.tuples(st.integers(0, 10), st.integers(0, 10), st.integers(1, 4)),
        min_size=1,
        max_size=30,
    )
    .map(lambda es: [(f"n{a}", f"n{b}", float(w)) for a, b, w in es if a != b])
    .filter(bool)
)
def test_random_graphs(
    edges: list[tuple[str, str, float]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    net, G = build(edges, tmp_path_factory.mktemp("g"))
    nodes = list(G)
    for weighted, weight in ((False, None), (True, "weight")):
        assert close(constraint(net, weighted=weighted), nx.constraint(G, nodes, weight=weight))
        # NetworkX's per-node definition (its all-nodes fast path differs for weighted graphs)
        assert close(
            effective_size(net, weighted=weighted), nx.effective_size(G, nodes, weight=weight)
        )


@pytest.mark.realdata
def test_montagna_phone_calls(tmp_path: Path) -> None:
    edges = read_edgelist(
        SHARED_DATA / "networks" / "montagna" / "Montagna_phonecalls_edgelist.csv"
    )
    net = from_edgelist(edges)
    G = nx.Graph()
    for a, b, w in zip(edges.sources, edges.targets, edges.weights, strict=True):
        G.add_edge(a, b, weight=G.get_edge_data(a, b, {"weight": 0.0})["weight"] + w)
    assert close(constraint(net, weighted=True), nx.constraint(G, list(G), weight="weight"))
    assert close(effective_size(net), nx.effective_size(G))


def test_star_hub_is_an_unconstrained_broker(tmp_path: Path) -> None:
    net, _ = build([("hub", f"s{i}", 1.0) for i in range(4)], tmp_path)
    c, e = constraint(net), effective_size(net)
    assert c["hub"] == pytest.approx(4 * (1 / 4) ** 2)  # four non-redundant contacts
    assert e["hub"] == pytest.approx(4.0)
    assert c["s0"] == pytest.approx(1.0)  # a leaf depends on one contact


def slow_gould_fernandez(G: nx.DiGraph, group: dict[str, int]) -> dict[str, dict[str, int]]:
    """Triple loop over every two-path i -> v -> j with no tie i -> j."""
    out = {v: dict.fromkeys(ROLES, 0) for v in G}
    for v in G:
        for i in G.predecessors(v):
            for j in G.successors(v):
                if i in (j, v) or j == v or G.has_edge(i, j):
                    continue
                gi, gv, gj = group[i], group[v], group[j]
                if gi == gv == gj:
                    role = "coordinator"
                elif gi == gj:
                    role = "itinerant"
                elif gv == gj:
                    role = "gatekeeper"
                elif gi == gv:
                    role = "representative"
                else:
                    role = "liaison"
                out[v][role] += 1
    return out


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), groups=st.integers(1, 4), directed=st.booleans())
def test_gould_fernandez_matches_a_triple_loop(seed: int, groups: int, directed: bool) -> None:
    G = nx.relabel_nodes(nx.gnp_random_graph(14, 0.25, seed=seed, directed=directed), str)
    group = {v: (int(v) * 7 + seed) % groups for v in G}
    ours = gould_fernandez(from_nx(G, weight=None), group)
    assert ours == slow_gould_fernandez(G if directed else G.to_directed(), group)


def test_gould_fernandez_hand_example() -> None:
    # a -> b -> c with a, c in cell X and b in cell Y: b is an itinerant broker, once
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("b", "d")])
    roles = gould_fernandez(from_nx(G), {"a": "X", "b": "Y", "c": "X", "d": "Y"})
    assert roles["b"] == {
        "coordinator": 0,
        "itinerant": 1,
        "gatekeeper": 1,  # a -> b -> d: b lets an outsider into its own cell
        "representative": 0,
        "liaison": 0,
    }
    with pytest.raises(ParameterError, match="have no group"):
        gould_fernandez(from_nx(G), {"a": "X"})
