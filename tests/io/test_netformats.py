"""Network readers: matrices, UCINET DL, GraphML, GEXF, typed/timed edge lists, attributes.

NetworkX writes the GraphML and GEXF files (an independent writer); real matrices come
from ../shared/data/networks.
"""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bastion import DataFormatError
from bastion.io.edgelist import concat, read_edgelist
from bastion.io.matrix import read_dl, read_matrix
from bastion.io.netformats import (
    check_attributes,
    read_attributes,
    read_gexf,
    read_graphml,
    read_network,
)
from bastion.networks import Ties, from_edgelist
from tests.conftest import SHARED_DATA

CAVIAR = SHARED_DATA / "networks" / "caviar_directed"


def tie_set(edges) -> dict[tuple[str, str], float]:
    return {(a, b): w for a, b, w in zip(edges.sources, edges.targets, edges.weights, strict=True)}


@pytest.mark.realdata
def test_caviar_matrix_matches_a_plain_csv_read() -> None:
    path = CAVIAR / "phase4.csv"
    with path.open() as handle:
        rows = list(csv.reader(handle))
    labels = rows[0][1:]
    expected = {
        (labels[i], labels[j]): float(v)
        for i, row in enumerate(rows[1:])
        for j, v in enumerate(row[1:])
        if i != j and float(v) != 0
    }
    edges = read_matrix(path)
    assert edges.directed is True
    assert tie_set(edges) == expected
    assert edges.nodes == tuple(labels)
    assert read_network(path).edges.sources == edges.sources  # auto-detected as a matrix


def test_symmetric_matrix_is_undirected_one_tie_per_pair(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text(",a,b,c\na,0,2,0\nb,2,0,1\nc,0,1,5\n")
    edges = read_matrix(tmp_path / "m.csv")
    assert edges.directed is False
    assert tie_set(edges) == {("a", "b"): 2.0, ("b", "c"): 1.0}  # diagonal ignored
    (tmp_path / "r.csv").write_text(",a,b\nb,1,0\na,0,3\n")  # rows in another order
    assert tie_set(read_matrix(tmp_path / "r.csv")) == {("a", "b"): 3.0, ("b", "a"): 1.0}


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        (",a,b,c\na,0,1,0\nb,1,0,0\n", "not square: 3 labelled columns but 2 rows", None),
        ("0,1,0\n1,0,1\n0,1,0\n", "unlabelled matrix", 1),
        (",a,b\na,0,1\nx,1,0\n", "row labels do not match column labels", None),
        (",a,b\na,0,x\nb,1,0\n", "expected a non-negative number", 2),
        (",a,b\na,0,-1\nb,1,0\n", "expected a non-negative number", 2),
        (",a,b\na,0\nb,1,0\n", "1 values in this row; expected 2", 2),
    ],
)
def test_bad_matrices_are_located(tmp_path: Path, text: str, message: str, line) -> None:
    (tmp_path / "m.csv").write_text(text)
    with pytest.raises(DataFormatError, match=message) as info:
        read_matrix(tmp_path / "m.csv")
    assert info.value.issues[0].line == line
    if "x" in text and "number" in message:
        assert info.value.issues[0].column == 3
        assert info.value.issues[0].value == "'x'"


def test_dl_fullmatrix_layers_and_edgelist(tmp_path: Path) -> None:
    (tmp_path / "a.dl").write_text(
        "DL n=3 nm=2\nformat = fullmatrix\nlabels:\nann,bob,cy\n"
        "matrix labels:\narms finance\ndata:\n0 1 0\n1 0 0\n0 0 0\n0 0 2\n0 0 0\n0 0 0\n"
    )
    edges = read_dl(tmp_path / "a.dl")
    assert list(zip(edges.sources, edges.targets, edges.layers or [], strict=True)) == [
        ("ann", "bob", "arms"),
        ("ann", "cy", "finance"),
    ]
    assert edges.weights.tolist() == [1.0, 2.0]
    (tmp_path / "b.dl").write_text(
        "dl n = 3, format = edgelist1\nlabels:\nann bob cy\ndata:\n1 2 4\n3 1\n"
    )
    edges = read_dl(tmp_path / "b.dl")
    assert tie_set(edges) == {("ann", "bob"): 4.0, ("cy", "ann"): 1.0}
    (tmp_path / "c.dl").write_text("dl n=2\nformat=edgelist1\nlabels:\na b\ndata:\n1 5\n")
    with pytest.raises(DataFormatError, match="node number out of range") as info:
        read_dl(tmp_path / "c.dl")
    assert info.value.issues[0].line == 6
    (tmp_path / "d.dl").write_text("dl\ndata:\n0 1\n")
    with pytest.raises(DataFormatError, match="missing 'n = <number of nodes>'"):
        read_dl(tmp_path / "d.dl")
    (tmp_path / "e.dl").write_text("dl n=2\ndata:\n0 1\n")
    with pytest.raises(DataFormatError, match="1 data rows; expected n x nm = 2"):
        read_dl(tmp_path / "e.dl")


