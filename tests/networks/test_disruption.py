"""Sequential removal against a NetworkX oracle, on generated and real networks."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bastion import DataFormatError, ParameterError
from bastion.io.edgelist import read_edgelist
from bastion.networks import from_edgelist, sequential_removal
from bastion.networks.disruption import TIE_DECIMALS
from tests.cli.helpers import invoke
from tests.conftest import SHARED_DATA
from tests.networks.helpers import build

MONTAGNA = SHARED_DATA / "networks" / "montagna"


def oracle(pairs: list[tuple[str, str]], strategy: str, recompute: bool, steps: int):
    """The same attack in NetworkX (ties to the node seen first, scores rounded alike)."""
    G = nx.Graph()
    order: dict[str, int] = {}
    for a, b in pairs:
        for n in (a, b):
            order.setdefault(n, len(order))
        G.add_edge(a, b)

    def scores(H: nx.Graph) -> dict[str, float]:
        if strategy == "degree":
            return {n: float(d) for n, d in H.degree()}
        return nx.betweenness_centrality(H, normalized=True)

    def lcc(H: nx.Graph) -> int:
        return max((len(c) for c in nx.connected_components(H)), default=0)

    def rank(s: dict[str, float]) -> list[str]:
        return sorted(s, key=lambda n: (-round(s[n], TIE_DECIMALS), order[n]))

    H = G.copy()
    fixed = rank(scores(H))
    removed, sizes = [], [lcc(H)]
    for step in range(steps):
        node = rank(scores(H))[0] if recompute else fixed[step]
        removed.append(node)
        H.remove_node(node)
        sizes.append(lcc(H))
    return removed, sizes


def network_of(pairs: list[tuple[str, str]], tmp_path: Path):
    return build([(a, b, 1.0) for a, b in pairs], tmp_path)[0]


@settings(max_examples=25, deadline=None)
@given(
    edges=st.lists(st.tuples(st.integers(0, 14), st.integers(0, 14)), min_size=1, max_size=40)
    .map(lambda es: [(f"n{a}", f"n{b}") for a, b in es if a != b])
    .filter(bool),
    strategy=st.sampled_from(["degree", "betweenness"]),
    recompute=st.booleans(),
)
def test_matches_networkx_on_random_graphs(
    edges: list[tuple[str, str]],
    strategy: str,
    recompute: bool,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    net = network_of(edges, tmp_path_factory.mktemp("g"))
    steps = net.graph.num_nodes()
    result = sequential_removal(net, strategy=strategy, recompute=recompute, steps=steps)  # type: ignore[arg-type]
    removed, sizes = oracle(edges, strategy, recompute, steps)
    assert result.lcc_sizes == sizes
    assert result.removed == removed


@pytest.mark.realdata
@pytest.mark.parametrize(
    "name", ["Montagna_meetings_edgelist.csv", "Montagna_phonecalls_edgelist.csv"]
)
@pytest.mark.parametrize(("strategy", "recompute"), [("betweenness", True), ("degree", False)])
def test_montagna_matches_networkx(name: str, strategy: str, recompute: bool) -> None:
    edges = read_edgelist(MONTAGNA / name)
    net = from_edgelist(edges)
    # the published sizes (Cavallaro et al. 2020): meetings 101 nodes / 256 edges, calls 100 / 124
    assert (net.graph.num_nodes(), net.graph.num_edges()) in ((101, 256), (100, 124))
    result = sequential_removal(net, strategy=strategy, recompute=recompute, steps=20)  # type: ignore[arg-type]
    removed, sizes = oracle(
        list(zip(edges.sources, edges.targets, strict=True)), strategy, recompute, 20
    )
    assert result.removed == removed
    assert result.lcc_sizes == sizes
    assert sizes[-1] < sizes[0] / 2  # twenty targeted removals shatter the network


@pytest.mark.realdata
def test_cli_disrupt_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = invoke(
        capsys,
        "network",
        "disrupt",
        str(MONTAGNA / "Montagna_meetings_edgelist.csv"),
        "--strategy",
        "betweenness",
        "--recompute",
        "--steps",
        "5",
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert len(data["removed"]) == 5
    assert len(data["lcc_sizes"]) == 6
    assert data["lcc_sizes"][0] == 92  # the largest component of the intact meetings network


def test_reader_formats_and_errors(tmp_path: Path) -> None:
    (tmp_path / "ws.txt").write_text("a b 2\nb c 1.5\n")
    e = read_edgelist(tmp_path / "ws.txt")
    assert (e.sources, e.targets, e.weights.tolist()) == (["a", "b"], ["b", "c"], [2.0, 1.5])
    (tmp_path / "h.csv").write_text("source,target,weight\nx,y,3\n")
    assert read_edgelist(tmp_path / "h.csv").weights.tolist() == [3.0]
    (tmp_path / "bad.tsv").write_text("a\tb\t1\nb\tc\t-2\nc\n")
    with pytest.raises(DataFormatError) as info:
        read_edgelist(tmp_path / "bad.tsv")
    assert [i.line for i in info.value.issues] == [2, 3]
    assert "non-negative" in info.value.issues[0].message


def test_bad_arguments(tmp_path: Path) -> None:
    net = network_of([("a", "b")], tmp_path)
    with pytest.raises(ParameterError, match="steps must be between 0 and the number of nodes"):
        sequential_removal(net, steps=5)
    with pytest.raises(ParameterError, match="strategy must be"):
        sequential_removal(net, strategy="pagerank")  # type: ignore[arg-type]
