"""Link prediction: scores against NetworkX, the no-leak property of the temporal
evaluation, and the measured accuracy on CAVIAR."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bastion.io.edgelist import concat
from bastion.io.matrix import read_matrix
from bastion.networks import Ties
from bastion.networks.linkpred import candidate_pairs, evaluate, predict, scores
from tests.conftest import SHARED_DATA
from tests.networks.helpers import from_nx

CAVIAR = SHARED_DATA / "networks" / "caviar_directed"


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), p=st.floats(0.1, 0.5))
def test_scores_match_networkx(seed: int, p: float) -> None:
    G = nx.relabel_nodes(nx.gnp_random_graph(16, p, seed=seed), str)
    net = from_nx(G)
    pairs = candidate_pairs(net)
    named = [(net.labels[i], net.labels[j]) for i, j in pairs]
    assert {frozenset(x) for x in named} == {frozenset(x) for x in nx.non_edges(G)}
    ours = scores(net, pairs)
    oracle = {
        "jaccard": nx.jaccard_coefficient,
        "adamic_adar": nx.adamic_adar_index,
        "resource_allocation": nx.resource_allocation_index,
        "preferential_attachment": nx.preferential_attachment,
    }
    for name, fn in oracle.items():
        expected = [s for _, _, s in fn(G, named)]
        assert ours[name] == pytest.approx(expected), name
    cn = [len(list(nx.common_neighbors(G, a, b))) for a, b in named]
    assert ours["common_neighbours"].tolist() == cn


def test_predict_ranks_the_open_triad_first() -> None:
    G = nx.Graph([("a", "b"), ("b", "c"), ("a", "d"), ("d", "c"), ("c", "e")])
    top = predict(from_nx(G), top=2)
    assert {top[0]["source"], top[0]["target"]} == {"a", "c"}  # two common neighbours
    assert top[0]["common_neighbours"] == 2


def caviar() -> Ties:
    parts = [read_matrix(CAVIAR / f"phase{k}.csv") for k in range(1, 12)]
    return Ties.from_edgelist(concat(parts, phases=list(range(1, 12))))


@pytest.mark.realdata
def test_future_phases_cannot_change_earlier_predictions() -> None:
    ties = caviar()
    full = evaluate(ties).rows
    cut = ties.select(ties.edges.starts <= 6)  # type: ignore[operator]
    truncated = evaluate(Ties.from_edgelist(cut)).rows
    assert truncated == [r for r in full if r["next"] <= 6]


@pytest.mark.realdata
def test_caviar_hidden_ties_are_predicted_better_than_chance() -> None:
    auc = evaluate(caviar()).mean("auc")
    # measured: resource allocation 0.74, Adamic-Adar 0.74, supervised 0.73, Jaccard 0.53
    assert auc["resource_allocation"] > 0.65
    assert auc["supervised"] > 0.65
    assert np.isfinite(list(auc.values())).all()


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_large_networks_take_the_two_hop_pairs(seed: int) -> None:
    G = nx.relabel_nodes(nx.gnp_random_graph(40, 0.08, seed=seed), str)
    net = from_nx(G)
    pairs = candidate_pairs(net, limit=10)  # force the large-network path
    named = {frozenset((net.labels[i], net.labels[j])) for i, j in pairs}
    two_hop = {
        frozenset((a, b))
        for a, b in nx.non_edges(G)
        if any(True for _ in nx.common_neighbors(G, a, b))
    }
    assert named == two_hop
    assert (scores(net, pairs)["common_neighbours"] > 0).all()
