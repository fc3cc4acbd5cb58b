"""Phase profiles against NetworkX on CAVIAR; reorganisation and counterfactual removal
on hand-made phases."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from bastion import ParameterError
from bastion.io.edgelist import EdgeList, concat
from bastion.io.matrix import read_matrix
from bastion.networks import Ties, durability
from bastion.networks.timeline import profile, remove_at, reorganisation
from tests.conftest import SHARED_DATA

CAVIAR = SHARED_DATA / "networks" / "caviar_directed"


@pytest.mark.realdata
def test_caviar_profile_matches_networkx() -> None:
    parts = [read_matrix(CAVIAR / f"phase{k}.csv") for k in range(1, 12)]
    ties = Ties.from_edgelist(concat(parts, phases=list(range(1, 12))))
    rows = profile(ties)
    assert [r["phase"] for r in rows] == list(range(1, 12))
    for row, part in zip(rows, parts, strict=True):
        G = nx.Graph()
        G.add_edges_from(zip(part.sources, part.targets, strict=True))
        assert row["nodes"] == G.number_of_nodes()
        assert row["ties"] == G.number_of_edges()
        assert row["density"] == pytest.approx(nx.density(G))
        assert row["components"] == nx.number_connected_components(G)
        bc = nx.betweenness_centrality(G)
        n = G.number_of_nodes()
        assert row["betweenness_centralisation"] == pytest.approx(
            sum(max(bc.values()) - v for v in bc.values()) / (n - 1)
        )
    # Morselli (2009): Serero (n1) is the top broker early on; the network decentralises
    assert rows[0]["top_brokers"][0] == "1"
    assert rows[-1]["degree_centralisation"] < rows[0]["degree_centralisation"] / 2


def phases(*edge_sets: str) -> Ties:
    rows = [(p, e.split("-")) for p, s in enumerate(edge_sets, 1) for e in s.split()]
    return Ties(
        EdgeList(
            [a for _, (a, _) in rows],
            [b for _, (_, b) in rows],
            np.ones(len(rows)),
            "<test>",
            starts=np.array([p for p, _ in rows], dtype=float),
            ends=np.array([p for p, _ in rows], dtype=float),
        )
    )


def test_reorganisation_counts() -> None:
    ties = phases("a-b b-c c-d", "a-b b-c x-d", "a-b x-d x-c")
    result = reorganisation(ties, {2: "seizure"})
    first, second = result["transitions"]
    assert (first["ties_formed"], first["ties_lost"]) == (1, 1)
    assert first["tie_overlap"] == pytest.approx(2 / 4)
    assert (first["actors_entering"], first["actors_leaving"]) == (1, 0)
    assert second["after_event"] == "seizure" and first["after_event"] is None
    assert result["summary"]["ties_lost"] == {"after_events": 1.0, "otherwise": 1.0}
    with pytest.raises(ParameterError, match="not phases of the network"):
        reorganisation(ties, {7: "arrest"})


def test_counterfactual_removal() -> None:
    ties = phases("a-b b-c c-d", "a-b b-c c-d", "a-b b-c c-d")
    rows = remove_at(ties, {2: ["b"]})
    assert rows[0]["counterfactual"] == rows[0]["observed"]
    assert rows[1]["removed"] == ["b"]
    assert rows[1]["observed"]["largest_component"] == 4
    assert rows[1]["counterfactual"]["largest_component"] == 2  # c-d; a is gone with b
    assert rows[2]["counterfactual"]["nodes"] == 2
    with pytest.raises(ParameterError, match="unknown actor"):
        remove_at(ties, {2: ["zed"]})


def test_generated_network_is_reproducible_and_arrests_hold() -> None:
    from bastion.networks.generate import covert_network

    a = covert_network(arrests={3: ["C1-1"]}, seed=5)
    b = covert_network(arrests={3: ["C1-1"]}, seed=5)
    assert (a.sources, a.targets, a.layers) == (b.sources, b.targets, b.layers)
    ties = Ties.from_edgelist(a)
    assert "C1-1" in ties.snapshot(2).labels and "C1-1" not in ties.snapshot(3).labels
    assert set(ties.layers) == {"logistics", "kinship", "arms", "finance"}
    kinds = {h.layers[0]: h.kind for h in durability(ties) if len(h.layers) == 1}
    assert kinds["finance"] == "strategic"  # persists over every phase
