"""Composite indices defined in YAML files, with located errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from bastion import DataFormatError
from bastion.exposure import evaluate, inform_upper_levels
from bastion.exposure.index_file import load_index

INFORM_YAML = """
id: risk
method: geometric
decimals: 1
children:
  - {id: hazard_exposure, method: inform, decimals: 1, children: [natural, human]}
  - {id: vulnerability, method: inform, decimals: 1,
     children: [socio_economic_vulnerability, vulnerable_groups]}
  - {id: lack_of_coping_capacity, method: inform, decimals: 1,
     children: [institutional, infrastructure]}
"""


def test_inform_upper_levels_as_a_file_match_the_preset(
    write_yaml: Callable[[str, str], Path],
) -> None:
    tree = load_index(write_yaml(INFORM_YAML, "index.yaml"))
    rng = np.random.default_rng(0)
    table = {
        c: rng.uniform(0, 10, 50)
        for c in (
            "natural",
            "human",
            "socio_economic_vulnerability",
            "vulnerable_groups",
            "institutional",
            "infrastructure",
        )
    }
    ours, preset = evaluate(tree, table), evaluate(inform_upper_levels(), table)
    for level in ("hazard_exposure", "vulnerability", "lack_of_coping_capacity", "risk"):
        np.testing.assert_array_equal(ours[level], preset[level])


def test_errors_are_located_and_all_reported(write_yaml: Callable[[str, str], Path]) -> None:
    path = write_yaml(
        "id: risk\nmethd: geometric\nchildren:\n  - id: a\n    method: median\n"
        "    children: [x, y]\n  - id: b\n    weights: [1]\n    children: [x, y]\n",
        "bad.yaml",
    )
    with pytest.raises(DataFormatError) as info:
        load_index(path)
    issues = info.value.issues
    assert [(i.line, i.path) for i in issues] == [
        (2, "methd"),
        (5, "children[0].method"),
        (7, "children[1]"),
    ]
    assert "did you mean 'method'?" in issues[0].message
    assert "1 weights for 2 children" in issues[2].message


def test_duplicate_ids(write_yaml: Callable[[str, str], Path]) -> None:
    path = write_yaml("id: a\nchildren:\n  - {id: a, children: [x]}\n", "dup.yaml")
    with pytest.raises(DataFormatError, match="repeated: a"):
        load_index(path)
