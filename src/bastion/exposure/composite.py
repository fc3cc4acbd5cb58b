"""Composite indices as trees: indicators -> components -> categories -> dimensions -> index.

A node aggregates its children (other nodes, or columns of the input table) with weights,
an aggregation operator and an optional rounding rule applied to its own score, which is
what its parent then aggregates (INFORM builds each level from the rounded level below).
Evaluation is vectorised over units (countries).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bastion.errors import ParameterError
from bastion.exposure.aggregation import aggregate, round_half_away

__all__ = ["Node", "evaluate", "inform_upper_levels"]


@dataclass(frozen=True)
class Node:
    """One aggregate of a composite index."""

    id: str
    children: Sequence[Node | str]
    method: str = "arithmetic"
    weights: Sequence[float] | None = None
    decimals: int | None = None
    power: float | None = None
    name: str = ""

    def walk(self) -> list[Node]:
        """Every node of the subtree rooted here, children before parents."""
        nodes: list[Node] = []
        for child in self.children:
            if isinstance(child, Node):
                nodes += child.walk()
        return [*nodes, self]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Node:
        """Build a tree from nested mappings (as read from YAML)."""
        children = [
            cls.from_mapping(c) if isinstance(c, Mapping) else str(c) for c in data["children"]
        ]
        return cls(
            id=str(data["id"]),
            children=children,
            method=str(data.get("method", "arithmetic")),
            weights=data.get("weights"),
            decimals=data.get("decimals"),
            power=data.get("power"),
            name=str(data.get("name", "")),
        )


def evaluate(root: Node, table: Mapping[str, Any]) -> dict[str, np.ndarray[Any, Any]]:
    """Scores of every node of ``root`` for the units of ``table`` (column -> values)."""
    scores: dict[str, np.ndarray[Any, Any]] = {
        k: np.asarray(v, dtype=float) for k, v in table.items()
    }
    for node in root.walk():
        columns = []
        for child in node.children:
            key = child.id if isinstance(child, Node) else child
            if key not in scores:
                raise ParameterError(
                    f"node {node.id!r} needs {key!r}, which is neither a node nor a column; "
                    f"columns: {', '.join(sorted(table))}"
                )
            columns.append(scores[key])
        value = aggregate(
            np.column_stack(columns), node.weights, method=node.method, power=node.power
        )
        if node.decimals is not None:
            value = round_half_away(value, node.decimals)
        scores[node.id] = value
    return scores


def inform_upper_levels() -> Node:
    """INFORM Risk from its six categories up (INFORM 2023 methodology).

    Hazard & Exposure = G(Natural, Human); Vulnerability = G(Socio-Economic, Vulnerable
    Groups); Lack of Coping Capacity = G(Institutional, Infrastructure), each rounded to one
    decimal half away from zero; Risk = geometric mean of the three rounded dimensions,
    rounded likewise. G is :func:`~bastion.exposure.aggregation.inform_operator`.
    """

    def dimension(node_id: str, children: list[str]) -> Node:
        return Node(node_id, children, method="inform", decimals=1)

    return Node(
        "risk",
        [
            dimension("hazard_exposure", ["natural", "human"]),
            dimension("vulnerability", ["socio_economic_vulnerability", "vulnerable_groups"]),
            dimension("lack_of_coping_capacity", ["institutional", "infrastructure"]),
        ],
        method="geometric",
        decimals=1,
        name="INFORM Risk",
    )
