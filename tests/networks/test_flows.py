"""Flow tracing: hand-computed examples of time-respecting paths, greedy flow (the
example shape of Kosyfaki et al. 2021) and taint, and conservation laws on random
transaction streams."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bastion import DataFormatError
from bastion.io.edgelist import read_edgelist
from bastion.networks.flows import Transactions, earliest_arrival, greedy_flow, taint


def tx(rows: list[tuple[str, str, float, float]]) -> Transactions:
    return Transactions(
        [r[0] for r in rows],
        [r[1] for r in rows],
        np.array([r[2] for r in rows]),
        np.array([r[3] for r in rows]),
    )


STREAM = tx(
    [
        ("s", "a", 1, 5),
        ("a", "b", 2, 3),
        ("b", "t", 3, 4),  # b holds 3: relays 3
        ("s", "b", 4, 2),
        ("b", "t", 5, 4),  # b holds 2: relays 2
        ("t", "a", 6, 1),  # out of the sink: ignored for the flow
    ]
)


def test_greedy_flow_hand_computed() -> None:
    result = greedy_flow(STREAM, "s", "t")
    assert result["flow"] == 5.0
    assert result["carried"].tolist() == [5, 3, 3, 2, 2, 0]
    assert result["held"] == {"a": 2.0}


def test_earliest_arrival_respects_time() -> None:
    stream = tx([("b", "c", 1, 1), ("a", "b", 2, 1), ("b", "c", 3, 1), ("c", "d", 2, 1)])
    reach = earliest_arrival(stream, "a")
    assert reach["c"] == {"arrival": 3.0, "path": ["a", "b", "c"]}
    assert "d" not in reach  # c -> d happened before anything from a reached c


def test_haircut_and_fifo_hand_computed() -> None:
    stream = tx([("x", "m", 1, 10), ("m", "y", 2, 8)])  # m starts with 10 dirty
    hair = taint(stream, {"m": 10.0}, rule="haircut")
    # m holds 10 dirty + 10 clean, pays 8 at a 50 % taint: 4 dirty reach y
    assert hair["carried"].tolist() == [0.0, 4.0]
    assert hair["tainted"]["y"] == 4.0 and hair["tainted"]["m"] == 6.0
    fifo = taint(stream, {"m": 10.0}, rule="fifo")
    # the oldest money in m is the dirty 10: all 8 paid are dirty
    assert fifo["carried"].tolist() == [0.0, 8.0]
    assert fifo["origins"]["y"] == {"m": 8.0}
    assert fifo["origins"]["m"] == {"m": 2.0, "untraced": 10.0}


streams = st.lists(
    st.tuples(
        st.sampled_from("abcde"), st.sampled_from("abcde"), st.integers(0, 20), st.integers(1, 9)
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=50, deadline=None)
@given(rows=streams, rule=st.sampled_from(["haircut", "fifo"]))
def test_taint_is_conserved(rows: list[tuple[str, str, int, int]], rule: str) -> None:
    rows = sorted((r for r in rows if r[0] != r[1]), key=lambda r: r[2])
    if not rows:
        return
    dirty = {"a": 15.0, "b": 5.0}
    out = taint(tx([(a, b, float(t), float(q)) for a, b, t, q in rows]), dirty, rule=rule)  # type: ignore[arg-type]
    assert sum(out["tainted"].values()) == pytest.approx(20.0)  # dirty money never vanishes
    for node, held in out["held"].items():
        assert -1e-9 <= out["tainted"].get(node, 0.0) <= held + 1e-9


@settings(max_examples=50, deadline=None)
@given(rows=streams)
def test_greedy_flow_never_exceeds_what_the_source_sent(
    rows: list[tuple[str, str, int, int]],
) -> None:
    rows = sorted(rows, key=lambda r: r[2])
    stream = tx([(a, b, float(t), float(q)) for a, b, t, q in rows])
    result = greedy_flow(stream, "a", "e")
    sent = sum(q for a, b, _, q in rows if a == "a" and b != "a")
    assert 0 <= result["flow"] <= sent + 1e-9
    assert all(c <= q + 1e-9 for c, (_, _, _, q) in zip(result["carried"], rows, strict=True))


def test_transactions_need_times(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("source,target,amount\na,b,3\n")
    with pytest.raises(DataFormatError, match="need a time column"):
        Transactions.from_edgelist(read_edgelist(tmp_path / "t.csv"))
    (tmp_path / "u.csv").write_text("source,target,amount,time\na,b,3,2\nb,c,1,\n")
    with pytest.raises(DataFormatError, match="1 transfer"):
        Transactions.from_edgelist(read_edgelist(tmp_path / "u.csv"))
    (tmp_path / "v.csv").write_text("source,target,amount,time\nb,c,1,5\na,b,3,2\n")
    stream = Transactions.from_edgelist(read_edgelist(tmp_path / "v.csv"))
    assert stream.senders == ["a", "b"] and stream.amounts.tolist() == [3.0, 1.0]