def test_dl_embedded_labels(tmp_path: Path) -> None:
    (tmp_path / "e.dl").write_text(
        "dl n=2 format=fullmatrix labels embedded\ndata:\nx y\nx 0 1\ny 1 0\n"
    )
    assert tie_set(read_dl(tmp_path / "e.dl")) == {("x", "y"): 1.0}


graphs = st.lists(
    st.tuples(st.integers(0, 9), st.integers(0, 9), st.integers(1, 20)), min_size=1, max_size=30
)


@settings(max_examples=20, deadline=None)
@given(pairs=graphs, directed=st.booleans())
def test_graphml_and_gexf_written_by_networkx_read_back(tmp_path_factory, pairs, directed) -> None:
    tmp = tmp_path_factory.mktemp("xml")
    G = nx.DiGraph() if directed else nx.Graph()
    for a, b, w in pairs:
        G.add_edge(f"n{a}", f"n{b}", weight=float(w), layer="arms" if w % 2 else "finance")
    G.add_node("lonely", group="cell 1")
    nx.write_graphml(G, tmp / "g.graphml")
    nx.write_gexf(G, tmp / "g.gexf")
    for data in (read_graphml(tmp / "g.graphml"), read_gexf(tmp / "g.gexf")):
        net = from_edgelist(data.edges)
        assert net.directed is directed
        got = {(net.labels[a], net.labels[b]): w for a, b, w in net.graph.weighted_edge_list()}
        want = {(a, b): d["weight"] for a, b, d in G.edges(data=True)}
        if not directed:
            got = {tuple(sorted(k)): v for k, v in got.items()}
            want = {tuple(sorted(k)): v for k, v in want.items()}
        assert got == want
        assert set(net.labels) == set(G.nodes)
        assert data.attributes["lonely"] == {"group": "cell 1"}
        assert set(data.edges.layers or []) <= {"arms", "finance"}


def test_dynamic_gexf_gives_timed_ties(tmp_path: Path) -> None:
    (tmp_path / "d.gexf").write_text(
        '<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph mode="dynamic" '
        'defaultedgetype="undirected"><nodes><node id="1" label="A"/><node id="2" label="B"/>'
        '<node id="3" label="C"/></nodes><edges><edge source="1" target="2" start="1995" '
        'end="2001"/><edge source="2" target="3"><spells><spell start="1999" end="2000"/>'
        '<spell start="2003" end="2004"/></spells></edge></edges></graph></gexf>'
    )
    edges = read_gexf(tmp_path / "d.gexf").edges
    assert edges.starts is not None and edges.ends is not None
    assert edges.starts.tolist() == [1995, 1999, 2003]  # one tie per spell
    assert edges.ends.tolist() == [2001, 2000, 2004]
    ties = Ties.from_edgelist(edges)
    assert ties.snapshot(2000).graph.num_edges() == 2
    assert ties.snapshot(2001).labels == ["A", "B"]  # B-C is between spells
    (tmp_path / "bad.gexf").write_text(
        '<gexf><graph><nodes><node id="1"/></nodes><edges><edge source="1" target="9"/>'
        "</edges></graph></gexf>"
    )
    with pytest.raises(DataFormatError, match="unknown node"):
        read_gexf(tmp_path / "bad.gexf")
    (tmp_path / "broken.gexf").write_text("<gexf><graph>\n<nodes></graph>")
    with pytest.raises(DataFormatError, match="not well-formed XML") as info:
        read_gexf(tmp_path / "broken.gexf")
    assert info.value.issues[0].line == 2


