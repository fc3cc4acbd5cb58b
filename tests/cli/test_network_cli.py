"""``bastion network analyze|interdict|predict|trace|durability`` end to end: JSON and CSV
contracts, reports, and clear errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bastion.networks import interdict, max_flow
from tests.cli.helpers import invoke
from tests.conftest import SHARED_DATA
from tests.networks.helpers import from_nx

CAVIAR = SHARED_DATA / "networks" / "caviar_directed"
PHASES = [str(CAVIAR / f"phase{k}.csv") for k in range(1, 12)]


@pytest.mark.realdata
def test_analyze_caviar_phases(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = tmp_path / "caviar.html"
    code, out, err = invoke(
        capsys, "network", "analyze", *PHASES, "-f", "json", "--html", str(report)
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["summary"]["phases"] == list(range(1, 12))
    assert data["summary"]["directed"] is True
    assert len(data["timeline"]) == 11
    assert data["actors"][0]["actor"] == "1"  # Serero: the top broker over the whole case
    assert "1" in data["key_players"]["fragmentation"]["members"]
    assert {e["kind"] for e in data["community_events"]} <= {
        "birth",
        "death",
        "merge",
        "split",
        "continuation",
    }
    text = report.read_text()
    assert "cytoscape" in text and "network-timeline-figure" in text
    assert "https://" not in text.split("<main>")[1].split("</main>")[0]


def test_analyze_groups_and_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "e.csv").write_text("source,target\na,b\nb,c\nc,d\nd,a\nb,e\n")
    (tmp_path / "g.csv").write_text("id,cell\na,X\nb,Y\nc,X\nd,Y\ne,Z\n")
    code, out, err = invoke(
        capsys,
        "network",
        "analyze",
        str(tmp_path / "e.csv"),
        "--attributes",
        str(tmp_path / "g.csv"),
        "--group",
        "cell",
        "-f",
        "csv",
    )
    assert code == 0, err
    header = out.splitlines()[0].split(",")
    assert header[:2] == ["actor", "degree"] and len(out.splitlines()) == 6
    (tmp_path / "bad.csv").write_text("id,cell\na,X\nzed,Y\n")
    code, _, err = invoke(
        capsys,
        "network",
        "analyze",
        str(tmp_path / "e.csv"),
        "--attributes",
        str(tmp_path / "bad.csv"),
    )
    assert code == 1 and "not in the network" in err and "zed" in err
    code, _, err = invoke(
        capsys,
        "network",
        "analyze",
        str(tmp_path / "e.csv"),
        "--attributes",
        str(tmp_path / "g.csv"),
        "--group",
        "rank",
    )
    assert code == 1 and "no 'rank' attribute" in err


def test_interdict_json_matches_the_library(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import networkx as nx

    rows = [
        ("s", "a", 4),
        ("s", "b", 2),
        ("a", "b", 1),
        ("a", "t", 2),
        ("b", "t", 3),
        ("a", "c", 3),
        ("c", "t", 1),
    ]
    (tmp_path / "f.csv").write_text(
        "source,target,capacity\n" + "".join(f"{a},{b},{w}\n" for a, b, w in rows)
    )
    code, out, err = invoke(
        capsys,
        "network",
        "interdict",
        str(tmp_path / "f.csv"),
        "--directed",
        "-s",
        "s",
        "-t",
        "t",
        "--budget",
        "2",
        "-f",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    G = nx.DiGraph()
    G.add_weighted_edges_from(rows)
    net = from_nx(G)
    assert data["max_flow"]["value"] == pytest.approx(max_flow(net, ["s"], ["t"]).value) == 6.0
    assert data["interdiction"]["flow_after"] == pytest.approx(
        interdict(net, ["s"], ["t"], 2).flow_after
    )
    assert data["curve"][0] == 6.0 and data["curve"] == sorted(data["curve"], reverse=True)
    (tmp_path / "neg.csv").write_text("source,target,capacity\ns,t,-1\n")
    code, _, err = invoke(
        capsys, "network", "interdict", str(tmp_path / "neg.csv"), "-s", "s", "-t", "t"
    )
    assert code == 1 and "neg.csv:2" in err and "negative weight" in err
    code, _, err = invoke(
        capsys, "network", "interdict", str(tmp_path / "f.csv"), "-s", "q", "-t", "t"
    )
    assert code == 1 and "unknown source or sink node(s): q" in err


@pytest.mark.realdata
def test_predict_backtest_on_caviar(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = invoke(capsys, "network", "predict", *PHASES, "--top", "5", "-f", "json")
    assert code == 0, err
    data = json.loads(out)
    assert len(data["predicted"]) == 5 and data["phase"] == 11
    assert data["evaluation"]["mean_auc"]["resource_allocation"] > 0.65
    assert {r["phase"] for r in data["evaluation"]["rows"]} == set(range(1, 11))


def test_trace_and_durability(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text(
        "source,target,amount,time\ncartel,front,10,1\nfront,broker,6,2\nbroker,seller,8,3\n"
    )
    code, out, err = invoke(
        capsys,
        "network",
        "trace",
        str(tmp_path / "t.csv"),
        "-s",
        "cartel",
        "-t",
        "seller",
        "--dirty",
        "cartel=10",
        "--rule",
        "fifo",
        "-f",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["flow"]["value"] == 6.0  # the broker relays only the 6 it received
    assert data["reach"]["seller"]["path"] == ["cartel", "front", "broker", "seller"]
    assert data["taint"]["origins"]["seller"] == {"cartel": 6.0, "untraced": 2.0}
    code, _, err = invoke(capsys, "network", "trace", str(tmp_path / "t.csv"), "-s", "nobody")
    assert code == 1 and "makes no transfer" in err
    (tmp_path / "d.csv").write_text("source,target,phase\na,b,1\na,b,2\na,b,3\nc,d,2\n")
    code, out, err = invoke(capsys, "network", "durability", str(tmp_path / "d.csv"), "-f", "csv")
    assert code == 0, err
    assert out.splitlines()[1].endswith("strategic") and out.splitlines()[2].endswith("tactical")


def test_bad_network_files_are_located(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text(",a,b,c\na,0,1,0\nb,1,0,0\n")
    code, _, err = invoke(capsys, "network", "analyze", str(tmp_path / "m.csv"), "-i", "matrix")
    assert code == 1 and "m.csv" in err and "not square" in err
    (tmp_path / "t.csv").write_text("source,target,start,end\na,b,3,1\n")
    code, _, err = invoke(capsys, "network", "durability", str(tmp_path / "t.csv"))
    assert code == 1 and "t.csv:2" in err and "ends before it starts" in err


@pytest.mark.realdata
def test_noordin_top_layers(capsys: pytest.CaptureFixture[str]) -> None:
    folder = SHARED_DATA / "networks" / "ucinet_covert" / "covert_34"
    files = [str(folder / f"covert_34_{k:02d}_edges.csv") for k in (3, 7, 8)]
    code, out, err = invoke(
        capsys,
        "network",
        "analyze",
        *files,
        "--split",
        "layers",
        "--names",
        "communications,meetings,operations",
        "--source-col",
        "from_name",
        "--target-col",
        "to_name",
        "-f",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["summary"]["layers"] == ["communications", "meetings", "operations"]
    layers = {row["layer"]: row for row in data["layers"]}
    # Roberts & Everton (2011): Noordin Top is the hub of communications and meetings
    assert layers["communications"]["top_brokers"][0] == "Noordin Mohammed Top"
    assert layers["meetings"]["top_brokers"][0] == "Noordin Mohammed Top"


def test_columns_delimiter_and_role_colours(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "e.txt").write_text("from;to;cap\na;b;2\nb;c;5\nc;d;1\nb;d;4\n")
    code, out, err = invoke(
        capsys,
        "network",
        "interdict",
        str(tmp_path / "e.txt"),
        "--delimiter",
        "semicolon",
        "--weight-col",
        "cap",
        "-s",
        "a",
        "-t",
        "d",
        "-f",
        "json",
    )
    assert code == 0, err
    assert json.loads(out)["max_flow"]["value"] == 2.0
    code, _, err = invoke(
        capsys,
        "network",
        "interdict",
        str(tmp_path / "e.txt"),
        "--delimiter",
        "pipe",
        "-s",
        "a",
        "-t",
        "d",
    )
    assert code == 1 and "--delimiter must be one of" in err
    (tmp_path / "g.csv").write_text("id,cell\na,X\nb,Y\nc,X\nd,Y\n")
    report = tmp_path / "r.html"
    code, _, err = invoke(
        capsys,
        "network",
        "analyze",
        str(tmp_path / "e.txt"),
        "--delimiter",
        "semicolon",
        "--attributes",
        str(tmp_path / "g.csv"),
        "--group",
        "cell",
        "--html",
        str(report),
    )
    assert code == 0, err
    assert "brokerage role" in report.read_text()


def test_analyze_survives_a_measure_that_does_not_exist(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # a directed chain has no cycle: no eigenvector centrality, but every other measure
    (tmp_path / "chain.csv").write_text("source,target\na,b\nb,c\nc,d\n")
    code, out, err = invoke(
        capsys, "network", "analyze", str(tmp_path / "chain.csv"), "--directed", "-f", "json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert any("eigenvector centrality left out" in n for n in data["notes"])
    assert data["actors"][0]["betweenness"] > 0
