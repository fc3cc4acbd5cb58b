"""Tie durability on hand-made histories and against Madrid 2004's recorded tie-formed and
tie-ended years."""

from __future__ import annotations

import collections
import csv

import numpy as np
import pytest

from bastion import ParameterError
from bastion.io.edgelist import EdgeList, concat, read_edgelist
from bastion.networks import Ties
from bastion.networks.durability import Rules, durability
from tests.conftest import SHARED_DATA

MADRID = SHARED_DATA / "networks" / "ucinet_covert" / "covert_30"


def timed(rows: list[tuple[str, str, str, float]], directed: bool = False) -> Ties:
    return Ties(
        EdgeList(
            [r[0] for r in rows],
            [r[1] for r in rows],
            np.ones(len(rows)),
            "<test>",
            [r[2] for r in rows],
            np.array([r[3] for r in rows], dtype=float),
            np.array([r[3] for r in rows], dtype=float),
        ),
        directed,
    )


def test_hand_made_histories() -> None:
    ties = timed(
        [
            ("a", "b", "kin", 1),
            ("a", "b", "kin", 2),
            ("b", "a", "arms", 3),  # long, multiplex
            ("c", "d", "arms", 1),
            ("c", "d", "arms", 4),  # recurrent: two spells
            ("e", "f", "arms", 2),  # one-off
            ("g", "h", "arms", 3),
            ("h", "g", "arms", 3),  # reciprocated once
        ],
        directed=True,
    )
    by = {(h.source, h.target): h for h in durability(ties, Rules(needed=1))}
    ab = by[("a", "b")]
    assert (ab.first, ab.last, ab.lifetime, ab.active, ab.recurrence) == (1, 3, 3, 3, 1)
    assert (ab.multiplexity, ab.layers, ab.kind) == (2, ["arms", "kin"], "strategic")
    assert ab.criteria == ["lifetime", "multiplexity"]
    assert ab.reciprocity == 0.0
    cd = by[("c", "d")]
    assert (cd.lifetime, cd.active, cd.recurrence) == (4, 2, 2)
    assert by[("e", "f")].kind == "tactical"
    assert by[("g", "h")].reciprocity == 1.0
    strict = {(h.source, h.target): h.kind for h in durability(ties, Rules(needed=2))}
    assert strict == {
        ("a", "b"): "strategic",
        ("c", "d"): "strategic",
        ("e", "f"): "tactical",
        ("g", "h"): "tactical",
    }
    with pytest.raises(ParameterError, match="needed must be between 1 and 4"):
        Rules(needed=5)


def _read(k: int) -> EdgeList:
    return read_edgelist(
        MADRID / f"covert_30_{k:02d}_edges.csv", source="from_name", target="to_name"
    )


def _recorded(k: int) -> dict[frozenset[str], int]:
    with (MADRID / f"covert_30_{k:02d}_edges.csv").open() as handle:
        return {
            frozenset((r["from_name"], r["to_name"])): int(float(r["weight"]))
            for r in csv.DictReader(handle)
        }


@pytest.mark.realdata
def test_madrid_lifetimes_agree_with_recorded_years() -> None:
    # 21 half-year or longer slices, 1985-89 to 2006_2 (slices 19-21 are empty)
    slices = [
        k for k in range(1, 22) if (MADRID / f"covert_30_{k:02d}_edges.csv").stat().st_size > 60
    ]
    ties = Ties.from_edgelist(concat([_read(k) for k in slices], phases=slices))
    histories = {frozenset((h.source, h.target)): h for h in durability(ties)}
    formed, ended = _recorded(25), _recorded(24)  # MADRID_TIE_YEAR, MADRID_TIE_EXTINGUISH
    assert set(histories) == set(formed) == set(ended)  # every recorded tie, no other
    # the recorded years are category codes: map each to the slice most ties give it, then
    # count the ties whose computed first / last slice is that slice
    agree = {}
    for name, recorded, attr in (("formed", formed, "first"), ("ended", ended, "last")):
        votes = collections.Counter(
            (code, getattr(histories[t], attr)) for t, code in recorded.items()
        )
        decode = {}
        for (code, phase), _ in votes.most_common():
            decode.setdefault(code, phase)
        agree[name] = np.mean(
            [decode[c] == getattr(histories[t], attr) for t, c in recorded.items()]
        )
    assert agree["formed"] >= 0.99 and agree["ended"] >= 0.99  # 224 and 225 of 226 ties
    kinds = collections.Counter(h.kind for h in histories.values())
    assert kinds["strategic"] > 0 and kinds["tactical"] > 0