def test_typed_timed_edge_list_and_ties(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text(
        "source,target,type,weight,start,end\n"
        "a,b,arms,2,1,3\nb,c,finance,1,2,2\na,b,arms,1,3,4\nc,d,kinship,,,\n"
    )
    edges = read_edgelist(tmp_path / "t.csv")
    assert edges.layers == ["arms", "finance", "arms", "kinship"]
    assert edges.weights.tolist() == [2, 1, 1, 1]
    ties = Ties.from_edgelist(edges)
    assert ties.layers == ["arms", "finance", "kinship"]
    assert ties.phases == [1, 2, 3]
    snap = ties.snapshot(3, layers=["arms"])
    assert [(snap.labels[a], snap.labels[b], w) for a, b, w in snap.graph.weighted_edge_list()] == [
        ("a", "b", 3.0)
    ]  # both arms ties are active at 3: merged, weights summed
    assert set(ties.snapshot(5).labels) == {"c", "d"}  # the untimed tie is always active
    (tmp_path / "bad.csv").write_text("source,target,start,end\na,b,5,1\nb,c,x,2\n")
    with pytest.raises(DataFormatError) as info:
        read_edgelist(tmp_path / "bad.csv")
    assert [(i.line, i.message.split(";")[0]) for i in info.value.issues] == [
        (2, "the tie ends before it starts"),
        (3, "the start is not a number"),
    ]


@pytest.mark.realdata
def test_caviar_phases_as_ties() -> None:
    parts = [read_matrix(CAVIAR / f"phase{k}.csv") for k in range(1, 12)]
    ties = Ties.from_edgelist(concat(parts, phases=list(range(1, 12))))
    assert ties.phases == list(range(1, 12))
    for k in (1, 6, 11):
        snap = ties.snapshot(k)
        direct = from_edgelist(parts[k - 1])
        assert snap.graph.num_edges() == direct.graph.num_edges()
        active = set(parts[k - 1].sources) | set(parts[k - 1].targets)
        assert set(snap.labels) == active


def test_attribute_tables(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("id,group,age\na,cell 1,34\nb,cell 2,\n")
    table = read_attributes(tmp_path / "a.csv")
    assert table == {"a": {"group": "cell 1", "age": 34.0}, "b": {"group": "cell 2"}}
    (tmp_path / "e.csv").write_text("a,b\n")
    edges = read_edgelist(tmp_path / "e.csv", header=False)
    check_attributes(table, edges, "a.csv")
    with pytest.raises(DataFormatError, match="not in the network") as info:
        check_attributes({"zed": {}}, edges, "a.csv")
    assert info.value.issues[0].value == "zed"
    (tmp_path / "d.csv").write_text("id,group\na,1\na,2\n")
    with pytest.raises(DataFormatError, match="appears twice") as info:
        read_attributes(tmp_path / "d.csv")
    assert info.value.issues[0].line == 3


def test_from_edgelist_keeps_isolates_and_merges(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text(",a,b,c\na,0,1,0\nb,0,0,0\nc,0,0,0\n")
    net = from_edgelist(read_matrix(tmp_path / "m.csv"))
    assert net.labels == ["a", "b", "c"] and net.graph.num_edges() == 1
    (tmp_path / "e.csv").write_text("b,a,1\na,b,2\nb,c,1\n")
    net = from_edgelist(read_edgelist(tmp_path / "e.csv"))
    assert net.notes == ["1 repeated edge(s) merged, weights summed"]
    assert np.allclose(net.adjacency(weighted=True).toarray(), [[0, 3, 1], [3, 0, 0], [1, 0, 0]])


def test_label_columns_beside_id_columns_are_preferred(tmp_path: Path) -> None:
    (tmp_path / "e.csv").write_text(
        '"from","to","weight","from_name","to_name"\n0,1,2,"Mohamed Atta","Marwan al-Shehhi"\n'
    )
    edges = read_edgelist(tmp_path / "e.csv")
    assert (edges.sources, edges.targets, edges.weights.tolist()) == (
        ["Mohamed Atta"],
        ["Marwan al-Shehhi"],
        [2.0],
    )
    (tmp_path / "f.csv").write_text("id,target,source\n7,b,a\n")  # columns found by name
    edges = read_edgelist(tmp_path / "f.csv")
    assert (edges.sources, edges.targets) == (["a"], ["b"])
    assert read_edgelist(tmp_path / "e.csv", source="from", target="to").sources == ["0"]
