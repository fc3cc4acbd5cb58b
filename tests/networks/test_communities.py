"""Communities: modularity against NetworkX, Leiden recovering planted cells, multiplex
aggregation on Noordin Top's layers, and tracking events on hand-made phases."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bastion import ParameterError
from bastion.io.edgelist import concat, read_edgelist
from bastion.networks import Ties
from bastion.networks.communities import (
    Communities,
    components,
    leiden,
    modularity,
    multiplex_leiden,
    track,
)
from tests.conftest import SHARED_DATA
from tests.networks.helpers import from_nx

NOORDIN = SHARED_DATA / "networks" / "ucinet_covert" / "covert_34"


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), parts=st.integers(1, 5), resolution=st.floats(0.5, 2.0))
def test_modularity_matches_networkx(seed: int, parts: int, resolution: float) -> None:
    G = nx.relabel_nodes(nx.gnp_random_graph(20, 0.2, seed=seed), str)
    for a, b in G.edges:
        G[a][b]["weight"] = 1.0 + (int(a) + int(b)) % 3
    membership = {v: int(v) % parts for v in G}
    groups = [{v for v in G if membership[v] == c} for c in range(parts)]
    ours = modularity(from_nx(G), membership, resolution=resolution)
    theirs = nx.community.modularity(G, [g for g in groups if g], resolution=resolution)
    assert ours == pytest.approx(theirs)


def test_leiden_recovers_planted_cells_and_is_reproducible() -> None:
    G = nx.relabel_nodes(nx.planted_partition_graph(4, 20, 0.6, 0.01, seed=3), str)
    net = from_nx(G)
    found = leiden(net, seed=5)
    planted = sorted(
        sorted(g, key=int) for g in G.graph["partition"] for g in [{str(v) for v in g}]
    )
    assert sorted(sorted(g, key=int) for g in found.groups) == planted
    assert found == leiden(net, seed=5)
    assert found.modularity == pytest.approx(nx.community.modularity(G, found.groups))
    # at least as good as the best of ten NetworkX Louvain runs
    louvain = max(
        nx.community.modularity(G, nx.community.louvain_communities(G, seed=s)) for s in range(10)
    )
    assert found.modularity >= louvain - 1e-9


def test_isolates_and_components() -> None:
    G = nx.Graph([("a", "b"), ("c", "d"), ("d", "e")])
    G.add_node("z")
    net = from_nx(G)
    found = leiden(net)
    assert len(found.groups) == 3 and ["z"] in found.groups
    assert components(net) == [["c", "d", "e"], ["a", "b"], ["z"]]
    with pytest.raises(ParameterError, match="resolution must be positive"):
        leiden(net, resolution=0)


@pytest.mark.realdata
def test_multiplex_communities_on_noordin_top() -> None:
    names = [
        "business",
        "classmates",
        "communications",
        "friendship",
        "kinship",
        "logistics",
        "meetings",
        "operations",
        "soulmates",
        "training",
    ]
    parts = [
        read_edgelist(
            NOORDIN / f"covert_34_{k:02d}_edges.csv", source="from_name", target="to_name"
        )
        for k in range(1, 11)
    ]
    ties = Ties.from_edgelist(concat(parts, layers=names))
    assert ties.layers == names
    both = multiplex_leiden(ties, seed=1)
    assert 2 <= len([g for g in both.groups if len(g) > 2]) <= 12
    # a layer weighted zero is the same as leaving it out
    only = {n: 0.0 for n in names if n != "classmates"}
    alone = leiden(ties.snapshot(layers=["classmates"]), seed=1)
    weighted = multiplex_leiden(ties, layer_weights=only, seed=1)
    inside = {k: v for k, v in weighted.membership.items() if k in alone.membership}
    assert sorted(map(sorted, _groups(inside))) == sorted(map(sorted, _groups(alone.membership)))
    with pytest.raises(ParameterError, match="unknown layer"):
        multiplex_leiden(ties, layer_weights={"cooking": 1.0})


def _groups(membership: dict[str, int]) -> list[list[str]]:
    out: dict[int, list[str]] = {}
    for k, v in membership.items():
        out.setdefault(v, []).append(k)
    return list(out.values())


def part(*groups: str) -> Communities:
    return Communities({m: k for k, g in enumerate(groups) for m in g.split()}, 0.0)


def test_tracking_events() -> None:
    phases = [
        (1, part("a b c d", "e f g", "x y")),
        (2, part("a b", "c d", "e f g h", "p q")),  # split, continuation, death, birth
        (3, part("a b c d", "e f g h", "p q")),  # merge
    ]
    kinds = [(e.kind, e.phase, e.before, e.after) for e in track(phases, threshold=0.3)]
    assert ("split", 2, [0], [0, 1]) in kinds
    assert ("continuation", 2, [1], [2]) in kinds
    assert ("death", 2, [2], []) in kinds
    assert ("birth", 2, [], [3]) in kinds
    assert ("merge", 3, [0, 1], [0]) in kinds
    assert ("continuation", 3, [2], [1]) in kinds
